import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { EMBED_USAGE } from "../../src/cli/args.js";
import { embedCommand } from "../../src/cli/commands/embed.js";
import { LARGE_INGEST_CHARS } from "../../src/index/build-index.js";
import { seedText } from "../helpers/seeds.js";
import { makeWorkspace, removeWorkspaces } from "../helpers/index-fixture.js";
import { runCommand } from "../helpers/run-command.js";
import { runInProcess } from "../helpers/run-in-process.js";

const embed = (args: string[], env: Record<string, string>) =>
  runInProcess(embedCommand, args, env);

let env: Record<string, string>;
let seedsDir: string;

beforeAll(async () => {
  const ws = await makeWorkspace();
  seedsDir = ws.seedsDir;
  env = { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir, MODELS_DIR: ws.modelsDir };
  // Removed when the file is done: no temp folder is left behind.
  return removeWorkspaces;
});

describe("npm run embed", () => {
  it("builds, then reuses, then reports staleness with --check, naming the page", async () => {
    const missing = await embed(["--check"], env);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("Index is missing:");

    const first = await embed([], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /Indexed 5 pages, 23 articles, (\d+) chunks \((\d+) embedded, 0 reused\) in [\d.]+ s/,
    );
    expect(first.stdout).toContain("Dense vectors: Xenova/bge-small-zh-v1.5.");
    // Not a terminal: progress comes as plain lines, not a redrawn bar.
    expect(first.stderr).toMatch(/^embedding: \d+\/\d+$/m);
    expect(first.stderr).not.toContain("\r");

    const fresh = await embed(["--check"], env);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(
      /^Index is up to date: 5 pages, \d+ chunks, Xenova\/bge-small-zh-v1.5 vectors/,
    );

    await appendFile(
      join(seedsDir, "002_587bb7119f8aca81.txt"),
      "\n西宁市新增公共停车泊位1200个。\n",
    );
    const stale = await embed(["--check"], env);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("  - page 002_587bb7119f8aca81.txt changed");

    const second = await embed([], env);
    expect(second.code).toBe(0);
    const [, chunks, embedded, reused] = /(\d+) chunks \((\d+) embedded, (\d+) reused\)/
      .exec(second.stdout)!
      .map(Number);
    expect(embedded).toBeGreaterThan(0);
    expect(reused).toBe(chunks! - embedded!);
    expect(reused).toBeGreaterThan(embedded!);
  });

  it("--strict without the model exits 1 before publishing anything: the dense index stays live", async () => {
    const current = await readFile(join(env.INDEX_DIR!, "CURRENT"), "utf8");
    const offline = { ...env, MODELS_DIR: join(seedsDir, "..", "nowhere") };
    const strict = await embed(["--strict"], offline);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(
      /error: --strict: the embedding model could not be loaded, nothing was built: Embedding model "Xenova\/bge-small-zh-v1.5" could not be loaded from .*nowhere/,
    );
    expect(strict.stdout).toBe("");
    expect(await readFile(join(env.INDEX_DIR!, "CURRENT"), "utf8")).toBe(current);
    expect((await embed(["--check"], env)).stdout).toContain("Xenova/bge-small-zh-v1.5 vectors");
  });

  it("without the model: warns, builds the keyword index, exits 0 — and 1 with --strict", async () => {
    const offline = { ...env, MODELS_DIR: join(seedsDir, "..", "nowhere") };
    const plain = await embed([], offline);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(
      /warning: Embedding model "Xenova\/bge-small-zh-v1.5" could not be loaded from .*nowhere/,
    );
    expect(plain.stdout).toContain("Dense vectors: none — keyword search only.");
    const strict = await embed(["--strict"], offline);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("error: --strict: the embedding model could not be loaded");
  });

  it("as a process (smoke): --check reports the index it built", async () => {
    const fresh = await runCommand("src/cli/embed.ts", ["--check"], env);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/^Index is up to date: /);
  });

  it("says INDEX_DIR is a file, rather than to rebuild, when a file stands where the folder should be", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qa-index-file-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, "embeddings");
    await writeFile(file, "not a folder\n");
    const fileEnv = { ...env, INDEX_DIR: file };
    for (const args of [["--check"], []]) {
      const result = await embed(args, fileEnv);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`error: INDEX_DIR "${file}" is a file, not a folder`);
      expect(result.stdout).not.toMatch(/Run npm run embed|rebuild/);
    }
    expect(await readFile(file, "utf8")).toBe("not a folder\n");
  });

  it("rejects an unknown option with the usage line", async () => {
    const result = await embed(["--fast"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: unknown option --fast\n${EMBED_USAGE}\n`);
  });

  it("refuses to replace a good index when SEEDS_DIR is empty, exit 1, unless --allow-empty", async () => {
    const emptySeeds = await mkdtemp(join(tmpdir(), "qa-empty-seeds-"));
    onTestFinished(() => rm(emptySeeds, { recursive: true, force: true }));
    expect((await embed([], env)).code).toBe(0);
    const refused = await embed([], { ...env, SEEDS_DIR: emptySeeds });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: SEEDS_DIR .* holds no pages, but the index has 5/);
    expect((await embed(["--check"], env)).code).toBe(0);
  });
  it("shows progress while a large page is ingested, in characters, and only then builds", async () => {
    const root = await mkdtemp(join(tmpdir(), "qa-embed-large-"));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const seeds = join(root, "seeds");
    await mkdir(seeds);
    const page = seedText("001").text;
    const big = Array.from({ length: Math.ceil(LARGE_INGEST_CHARS / page.length) }, () => page);
    await writeFile(join(seeds, "001_large.txt"), big.join("\n\n"));
    const total = big.join("\n\n").length;
    const result = await embed([], {
      SEEDS_DIR: seeds,
      INDEX_DIR: join(root, "embeddings"),
      MODELS_DIR: join(root, "no-models"),
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`ingesting: ${total}/${total} characters`);
    expect(result.stdout).toMatch(/^Indexed 1 pages, \d+ articles/);
    // The small pages of the other tests show no ingest progress: it would be over unread.
    const small = await embed([], env);
    expect(small.stderr).not.toContain("ingesting");
  });
});
