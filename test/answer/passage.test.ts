import { beforeAll, describe, expect, it } from "vitest";
import { locateCitation, passageFor } from "../../src/answer/passage.js";
import { ChunkList } from "../../src/index/chunk-store.js";
import type { QaEngine } from "../../src/answer/qa-engine.js";
import { article as handBuiltArticle } from "../helpers/passages.js";
import { keywordEngine } from "../helpers/qa-fixture.js";

let engine: QaEngine;
beforeAll(async () => {
  engine = await keywordEngine();
});

describe("the port: citations carry their chunk and offsets", () => {
  it("an answer's citation opens the chunk that holds its quote, at the scorer's offsets", async () => {
    const answer = await engine.ask("西宁开发区多晶硅出口额是多少？");
    const citation = answer.citations[0]!;
    expect(citation.chunkId).toMatch(/^[0-9a-f]+$/);
    const article = engine.article(citation.articleId)!;
    expect(article.text.slice(citation.start, citation.end)).toBe(citation.quote);
    const passage = engine.citedPassage(citation)!;
    expect(passage.chunk.id).toBe(citation.chunkId);
    expect(passage.chunk.text.slice(passage.quoteAt, passage.quoteAt + citation.quote.length)).toBe(
      citation.quote,
    );
    expect(engine.passage(citation.chunkId!)).toEqual({ article, chunk: passage.chunk });
  });

  it("a quote printed twice in an article opens where the scorer found it, not its first occurrence", () => {
    const text = "会议指出，要抓好落实。前文。会议指出，要抓好落实。";
    const article = handBuiltArticle(text, { title: "题" });
    const chunk = (id: string, start: number, end: number, ordinal: number) => ({
      id,
      articleId: article.id,
      source: "p.txt",
      title: "题",
      text: text.slice(start, end),
      start,
      end,
      ordinal,
    });
    const index = {
      articles: [article],
      chunks: ChunkList.of([chunk("aa", 0, 14, 0), chunk("bb", 14, text.length, 1)]),
    };
    const quote = "会议指出，要抓好落实。";
    const second = {
      n: 1,
      source: "p.txt",
      title: "题",
      quote,
      score: 1,
      articleId: article.id,
      date: null,
      start: 14,
      end: 14 + quote.length,
    };
    expect(passageFor(index, second)).toMatchObject({ chunk: { id: "bb" }, quoteAt: 0 });
    expect(locateCitation(index, second)).toMatchObject({ chunkId: "bb", start: 14 });
    // Without offsets (a citation built outside the engine) it is located once, at its first
    // occurrence.
    const { start: _s, end: _e, ...bare } = second;
    expect(locateCitation(index, bare)).toMatchObject({
      chunkId: "aa",
      start: 0,
      end: quote.length,
    });
  });

  it("search results carry chunk ids too, and an unknown chunk id opens nothing", async () => {
    const hits = await engine.search("锂电池");
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(engine.passage(hit.chunkId!)?.article.id).toBe(hit.articleId);
    expect(engine.passage("0000")).toBeNull();
  });
});
