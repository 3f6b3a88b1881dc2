import { describe, expect, it } from "vitest";
import { embeddingText } from "../../src/index/build-index.js";
import { ChunkList } from "../../src/index/chunk-store.js";
import { buildKeywordIndex } from "../../src/index/keyword-index.js";
import { createTermLookup } from "../../src/index/term-lookup.js";
import { ingestPages } from "../../src/ingest/ingest.js";
import { mulberry32 } from "../helpers/mulberry32.js";
import { loadSeedPages } from "../helpers/seeds.js";

describe("createTermLookup", () => {
  const { articles, chunks } = ingestPages(loadSeedPages());
  const keyword = buildKeywordIndex(chunks.map((c) => ({ id: c.id, text: embeddingText(c) })));
  const isKnown = createTermLookup({ articles, chunks: ChunkList.of(chunks), keyword });
  // The test it replaces: a substring of all the articles' text.
  const corpus = articles.map((a) => `${a.title}\n${a.text}`).join("\n");

  it("answers exactly as a substring test of the articles, for present and absent terms", () => {
    const random = mulberry32(7);
    const chars = Array.from(new Set(corpus));
    const present = Array.from({ length: 400 }, () => {
      const from = Math.floor(random() * corpus.length);
      return corpus.slice(from, from + 1 + Math.floor(random() * 6));
    });
    // Characters of the pages in orders the pages mostly never print.
    const shuffled = Array.from({ length: 400 }, () =>
      Array.from(
        { length: 1 + Math.floor(random() * 4) },
        () => chars[Math.floor(random() * chars.length)],
      ).join(""),
    );
    const names = [
      "罗东川",
      "石建平",
      "西宁",
      "开发区",
      "多晶硅",
      "GDP",
      "12345",
      "铝",
      "的",
      "氢能小镇",
      "Xining",
      "5G",
    ];
    let known = 0;
    for (const term of [...present, ...shuffled, ...names]) {
      expect(isKnown(term), term).toBe(corpus.includes(term));
      if (corpus.includes(term)) known++;
    }
    // Both outcomes are exercised, many times.
    expect(known).toBeGreaterThan(400);
    expect(known).toBeLessThan(800);
  });

  it("finds a headline's words and text the keyword index does not narrow (no Han character)", () => {
    const title = articles.find((a) => a.title.length >= 4)!.title;
    expect(isKnown(title.slice(0, 4))).toBe(true);
    expect(isKnown("完全不存在的短语")).toBe(false);
    expect(isKnown(`${title}\n`)).toBe(corpus.includes(`${title}\n`));
  });
});
