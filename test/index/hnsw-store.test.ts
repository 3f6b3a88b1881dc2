import { mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CorruptIndexError } from "../../src/index/errors/corrupt-index-error.js";
import { IndexMismatchError } from "../../src/index/errors/index-mismatch-error.js";
import { HnswStore } from "../../src/index/hnsw-store.js";
import type { IdentifiedEmbeddings } from "../../src/index/identified-embeddings.js";

/** Stands in for the real model: a fixed vector per text, and a record of what it was asked. */
class FakeEmbeddings implements IdentifiedEmbeddings {
  readonly embedded: string[][] = [];
  readonly queried: string[] = [];

  readonly modelId: string;
  readonly dimension: number | undefined;

  constructor(
    readonly vectors: Record<string, number[]>,
    identity: { modelId?: string; dimension?: number | undefined } = {},
  ) {
    this.modelId = identity.modelId ?? "fake/compass-4d";
    this.dimension = "dimension" in identity ? identity.dimension : 4;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.embedded.push(texts);
    return texts.map((text) => this.#vector(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    this.queried.push(text);
    return this.#vector(text);
  }

  #vector(text: string): number[] {
    const vector = this.vectors[text];
    if (vector === undefined) throw new Error(`no fake vector for "${text}"`);
    return vector;
  }
}

const COMPASS: Record<string, number[]> = {
  north: [1, 0, 0, 0],
  "north-east": [1, 1, 0, 0],
  east: [0, 1, 0, 0],
  up: [0, 0, 1, 0],
  south: [-1, 0, 0, 0],
  "mostly north": [1, 0.2, 0.1, 0],
};
const PLACES = ["north", "north-east", "east", "up", "south"];

const docs = (texts: string[]) =>
  texts.map((text, i) => new Document({ pageContent: text, metadata: { i, even: i % 2 === 0 } }));

function cosine(a: number[], b: number[]): number {
  const dot = a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
  return dot / (Math.hypot(...a) * Math.hypot(...b));
}

/** Deterministic 8-d vectors that point in clearly different directions. */
const wave = (n: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: 8 }, (_, j) => Math.sin(i * 7 + j * 3)));

async function compassStore(embeddings = new FakeEmbeddings(COMPASS)) {
  return HnswStore.fromDocuments(docs(PLACES), embeddings);
}

describe("HnswStore search", () => {
  it("ranks the nearest vector first, with similarities that fall as the angle grows", async () => {
    const store = await compassStore();
    const results = await store.similaritySearchVectorWithScore(COMPASS["mostly north"] ?? [], 5);

    expect(results.map(([doc]) => doc.pageContent)).toEqual([
      "north",
      "north-east",
      "east",
      "up",
      "south",
    ]);
    const scores = results.map(([, score]) => score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const [doc, score] of results) {
      expect(score).toBeGreaterThanOrEqual(-1);
      expect(score).toBeLessThanOrEqual(1);
      expect(score).toBeCloseTo(
        cosine(COMPASS["mostly north"] ?? [], COMPASS[doc.pageContent] ?? []),
        5,
      );
    }
    expect(scores.at(-1)).toBeLessThan(0); // "south" points away from the query
  });

  it("scores a stored vector ≈ 1 against itself and keeps its metadata", async () => {
    const store = await compassStore();
    const [best] = await store.similaritySearchVectorWithScore([0, 3, 0, 0], 1);

    expect(best?.[0].pageContent).toBe("east");
    expect(best?.[0].metadata).toEqual({ i: 2, even: true });
    expect(best?.[1]).toBeCloseTo(1, 6);
  });

  it("returns everything when k exceeds the count, and nothing from an empty store", async () => {
    const store = await compassStore();
    expect(await store.similaritySearchVectorWithScore([1, 0, 0, 0], 50)).toHaveLength(5);
    expect(await store.similaritySearchVectorWithScore([1, 0, 0, 0], 0)).toEqual([]);

    const empty = new HnswStore(new FakeEmbeddings(COMPASS));
    expect(await empty.similaritySearchVectorWithScore([1, 0, 0, 0], 3)).toEqual([]);
  });

  it("returns only the documents a filter accepts", async () => {
    const store = await compassStore();
    const results = await store.similaritySearchVectorWithScore(
      [1, 0, 0, 0],
      5,
      (doc) => doc.metadata["even"] === true,
    );

    expect(results.map(([doc]) => doc.pageContent)).toEqual(["north", "east", "south"]);
  });

  it("grows beyond its initial capacity and still finds every vector", async () => {
    const vectors = wave(40);
    const store = new HnswStore(new FakeEmbeddings({}, { modelId: "fake/wave-8d", dimension: 8 }), {
      initialCapacity: 2,
    });
    for (let start = 0; start < vectors.length; start += 7) {
      const batch = vectors.slice(start, start + 7);
      await store.addVectors(batch, docs(batch.map((_, i) => `wave ${start + i}`)));
    }

    expect(store.count).toBe(40);
    for (const [i, vector] of vectors.entries()) {
      const [best] = await store.similaritySearchVectorWithScore(vector, 3);
      expect(best?.[0].pageContent).toBe(`wave ${i}`);
      expect(best?.[1]).toBeCloseTo(1, 5);
    }
  });

  it("rejects vectors of the wrong length or count, leaving the store unchanged", async () => {
    const store = await compassStore();

    await expect(
      store.addVectors(
        [
          [1, 0, 0, 0],
          [1, 2, 3],
        ],
        docs(["a", "b"]),
      ),
    ).rejects.toThrow("Vectors must have the same length as the number of dimensions (4), got 3");
    await expect(
      store.addVectors(
        [
          [1, 0, 0, 0],
          [0, 1, 0, 0],
          [0, 0, 1, 0],
        ],
        docs(["a", "b"]),
      ),
    ).rejects.toThrow("vectors (3) and documents (2) must be the same length");
    await expect(store.similaritySearchVectorWithScore([1, 0], 1)).rejects.toThrow(
      "Query vector must have the same length as the number of dimensions (4), got 2",
    );
    await expect(store.addVectors([[Number.NaN, 0, 0, 0]], docs(["nan"]))).rejects.toThrow(
      "finite numbers",
    );
    expect(store.count).toBe(5);
  });

  it("fromDocuments embeds the page contents through the embedder, and text search embeds the query", async () => {
    const embeddings = new FakeEmbeddings(COMPASS);
    const store = await compassStore(embeddings);

    expect(embeddings.embedded).toEqual([PLACES]);
    const [best] = await store.similaritySearch("mostly north", 1);
    expect(embeddings.queried).toEqual(["mostly north"]);
    expect(best?.pageContent).toBe("north");
  });
});

describe("HnswStore save and load", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hnsw-store-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("answers the same after a round trip through disk", async () => {
    const embeddings = new FakeEmbeddings(COMPASS);
    const store = await compassStore(embeddings);
    await store.save(dir);
    const loaded = await HnswStore.load(dir, embeddings);

    const query = COMPASS["mostly north"] ?? [];
    const before = await store.similaritySearchVectorWithScore(query, 5);
    const after = await loaded.similaritySearchVectorWithScore(query, 5);
    expect(after.map(([doc]) => [doc.pageContent, doc.metadata])).toEqual(
      before.map(([doc]) => [doc.pageContent, doc.metadata]),
    );
    for (const [i, [, score]] of after.entries())
      expect(score).toBeCloseTo(before[i]?.[1] ?? Number.NaN, 6);

    const args = JSON.parse(await readFile(join(dir, "args.json"), "utf8"));
    expect(args).toMatchObject({
      space: "cosine",
      modelId: "fake/compass-4d",
      dimension: 4,
      count: 5,
    });
  });

  it("saves an empty store that can be loaded and filled", async () => {
    const embeddings = new FakeEmbeddings(COMPASS);
    await HnswStore.fromDocuments([], embeddings).then((store) => store.save(dir));
    const loaded = await HnswStore.load(dir, embeddings);

    expect(loaded.count).toBe(0);
    expect(await loaded.similaritySearchVectorWithScore([1, 0, 0, 0], 3)).toEqual([]);
    await loaded.addDocuments(docs(["east", "north"]));
    const [best] = await loaded.similaritySearchVectorWithScore([1, 0, 0, 0], 3);
    expect(best?.[0].pageContent).toBe("north");
  });

  it("builds byte-identical index files from the same vectors (fixed seed)", async () => {
    const vectors = wave(30);
    const embeddings = new FakeEmbeddings({}, { modelId: "fake/wave-8d", dimension: 8 });
    const texts = vectors.map((_, i) => `wave ${i}`);
    await (await HnswStore.fromVectors(vectors, docs(texts), embeddings)).save(join(dir, "a"));
    await (await HnswStore.fromVectors(vectors, docs(texts), embeddings)).save(join(dir, "b"));

    expect(await readFile(join(dir, "a", "hnswlib.index"))).toEqual(
      await readFile(join(dir, "b", "hnswlib.index")),
    );
  });

  it("refuses an index built by another model, naming both", async () => {
    await (await compassStore()).save(dir);
    const other = new FakeEmbeddings(COMPASS, { modelId: "fake/other-model" });

    const error = await HnswStore.load(dir, other).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexMismatchError);
    expect((error as Error).message).toContain('"fake/compass-4d" (4-d)');
    expect((error as Error).message).toContain('"fake/other-model" (4-d)');
  });

  it("refuses an index of another dimension, naming both", async () => {
    await (await compassStore()).save(dir);
    const wider = new FakeEmbeddings(COMPASS, { dimension: 8 });

    await expect(HnswStore.load(dir, wider)).rejects.toThrow(
      `Index in ${dir} was built with "fake/compass-4d" (4-d) but the configured embedder is "fake/compass-4d" (8-d)`,
    );
  });

  describe("damaged files raise CorruptIndexError, never crash", () => {
    const loadError = async () => {
      const error = await HnswStore.load(dir, new FakeEmbeddings(COMPASS)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptIndexError);
      return error as CorruptIndexError;
    };
    beforeEach(async () => {
      await (await compassStore()).save(dir);
    });

    it.each([
      ["to its first 10 bytes", () => 10],
      ["to half its size", (size: number) => Math.floor(size / 2)],
      ["by its last byte", (size: number) => size - 1],
    ])("hnswlib.index truncated %s", async (_, cut) => {
      const file = join(dir, "hnswlib.index");
      await truncate(file, cut((await readFile(file)).length));

      const error = await loadError();
      expect(error.file).toBe(file);
      expect(error.message).toContain(file);
    });

    it("docstore.json that is not JSON", async () => {
      await writeFile(join(dir, "docstore.json"), "{ garbage");

      const error = await loadError();
      expect(error.message).toContain("docstore.json is not valid JSON");
      expect(error.cause).toBeInstanceOf(SyntaxError);
    });

    it("a docstore that lost a document", async () => {
      const file = join(dir, "docstore.json");
      await writeFile(file, JSON.stringify(JSON.parse(await readFile(file, "utf8")).slice(1)));

      expect((await loadError()).message).toContain("holds 4 documents but args.json records 5");
    });

    it("args.json that disagrees with the index file's dimension", async () => {
      const file = join(dir, "args.json");
      await writeFile(
        file,
        JSON.stringify({ ...JSON.parse(await readFile(file, "utf8")), dimension: 8 }),
      );

      const error = await HnswStore.load(
        dir,
        new FakeEmbeddings(COMPASS, { dimension: undefined }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptIndexError);
      expect((error as Error).message).toContain("hnswlib.index was written for other parameters");
    });

    it("a missing args.json", async () => {
      await rm(join(dir, "args.json"));

      expect((await loadError()).file).toBe(join(dir, "args.json"));
    });
  });
});
