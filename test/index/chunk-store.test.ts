import { describe, expect, it } from "vitest";
import { ChunkList, decodeChunkStore, encodeChunkStore } from "../../src/index/chunk-store.js";
import { ingestPages } from "../../src/ingest/ingest.js";
import { loadSeedPages } from "../helpers/seeds.js";

describe("chunks.bin", () => {
  const { articles, chunks } = ingestPages(loadSeedPages());
  const bytes = encodeChunkStore(articles, chunks);

  it("gives back every article and chunk as ingest made them, nulls and empty strings apart", () => {
    const stored = decodeChunkStore(bytes);
    expect(stored.articles).toEqual(articles);
    expect([...stored.chunks]).toEqual(chunks);
    expect(stored.chunks.length).toBe(chunks.length);
    // Some articles print no subtitle or no headline: null and "" stay what they were.
    expect(articles.some((a) => a.subtitle === null)).toBe(true);
    expect(articles.some((a) => a.subtitle !== null)).toBe(true);
  });

  it("finds a chunk by id and an article's chunks without scanning, the same object each time", () => {
    const stored = decodeChunkStore(bytes);
    for (const [i, chunk] of chunks.entries()) {
      expect(stored.chunks.byId(chunk.id)).toEqual(chunk);
      expect(stored.chunks.byId(chunk.id)).toBe(stored.chunks.at(i));
      expect(stored.chunks.articleIdOf(chunk.id)).toBe(chunk.articleId);
      expect(stored.chunks.articleIdOf(chunk.id, i + 1)).toBe(chunk.articleId);
    }
    for (const article of articles)
      expect(stored.chunks.ofArticle(article.id)).toEqual(
        chunks.filter((c) => c.articleId === article.id),
      );
    expect(stored.chunks.byId("0000000000000000")).toBeUndefined();
    expect(stored.chunks.byId("")).toBeUndefined();
    expect(stored.chunks.ofArticle("no such article")).toEqual([]);
    expect(stored.chunks.at(-1)).toEqual(chunks.at(-1));
    expect(stored.chunks.at(chunks.length)).toBeUndefined();
  });

  it("answers as a list built in memory does", () => {
    const stored = decodeChunkStore(bytes).chunks;
    const memory = ChunkList.of(chunks);
    const id = chunks[7]!.id;
    expect(stored.find((c) => c.id === id)).toEqual(memory.find((c) => c.id === id));
    expect(stored.filter((c) => c.ordinal === 0)).toEqual(memory.filter((c) => c.ordinal === 0));
    expect(stored.some((c) => c.text.includes("绿书签"))).toBe(true);
    expect(memory.byId(id)).toBe(chunks[7]);
  });

  it("holds an empty index", () => {
    const stored = decodeChunkStore(encodeChunkStore([], []));
    expect(stored.articles).toEqual([]);
    expect(stored.chunks.length).toBe(0);
    expect(stored.chunks.byId("x")).toBeUndefined();
  });

  it("refuses to write a chunk that is not its article's text at its offsets", () => {
    const [first, ...rest] = chunks;
    expect(() =>
      encodeChunkStore(articles, [{ ...first!, text: `${first!.text}（补）` }, ...rest]),
    ).toThrow(/is not its article's text at its offsets/);
  });

  it("refuses every cut of the file, as corrupted", () => {
    for (const cut of [0, 8, 19, 20, 100, bytes.length - 1])
      expect(() => decodeChunkStore(bytes.subarray(0, cut)), `cut at ${cut}`).toThrow(
        /wrong magic bytes|truncated/,
      );
  });
});
