import { describe, expect, it } from "vitest";
import { chineseQueryWords, generalFactor, type QueryWord } from "../../src/answer/query-words.js";
import { createQuestionLexicon } from "../../src/answer/question-lexicon.js";
import { buildKeywordIndex, termIdf } from "../../src/index/keyword-index.js";

// Three hand-written passages stand for the pages; the lexicon's data is given inline.
const keyword = buildKeywordIndex([
  { id: "a", text: "西宁开发区多晶硅出口8.5亿元，居全国首位。2023年新增企业12家。" },
  { id: "b", text: "省政协第十四次会议召开，公司代表出席。全省光伏产业发展。" },
  { id: "c", text: "锂电池产量增长。西宁蓝行动启动。发案同比下降4.79%。" },
]);
// Chinese at large: 出口 is everyday (idf 3.5, the floor), 多晶硅 a term of art.
const GENERAL_IDF: Record<string, number> = { 出口: 3.5, 多晶硅: 8.5 };
const lexicon = createQuestionLexicon({
  general: {
    idf: (w) => GENERAL_IDF[w] ?? null,
    isGeneralWord: (w) => w in GENERAL_IDF,
    isFunctionWord: () => false,
    partOfSpeech: () => null,
  },
  isFramingWord: (w) => w === "报道",
  modifiersText: "# words that restrict a question\n出口\n全省\n@下降 减少\n",
  aliasesText: "西宁市 西宁\n",
  synonyms: {
    alternatives: (w) =>
      w === "太阳能"
        ? [
            { word: "光伏", credit: 0.7 },
            { word: "风电", credit: 0.5 },
          ]
        : [],
  },
});
const wordsOf = (question: string) => chineseQueryWords(question, keyword, lexicon);
const find = (words: QueryWord[], alternative: string) =>
  words.find((w) => w.alternatives[0] === alternative);
const rarest = Math.log(1 + (3 - 1 + 0.5) / 1.5);

describe("chineseQueryWords: what a Chinese question asks about", () => {
  it("keeps jieba's longest words, never question or framing words", () => {
    const spellings = wordsOf("报道里西宁开发区多晶硅出口多少？").flatMap((w) => w.alternatives);
    expect(spellings).toEqual(expect.arrayContaining(["西宁开发区", "多晶硅", "出口"]));
    for (const absent of ["报道", "多少", "西宁", "开发区"])
      expect(spellings).not.toContain(absent);
  });

  it("weighs a word by its rarity in the pages times its rarity in Chinese at large", () => {
    const words = wordsOf("西宁开发区多晶硅出口多少？");
    expect(find(words, "多晶硅")?.weight).toBeCloseTo(termIdf(keyword, "w:多晶硅") * 1, 10);
    expect(find(words, "出口")?.weight).toBeCloseTo(termIdf(keyword, "w:出口") * 0.4, 10);
  });

  it("requires a name or Latin word in the article, counted fully, with the aliases the pages use", () => {
    expect(find(wordsOf("海东市的粮食产量是多少？"), "海东")).toMatchObject({
      required: "article",
      weight: rarest,
    });
    expect(find(wordsOf("GDP增长多少"), "gdp")).toMatchObject({ required: "article" });
    expect(find(wordsOf("西宁市的锂电池产量"), "西宁市")).toMatchObject({
      alternatives: ["西宁市", "西宁"],
      required: "article",
    });
  });

  it("does not take jieba's `nr` compounds of a common noun for names (银行卡), but keeps real names", () => {
    const tagged = createQuestionLexicon({
      general: {
        idf: () => null,
        isGeneralWord: () => false,
        isFunctionWord: () => false,
        partOfSpeech: (w) => ({ 银行: "n", 卫东: "nr" })[w] ?? null,
      },
      isFramingWord: () => false,
      modifiersText: "",
      aliasesText: "",
      synonyms: { alternatives: () => [] },
    });
    const card = "冻结的银行卡有多少个？";
    // jieba's dictionary tags 银行卡 as a person's name: with no tags for its parts it stays one.
    expect(find(wordsOf(card), "银行卡")?.required).toBe("article");
    expect(find(chineseQueryWords(card, keyword, tagged), "银行卡")?.required).toBe("none");
    expect(find(chineseQueryWords("格尔木的光伏产业", keyword, tagged), "格尔木")?.required).toBe(
      "article",
    );
    expect(find(chineseQueryWords("王卫东出席了吗", keyword, tagged), "王卫东")?.required).toBe(
      "article",
    );
  });

  it("cuts jieba's guessed words back where a character is grammar (聊完 → 聊 完), not a term (号线)", () => {
    const withComplements = createQuestionLexicon({
      general: {
        idf: () => null,
        isGeneralWord: () => false,
        isFunctionWord: () => false,
        partOfSpeech: () => null,
      },
      isFramingWord: () => false,
      modifiersText: "",
      aliasesText: "",
      complementsText: "# complements\n完\n",
      synonyms: { alternatives: () => [] },
    });
    const chat = chineseQueryWords("跟代省长聊完以后", keyword, withComplements).map(
      (w) => w.alternatives[0],
    );
    expect(chat).toContain("聊");
    expect(chat).not.toContain("聊完");
    // Without the list 聊完 is one word the pages never print, weighed as the rarest.
    expect(wordsOf("跟代省长聊完以后").map((w) => w.alternatives[0])).toContain("聊完");
    const metro = chineseQueryWords("西宁地铁1号线什么时候开通", keyword, withComplements).map(
      (w) => w.alternatives[0],
    );
    expect(metro).toContain("号线");
  });

  it("requires a restricting word, figure or ordinal near the answer; a day's numbers in the article", () => {
    const words = wordsOf("2023年全省出口额多少？");
    expect(find(words, "全省")?.required).toBe("near");
    expect(find(words, "2023")?.required).toBe("near");
    // 出口 inside 出口额 still restricts, without counting twice as evidence.
    expect(find(words, "出口")).toEqual({
      alternatives: ["出口"],
      weaker: [],
      weight: 0,
      required: "near",
    });
    // (a session's ordinal with the meeting it counts: `省第十四次工代会` is another ordinal)
    expect(find(wordsOf("第十四次会议谁出席？"), "第十四次会")).toMatchObject({
      alternatives: [
        "第十四次会",
        "第十四次全体会议",
        "第十四次全会",
        "第14次会",
        "第14次全体会议",
        "第14次全会",
      ],
      required: "near",
    });
    expect(find(wordsOf("第十四次谁出席？"), "第十四次")).toMatchObject({
      alternatives: ["第十四次", "第14次"],
      required: "near",
    });
    const day = wordsOf("10月15日召开的会议讲了什么？");
    expect([find(day, "10")?.required, find(day, "15")?.required]).toEqual(["article", "article"]);
  });

  it("requires a change (@ in the data) in the answer sentence itself, an equivalent (下降 for 减少) too", () => {
    expect(find(wordsOf("发案数减少了多少？"), "减少")).toMatchObject({
      alternatives: ["减少", "下降"],
      required: "action",
    });
    expect(find(wordsOf("全省出口额多少？"), "全省")?.required).toBe("near");
  });

  it("takes a year inside a name (护苗2025行动) for part of the name: in the article, not near", () => {
    expect(find(wordsOf("护苗2025行动放的视频叫什么？"), "2025")?.required).toBe("article");
    expect(find(wordsOf("2025年行动放的视频叫什么？"), "2025")?.required).toBe("near");
  });

  it("counts a word the pages never print through the synonyms they do print, at their credit", () => {
    expect(find(wordsOf("太阳能产业怎么样？"), "太阳能")).toMatchObject({
      weaker: [{ word: "光伏", credit: 0.7 }],
      required: "none",
    });
  });

  it("makes a word the pages lack, with no synonym, evidence against every sentence", () => {
    expect(find(wordsOf("海东市的粮食产量是多少？"), "粮食产量")).toMatchObject({
      weight: rarest,
      required: "none",
    });
  });
});

describe("generalFactor: how much a word of everyday Chinese counts", () => {
  it("is 0.4 at or below idf 3.5, 1 from idf 7 (and for words jieba does not know), linear between", () => {
    expect(generalFactor(1)).toBe(0.4);
    expect(generalFactor(3.5)).toBe(0.4);
    expect(generalFactor(5.25)).toBeCloseTo(0.5, 10);
    expect(generalFactor(7)).toBe(1);
    expect(generalFactor(12)).toBe(1);
    expect(generalFactor(null)).toBe(1);
  });
});

describe("the action a 谁/哪些 question asks about", () => {
  const pages = buildKeywordIndex([
    { id: "a", text: "全省敬老月体育展示活动由省体育局主办，市体育局承办。" },
    { id: "b", text: "会议召开，刘超主持，李宏亚出席并讲话。活动达到预期。" },
  ]);
  // jieba's tags and general-language idf for the verbs: 达到 is said of anything.
  const VERBS: Record<string, number> = { 主办: 7.9, 承办: 8.9, 展示: 7, 主持: 6.4, 达到: 4.6 };
  const verbs = createQuestionLexicon({
    general: {
      idf: (w) => VERBS[w] ?? null,
      isGeneralWord: (w) => w in VERBS,
      isFunctionWord: () => false,
      partOfSpeech: (w) => (w in VERBS ? "v" : null),
    },
    isFramingWord: () => false,
    modifiersText: "",
    aliasesText: "",
    synonyms: { alternatives: () => [] },
  });
  const action = (question: string) =>
    chineseQueryWords(question, pages, verbs).find((w) => w.required === "action")?.alternatives[0];

  it("is the specific verb after the question word in its clause", () => {
    expect(action("会议是谁主持的？")).toBe("主持");
    // 展示 comes before the question word: the doer asked for is the one who 承办.
    expect(action("敬老月体育展示活动是哪些单位承办的？")).toBe("承办");
  });

  it("is before the question word only in `…的是谁`, and never in another clause", () => {
    expect(action("主持的人是谁？")).toBe("主持");
    expect(action("刘超主持的那次，出席的是谁？")).toBeUndefined();
  });

  it("is never a verb said of anything (达到), nor asked in a question without 谁/哪些", () => {
    expect(action("哪些活动达到预期？")).toBeUndefined();
    expect(action("会议主持了多久？")).toBeUndefined();
  });
});
