// Runs the README's "Use it from your code" snippets exactly as written, with only the address
// changed to the test gateway's. Each snippet runs as its own program in an empty folder (so
// the files it writes can be checked); TypeScript is type-checked, then stripped and run.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { BASE_URL, isPng, isWebp, pngSize } from "./easel.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const README = path.resolve(here, "../../../../README.md");
const README_URL = "http://127.0.0.1:8080/v1";

/** `<!-- snippet: NAME -->` then a fenced block: name to {lang, code}. */
function snippets() {
  const text = fs.readFileSync(README, "utf8");
  const found = new Map();
  for (const m of text.matchAll(/<!-- snippet: ([\w-]+) -->\n```(\w+)\n([\s\S]*?)\n```/g)) {
    assert.ok(!found.has(m[1]), `snippet ${m[1]} appears twice`);
    found.set(m[1], { lang: m[2], code: m[3] });
  }
  return found;
}

const ALL = snippets();
const RUN_ELSEWHERE = new Set(["java-openai"]); // ReadmeJavaSnippetTest
const NOT_RUN_HERE = new Set(["python-openai", "langchain-python"]);

function snippet(name) {
  const s = ALL.get(name);
  assert.ok(s, `README has no snippet ${name}`);
  assert.ok(s.code.includes(README_URL), `${name} talks to ${README_URL}`);
  return { ...s, code: s.code.replaceAll(README_URL, BASE_URL) };
}

/** Writes the program next to node_modules (so its imports resolve) and runs it in an empty folder. */
async function runProgram(name, code, extension = ".mjs") {
  const programs = path.join(here, ".readme-snippets");
  fs.mkdirSync(programs, { recursive: true });
  const file = path.join(programs, name + extension);
  fs.writeFileSync(file, code);
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), `easel-${name}-`));
  const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd, timeout: 120_000 });
  return { cwd, stdout };
}

// Each snippet is its own program waiting on the gateway: run them side by side.
describe("README snippets", { concurrency: true }, () => {
  test("every README snippet is run here, run by a Java test, or marked not run here", () => {
    const known = new Set(["node-openai", "typescript-openai", "vercel-ai-sdk", "langchain-js", ...RUN_ELSEWHERE, ...NOT_RUN_HERE]);
    assert.deepEqual([...ALL.keys()].sort(), [...known].sort());
  });

  test("README node-openai: b64_json and url without response_format, Easel's fields inline", async () => {
    const { cwd, stdout } = await runProgram("node-openai", snippet("node-openai").code);
    assert.ok(isPng(fs.readFileSync(path.join(cwd, "fox.png"))));
    const [url, sizes] = stdout.trim().split("\n");
    assert.ok(isPng(await (await fetch(url)).arrayBuffer()), `${url} serves the PNG`);
    const [size, delivered] = sizes.split(" ");
    const [w, h] = size.split("x").map(Number);
    assert.equal(size, delivered);
    assert.ok(Math.abs(w / h - 16 / 9) < 0.02, `16:9, got ${size}`);
  });

  test("README typescript-openai: compiles under strict with the cast, then runs", async () => {
    const { code } = snippet("typescript-openai");
    const programs = path.join(here, ".readme-snippets");
    fs.mkdirSync(programs, { recursive: true });
    const file = path.join(programs, "typescript-openai.mts");
    fs.writeFileSync(file, code);
    // tsc in its own process: type-checking the SDK's types takes seconds and must not stall the
    // other snippets' tests. Without lib.dom (slow to load) or @types/node, console needs declaring.
    fs.writeFileSync(path.join(programs, "globals.d.ts"), "declare const console: { log(...args: unknown[]): void };\n");
    fs.writeFileSync(path.join(programs, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, skipLibCheck: true, target: "es2022", lib: ["es2022"], types: [],
        module: "nodenext", moduleResolution: "nodenext",
      },
      files: ["typescript-openai.mts", "globals.d.ts"],
    }));
    const tsc = path.join(here, "node_modules", "typescript", "bin", "tsc");
    const checked = await promisify(execFile)(process.execPath, [tsc, "-p", programs, "--pretty", "false"], { timeout: 120_000 })
      .then(() => "", (e) => `${e.stdout}${e.stderr}`);
    assert.equal(checked, "", "tsc reports no error");

    const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const { stdout } = await runProgram("typescript-openai", js);
    const [size, length] = stdout.trim().split(" ");
    const [w, h] = size.split("x").map(Number);
    assert.ok(Math.abs(w / h - 21 / 9) < 0.03, `21:9, got ${size}`);
    assert.ok(Number(length) > 100, "a base64 image came back");
  });

  test("README vercel-ai-sdk: providerOptions.easel carries the extras, two WebP files", async () => {
    const { cwd } = await runProgram("vercel-ai-sdk", snippet("vercel-ai-sdk").code);
    for (const name of ["lighthouse-0.webp", "lighthouse-1.webp"]) {
      assert.ok(isWebp(fs.readFileSync(path.join(cwd, name))), name);
    }
  });

  test("README langchain-js: DallEAPIWrapper returns a URL that serves the image", async () => {
    const { stdout } = await runProgram("langchain-js", snippet("langchain-js").code);
    const url = stdout.trim();
    assert.ok(url.startsWith("http"), `a URL, got ${url}`);
    const bytes = await (await fetch(url)).arrayBuffer();
    assert.deepEqual(pngSize(bytes), { width: 1024, height: 1024 });
  });
});
