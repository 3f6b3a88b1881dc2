import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHUNKER_VERSION } from "../../src/ingest/chunk.js";
import {
  normalizeForSearch,
  parseWordList,
  tokenize,
  TOKENIZER_VERSION,
  tokenizerVersion,
} from "../../src/index/chinese-tokenizer.js";
import { INDEX_FORMAT_VERSION, rebuildReasons } from "../../src/index/manifest.js";

// Sentences copied from the seed pages, OCR line wraps removed (stray spaces kept where the page
// has them).
const GRID =
  "聚焦源网荷储一体化新型电力系统示范中心城市建设，出台绿电体系、零碳产业园、储能基地、绿电认证和溯源体系建设等一系列措施，建立全省首家虚拟电厂。"; // 000
const HOTLINE_HEADLINE = "西宁市党建引领“有诉必应马上办”机制创新工作日报"; // 004
const EXPORT = "西宁开发区多晶硅出口8.5亿元，占全国同类产品出口商品的34.4%"; // 003
const RACKS = "并计划在未来3 至 5 年内建成 5 万台机架规模，突破10万P算力规模"; // 000
const REFUND = "全年已经为受害人成功返还涉案资金1031.5万余元。"; // 002

/**
 * True when every number term (`n:`) of the query is also a term of the document. Only numbers are
 * promised this: jieba may still cut the unit as a word of its own (`亿` in the query, `亿元` in the
 * page), and a query word the page lacks simply adds nothing to the score.
 */
function numbersCovered(document: string, query: string): boolean {
  const terms = new Set(tokenize(document));
  const numbers = tokenize(query).filter((term) => term.startsWith("n:"));
  return numbers.length > 0 && numbers.every((term) => terms.has(term));
}

describe("tokenize: words", () => {
  it("keeps the pages' own terms whole instead of cutting them into pieces", () => {
    const grid = tokenize(GRID);
    expect(grid).toContain("w:源网荷储");
    expect(grid).toContain("w:虚拟电厂");
    expect(grid).toContain("w:零碳产业园");
    expect(tokenize(HOTLINE_HEADLINE)).toContain("w:有诉必应马上办");
    expect(tokenize("市政府党组书记、市长石建平主持召开市政府党组会议")).toContain("w:石建平");
    expect(tokenize("省政府党组书记、省长罗东川主持召开省政府党组会议")).toContain("w:罗东川");
    expect(tokenize("会议由省政协主席公保扎西主持")).toContain("w:公保扎西");
  });

  it("gives the parts of a compound too, so `算力` finds `绿色算力`", () => {
    const terms = tokenize("加大清洁能源装备制造、绿色算力等产业布局力度");
    expect(terms).toEqual(expect.arrayContaining(["w:绿色算力", "w:绿色", "w:算力"]));
    expect(tokenize("西宁开发区")).toEqual(
      expect.arrayContaining(["w:西宁开发区", "w:开发区", "w:西宁"]),
    );
  });

  it("drops punctuation and function words, and does not pair a particle into a bigram", () => {
    const terms = tokenize("西宁开发区的多晶硅，出口了多少？");
    expect(terms).not.toContain("w:的");
    expect(terms).not.toContain("w:了");
    expect(terms).not.toContain("w:多少");
    expect(terms).not.toContain("b:区的");
    expect(terms).not.toContain("b:的多");
    expect(terms.some((term) => /[，？]/.test(term))).toBe(false);
    expect(terms).toEqual(expect.arrayContaining(["w:多晶硅", "w:出口", "b:晶硅"]));
  });

  it("returns nothing for text without letters or digits", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize("   \n ")).toEqual([]);
    expect(tokenize("？！。，……“”《》")).toEqual([]);
    expect(tokenize("的了吗")).toEqual([]);
  });
});

describe("tokenize: bigrams and characters", () => {
  it("adds character bigrams in their own namespace, apart from words", () => {
    const terms = tokenize("虚拟电厂");
    expect(terms).toEqual(
      expect.arrayContaining(["w:虚拟电厂", "w:虚拟", "b:虚拟", "b:拟电", "b:电厂"]),
    );
  });

  it("joins Chinese text that OCR split with a space", () => {
    const split = tokenize("生态文明高地上的中心城 市");
    expect(split).toContain("w:城市");
    expect(split).toContain("b:城市");
  });

  it("pairs a rare character beyond the BMP (two UTF-16 units) whole, never half of it", () => {
    // 𠀀 (U+20000) is a surrogate pair: a bigram must hold it whole, as the page prints it.
    const bigrams = tokenize("西宁𠀀𠀁中").filter((t) => t.startsWith("b:"));
    expect(bigrams).toEqual(["b:西宁", "b:宁𠀀", "b:𠀀𠀁", "b:𠀁中"]);
  });

  it("makes a one-character query searchable", () => {
    expect(tokenize("铝")).toContain("c:铝");
    expect(tokenize("形成年产165万吨电解铝、135万吨铝深加工的规模产能")).toContain("c:铝");
  });
});

describe("tokenize: numbers with units", () => {
  it("emits the number and the number with each prefix of its unit", () => {
    expect(tokenize(EXPORT)).toEqual(
      expect.arrayContaining(["n:8.5", "n:8.5亿", "n:8.5亿元", "n:34.4", "n:34.4%"]),
    );
  });

  it("lets a query with the same or a shorter unit match the page", () => {
    expect(numbersCovered(EXPORT, "8.5亿")).toBe(true);
    expect(numbersCovered(EXPORT, "8.5亿元")).toBe(true);
    expect(numbersCovered(EXPORT, "34.4%")).toBe(true);
    expect(numbersCovered(REFUND, "1031.5万")).toBe(true);
    expect(numbersCovered(REFUND, "1031.5万余元")).toBe(true);
    // The page has `建成 5 万台` with OCR's stray space.
    expect(numbersCovered(RACKS, "5万台")).toBe(true);
  });

  it("does not let a different unit match beyond the bare number", () => {
    expect(numbersCovered("形成2.5万吨高性能碳纤维、5 万吨电解铜箔", "5万台")).toBe(false);
    expect(numbersCovered("16万吨正极材料、1.5亿平方米隔膜", "1.5万")).toBe(false);
  });

  it("keeps a decimal whole: no `8`, `5` or `.` pieces, and `1031.5` does not contain `1.5`", () => {
    const terms = tokenize(EXPORT);
    expect(terms).not.toContain("n:8");
    expect(terms).not.toContain("n:5");
    expect(terms.filter((term) => term.startsWith("w:") && /\d/.test(term))).toEqual([]);
    expect(tokenize(REFUND)).not.toContain("n:1.5");
  });

  it("reads full-width digits and Latin case as users type them", () => {
    expect(tokenize("８．５亿元")).toEqual(tokenize("8.5亿元"));
    expect(tokenize("３４．４％")).toEqual(tokenize("34.4%"));
    expect(tokenize("20GWh储能电池机柜")).toEqual(tokenize("20gwh储能电池机柜"));
    expect(normalizeForSearch("２０ＧＷｈ 中心城 市")).toBe("20gwh 中心城市");
  });
});

describe("tokenize: one function for pages and questions", () => {
  it("is deterministic and versioned", () => {
    expect(tokenize(GRID)).toEqual(tokenize(GRID));
    expect(TOKENIZER_VERSION).toMatch(/^zh-\d+-[0-9a-f]{8}$/);
  });
});

describe("the tokenizer's word lists are data", () => {
  const file = (name: string) =>
    parseWordList(readFileSync(new URL(`../../data/${name}`, import.meta.url), "utf8"));
  const userWords = file("user-words-zh.txt");
  const stopWords = file("stop-words-zh.txt");

  it("reads the user dictionary and the stop words from data/, comments and line breaks aside", () => {
    expect(parseWordList("# people\n石建平 罗东川\n\n  公保扎西 # an official\n")).toEqual([
      "石建平",
      "罗东川",
      "公保扎西",
    ]);
    expect(userWords).toEqual(expect.arrayContaining(["石建平", "源网荷储", "有诉必应马上办"]));
    expect(stopWords).toEqual(expect.arrayContaining(["的", "多少", "啊"]));
    // A listed name stays whole; a stop word never becomes a term.
    expect(tokenize("罗东川主持")).toContain("w:罗东川");
    expect(tokenize("多少")).not.toContain("w:多少");
  });

  it("makes a changed dictionary a new tokenizer version, so the index is rebuilt in full", () => {
    expect(TOKENIZER_VERSION).toBe(tokenizerVersion(userWords, stopWords));
    const added = tokenizerVersion([...userWords, "湟水河"], stopWords);
    const fewerStops = tokenizerVersion(
      userWords,
      stopWords.filter((w) => w !== "啊"),
    );
    expect(new Set([TOKENIZER_VERSION, added, fewerStops]).size).toBe(3);

    const manifest = {
      formatVersion: INDEX_FORMAT_VERSION,
      builtAt: "",
      chunkerVersion: CHUNKER_VERSION,
      tokenizerVersion: TOKENIZER_VERSION,
      dense: null,
      denseAbsentReason: "offline",
      pages: [],
      skipped: [],
      chunkIds: [],
    };
    const inputs = { chunkerVersion: CHUNKER_VERSION, tokenizerVersion: added, modelId: "" };
    expect(rebuildReasons(manifest, inputs)).toEqual([
      `keyword tokenizer changed (${TOKENIZER_VERSION} → ${added})`,
    ]);
  });
});
