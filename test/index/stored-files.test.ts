import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIndex } from "../../src/index/build-index.js";
import { ensureIndex } from "../../src/index/ensure-index.js";
import { CorruptIndexError } from "../../src/index/errors/corrupt-index-error.js";
import { indexStatus } from "../../src/index/index-status.js";
import { loadIndex } from "../../src/index/load-index.js";
import { createLogger } from "../../src/util/logger.js";
import { SEEDS_DIR } from "../helpers/seeds.js";

// Keyword-only builds of the five real pages: the stored files are the same, without a model.
let indexDir: string;
let buildDir: string;
let chunkIds: string[];
const chunksFile = () => join(buildDir, "chunks.json");
const stored = async () => JSON.parse(await readFile(chunksFile(), "utf8"));
const loadError = () =>
  loadIndex(indexDir, null).then(
    () => new Error("loaded"),
    (e: unknown) => e as Error,
  );

beforeEach(async () => {
  indexDir = await mkdtemp(join(tmpdir(), "qa-stored-"));
  ({ buildDir } = await buildIndex({ seedsDir: SEEDS_DIR, indexDir, embeddings: null }));
  chunkIds = (await loadIndex(indexDir, null))!.chunks.map((c) => c.id);
});

afterEach(() => rm(indexDir, { recursive: true, force: true }));

describe("chunks.json, the file answers quote from", () => {
  it("cut short by a crash is a CorruptIndexError naming it and saying how to rebuild", async () => {
    const text = await readFile(chunksFile(), "utf8");
    await writeFile(chunksFile(), text.slice(0, text.length / 2));

    const error = await loadError();
    expect(error).toBeInstanceOf(CorruptIndexError);
    expect(error).toMatchObject({ file: chunksFile() });
    expect(error.message).toBe(
      `${chunksFile()} is not valid JSON: the index is corrupt, rebuild it with npm run embed -- --full`,
    );
  });

  it("of another shape says where, in one line", async () => {
    const data = await stored();
    delete data.chunks[2].start;
    await writeFile(chunksFile(), JSON.stringify(data));

    const error = await loadError();
    expect(error).toBeInstanceOf(CorruptIndexError);
    expect(error.message).toMatch(
      /chunks\.json does not have the expected shape \(chunks\[2\]\.start: .*number.*\): the index is corrupt, rebuild it/,
    );
    expect(error.message).not.toContain("\n");
  });

  it("whose quote no longer matches its article's text is refused, not quoted", async () => {
    const data = await stored();
    data.chunks[0].text = `${data.chunks[0].text}（补）`;
    await writeFile(chunksFile(), JSON.stringify(data));

    expect((await loadError()).message).toContain(
      "chunks[0].text: is not its article's text at its offsets",
    );
  });

  it("is rebuilt at start with nothing lost: the same chunks, the pages untouched", async () => {
    const pagesBefore = await readFile(join(SEEDS_DIR, "003_bcfb9783f9e97214.txt"));
    await writeFile(chunksFile(), '{"articles": [], "chunks": [{"id": 1}]}');
    const logs: string[] = [];
    const log = createLogger({ level: "debug", write: (_, message) => logs.push(message) });

    const { index, built } = await ensureIndex({
      seedsDir: SEEDS_DIR,
      indexDir,
      embeddings: null,
      log,
    });
    expect(built).not.toBeNull();
    expect(logs.join("\n")).toMatch(/chunks\.json does not have the expected shape.*rebuilding it/);
    expect(index.chunks.map((c) => c.id)).toEqual(chunkIds);
    expect(await readFile(join(SEEDS_DIR, "003_bcfb9783f9e97214.txt"))).toEqual(pagesBefore);
  });
});

describe("chunks.json holding null or [null]", () => {
  it.each(["null", "[null]"])(
    "%s is corrupt everywhere: loading refuses it, embed --check says so, the start rebuilds it",
    async (content) => {
      await writeFile(chunksFile(), content);
      const error = await loadError();
      expect(error).toBeInstanceOf(CorruptIndexError);
      expect(error.message).toContain("chunks.json does not have the expected shape");

      const status = await indexStatus(SEEDS_DIR, indexDir, "");
      expect(status.state).toBe("corrupt");
      expect(status.reasons[0]).toContain("chunks.json does not have the expected shape");

      const { index, built } = await ensureIndex({
        seedsDir: SEEDS_DIR,
        indexDir,
        embeddings: null,
        log: createLogger({ level: "error", write: () => undefined }),
      });
      expect(built).not.toBeNull();
      expect(index.chunks.map((c) => c.id)).toEqual(chunkIds);
    },
  );
});

describe("manifest.json", () => {
  it("of another shape makes the index corrupt, with the field named", async () => {
    const file = join(buildDir, "manifest.json");
    await writeFile(
      file,
      JSON.stringify({ ...JSON.parse(await readFile(file, "utf8")), pages: "all of them" }),
    );

    const status = await indexStatus(SEEDS_DIR, indexDir, "");
    expect(status.state).toBe("corrupt");
    expect(status.reasons[0]).toMatch(/manifest\.json does not have the expected shape \(pages: /);
  });

  it("missing is a CorruptIndexError saying so", async () => {
    await rm(join(buildDir, "manifest.json"));
    expect((await loadError()).message).toContain("manifest.json is missing");
  });
});
