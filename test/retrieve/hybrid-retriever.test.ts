import { afterEach, describe, expect, it } from "vitest";
import { buildIndex } from "../../src/index/build-index.js";
import { loadIndex } from "../../src/index/load-index.js";
import { HybridRetriever } from "../../src/retrieve/hybrid-retriever.js";
import { LangChainRetriever } from "../../src/retrieve/langchain-retriever.js";
import {
  BGE,
  CountingEmbeddings,
  makeWorkspace,
  removeWorkspaces,
} from "../helpers/index-fixture.js";
import { keywordIndex } from "../helpers/qa-fixture.js";

afterEach(removeWorkspaces);

describe("HybridRetriever", () => {
  it("runs keyword-only when the index has no vectors, and says so once", async () => {
    const logs: string[] = [];
    const retriever = new HybridRetriever({
      index: await keywordIndex(),
      embeddings: null,
      log: { info: (l) => logs.push(l) },
    });
    expect(retriever.mode).toBe("keyword");
    const passages = await retriever.retrieve("多晶硅出口8.5亿元");
    await retriever.retrieve("西宁蓝");
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^Retrieval is keyword-only/);
    expect(passages[0]!.chunk.text).toContain("多晶硅出口8.5亿元");
    expect(passages.every((p) => p.denseRank === null && p.keywordRank !== null)).toBe(true);
  });

  it("keeps one long article from filling every slot", async () => {
    const retriever = new HybridRetriever({
      index: await keywordIndex(),
      embeddings: null,
      k: 6,
      maxPerArticle: 2,
    });
    // 西宁开发区 is all over page 003's long feature; other articles must still get slots.
    const passages = await retriever.retrieve("西宁开发区");
    expect(passages).toHaveLength(6);
    const perArticle = new Map<string, number>();
    for (const p of passages) perArticle.set(p.article.id, (perArticle.get(p.article.id) ?? 0) + 1);
    expect(Math.max(...perArticle.values())).toBeLessThanOrEqual(2);
    expect(perArticle.size).toBeGreaterThanOrEqual(3);
  });

  it("keeps keyword-only's passages, in order, and lets the dense search only add after them", async () => {
    const ws = await makeWorkspace();
    const embedder = new CountingEmbeddings({ modelId: BGE, modelsDir: ws.modelsDir });
    await buildIndex({ seedsDir: ws.seedsDir, indexDir: ws.indexDir, embeddings: embedder });
    const index = (await loadIndex(ws.indexDir, embedder))!;
    const hybrid = new HybridRetriever({ index, embeddings: embedder, k: 6, denseExtra: 2 });
    const keywordOnly = new HybridRetriever({ index, embeddings: null, k: 6 });
    expect(hybrid.mode).toBe("hybrid");
    for (const question of ["西宁开发区多晶硅出口额是多少？", "西宁蓝提质行动", "罗东川主持"]) {
      const keyword = await keywordOnly.retrieve(question);
      const passages = await hybrid.retrieve(question);
      expect(keyword).toHaveLength(6);
      // The tiny model's vectors are noise: whatever it ranks first, the keyword side stays whole.
      expect(passages.slice(0, 6).map((p) => p.chunk.id)).toEqual(keyword.map((p) => p.chunk.id));
      expect(passages.slice(0, 6).every((p) => !p.addedByDense)).toBe(true);
      const added = passages.slice(6);
      expect(added.length).toBeGreaterThan(0);
      expect(added.length).toBeLessThanOrEqual(2);
      expect(added.every((p) => p.addedByDense && p.denseRank !== null)).toBe(true);
      const perArticle = new Map<string, number>();
      for (const p of passages)
        perArticle.set(p.article.id, (perArticle.get(p.article.id) ?? 0) + 1);
      expect(Math.max(...perArticle.values())).toBeLessThanOrEqual(2);
      // The reported score is still the reciprocal rank fusion of both ranks.
      for (const p of passages) {
        const expected =
          (p.keywordRank ? 1 / (60 + p.keywordRank) : 0) +
          (p.denseRank ? 1 / (60 + p.denseRank) : 0);
        expect(p.score).toBeCloseTo(expected, 10);
      }
    }
    // Through the LangChain retriever interface too.
    const docs = await new LangChainRetriever(hybrid).invoke("西宁蓝提质行动");
    expect(docs[0]!.metadata).toMatchObject({
      source: expect.stringMatching(/\.txt$/),
      chunkId: expect.any(String),
    });
  });

  it("fills the slots the keyword search leaves empty with dense passages", async () => {
    const ws = await makeWorkspace();
    const embedder = new CountingEmbeddings({ modelId: BGE, modelsDir: ws.modelsDir });
    await buildIndex({ seedsDir: ws.seedsDir, indexDir: ws.indexDir, embeddings: embedder });
    const index = (await loadIndex(ws.indexDir, embedder))!;
    const hybrid = new HybridRetriever({ index, embeddings: embedder, k: 6, denseExtra: 2 });
    // No word of the pages: the keyword search finds nothing, the dense search still answers.
    const passages = await hybrid.retrieve("qwxz");
    expect(passages).toHaveLength(8);
    expect(passages.every((p) => p.addedByDense && p.keywordRank === null)).toBe(true);
  });
});
