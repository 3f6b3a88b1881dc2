import { describe, expect, it } from "vitest";
import {
  askedTitle,
  askedUnits,
  unlikeUnits,
  asksForAmount,
  characterCount,
  cleanQuestion,
  FACT_PATTERNS,
  MAX_QUESTION_LENGTH,
  questionKind,
  questionProblem,
} from "../../src/answer/question.js";

describe("questionKind: what kind of fact answers the question", () => {
  it.each([
    ["西宁开发区多晶硅出口额是多少？", "number"],
    ["全市有几家企业入选？", "number"],
    ["多晶硅出口占全国的比例是多少？", "number"],
    ["How much polysilicon was exported?", "number"],
    ["大会是哪天召开的？", "date"],
    ["When did the campaign start?", "date"],
    ["会议由谁主持？", "person"],
    ["Who chaired the meeting?", "person"],
    ["会议在哪里举行？", "place"],
    ["Where was the conference held?", "place"],
    ["绿书签活动上表演的快板叫什么名字？", "title"],
    ["该活动以什么为主题？", "title"],
    ["What was the theme of the Green Bookmark event?", "title"],
    ["What was the promo video shown at the Green Bookmark event called?", "title"],
    ["西宁蓝行动的目标是什么？", "other"],
  ])("%s → %s", (question, kind) => {
    expect(questionKind(question)).toBe(kind);
  });

  it("reads a date before a number: 几月几日 asks for a day, not a count", () => {
    expect(questionKind("几月几日召开？")).toBe("date");
  });
});

describe("FACT_PATTERNS: sentences that hold each kind of fact", () => {
  it("knows a name as the pages print names: in 《》 or quotation marks", () => {
    expect(
      FACT_PATTERNS.title.test("快板《共护成长齐发力》则以铿锵节奏呼吁社会各界同心协力护苗成长。"),
    ).toBe(true);
    expect(FACT_PATTERNS.title.test("活动现场还呈现了丰富的文艺表演")).toBe(false);
  });

  it("knows a figure with its unit, a date, a named person and a venue", () => {
    expect(FACT_PATTERNS.number.test("多晶硅出口8.5亿元")).toBe(true);
    expect(FACT_PATTERNS.number.test("出口额居全国首位")).toBe(false);
    expect(FACT_PATTERNS.date.test("3月25日，会议召开")).toBe(true);
    expect(FACT_PATTERNS.person.test("市委书记罗东川主持会议")).toBe(true);
    expect(FACT_PATTERNS.place.test("会议在青海会议中心举行")).toBe(true);
  });
});

describe("questionProblem: what is checked before any work", () => {
  it("tells empty, wordless and over-long questions apart, and lets real ones through", () => {
    expect(questionProblem("  ")).toBe("empty");
    expect(questionProblem("？？！")).toBe("no_words");
    expect(questionProblem("问".repeat(MAX_QUESTION_LENGTH + 1))).toBe("too_long");
    expect(questionProblem("问".repeat(MAX_QUESTION_LENGTH))).toBeNull();
    expect(questionProblem("多晶硅出口多少？")).toBeNull();
  });
});

describe("askedUnits: the unit a 多少/几 question asks in", () => {
  const units = { 人: ["人", "名", "位"], 家: ["家"], 元: ["元"], 比例: ["%", "％", "成"] };

  it("reads the measure word after 多少/几, skipping a magnitude (多少亿元 asks in 元)", () => {
    expect(askedUnits("实到多少人？", units)).toEqual(["人", "名", "位"]);
    expect(askedUnits("有几家企业？", units)).toEqual(["家"]);
    expect(askedUnits("出口多少亿元？", units)).toEqual(["元"]);
  });

  it("reads a unit that starts with a magnitude whole (多少千瓦时 asks energy, not 瓦)", () => {
    const power = { 瓦: ["瓦", "千瓦", "吉瓦"], 千瓦时: ["千瓦时", "吉瓦时"], 吨: ["吨", "万吨"] };
    expect(askedUnits("年发电多少千瓦时", power)).toEqual(["千瓦时", "吉瓦时"]);
    expect(askedUnits("调节容量是多少万千瓦", power)).toEqual(["瓦", "千瓦", "吉瓦"]);
    // …and a longer unit holding the asked one with more after it is another measure:
    expect(unlikeUnits(askedUnits("调节容量是多少千瓦", power), power)).toEqual([
      "千瓦时",
      "吉瓦时",
    ]);
    // (a magnitude before a unit is the same measure, and 次 after a count counts the same things)
    expect(unlikeUnits(["吨"], power)).toEqual([]);
    expect(unlikeUnits(["件"], { 件: ["件"], 次: ["件次"] })).toEqual([]);
  });

  it("reads `占多少`, `占了几成` as a share, whatever it is of", () => {
    const shared = { ...units, 占比: ["%", "成"] };
    expect(askedUnits("来自西宁市职工的占多少？", shared)).toEqual(["%", "成"]);
    expect(askedUnits("新兴产业在园区经济里占了几成", shared)).toEqual(["%", "成"]);
    expect(askedUnits("占地多少亩", shared)).toBeNull();
  });

  it("reads a rate asked with a noun ending in 率 as a share", () => {
    const rated = { ...units, 率: ["%", "％"] };
    expect(askedUnits("回访满意率是多少？", rated)).toEqual(["%", "％"]);
    expect(askedUnits("铝液就地转化率有多高", rated)).toEqual(["%", "％"]);
    expect(askedUnits("回访了多少件", rated)).toBeNull();
  });

  it("falls back to a noun that implies a unit, else any figure answers", () => {
    expect(askedUnits("占全国的比例是多少？", units)).toEqual(["%", "％", "成"]);
    expect(askedUnits("出口额是多少？", units)).toBeNull();
  });
});

describe("asksForAmount: only a count or amount needs a figure in the answer", () => {
  it("is true for 多少 and 几个, false for an ordinal or a date", () => {
    expect(asksForAmount("有多少企业？")).toBe(true);
    expect(asksForAmount("有几个园区？")).toBe(true);
    expect(asksForAmount("第几批入选？")).toBe(false);
    expect(asksForAmount("几月几日召开？")).toBe(false);
    expect(asksForAmount("会议由谁主持？")).toBe(false);
  });
});

describe("cleanQuestion: what is answered of a typed line", () => {
  it("removes terminal escape sequences and control characters from a question", () => {
    expect(cleanQuestion("  西宁开发区\u001b[31m多晶硅\u001b[0m出口额\u0007是多少？\r")).toBe(
      "西宁开发区多晶硅出口额是多少？",
    );
    expect(cleanQuestion("\u001b]0;title\u0007会议由谁主持？")).toBe("会议由谁主持？");
    expect(cleanQuestion("who\tchaired\nit?")).toBe("who chaired it?");
    expect(questionProblem(cleanQuestion("\u001b[2J\u001b[H"))).toBe("empty");
  });
});

describe("question length", () => {
  it("counts characters (code points), not UTF-16 units, against the length limit", () => {
    // 151 emoji are 151 characters (302 UTF-16 units): under the limit of 300.
    expect(characterCount("😀".repeat(151))).toBe(151);
    expect(characterCount("𠀀西宁")).toBe(3);
    expect(questionProblem(`${"𠀀".repeat(MAX_QUESTION_LENGTH - 1)}吗`)).toBeNull();
    expect(questionProblem("𠀀".repeat(MAX_QUESTION_LENGTH + 1))).toBe("too_long");
  });
});

describe("a Chinese question wrapped in HTML", () => {
  it("is answered as the Chinese question inside the tags", () => {
    expect(
      cleanQuestion('<div class="q"><a href="https://example.com/x">会议由谁主持？</a></div>'),
    ).toBe("会议由谁主持？");
  });
});

describe("askedTitle: the title a 谁 question asks for", () => {
  it.each([
    ["市政协专题协商会上讲话的是哪位副市长？", "副市长"],
    ["省政协的秘书长是谁？", "秘书长"],
    ["报告是哪位副主任作的？", "副主任"],
    ["会议上是哪位领导讲话？", null],
    ["谁主持的会议？", null],
  ])("%s → %s", (question, title) => {
    expect(askedTitle(question)).toBe(title);
  });
});
