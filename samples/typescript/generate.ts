// Calls Easel through the official OpenAI SDK from TypeScript and saves the image.
// Usage: cd samples/node && npm install && npx tsx ../typescript/generate.ts
// EASEL_URL is the API base including /v1.
//
// The SDK's types only know OpenAI's fields. Easel-only fields (provider_options, seed,
// negative_prompt, size_mode, sizes like "16:9") need a cast on the way in, and Easel's
// metadata a cast on the way out; the SDK sends and returns them untouched.
import OpenAI from "openai";
import { writeFileSync } from "node:fs";

type EaselParams = OpenAI.Images.ImageGenerateParams & {
  size?: string; // "640x480", "16:9", "16:9@2K" as well as OpenAI's sizes
  seed?: number;
  negative_prompt?: string;
  size_mode?: "native" | "exact";
  provider_options?: Record<string, Record<string, unknown>>;
};

type EaselResponse = OpenAI.Images.ImagesResponse & {
  metadata?: { provider: string; provider_model: string; cost: { amount: number; currency: string } };
};

const client = new OpenAI({
  baseURL: process.env.EASEL_URL ?? "http://127.0.0.1:8080/v1",
  apiKey: process.env.EASEL_API_KEY ?? "not-needed",
});

const params: EaselParams = {
  model: process.env.EASEL_MODEL ?? "test-pattern",
  prompt: "a red fox in the snow",
  size: "16:9",
  seed: 42,
  response_format: "b64_json",
};

// The cast: the SDK's parameter type has no seed, size_mode or ratio sizes.
const result = (await client.images.generate(params as OpenAI.Images.ImageGenerateParamsNonStreaming)) as EaselResponse;

writeFileSync("fox.png", Buffer.from(result.data![0].b64_json!, "base64"));
console.log(`saved fox.png from ${result.metadata?.provider} for ${result.metadata?.cost.amount} USD`);
