import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RawEntry } from "../../../src/english/cedict-data.js";
import { pageVocabulary } from "../../../src/retrieve/question/page-vocabulary.js";
import type { PageVocabulary } from "../../../src/retrieve/question/page-vocabulary.js";
import {
  CEDICT_CREDIT,
  GENERIC_GLOSSES_FILE,
  LIST_CREDIT,
  MAX_ALTERNATIVES,
  ONE_WAY_CREDIT,
  SYNONYM_LIST_FILE,
  buildGlossText,
  glossKey,
  loadSynonyms,
  parseGenericGlosses,
  parseSynonymList,
} from "../../../src/retrieve/question/synonyms.js";
import type { Synonyms } from "../../../src/retrieve/question/synonyms.js";
import { keywordIndex } from "../../helpers/qa-fixture.js";

let vocabulary: PageVocabulary;
let synonyms: Synonyms;

beforeAll(async () => {
  vocabulary = pageVocabulary((await keywordIndex()).keyword);
  synonyms = await loadSynonyms({ vocabulary });
});

const words = (word: string): string[] =>
  synonyms.alternatives(word).map((alternative) => alternative.word);
const via = (word: string, alternative: string): string | undefined =>
  synonyms.alternatives(word).find((candidate) => candidate.word === alternative)?.via;

describe("alternatives from the hand-written list (real pages)", () => {
  it("offers the formal words the pages print for colloquial ones", () => {
    // The pages never say 名字 (nor 姓名); they print 名称 (企业名称).
    expect(vocabulary.has("名字")).toBe(false);
    expect(words("名字")).toContain("名称");
    expect(words("公司")).toContain("企业");
    expect(vocabulary.has("营收")).toBe(false);
    expect(vocabulary.has("收入")).toBe(true);
    expect(words("营收")).toContain("收入");
    expect(vocabulary.has("开会")).toBe(false);
    expect(words("开会")).toEqual(expect.arrayContaining(["召开", "会议"]));
    expect(words("国外")).toContain("海外");
    expect(words("卖")).toEqual(expect.arrayContaining(["销售", "出口"]));
    expect(words("警察")).toEqual(expect.arrayContaining(["民警", "公安"]));
    expect(words("老百姓")).toContain("群众");
    expect(words("小孩")).toContain("未成年人");
    expect(words("空气污染")).toContain("大气污染");
  });

  it("gives equivalents the list credit and one-way lines less", () => {
    expect(synonyms.alternatives("公司").find((a) => a.word === "企业")).toEqual({
      word: "企业",
      credit: LIST_CREDIT,
      via: "list",
    });
    // `卖 > 出口`: an export is a sale, not every sale an export.
    expect(synonyms.alternatives("卖").find((a) => a.word === "出口")?.credit).toBe(ONE_WAY_CREDIT);
    expect(words("出口")).not.toContain("卖");
  });

  it("never offers a single character from an equivalence line", () => {
    // `骗 骗钱 诈骗 …`: 骗 receives 诈骗, but 诈骗 is not offered 骗.
    expect(words("骗")).toContain("诈骗");
    for (const word of ["诈骗", "欺诈", "销售", "出售"]) {
      for (const alternative of words(word))
        expect(Array.from(alternative).length).toBeGreaterThan(1);
    }
  });
});

describe("alternatives from CC-CEDICT's shared precise glosses (real pages)", () => {
  it.each([
    // colloquial → the pages' word, and the gloss they share
    ["平米", "平方米"], // square meter
    ["碰到", "遇到"], // to come across; to run into
    ["身子", "身体"], // body; health
    ["南边", "南部"], // southern part
  ])("%s → %s", (word, pageWord) => {
    expect(vocabulary.has(word)).toBe(false);
    expect(vocabulary.has(pageWord)).toBe(true);
    expect(words(word)).toContain(pageWord);
    expect(via(word, pageWord)).toBe("cedict");
  });

  it("credits the dictionary less than the list", () => {
    for (const alternative of synonyms.alternatives("平米")) {
      if (alternative.via === "cedict")
        expect(alternative.credit).toBeLessThanOrEqual(CEDICT_CREDIT);
    }
    expect(CEDICT_CREDIT).toBeLessThan(ONE_WAY_CREDIT);
  });

  it("never links words through a generic gloss", () => {
    // 东西 and 事情 share only `thing`; 挣得 and 制造/营造 only `to make`; 法子 and 方法 only `way`.
    expect(words("东西")).not.toContain("事情");
    expect(words("挣得")).not.toContain("制造");
    expect(words("挣得")).not.toContain("营造");
    expect(words("法子")).not.toContain("方法");
    // 混凝土 and 具体 share the homonym `concrete`, a single word with no character in common.
    expect(words("混凝土")).not.toContain("具体");
  });

  it("gives a word the dictionary does not know only list alternatives", () => {
    const alternatives = synonyms.alternatives("多少人");
    expect(alternatives.map((a) => a.word)).toContain("人次");
    for (const alternative of alternatives) expect(alternative.via).toBe("list");
  });
});

describe("every alternative", () => {
  it("is [] for a word with none", () => {
    expect(synonyms.alternatives("打官司")).toEqual([]);
    expect(synonyms.alternatives("㐀㐁")).toEqual([]);
    expect(synonyms.alternatives("")).toEqual([]);
  });

  it("is a page word other than the question's, credited below 1, at most a few, best first", async () => {
    const list = parseSynonymList(await readFile(SYNONYM_LIST_FILE, "utf8"));
    const asked = new Set<string>([
      "平米",
      "碰到",
      "身子",
      "南边",
      "混凝土",
      "东西",
      "官员",
      "展览",
      "比赛",
      "改",
      "建",
    ]);
    for (const group of list) for (const word of [...group.from, ...group.to]) asked.add(word);
    let offered = 0;
    for (const word of asked) {
      const alternatives = synonyms.alternatives(word);
      offered += alternatives.length;
      expect(alternatives.length).toBeLessThanOrEqual(MAX_ALTERNATIVES);
      expect(new Set(alternatives.map((a) => a.word)).size).toBe(alternatives.length);
      for (const [index, alternative] of alternatives.entries()) {
        expect(vocabulary.has(alternative.word)).toBe(true);
        expect(alternative.word).not.toBe(word);
        expect(alternative.credit).toBeGreaterThan(0);
        expect(alternative.credit).toBeLessThan(1);
        if (index > 0)
          expect(alternative.credit).toBeLessThanOrEqual(alternatives[index - 1]?.credit ?? 1);
      }
    }
    expect(offered).toBeGreaterThan(100);
  });

  it("is answered from memory: the same answer each time, and a caller's copy to change", () => {
    const asked = [
      "名字",
      "公司",
      "营收",
      "开会",
      "卖",
      "国外",
      "平米",
      "碰到",
      "身子",
      "小孩",
      "钱",
      "值",
      "投诉",
      "电池",
    ];
    const copy = synonyms.alternatives("国外");
    copy.pop();
    expect(synonyms.alternatives("国外")).toHaveLength(copy.length + 1);
    // How fast a lookup is belongs to `npm run bench`; a test only says it is stable.
    const first = asked.map((word) => synonyms.alternatives(word));
    expect(asked.map((word) => synonyms.alternatives(word))).toEqual(first);
  });
});

describe("the data files", () => {
  it("parse: no empty group, no word twice in a group, only words", async () => {
    const groups = parseSynonymList(await readFile(SYNONYM_LIST_FILE, "utf8"));
    expect(groups.length).toBeGreaterThanOrEqual(150);
    for (const group of groups) {
      const all = [...group.from, ...group.to];
      expect(group.from.length).toBeGreaterThan(0);
      expect(group.to.length > 0 || group.from.length >= 2).toBe(true);
      expect(new Set(all).size).toBe(all.length);
      for (const word of all) expect(word).toMatch(/^[\p{Script=Han}A-Za-z0-9·]+$/u);
    }
    const stop = parseGenericGlosses(await readFile(GENERIC_GLOSSES_FILE, "utf8"));
    expect(stop.generic.has("to do")).toBe(true);
    expect(stop.generic.has("thing")).toBe(true);
    expect(stop.functionWords.has("the")).toBe(true);
  });

  it("rejects malformed lines, naming them", () => {
    expect(() => parseSynonymList("公司 企业\n公司\n")).toThrow(/line 2/);
    expect(() => parseSynonymList("公司 企业 公司\n")).toThrow(/twice/);
    expect(() => parseSynonymList("卖 >\n")).toThrow(/both sides/);
    expect(() => parseSynonymList("a > b > c\n")).toThrow(/more than one/);
    expect(() => parseSynonymList("公司 企-业\n")).toThrow(/not a word/);
    expect(parseSynonymList("# only a comment\n\n公司 企业 # trailing comment\n")).toEqual([
      { line: 3, from: ["公司", "企业"], to: [] },
    ]);
  });
});

describe("buildGlossText", () => {
  const stop = parseGenericGlosses(
    "[generic]\nto do\nthing\n[notes]\nclassifier for\n[function words]\na the to of\n",
  );
  const entry = (word: string, senses: string[]): RawEntry => [word, word, "x", senses, [], []];
  const linked = (text: string): string[] =>
    text
      .split("\n")
      .filter((line) => /^\d+\t\d+\t/.test(line))
      .map((line) => line.split("\t")[2] ?? "");

  it("keeps shared precise glosses and drops generic ones, notes, lone glosses and late senses", () => {
    const text = buildGlossText(
      [
        entry("公司", ["company", "to do", "classifier for firms"]),
        entry("企业", ["company; firm", "thing", "classifier for firms"]),
        entry("甲乙", ["to do", "rare sense one", "rare sense two", "rare sense three", "company"]),
        entry("丙丁", ["only mine"]),
      ],
      stop,
    );
    expect(linked(text)).toEqual(["company"]);
    expect(text).toContain("公司\t0");
    expect(text).not.toContain("甲乙");
  });

  it("reads glosses as whole keys: notes, placeholders and articles dropped, `to` kept", () => {
    expect(glossKey("to hold (a meeting, ceremony etc)")).toBe("to hold");
    expect(glossKey("to sell sth")).toBe("to sell");
    expect(glossKey("the masses")).toBe("masses");
    expect(glossKey("value")).not.toBe(glossKey("to value"));
  });
});

describe("the gloss cache", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "synonyms-cache-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is built once, then read, with the same answers", async () => {
    const cold = await loadSynonyms({ vocabulary, cacheDir: dir });
    expect(cold.stats.cedict).toBe("built");
    expect(cold.stats.cacheFile).not.toBeNull();
    const warm = await loadSynonyms({ vocabulary, cacheDir: dir });
    expect(warm.stats.cedict).toBe("cache");
    expect(warm.stats.pageGlosses).toBe(cold.stats.pageGlosses);
    for (const word of ["平米", "碰到", "国外", "公司"])
      expect(warm.alternatives(word)).toEqual(cold.alternatives(word));
  });
});
