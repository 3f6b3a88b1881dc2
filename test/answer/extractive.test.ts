import { describe, expect, it } from "vitest";
import {
  ABSTAIN_THRESHOLD,
  extractAnswer,
  sentenceCitations,
} from "../../src/answer/extractive.js";
import { article, passage, word } from "../helpers/passages.js";

// Hand-built passages in the pages' register; each test changes one thing about them.
const EXPORTS = article(
  "西宁开发区今年发展势头良好。多晶硅出口8.5亿元，占全国同类产品出口的34.4%。锂电池产量稳步增长。",
  {
    id: "e.txt#0",
    title: "西宁开发区经济答卷亮眼",
  },
);
const POLYSILICON = [word("多晶硅", { weight: 2 }), word("出口")];

describe("extractAnswer picks the sentence that holds the fact", () => {
  it("leads with the sentence holding the figure a 多少 question asks for, quoted exactly", () => {
    const result = extractAnswer("多晶硅出口多少？", POLYSILICON, [passage(EXPORTS)]);
    expect(result.kind).toBe("number");
    expect(result.sentences[0]?.text).toBe("多晶硅出口8.5亿元，占全国同类产品出口的34.4%。");
    const { start, end, text } = result.sentences[0]!;
    expect(EXPORTS.text.slice(start, end)).toBe(text);
  });

  it("abstains, reporting its best evidence, when the question's words are not there", () => {
    const result = extractAnswer(
      "粮食产量是多少？",
      [word("粮食", { weight: 3 }), word("产量")],
      [passage(EXPORTS)],
      { enforce: false },
    );
    expect(result.sentences).toEqual([]);
    expect(result.evidence).toBeGreaterThan(0);
    expect(result.evidence).toBeLessThan(ABSTAIN_THRESHOLD);
  });

  it("has nothing to say without question words or passages", () => {
    expect(extractAnswer("多少？", [], [passage(EXPORTS)])).toEqual({
      sentences: [],
      evidence: 0,
      kind: "number",
    });
    expect(extractAnswer("多晶硅出口多少？", POLYSILICON, [])).toMatchObject({
      sentences: [],
      evidence: 0,
    });
  });

  it("scores a sentence by the weighted share of the question's words it holds, plus the kind bonus", () => {
    // 多晶硅 (weight 2) and 出口 (1) both in the sentence: coverage 1. It holds a figure (+0.15) and
    // comes from the only passage (rank bonus 0.05 × (1 − 0/1)).
    const [best] = extractAnswer("多晶硅出口多少？", POLYSILICON, [passage(EXPORTS)]).sentences;
    expect(best?.coverage).toBe(1);
    expect(best?.score).toBeCloseTo(1 + 0.15 + 0.05, 10);
  });

  it("counts a word found only in the headline or lead at 0.6 of one found in the sentence", () => {
    const session = article("本报讯 1月20日，大会在西宁开幕。应到委员380人，实到委员353人。", {
      title: "省政协十三届三次会议开幕",
    });
    const [best] = extractAnswer(
      "政协会议实到多少委员？",
      [word("政协"), word("实到"), word("委员")],
      [passage(session)],
    ).sentences;
    expect(best?.text).toBe("应到委员380人，实到委员353人。");
    expect(best?.coverage).toBeCloseTo((0.6 + 1 + 1) / 3, 10);
  });

  it("gives a longer word partial credit for its head only, so 单晶硅 does not half-match 多晶硅", () => {
    const coverageOf = (w: string) =>
      extractAnswer("出口情况", [word(w)], [passage(EXPORTS)], {
        threshold: 0,
        enforce: false,
      }).sentences.find((s) => s.text.startsWith("多晶硅"))?.coverage ?? 0;
    expect(coverageOf("出口额")).toBeCloseTo(0.6 * (2 / 3), 10); // 出口 of 出口额
    expect(coverageOf("单晶硅")).toBe(0); // 晶硅 is an inner bigram, not a head
  });

  it("counts a synonym the pages use at its credit, never above the word itself", () => {
    const synonym = word("光伏硅料", { weaker: [{ word: "多晶硅", credit: 0.5 }] });
    const [best] = extractAnswer(
      "光伏硅料出口多少？",
      [synonym, word("出口")],
      [passage(EXPORTS)],
      { threshold: 0 },
    ).sentences;
    expect(best?.coverage).toBeCloseTo((0.5 + 1) / 2, 10);
  });
});

describe("what the question requires rules sentences out", () => {
  it("skips an article that never mentions a name the question requires", () => {
    const words = [word("海东", { required: "article" }), ...POLYSILICON];
    expect(extractAnswer("海东多晶硅出口多少？", words, [passage(EXPORTS)]).sentences).toEqual([]);
    const haidong = article(`海东市消息。${EXPORTS.text}`);
    expect(
      extractAnswer("海东多晶硅出口多少？", words, [passage(haidong)]).sentences[0]?.text,
    ).toContain("8.5亿元");
  });

  it("needs a figure, year or restricting word near the answer: its sentence, the one before, or the headline", () => {
    const text = "2023年，全区工业稳步发展。新增企业12家。锂电池产量增长。多晶硅出口8.5亿元。";
    const words = [word("2023", { required: "near" }), ...POLYSILICON];
    // 2023 is two sentences before the figure: too far, it may be another year's.
    expect(
      extractAnswer("2023年多晶硅出口多少？", words, [passage(article(text))]).sentences,
    ).toEqual([]);
    const headed = article(text, { title: "2023年西宁开发区经济回顾" });
    expect(
      extractAnswer("2023年多晶硅出口多少？", words, [passage(headed)]).sentences[0]?.text,
    ).toBe("多晶硅出口8.5亿元。");
  });

  it("does not answer a 多少 question with a sentence without a figure, or in another unit than asked", () => {
    const words = [word("出口"), word("企业")];
    const plain = article("出口企业表现亮眼。出口企业达到12家。出口额8.5亿元。");
    expect(
      extractAnswer("出口企业有多少家？", words, [passage(plain)], { askedUnits: ["家"] })
        .sentences[0]?.text,
    ).toBe("出口企业达到12家。");
    expect(
      extractAnswer("出口企业有多少人？", words, [passage(plain)], { askedUnits: ["人", "名"] })
        .sentences,
    ).toEqual([]);
    // `/search` ranks without ruling out.
    expect(
      extractAnswer("出口企业有多少人？", words, [passage(plain)], {
        askedUnits: ["人"],
        enforce: false,
      }).sentences,
    ).not.toEqual([]);
  });

  it("answers a 哪天 question only with a sentence holding a date, the article's lead included", () => {
    const meeting = article(
      "3月25日，全市生态环境保护大会召开。会议强调，要持续打好蓝天保卫战。会议由市长主持。",
    );
    // The retrieved chunk is the later part; the lead still answers when the meeting was.
    const chunk = passage(meeting, {
      start: meeting.text.indexOf("会议强调"),
      end: meeting.text.length,
    });
    const result = extractAnswer(
      "生态环境保护大会是哪天召开的？",
      [word("生态环境"), word("保护"), word("大会"), word("召开")],
      [chunk],
    );
    expect(result.kind).toBe("date");
    expect(result.sentences.map((s) => s.text)).toEqual(["3月25日，全市生态环境保护大会召开。"]);
  });
});

describe("a 谁 question is answered by a sentence where someone does what is asked", () => {
  const meeting = article(
    "全省安全生产视频会议召开。吴晓军在会议上指出，全省安全生产形势严峻复杂。刘超主持，李宏亚出席。",
  );
  const asked = (required: "none" | "action") => [
    word("安全生产", { weight: 2 }),
    word("会议"),
    word("主持", { required }),
  ];

  it("skips the sentence that repeats the question's words without the action", () => {
    // As a vote, 主持 loses to the sentence that repeats the meeting's words.
    expect(
      extractAnswer("安全生产会议是谁主持的？", asked("none"), [passage(meeting)]).sentences[0]
        ?.text,
    ).toContain("吴晓军在会议上指出");
    expect(
      extractAnswer("安全生产会议是谁主持的？", asked("action"), [passage(meeting)]).sentences[0]
        ?.text,
    ).toBe("刘超主持，李宏亚出席。");
  });
});

describe("a question for a title holder is answered by someone bearing that title", () => {
  const meeting = article(
    "会议认为，市政协在大会上的讲话具有指导意义。市政协主席段发达主持，副市长褚平俊出席并讲话。",
  );
  const words = [word("市政协"), word("讲话")];

  it("skips a sentence naming nobody with the title asked (哪位副市长)", () => {
    const result = extractAnswer("市政协会上讲话的是哪位副市长？", words, [passage(meeting)]);
    expect(result.sentences[0]?.text).toBe("市政协主席段发达主持，副市长褚平俊出席并讲话。");
    expect(result.sentences.map((s) => s.text)).not.toContain(
      "会议认为，市政协在大会上的讲话具有指导意义。",
    );
  });

  it("never takes a day of the calendar (3月25日) for a number of days (几天)", () => {
    const session = article("3月25日，常委会会议在西宁举行。会议为期两天。");
    const words = [word("常委会"), word("会议")];
    expect(
      extractAnswer("常委会会议开了几天？", words, [passage(session)], {
        askedUnits: ["天", "日"],
      }).sentences[0]?.text,
    ).toBe("会议为期两天。");
  });

  it("counts 两场 and 三所 as figures for 几场/几所 questions", () => {
    const plan = article("活动分为两场。活动很精彩。");
    expect(
      extractAnswer("活动分为几场？", [word("活动"), word("分为")], [passage(plan)], {
        askedUnits: ["场"],
      }).sentences[0]?.text,
    ).toBe("活动分为两场。");
  });
});

describe("support sentences and citations", () => {
  const report = article(
    "多晶硅出口8.5亿元。多晶硅出口量居全国首位。多晶硅出口企业3家。锂电池出口增长。",
    { title: "出口" },
  );

  it("adds up to two sentences nearly as relevant as the first (≥ 80 % of its score), best first", () => {
    // No kind asked (如何): the three 多晶硅出口 sentences tie and keep the page's order; the
    // 锂电池 one holds a third of the words and stays out.
    const result = extractAnswer("多晶硅出口情况如何？", POLYSILICON, [passage(report)]);
    expect(result.kind).toBe("other");
    expect(result.sentences.map((s) => s.text)).toEqual([
      "多晶硅出口8.5亿元。",
      "多晶硅出口量居全国首位。",
      "多晶硅出口企业3家。",
    ]);
    expect(
      extractAnswer("多晶硅出口情况如何？", POLYSILICON, [passage(report)], { maxSentences: 1 })
        .sentences,
    ).toHaveLength(1);
    // A 多少 question leaves out the sentence without a figure.
    expect(
      extractAnswer("多晶硅出口多少？", POLYSILICON, [passage(report)]).sentences.map(
        (s) => s.text,
      ),
    ).toEqual(["多晶硅出口8.5亿元。", "多晶硅出口企业3家。"]);
  });

  it("prefers, between equal sentences, the passage retrieval ranked higher", () => {
    const first = article("多晶硅出口8.5亿元。", { id: "a.txt#0", source: "a.txt" });
    const second = article("多晶硅出口9.1亿元。", { id: "b.txt#0", source: "b.txt" });
    const result = extractAnswer(
      "多晶硅出口多少？",
      POLYSILICON,
      [passage(second), passage(first)],
      { maxSentences: 1 },
    );
    expect(result.sentences[0]?.article.id).toBe("b.txt#0");
  });

  it("cites each chosen sentence verbatim, numbered from 1, its score rounded and at most 1", () => {
    const citations = sentenceCitations(
      extractAnswer("多晶硅出口多少？", POLYSILICON, [passage(EXPORTS)]).sentences,
    );
    const quote = "多晶硅出口8.5亿元，占全国同类产品出口的34.4%。";
    const start = EXPORTS.text.indexOf(quote);
    expect(citations[0]).toEqual({
      n: 1,
      source: "p.txt",
      title: "西宁开发区经济答卷亮眼",
      quote,
      score: 1,
      articleId: "e.txt#0",
      date: null,
      // Where the scorer found it, so the passage opens without searching for the quote again.
      start,
      end: start + quote.length,
    });
  });
});

describe("passages the dense search added (issue 15)", () => {
  const OTHER = article("今年全市锂电池产量稳步增长，多晶硅价格回落。", {
    id: "o.txt#0",
    title: "锂电产业",
  });
  const added = { ...passage(OTHER), keywordRank: null, denseRank: 1, addedByDense: true };

  it("leave the keyword passages' scores as they are in keyword-only mode", () => {
    const alone = extractAnswer("多晶硅出口多少？", POLYSILICON, [passage(EXPORTS)]);
    const withAdded = extractAnswer("多晶硅出口多少？", POLYSILICON, [passage(EXPORTS), added]);
    expect(withAdded.evidence).toBe(alone.evidence);
    expect(withAdded.sentences[0]).toEqual(alone.sentences[0]);
  });

  it("compete on their sentences' evidence alone, without a retrieval-rank bonus", () => {
    const first = extractAnswer("多晶硅价格？", [word("多晶硅"), word("价格")], [added]);
    const ranked = extractAnswer("多晶硅价格？", [word("多晶硅"), word("价格")], [passage(OTHER)]);
    expect(first.sentences[0]?.text).toBe("今年全市锂电池产量稳步增长，多晶硅价格回落。");
    expect(ranked.evidence - first.evidence).toBeCloseTo(0.05, 10);
  });
});
