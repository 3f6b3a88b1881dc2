import { describe, expect, it } from "vitest";
import { embeddingText } from "../../src/index/build-index.js";
import {
  buildKeywordIndex,
  buildKeywordIndexInParallel,
  searchKeywordIndex,
  serializeKeywordIndex,
} from "../../src/index/keyword-index.js";
import { ingestPages } from "../../src/ingest/ingest.js";
import { loadSeedPages } from "../helpers/seeds.js";

// The seed pages' chunks, each one repeated under other ids with a page number of its own in the
// text, so that the passages fill several of the pool's batches (256 passages each) and a batch
// handed to the index out of turn would move documents and change the bytes.
const { chunks } = ingestPages(loadSeedPages());
const passages = Array.from({ length: 12 }, (_, copy) =>
  chunks.map((c) => ({ id: `${copy}:${c.id}`, text: `第${copy}版 ${embeddingText(c)}` })),
).flat();

describe("building the keyword index on every core", () => {
  it("gives the index a build on one thread gives, byte for byte", async () => {
    expect(passages.length).toBeGreaterThan(3 * 256);
    const serial = serializeKeywordIndex(buildKeywordIndex(passages));
    for (const workers of [2, 3]) {
      const parallel = await buildKeywordIndexInParallel(passages, { workers });
      expect(serializeKeywordIndex(parallel).equals(serial), `${workers} workers`).toBe(true);
    }
  });

  it("answers a question as the one-thread index does", async () => {
    const parallel = await buildKeywordIndexInParallel(passages, { workers: 1 });
    const serial = buildKeywordIndex(passages);
    const question = "西宁开发区多晶硅出口多少亿元？";
    const hits = searchKeywordIndex(parallel, question, 10);
    expect(hits.length).toBe(10);
    expect(hits).toEqual(searchKeywordIndex(serial, question, 10));
  });

  it("builds an empty index from no passages, and small inputs on this thread by default", async () => {
    expect(serializeKeywordIndex(await buildKeywordIndexInParallel([], { workers: 2 }))).toEqual(
      serializeKeywordIndex(buildKeywordIndex([])),
    );
    const few = passages.slice(0, 5);
    expect(serializeKeywordIndex(await buildKeywordIndexInParallel(few))).toEqual(
      serializeKeywordIndex(buildKeywordIndex(few)),
    );
  });

  it("refuses a duplicate id as the one-thread build does", async () => {
    const twice = [...passages.slice(0, 300), { ...(passages[7] as (typeof passages)[number]) }];
    await expect(buildKeywordIndexInParallel(twice, { workers: 1 })).rejects.toThrow(
      `Duplicate document id in BM25 input: ${passages[7]?.id}`,
    );
  });

  it("fails, instead of waiting forever, when a worker cannot cut a passage", async () => {
    const broken = [...passages.slice(0, 300), { id: "bad", text: 42 as unknown as string }];
    await expect(buildKeywordIndexInParallel(broken, { workers: 2 })).rejects.toThrow();
  });
});
