import { describe, expect, it } from "vitest";
import { checkCitations, type CitationSource } from "../../src/answer/citations.js";

// Sentences copied from `npm run articles -- --json` (normalized text; page 003 prints ASCII
// commas).
const EXPORTS_ARTICLE = [
  "2024年,西宁开发区完成规模以上工业总产值1286.1亿元,占全市比重的61.4%;完成固定资产投资138.96亿元,占全市比重的30.1%,其中完成工业投资112.92亿元,占全市工业投资比重55.7%。",
  "增的态势更稳健! 一组组捷报相继传来",
  "多晶硅出口8.5亿元,占全国同类产品出口商品的34.4%,居全国首位,增长73.7倍;单晶硅棒首次在全省实现出口,出口额达2.1亿元,占全国同类产品出口商品的12.1%,居全国第三;锂离子蓄电池出口6.2亿元,增长77.5倍,增速居全国第一。",
].join("\n");
const POLICE_ARTICLE =
  "本报讯(记者 宁亚琴)11月23日,在市公安局城中分局多名群众将一面面锦旗送到了民警手中。这是市公安局刑警支队组织召开的全市公安机关打击电信网络诈骗犯罪退赃大会,依法公开返还今年以来追缴的部分赃款,给部分受害群众共返还涉案资金1031.5万余元。\n记者在活动现场了解到,今年以来,西宁市公安机关刑侦部门积极打击治理电信网络新型违法犯罪,有效推进打击、治理、防范、挽损各项工作、较去年1月至10月,成功破获1583起案件,止付涉诈资金17.25亿元,发案同比下降4.79%。";
const CARBON_ARTICLE =
  "本报讯（记者 樊娅楠）日前，第二批国家碳达峰试点名单发布，西宁成为西北地区首批获此殊荣的城市。西宁国家级经济技术开发区（以下简称：西宁开发区）作为全市工业经济主阵地、绿色转型主引擎，坚持以“绿色引领、创新驱动、产业升级”为核心路径，近年来在清洁能源装备制造、绿色算力、资源循环利用等领域取得突破性进展，为全市碳达峰试点建设奠定坚实基础。";

/**
 * Source n is the passage of the article the retriever returned: a slice of its text, like a chunk.
 */
function source(articleText: string, from: string): CitationSource {
  const start = articleText.indexOf(from);
  if (start < 0) throw new Error(`fixture: "${from}" is not in the article`);
  return { articleText, passage: articleText.slice(start) };
}

const SOURCES: CitationSource[] = [
  source(EXPORTS_ARTICLE, "增的态势"),
  source(POLICE_ARTICLE, "本报讯"),
  source(CARBON_ARTICLE, "本报讯"),
];

describe("checkCitations", () => {
  it("keeps a valid [n] and picks the passage sentence that holds the cited fact", () => {
    const result = checkCitations("2024年西宁开发区多晶硅出口8.5亿元，居全国首位[1]。", SOURCES);

    expect(result.text).toBe("2024年西宁开发区多晶硅出口8.5亿元，居全国首位[1]。");
    expect(result.grounded).toBe(true);
    expect(result.removed).toEqual([]);
    expect(result.used).toHaveLength(1);
    expect(result.used[0]).toMatchObject({ n: 1, source: 1, quoted: false });
    expect(result.used[0]?.quote).toContain("多晶硅出口8.5亿元");
    expect(EXPORTS_ARTICLE).toContain(result.used[0]?.quote);
  });

  it("removes a marker naming no source ([7] with 3 sources) and keeps the valid one beside it", () => {
    const result = checkCitations(
      "公安机关成功破获1583起案件[2][7]。止付涉诈资金17.25亿元，[7]。",
      SOURCES,
    );

    // The second sentence cited only [7]: with its marker gone it would be an unsupported claim.
    expect(result.text).toBe("公安机关成功破获1583起案件[1]。");
    expect(result.used.map((u) => u.source)).toEqual([2]);
    expect(result.removed.filter((r) => r.kind === "marker")).toEqual([
      expect.objectContaining({ marker: "[2][7]", numbers: [7] }),
      expect.objectContaining({
        marker: "[7]",
        numbers: [7],
        sentence: "止付涉诈资金17.25亿元，[7]。",
      }),
    ]);
  });

  it("removes a fabricated quotation (a figure the page does not print) while a true one survives", () => {
    const result = checkCitations(
      "据报道，「锂离子蓄电池出口6.2亿元,增长77.5倍」[1]。同时，西宁开发区「多晶硅出口9.5亿元」，居全国首位[1]。",
      SOURCES,
    );

    expect(result.text).toBe(
      "据报道，「锂离子蓄电池出口6.2亿元,增长77.5倍」[1]。同时，西宁开发区，居全国首位[1]。",
    );
    expect(result.text).not.toContain("9.5亿元");
    expect(result.removed).toEqual([
      expect.objectContaining({ kind: "quote", quote: "「多晶硅出口9.5亿元」" }),
    ]);
    expect(result.used).toEqual([
      { n: 1, source: 1, quote: "锂离子蓄电池出口6.2亿元,增长77.5倍", quoted: true },
    ]);
  });

  it("drops a sentence that is only a lead-in once its fabricated quotation is gone", () => {
    const result = checkCitations(
      "报道指出：「多晶硅出口9.5亿元」[1]。西宁成为西北地区首批碳达峰试点城市[3]。",
      SOURCES,
    );

    expect(result.text).toBe("西宁成为西北地区首批碳达峰试点城市[1]。");
    expect(result.removed.map((r) => r.kind)).toEqual(["quote", "sentence"]);
    expect(result.used.map((u) => u.source)).toEqual([3]);
  });

  it("removes a quotation printed in another source than the one its sentence cites", () => {
    // True in source 2, but the sentence cites source 1: the reader would be sent to the wrong
    // page.
    const result = checkCitations("西宁开发区出口亮眼，「止付涉诈资金17.25亿元」[1]。", SOURCES);

    expect(result.text).toBe("西宁开发区出口亮眼[1]。");
    expect(result.removed).toEqual([
      expect.objectContaining({ kind: "quote", quote: "「止付涉诈资金17.25亿元」" }),
    ]);
  });

  it("removes a quotation in a sentence that cites nothing", () => {
    const result = checkCitations("今年以来公安机关「成功破获1583起案件」。详见报道[2]。", SOURCES);

    expect(result.text).toBe("今年以来公安机关。详见报道[1]。");
    expect(result.removed).toEqual([
      expect.objectContaining({ kind: "quote", quote: "「成功破获1583起案件」" }),
    ]);
  });

  it("verifies a quotation whose commas the model wrote full-width, and shows the page's own characters", () => {
    const result = checkCitations(
      "「多晶硅出口8.5亿元，占全国同类产品出口商品的34.4%。」[1]",
      SOURCES,
    );

    expect(result.text).toBe("「多晶硅出口8.5亿元,占全国同类产品出口商品的34.4%」[1]");
    expect(result.used[0]).toEqual({
      n: 1,
      source: 1,
      quote: "多晶硅出口8.5亿元,占全国同类产品出口商品的34.4%",
      quoted: true,
    });
  });

  it("renumbers the sources 1..k in order of first appearance and rewrites every marker", () => {
    const result = checkCitations(
      "西宁成为西北地区首批碳达峰试点城市[3]。开发区多晶硅出口8.5亿元[1]。碳达峰试点建设有坚实基础[3][1]。",
      SOURCES,
    );

    expect(result.text).toBe(
      "西宁成为西北地区首批碳达峰试点城市[1]。开发区多晶硅出口8.5亿元[2]。碳达峰试点建设有坚实基础[1][2]。",
    );
    expect(result.used.map(({ n, source }) => ({ n, source }))).toEqual([
      { n: 1, source: 3 },
      { n: 2, source: 1 },
    ]);
  });

  it("reads [1, 2], 【1】, [1，3] and adjacent groups, writing them back as [a][b]", () => {
    const result = checkCitations(
      "破获1583起案件[2, 1]。西宁成为试点城市【3】。出口8.5亿元[1，3][1]。",
      SOURCES,
    );

    expect(result.text).toBe("破获1583起案件[1][2]。西宁成为试点城市[3]。出口8.5亿元[2][3]。");
    expect(result.used.map((u) => u.source)).toEqual([2, 1, 3]);
  });

  it("keeps markers written after an English full stop with their sentence", () => {
    const result = checkCitations(
      'Polysilicon exports reached 8.5亿元, ranking first nationwide: "多晶硅出口8.5亿元". [2]\nThe police solved 1583 cases. [9]',
      SOURCES,
    );

    // The quotation sits in the sentence citing [2] (the police report), so it is not verified.
    expect(result.text).toBe("Polysilicon exports reached 8.5亿元, ranking first nationwide. [1]");
    expect(result.removed.map((r) => r.kind)).toEqual(["quote", "marker", "sentence"]);
  });

  it("leaves short quoted terms alone: they are names, not quotations of evidence", () => {
    const result = checkCitations("这是“西宁蓝”提质行动的一部分[3]。", SOURCES);

    expect(result.text).toBe("这是“西宁蓝”提质行动的一部分[1]。");
    expect(result.removed).toEqual([]);
  });

  it("always gives quotes that are exact substrings of the cited article", () => {
    const answers = [
      "2024年，西宁开发区完成规模以上工业总产值1286.1亿元[1]。",
      "The police returned 10.315 million yuan to victims [2].",
      "「西宁成为西北地区首批获此殊荣的城市」[3]，「锂离子蓄电池出口6.2亿元」[1]。",
      "「绿色引领、创新驱动、产业升级」是核心路径[3]。",
      "无关的话[1][2][3]。",
    ];
    for (const answer of answers) {
      const result = checkCitations(answer, SOURCES);
      expect(result.grounded).toBe(true);
      for (const used of result.used) {
        expect(used.quote.length).toBeGreaterThan(0);
        expect(SOURCES[used.source - 1]?.articleText).toContain(used.quote);
      }
    }
  });

  it("removes a sentence whose only citation names no source instead of keeping the claim unmarked", () => {
    const result = checkCitations("多晶硅出口8.5亿元[1]。另有100亿元[7]。", SOURCES);

    expect(result.text).toBe("多晶硅出口8.5亿元[1]。");
    expect(result.text).not.toContain("100亿元");
    expect(result.grounded).toBe(true);
    expect(result.removed).toEqual([
      { kind: "marker", marker: "[7]", numbers: [7], sentence: "另有100亿元[7]。" },
      { kind: "sentence", sentence: "另有100亿元[7]。" },
    ]);
  });

  it("keeps a sentence that still has one valid marker beside a bogus one", () => {
    const result = checkCitations("多晶硅出口8.5亿元[1][7]。", SOURCES);

    expect(result.text).toBe("多晶硅出口8.5亿元[1]。");
    expect(result.removed.map((r) => r.kind)).toEqual(["marker"]);
  });

  it("calls an answer with only bogus citations ungrounded", () => {
    const result = checkCitations(
      "西宁开发区多晶硅出口9.5亿元[7]。返还资金「2000万元以上」[4][5]。",
      SOURCES,
    );

    expect(result.grounded).toBe(false);
    expect(result.used).toEqual([]);
    expect(result.text).not.toMatch(/\[\d+\]/);
    expect(checkCitations("没有任何引用的回答。", SOURCES).grounded).toBe(false);
  });
});
