import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, runNode } from "../helpers/run-command.js";

// What `npm run ask` runs: the compiled JavaScript on plain node (no TypeScript loader), through
// the script that first rebuilds dist/ when src/ is newer than the last build.
const RUN = join(PROJECT_ROOT, "scripts", "run.mjs");

// Records the package of every module the process loads, and every file of dist/ it loads
// (`dist/…`), one a line, in the file named by LOADED_PACKAGES_FILE: what it imports as it loads
// (the loader hook), and at its exit every CommonJS module in `require`'s cache (the build loads
// CommonJS packages such as jieba with `require`, which node 20's loader hooks do not see). Child
// processes, which inherit NODE_OPTIONS, record theirs too.
const RECORD = `
import { appendFileSync } from "node:fs";
export function record(path) {
  const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(path) ?? /\\/(dist\\/.*)$/.exec(path);
  if (match) appendFileSync(process.env.LOADED_PACKAGES_FILE, match[1] + "\\n");
}
`;
const RECORDER = `
import { record } from "./record.mjs";
export async function load(url, context, next) {
  record(url);
  return next(url, context);
}
`;
const REGISTER = (root: string) => `
import { createRequire, register } from "node:module";
import { record } from "./record.mjs";
register(${JSON.stringify(`file://${join(root, "recorder.mjs")}`)});
const { Module } = createRequire(import.meta.url)("node:module");
process.on("exit", () => Object.keys(Module._cache).forEach(record));
`;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "qa-compiled-"));
  return () => rm(root, { recursive: true, force: true });
});

describe("the compiled npm run ask", () => {
  it("answers with plain node, keyword-only, without loading the model runtime or LangChain", async () => {
    await writeFile(join(root, "record.mjs"), RECORD);
    await writeFile(join(root, "recorder.mjs"), RECORDER);
    await writeFile(join(root, "register.mjs"), REGISTER(root));
    const loadedFile = join(root, "loaded.txt");
    await writeFile(loadedFile, "");
    const { code, stdout, stderr } = await runNode(
      [RUN, "ask", "--json", "西宁开发区多晶硅出口额是多少？"],
      {
        // Through the environment, so that the child processes load the recorder too.
        NODE_OPTIONS: `--import ${join(root, "register.mjs")}`,
        INDEX_DIR: join(root, "embeddings"),
        MODELS_DIR: join(root, "no-models"),
        LOADED_PACKAGES_FILE: loadedFile,
        // A cold cache: CC-CEDICT's readings come from its build, in the bundled child process.
        TMPDIR: join(root, "tmp"),
      },
    );
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("Answering with keyword search only.");
    const answer = JSON.parse(stdout.trim());
    expect(answer.answer).toContain("8.5亿元");
    expect(answer.citations[0]).toMatchObject({ n: 1, source: "003_bcfb9783f9e97214.txt" });
    const loaded = new Set((await readFile(loadedFile, "utf8")).split("\n"));
    // The recorder sees the packages the answer needs…
    expect(loaded).toContain("@node-rs/jieba");
    // …and none that only the model or an LLM needs.
    for (const name of ["@xenova/transformers", "onnxruntime-node", "@langchain/core", "langsmith"])
      expect(loaded).not.toContain(name);
    // The bundle found its child process and data files where the unbundled files did: the English
    // index was built (for the readings) in the bundled child, and cached, the readings and jieba's
    // idf table and dictionary beside it.
    expect(loaded).toContain("dist/cli/ask.js");
    expect(loaded).toContain("dist/english/build-child.js");
    const cached = await readdir(join(root, "tmp", "xining-news-qa"));
    for (const kind of [
      /^cedict-en-zh-.*\.txt$/,
      /\.readings\.json$/,
      /^jieba-idf-.*\.bin$/,
      /^jieba-dict-.*\.bin$/,
    ])
      expect(
        cached.some((name) => kind.test(name)),
        String(kind),
      ).toBe(true);
  });

  it("builds an archive's keyword index on worker threads from the compiled embed", async () => {
    // Over 2 M characters of text the build cuts the passages on a pool of worker threads, started
    // by path: the bundle must have written that file. 450 pages: the seeds, 90 times renamed.
    const seeds = join(root, "archive");
    await mkdir(seeds);
    const pages = await readdir(join(PROJECT_ROOT, "seeds"));
    for (let i = 1; i <= 90; i++)
      for (const page of pages) {
        const text = await readFile(join(PROJECT_ROOT, "seeds", page), "utf8");
        await writeFile(join(seeds, `${i}_${page}`), text.replaceAll("西宁", `西宁${i}`));
      }
    const index = join(root, "archive-index");
    const built = await runNode([RUN, "embed"], {
      SEEDS_DIR: seeds,
      INDEX_DIR: index,
      MODELS_DIR: join(root, "no-models"),
      TMPDIR: join(root, "tmp"),
    });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toContain("Indexed 450 pages");
    const asked = await runNode([RUN, "ask", "--json", "西宁7开发区多晶硅出口额是多少？"], {
      SEEDS_DIR: seeds,
      INDEX_DIR: index,
      MODELS_DIR: join(root, "no-models"),
      TMPDIR: join(root, "tmp"),
    });
    expect(asked.code, asked.stderr).toBe(0);
    expect(JSON.parse(asked.stdout.trim()).answer).toContain("8.5亿元");
  }, 120_000);
});
