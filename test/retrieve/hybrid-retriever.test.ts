import { afterEach, describe, expect, it } from "vitest";
import { buildIndex } from "../../src/index/build-index.js";
import { loadIndex } from "../../src/index/load-index.js";
import { HybridRetriever } from "../../src/retrieve/hybrid-retriever.js";
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

  it("fuses dense and keyword ranks (reciprocal rank fusion) when vectors exist", async () => {
    const ws = await makeWorkspace();
    const embedder = new CountingEmbeddings({ modelId: BGE, modelsDir: ws.modelsDir });
    await buildIndex({ seedsDir: ws.seedsDir, indexDir: ws.indexDir, embeddings: embedder });
    const index = (await loadIndex(ws.indexDir, embedder))!;
    const retriever = new HybridRetriever({ index, embeddings: embedder, k: 8 });
    expect(retriever.mode).toBe("hybrid");
    const passages = await retriever.retrieve("西宁开发区多晶硅出口额是多少？");
    expect(passages.some((p) => p.denseRank !== null)).toBe(true);
    for (const p of passages) {
      const expected =
        (p.keywordRank ? 1 / (60 + p.keywordRank) : 0) + (p.denseRank ? 1 / (60 + p.denseRank) : 0);
      expect(p.score).toBeCloseTo(expected, 10);
    }
    expect(passages.map((p) => p.score)).toEqual(
      [...passages.map((p) => p.score)].sort((a, b) => b - a),
    );
    // Through the LangChain retriever interface too.
    const docs = await retriever.invoke("西宁蓝提质行动");
    expect(docs[0]!.metadata).toMatchObject({
      source: expect.stringMatching(/\.txt$/),
      chunkId: expect.any(String),
    });
  });
});
