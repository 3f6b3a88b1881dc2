/**
 * A figure the reader offers for checking (an editor's `稿子写61人，对吗`) is what is asked about,
 * not a constraint: the answer quotes the printed figure and says whether the quote holds the
 * reader's. A figure without such words stays a constraint.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { QaEngine } from "../../src/answer/qa-engine.js";
import type { QuestionUnderstanding } from "../../src/answer/question-understanding.js";
import { keywordEngine, keywordUnderstanding } from "../helpers/qa-fixture.js";

let engine: QaEngine;
let understanding: QuestionUnderstanding;
beforeAll(async () => {
  [engine, understanding] = await Promise.all([keywordEngine(), keywordUnderstanding()]);
});

describe("reading a claimed figure", () => {
  const zh = (q: string) => understanding.claims.read(q, "zh");
  const en = (q: string) => understanding.claims.read(q, "en");

  it("reads the reader's figure as the question it stands for, in the reader's unit", () => {
    expect(zh("出席的委员 我这边记的是61人，对吗")).toEqual({
      question: "出席的委员 多少人，对吗",
      claims: [{ text: "61人", value: "61" }],
    });
    // A marking word that belongs to the question stays (`是…吗` → `是多少户`).
    expect(zh("开发区高新技术企业是142户吗").question).toBe("开发区高新技术企业是多少户");
    expect(zh("2024年开发区工业增加值增长8.4%对不对")).toEqual({
      question: "2024年开发区工业增加值增长多少%",
      claims: [{ text: "8.4%", value: "8.4" }],
    });
    expect(zh("市政府党组会议是3月26日吗").question).toBe("市政府党组会议是哪天");
    // A claim in a clause of its own, beside a question that asks already, is no second question.
    expect(zh("发案同比降了多少？我这写4.97%")).toEqual({
      question: "发案同比降了多少",
      claims: [{ text: "4.97%", value: "4.97" }],
    });
    expect(en("Xining police froze fraud funds — our copy says 15.9 billion, correct?")).toEqual({
      question: "Xining police froze fraud funds — how much, correct?",
      claims: [{ text: "15.9 billion", value: "15.9" }],
    });
    expect(en("Follow-up calls on the hotline that day — 170?").question).toBe(
      "Follow-up calls on the hotline that day — how many?",
    );
    expect(en("Purity of the boric acid, we have 99.9%").claims).toEqual([
      { text: "99.9%", value: "99.9" },
    ]);
  });

  it("leaves every other figure a constraint: a count that names the thing, a year, a date", () => {
    for (const q of [
      "开发区21个节能技改项目节能多少",
      "12345热线10月15日接了多少电话",
      "2024年吗",
      "二〇二四年开发区新增就业多少人",
      // (the report's figure of a whole, a part of which is asked)
      "化工那篇说的26处重大危险源里，一级的有几处",
    ])
      expect(zh(q)).toEqual({ question: q, claims: [] });
    for (const q of [
      "How many people attended on March 25?",
      "What did the zone invest in 2024?",
      "How much did the 21 retrofit projects save?",
    ])
      expect(en(q)).toEqual({ question: q, claims: [] });
  });
});

describe("a quoted draft checked against the report (a copy editor's question)", () => {
  it("reads every figure of the draft's clause as the draft's, its unit kept, and checks it", async () => {
    const read = understanding.claims.read(
      "稿子里说西宁今年靠旅游预计能挣三百三十多个亿，报道原文写的准确数字是多少",
      "zh",
    );
    expect(read.question).toBe("稿子里说西宁今年靠旅游预计能挣多少亿，报道原文写的准确数字是多少");
    expect(read.claims).toEqual([{ text: "三百三十多个亿", value: "330" }]);
    const checked = await engine.ask("稿子写第十四次会议出席的有65人，原文是多少？");
    expect(checked.answer.split("\n")[0]).toContain("共63人出席");
    expect(checked.note).toBe("核对：以上引文中没有你给的“65人”，请以引文为准。");
    const held = await engine.ask("稿子说开发区一年能处理两百五十吨冬虫夏草菌粉，原文是这个数吗？");
    expect(held.answer).toContain("虫草菌粉250吨");
    expect(held.note).toBe("核对：你给的“两百五十吨”见于以上引文。");
  });
});

describe("answering a claimed figure", () => {
  it("quotes the printed figure and says the reader's is not in the quote", async () => {
    const answer = await engine.ask("省人大常委会第十四次会议出席的委员 我这边记的是61人，对吗");
    expect(answer.grounded).toBe(true);
    expect(answer.answer.split("\n")[0]).toContain("63人");
    expect(answer.note).toContain("没有你给的“61人”");
  });

  it("says so when the quote holds the reader's figure", async () => {
    const answer = await engine.ask("第十四次会议出席的常委会委员是63人吗");
    expect(answer.answer.split("\n")[0]).toContain("63人");
    expect(answer.note).toContain("“63人”见于以上引文");
  });

  it("reads a guess set off after 第几 (`第几次… 第九次?`) as a claim, not a constraint", async () => {
    const answer = await engine.ask("省政府党组会议上说要贯彻国务院第几次全体会议精神 第九次?");
    expect(answer.answer.split("\n")[0]).toContain("国务院第八次全体会议");
    expect(answer.note).toContain("没有你给的“第九次”");
  });

  it("does the same in English", async () => {
    const answer = await engine.ask(
      "Salt lake base: how many high-level talents joined — we have 95?",
    );
    expect(answer.answer).toContain("59名");
    expect(answer.note).toContain("“95” is not in the quoted text");
  });

  it("abstains without a note when nothing answers, whatever the figure", async () => {
    const answer = await engine.ask("开发区去年光伏组件出口了多少亿 我这写的3.5亿 对吗");
    expect(answer.grounded).toBe(false);
    expect(answer.note).toBeUndefined();
  });
});
