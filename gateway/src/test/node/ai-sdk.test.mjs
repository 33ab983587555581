// The Vercel AI SDK (`ai` 6, `@ai-sdk/openai` 3, `@ai-sdk/openai-compatible` 2) against Easel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateImage, APICallError } from "ai";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { BASE_URL, isPng, isWebp, pngSize, recordingFetch, uniquePrompt, upstreamCalls } from "./easel.mjs";

function openaiProvider(fetch) {
  return createOpenAI({ baseURL: BASE_URL, apiKey: "not-needed", fetch });
}

function easelProvider(fetch) {
  return createOpenAICompatible({ name: "easel", baseURL: BASE_URL, apiKey: "not-needed", fetch });
}

test("OpenAI provider, gpt-image-1: sends no response_format and reads b64_json", async () => {
  const recorder = recordingFetch();
  const { image } = await generateImage({
    model: openaiProvider(recorder.fetch).image("gpt-image-1"),
    prompt: uniquePrompt("a santa claus riding a unicorn"),
    size: "1024x1024",
  });
  assert.ok(isPng(image.uint8Array));
  assert.equal(recorder.calls.length, 1);
  assert.equal("response_format" in recorder.calls[0].body, false, "the SDK leaves response_format out for GPT image ids");
});

test("OpenAI provider, dall-e-3 with n above its per-call maximum: the SDK splits into calls of one", async () => {
  const recorder = recordingFetch();
  const prompt = uniquePrompt("three cats");
  const { images } = await generateImage({ model: openaiProvider(recorder.fetch).image("dall-e-3"), prompt, n: 3 });
  assert.equal(images.length, 3);
  assert.ok(images.every((i) => isPng(i.uint8Array)));
  assert.deepEqual(recorder.calls.map((c) => c.body.n), [1, 1, 1]);
  assert.equal(await upstreamCalls("openai", prompt), 3);
});

test("OpenAI-compatible provider, n above Easel's own limit of 10: split by maxImagesPerCall", async () => {
  const recorder = recordingFetch();
  const { images } = await generateImage({
    model: easelProvider(recorder.fetch).imageModel("test-pattern"),
    prompt: "twelve tiles",
    n: 12,
    size: "64x64",
  });
  assert.equal(images.length, 12);
  assert.deepEqual(recorder.calls.map((c) => c.body.n).sort((a, b) => a - b), [2, 10]);
  assert.ok(images.every((i) => isPng(i.uint8Array)));
});

test("OpenAI-compatible provider: Easel's extras travel in providerOptions.easel", async () => {
  const recorder = recordingFetch();
  const easel = easelProvider(recorder.fetch);
  const generate = (seed, output_format) => generateImage({
    model: easel.imageModel("test-pattern"),
    prompt: "a lighthouse at dusk",
    providerOptions: { easel: { aspect_ratio: "16:9", resolution: "0.5K", seed, output_format } },
  });

  const first = await generate(7, "png");
  const again = await generate(7, "png");
  const other = await generate(8, "png");
  const webp = await generate(7, "webp");

  assert.deepEqual(recorder.calls[0].body, {
    model: "test-pattern", prompt: "a lighthouse at dusk", n: 1,
    aspect_ratio: "16:9", resolution: "0.5K", seed: 7, output_format: "png", response_format: "b64_json",
  });
  const { width, height } = pngSize(first.image.uint8Array);
  assert.ok(Math.abs(width / height - 16 / 9) < 0.02, `16:9, got ${width}x${height}`);
  assert.ok(width * height < 600_000, `the 0.5K tier, got ${width}x${height}`);
  assert.deepEqual(again.image.uint8Array, first.image.uint8Array, "the same seed draws the same picture");
  assert.notDeepEqual(other.image.uint8Array, first.image.uint8Array, "another seed draws another");
  assert.ok(isWebp(webp.image.uint8Array));
});

test("AI SDK retry after a passing 500: the same Idempotency-Key on both attempts", async () => {
  const recorder = recordingFetch();
  const prompt = uniquePrompt("a retried fox");
  const key = `ai-sdk-${prompt}`;
  const { image } = await generateImage({
    model: easelProvider(recorder.fetch).imageModel("flaky"),
    prompt,
    headers: { "Idempotency-Key": key },
  });
  assert.ok(isPng(image.uint8Array));
  assert.deepEqual(recorder.calls.map((c) => c.headers.get("idempotency-key")), [key, key]);
  assert.equal(await upstreamCalls("flaky", prompt), 2);
});

test("AI SDK and a 400: not retryable, one call", async () => {
  const recorder = recordingFetch();
  const prompt = uniquePrompt("refused by the AI SDK");
  const error = await generateImage({ model: easelProvider(recorder.fetch).imageModel("strict"), prompt })
    .then(() => null, (e) => e);
  assert.ok(APICallError.isInstance(error), `got ${error}`);
  assert.equal(error.statusCode, 400);
  assert.equal(error.isRetryable, false);
  assert.equal(recorder.calls.length, 1);
  assert.equal(await upstreamCalls("strict", prompt), 1);
});

test("AI SDK edit form: prompt {text, images} posts to /v1/images/edits", async () => {
  const recorder = recordingFetch();
  const easel = easelProvider(recorder.fetch);
  const { image: input } = await generateImage({ model: easel.imageModel("test-pattern"), prompt: "a plain scene", size: "640x480" });

  const { image } = await generateImage({
    model: easel.imageModel("test-pattern"),
    prompt: { text: "add a red balloon", images: [input.uint8Array] },
  });

  assert.ok(recorder.calls[1].url.endsWith("/v1/images/edits"));
  const { width, height } = pngSize(image.uint8Array);
  assert.ok(Math.abs(width / height - 4 / 3) < 0.02, `keeps the input's 4:3, got ${width}x${height}`);
});
