// The `openai` npm package (v6) against Easel, written the way OpenAI's own documentation
// and people's code use it: no response_format, the SDK's own retries and timeouts.
import { test } from "node:test";
import assert from "node:assert/strict";
import OpenAI, { toFile } from "openai";
import { BASE_URL, isPng, isWebp, pngSize, recordingFetch, uniquePrompt, upstreamCalls } from "./easel.mjs";

const client = new OpenAI({ baseURL: BASE_URL, apiKey: "not-needed", maxRetries: 0 });

test("gpt-image-1 as OpenAI documents it: no response_format, reads data[0].b64_json", async () => {
  const prompt = uniquePrompt("a children's book drawing of a veterinarian");
  const result = await client.images.generate({ model: "gpt-image-1", prompt });
  const image_base64 = result.data[0].b64_json;
  const image_bytes = Buffer.from(image_base64, "base64");
  assert.ok(isPng(image_bytes), "b64_json decodes to a PNG");
  assert.equal(await upstreamCalls("openai", prompt), 1);
});

test("dall-e-3 as DALL-E code reads it: no response_format, reads data[0].url", async () => {
  const response = await client.images.generate({ model: "dall-e-3", prompt: uniquePrompt("a white siamese cat"), n: 1, size: "1024x1024" });
  const image_url = response.data[0].url;
  const fetched = await fetch(image_url);
  assert.equal(fetched.status, 200);
  assert.ok(isPng(await fetched.arrayBuffer()), "the url serves a PNG");
});

test("without response_format each image carries both, the same bytes", async () => {
  const result = await client.images.generate({ model: "test-pattern", prompt: "both", size: "64x64" });
  const [image] = result.data;
  const hosted = Buffer.from(await (await fetch(image.url)).arrayBuffer());
  assert.deepEqual(hosted, Buffer.from(image.b64_json, "base64"));
});

test("response_format given explicitly gets exactly that one", async () => {
  const b64 = await client.images.generate({ model: "test-pattern", prompt: "one", size: "64x64", response_format: "b64_json" });
  assert.ok(b64.data[0].b64_json);
  assert.equal(b64.data[0].url, undefined);
  const url = await client.images.generate({ model: "test-pattern", prompt: "one", size: "64x64", response_format: "url" });
  assert.ok(url.data[0].url);
  assert.equal(url.data[0].b64_json, undefined);
});

test("a passing 500 upstream: the SDK retries with the same Idempotency-Key and gets the image", async () => {
  const recorder = recordingFetch();
  const retrying = new OpenAI({ baseURL: BASE_URL, apiKey: "not-needed", maxRetries: 2, fetch: recorder.fetch });
  const prompt = uniquePrompt("a lighthouse at dusk");
  const key = `retry-${prompt}`;

  const result = await retrying.images.generate({ model: "flaky", prompt }, { headers: { "Idempotency-Key": key } });

  assert.ok(isPng(Buffer.from(result.data[0].b64_json, "base64")));
  assert.equal(recorder.calls.length, 2, "one failed attempt (Easel answered 502 all_providers_exhausted), one retry");
  assert.deepEqual(recorder.calls.map((c) => c.headers.get("idempotency-key")), [key, key]);
  assert.equal(await upstreamCalls("flaky", prompt), 2, "failures are not replayed: the retry ran again");
});

test("an attempt the SDK timed out and its retry share one generation (Idempotency-Key)", async () => {
  const recorder = recordingFetch();
  // The slow stub answers after 1.5 s; the SDK gives up on each attempt after 1 s and retries.
  const impatient = new OpenAI({ baseURL: BASE_URL, apiKey: "not-needed", timeout: 1_000, maxRetries: 3, fetch: recorder.fetch });
  const prompt = uniquePrompt("a slow sunrise");

  const result = await impatient.images.generate({ model: "slow", prompt }, { headers: { "Idempotency-Key": `slow-${prompt}` } });

  assert.ok(isPng(Buffer.from(result.data[0].b64_json, "base64")));
  assert.ok(recorder.calls.length >= 2, `the SDK retried after its timeout (${recorder.calls.length} attempts)`);
  assert.equal(await upstreamCalls("slow", prompt), 1, "one image made and paid for, whatever the SDK's attempts");
});

test("a 400 is not retried: Easel says x-should-retry: false and the provider is called once", async () => {
  const recorder = recordingFetch();
  const retrying = new OpenAI({ baseURL: BASE_URL, apiKey: "not-needed", maxRetries: 2, fetch: recorder.fetch });
  const prompt = uniquePrompt("refused");

  const error = await retrying.images.generate({ model: "strict", prompt }).then(() => null, (e) => e);

  assert.ok(error instanceof OpenAI.BadRequestError, `got ${error}`);
  assert.equal(error.status, 400);
  assert.equal(error.headers.get("x-should-retry"), "false");
  assert.equal(recorder.calls.length, 1);
  assert.equal(await upstreamCalls("strict", prompt), 1);
});

test("a 409 (Idempotency-Key reused with another body) is not retried although the SDK retries 409s", async () => {
  const recorder = recordingFetch();
  const retrying = new OpenAI({ baseURL: BASE_URL, apiKey: "not-needed", maxRetries: 2, fetch: recorder.fetch });
  const headers = { "Idempotency-Key": uniquePrompt("key") };
  await retrying.images.generate({ model: "test-pattern", prompt: "first", size: "64x64" }, { headers });

  const error = await retrying.images.generate({ model: "test-pattern", prompt: "second", size: "64x64" }, { headers })
    .then(() => null, (e) => e);

  assert.ok(error instanceof OpenAI.ConflictError, `got ${error}`);
  assert.equal(error.code, "idempotency_key_reused");
  assert.equal(recorder.calls.length, 2, "one call each, no retry of the 409");
});

test("images.edit as OpenAI documents it: several images and a mask, multipart, on test-pattern", async () => {
  const { image: input } = await client.images.generate({ model: "test-pattern", prompt: "a plain room", size: "640x480", response_format: "b64_json" })
    .then((r) => ({ image: Buffer.from(r.data[0].b64_json, "base64") }));
  const { image: mask } = await client.images.generate({ model: "test-pattern", prompt: "a mask", size: "640x480", response_format: "b64_json" })
    .then((r) => ({ image: Buffer.from(r.data[0].b64_json, "base64") }));

  const result = await client.images.edit({
    model: "test-pattern",
    prompt: "add a red balloon",
    image: [await toFile(input, "room.png", { type: "image/png" }), await toFile(input, "again.png", { type: "image/png" })],
    mask: await toFile(mask, "mask.png", { type: "image/png" }),
  });

  const edited = Buffer.from(result.data[0].b64_json, "base64");
  assert.ok(isPng(edited), "b64_json decodes to a PNG");
  const { width, height } = pngSize(edited);
  assert.ok(Math.abs(width / height - 4 / 3) < 0.02, `keeps the first image's 4:3, got ${width}x${height}`);
  assert.equal(result.metadata.mask.sent, "alpha");
});

test("images.generate with stream: true iterates partial then completed events, as OpenAI documents it", async () => {
  const stream = await client.images.generate({
    model: "test-pattern", prompt: "a lighthouse at dusk", size: "256x256", output_format: "webp",
    stream: true, partial_images: 2,
  });

  const events = [];
  for await (const event of stream) {
    events.push(event);
  }

  const partials = events.filter((e) => e.type === "image_generation.partial_image");
  const completed = events.filter((e) => e.type === "image_generation.completed");
  assert.deepEqual(partials.map((e) => e.partial_image_index), [0, 1]);
  assert.equal(completed.length, 1);
  assert.equal(events.at(-1).type, "image_generation.completed", "the completed event comes last");
  for (const event of [...partials, ...completed]) {
    assert.ok(isWebp(Buffer.from(event.b64_json, "base64")), `${event.type} carries a WebP`);
    assert.equal(event.output_format, "webp");
  }
});

test("images.edit with stream: true iterates the edit's events, as OpenAI documents it", async () => {
  const input = await client.images.generate({ model: "test-pattern", prompt: "a plain wall", size: "320x240", response_format: "b64_json" })
    .then((r) => Buffer.from(r.data[0].b64_json, "base64"));

  const stream = await client.images.edit({
    model: "test-pattern", prompt: "paint a window", image: await toFile(input, "wall.png", { type: "image/png" }),
    stream: true, partial_images: 1,
  });
  const types = [];
  let last;
  for await (const event of stream) {
    types.push(event.type);
    last = event;
  }

  assert.deepEqual(types, ["image_edit.partial_image", "image_edit.completed"]);
  const edited = Buffer.from(last.b64_json, "base64");
  assert.ok(isPng(edited), "the completed edit is a PNG");
  const { width, height } = pngSize(edited);
  assert.ok(Math.abs(width / height - 4 / 3) < 0.02, `keeps the input's 4:3, got ${width}x${height}`);
});

