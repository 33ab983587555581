// Calls Easel through the official OpenAI SDK and saves the image.
// Usage: npm install && npm start   (Easel running on http://127.0.0.1:8080, no keys needed)
import OpenAI from "openai";
import { writeFileSync } from "node:fs";

const client = new OpenAI({
  baseURL: process.env.EASEL_URL ?? "http://127.0.0.1:8080/v1",
  // The SDK insists on a key; Easel ignores it unless EASEL_API_KEYS is set.
  apiKey: process.env.EASEL_API_KEY ?? "not-needed",
});

const result = await client.images.generate({
  model: process.env.EASEL_MODEL ?? "test-pattern",
  prompt: "a red fox in the snow",
  size: "640x480",
  output_format: "webp",
  response_format: "b64_json",
});

const file = "fox.webp";
writeFileSync(file, Buffer.from(result.data[0].b64_json, "base64"));
console.log(`saved ${file}: ${result.size} ${result.output_format} from ${result.metadata?.provider}`);
