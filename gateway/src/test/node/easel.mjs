// Shared by the client-compatibility tests: where Easel and its stub providers run (set by
// NodeClientsEndToEndTest), a fetch that records what an SDK sends, and image checks.
import { randomUUID } from "node:crypto";

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this suite through NodeClientsEndToEndTest (./mvnw verify)`);
  }
  return value;
}

export const EASEL_URL = required("EASEL_URL");
export const BASE_URL = `${EASEL_URL}/v1`;

/** A prompt no other test sends, so upstream calls can be counted per test. */
export function uniquePrompt(label) {
  return `${label} ${randomUUID()}`;
}

/**
 * A fetch that records every request an SDK makes (its retries included) and passes it on.
 * `calls` holds `{ url, headers, body }`, body parsed when it is JSON.
 */
export function recordingFetch() {
  const calls = [];
  const fetchAndRecord = async (input, init = {}) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    let body;
    if (typeof init.body === "string") {
      try {
        body = JSON.parse(init.body);
      } catch {
        body = init.body;
      }
    }
    calls.push({ url, headers, body });
    return fetch(input, init);
  };
  return { fetch: fetchAndRecord, calls };
}

/**
 * How many times a stub provider received `prompt` (WireMock's admin API), i.e. how many
 * generations Easel started upstream for it.
 */
export async function upstreamCalls(stub, prompt) {
  const root = required(`STUB_${stub.toUpperCase()}_URL`);
  const response = await fetch(`${root}/__admin/requests/count`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      method: "POST",
      url: "/v1/images/generations",
      bodyPatterns: [{ matchesJsonPath: { expression: "$.prompt", equalTo: prompt } }],
    }),
  });
  if (!response.ok) {
    throw new Error(`WireMock admin answered ${response.status}`);
  }
  return (await response.json()).count;
}

export function isPng(bytes) {
  const b = Buffer.from(bytes);
  return b.length > 24 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

export function isWebp(bytes) {
  const b = Buffer.from(bytes);
  return b.length > 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP";
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes) {
  const b = Buffer.from(bytes);
  if (!isPng(b)) {
    throw new Error("not a PNG");
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
