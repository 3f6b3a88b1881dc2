import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
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
const chunksFile = () => join(buildDir, "chunks.bin");
const loadError = () =>
  loadIndex(indexDir, null).then(
    () => new Error("loaded"),
    (e: unknown) => e as Error,
  );
const quietLog = () => createLogger({ level: "error", write: () => undefined });
/** chunks.bin with its CRC made right again after an edit: only the structural checks remain. */
const resealed = (bytes: Buffer) => {
  bytes.writeUInt32LE(crc32(bytes.subarray(20)), 12);
  return bytes;
};
/** Where section `n` (0-based) of a binary index file starts, past its length. */
const sectionStart = (bytes: Buffer, n: number) => {
  let at = 20;
  for (let i = 0; i < n; i++) {
    const length = bytes.readUInt32LE(at);
    at += 4 + length + ((4 - (length % 4)) % 4);
  }
  return at + 4;
};

beforeEach(async () => {
  indexDir = await mkdtemp(join(tmpdir(), "qa-stored-"));
  ({ buildDir } = await buildIndex({ seedsDir: SEEDS_DIR, indexDir, embeddings: null }));
  chunkIds = (await loadIndex(indexDir, null))!.chunks.map((c) => c.id);
});

afterEach(() => rm(indexDir, { recursive: true, force: true }));

describe("chunks.bin, the file answers quote from", () => {
  it("cut short by a crash is a CorruptIndexError naming it and saying how to rebuild", async () => {
    const bytes = await readFile(chunksFile());
    await writeFile(chunksFile(), bytes.subarray(0, bytes.length / 2));

    const error = await loadError();
    expect(error).toBeInstanceOf(CorruptIndexError);
    expect(error).toMatchObject({ file: chunksFile() });
    expect(error.message).toMatch(
      /chunks\.bin is unusable \(Chunk store is corrupted: \d+ bytes after the header, the header says \d+ \(truncated\?\)\): the index is corrupt, rebuild it with npm run embed -- --full$/,
    );
    expect(error.message).not.toContain("\n");
  });

  it("with one byte changed is refused by its checksum, and so is a file of another version", async () => {
    const bytes = await readFile(chunksFile());
    const changed = Buffer.from(bytes);
    changed[changed.length - 100] = (changed[changed.length - 100] as number) ^ 1;
    await writeFile(chunksFile(), changed);
    expect((await loadError()).message).toContain(
      "chunks.bin is unusable (Chunk store is corrupted: checksum mismatch: the bytes were changed after writing)",
    );

    const otherVersion = Buffer.from(bytes);
    otherVersion.writeUInt32LE(0, 8);
    await writeFile(chunksFile(), otherVersion);
    expect((await loadError()).message).toContain(
      "Chunk store is corrupted: format version 0, this program reads version 1",
    );
  });

  it("whose chunk no longer lies within its article's text is refused, not quoted", async () => {
    const bytes = await readFile(chunksFile());
    // Section 5 holds each chunk's article, start, end and ordinal: chunk 0 ends far away.
    bytes.writeUInt32LE(1_000_000, sectionStart(bytes, 5) + 8);
    await writeFile(chunksFile(), resealed(bytes));

    expect((await loadError()).message).toContain(
      "Chunk store is corrupted: chunk 0 is not within its article's text",
    );
  });

  it("with two chunks of one id is refused", async () => {
    const bytes = await readFile(chunksFile());
    // Section 6 lists the chunks by id: the first one twice.
    const at = sectionStart(bytes, 6);
    bytes.writeUInt32LE(bytes.readUInt32LE(at), at + 4);
    await writeFile(chunksFile(), resealed(bytes));

    expect((await loadError()).message).toContain(
      "Chunk store is corrupted: the id order is not a permutation",
    );
  });

  it.each([
    [
      "of another version",
      (b: Buffer) => {
        b.writeUInt32LE(0, 8);
        return b;
      },
    ],
    ["cut short", (b: Buffer) => b.subarray(0, 1000)],
  ])(
    "%s is rebuilt at start with nothing lost, and embed --check calls it corrupt",
    async (_, damage) => {
      const pagesBefore = await readFile(join(SEEDS_DIR, "003_bcfb9783f9e97214.txt"));
      await writeFile(chunksFile(), damage(await readFile(chunksFile())));
      const status = await indexStatus(SEEDS_DIR, indexDir, "");
      expect(status.state).toBe("corrupt");
      expect(status.reasons[0]).toContain("Chunk store is corrupted");
      const logs: string[] = [];
      const log = createLogger({ level: "debug", write: (_, message) => logs.push(message) });

      const { index, built } = await ensureIndex({
        seedsDir: SEEDS_DIR,
        indexDir,
        embeddings: null,
        log,
      });
      expect(built).not.toBeNull();
      expect(logs.join("\n")).toMatch(
        /chunks\.bin is unusable \(Chunk store is corrupted: .*rebuilding it/,
      );
      expect(index.chunks.map((c) => c.id)).toEqual(chunkIds);
      expect(await readFile(join(SEEDS_DIR, "003_bcfb9783f9e97214.txt"))).toEqual(pagesBefore);
    },
  );
});

describe("chunks.bin holding null or [null]", () => {
  it.each(["null", "[null]"])(
    "%s is corrupt everywhere: loading refuses it, embed --check says so, the start rebuilds it",
    async (content) => {
      await writeFile(chunksFile(), content);
      const error = await loadError();
      expect(error).toBeInstanceOf(CorruptIndexError);
      expect(error.message).toContain("Chunk store is corrupted: not a chunk store file");

      const status = await indexStatus(SEEDS_DIR, indexDir, "");
      expect(status.state).toBe("corrupt");
      expect(status.reasons[0]).toContain("not a chunk store file");

      const { index, built } = await ensureIndex({
        seedsDir: SEEDS_DIR,
        indexDir,
        embeddings: null,
        log: quietLog(),
      });
      expect(built).not.toBeNull();
      expect(index.chunks.map((c) => c.id)).toEqual(chunkIds);
    },
  );
});

describe("an index of the format before chunks.bin (chunks.json, format 3)", () => {
  it("is rebuilt once at start, saying why, and then loads", async () => {
    const manifestFile = join(buildDir, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, formatVersion: 3 }));
    await rm(chunksFile());
    await writeFile(join(buildDir, "chunks.json"), '{"articles": [], "chunks": []}');
    const status = await indexStatus(SEEDS_DIR, indexDir, "");
    expect(status).toMatchObject({ state: "stale", reasons: ["index format changed (3 → 4)"] });

    const logs: string[] = [];
    const log = createLogger({ level: "debug", write: (_, message) => logs.push(message) });
    const { index, built } = await ensureIndex({
      seedsDir: SEEDS_DIR,
      indexDir,
      embeddings: null,
      log,
    });
    expect(built).not.toBeNull();
    expect(logs.join("\n")).toContain("Rebuilding everything: index format changed (3 → 4).");
    expect(logs.join("\n")).not.toContain("corrupt");
    expect(index.chunks.map((c) => c.id)).toEqual(chunkIds);
    const again = await ensureIndex({ seedsDir: SEEDS_DIR, indexDir, embeddings: null, log });
    expect(again.built).toBeNull();
  });
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
