import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmAnswerer } from "../../src/answer/llm.js";
import type { QaEngine } from "../../src/answer/qa-engine.js";
import type { Answer } from "../../src/answer/types.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../helpers/fake-openai-server.js";
import { keywordEngine, keywordIndex } from "../helpers/qa-fixture.js";

let engine: QaEngine;
beforeAll(async () => {
  engine = await keywordEngine();
});

/** What a reader checks: each [n] has a citation, and each quote is really in its article. */
async function expectVerifiableCitations(answer: Answer) {
  const index = await keywordIndex();
  for (const c of answer.citations) {
    const article = index.articles.find((a) => a.id === c.articleId)!;
    expect(article.source).toBe(c.source);
    expect(article.title).toBe(c.title);
    expect(article.text).toContain(c.quote);
    if (answer.grounded) expect(answer.answer).toContain(`[${c.n}]`);
  }
  for (const [, n] of answer.answer.matchAll(/\[(\d+)\]/g))
    expect(answer.citations.some((c) => c.n === Number(n))).toBe(true);
}

describe("answers from the pages (keyword-only, as it runs without the model)", () => {
  it("gives the figure with the article it came from", async () => {
    const answer = await engine.ask("西宁开发区多晶硅出口额是多少？");
    expect(answer).toMatchObject({ grounded: true, mode: "extractive", language: "zh" });
    expect(answer.answer.split("\n")[0]).toContain("多晶硅出口8.5亿元");
    expect(answer.citations[0]).toMatchObject({
      n: 1,
      source: "003_bcfb9783f9e97214.txt",
      title: "多项指标领跑! 西宁开发区经济答卷亮眼",
    });
    await expectVerifiableCitations(answer);
  });

  it("answers a mainly-Chinese question with English words in it, reading them as the pages' Chinese", async () => {
    const answer = await engine.ask("西宁开发区 polysilicon export 多少?");
    expect(answer).toMatchObject({
      grounded: true,
      language: "zh",
      question: "西宁开发区 polysilicon export 多少?",
    });
    expect(answer.answer.split("\n")[0]).toContain("多晶硅出口8.5亿元");
    await expectVerifiableCitations(answer);
    // An English word whose Chinese the pages never print is not stretched into a near match.
    expect(await engine.ask("西宁市2024年GDP是多少？")).toMatchObject({ grounded: false });
  });

  it("reads a reader's English asides in a Chinese question (sorry, news) as no topic", async () => {
    const lists = await engine.ask("市政府黨組會議講的三張清單 第一張是什麼 sorry不太懂");
    expect(lists.answer.split("\n")[0]).toContain("经济发展挑大梁");
    const which = await engine.ask("有一篇有 赛赤·确吉洛智嘉措 這個名字 是哪篇news");
    expect(which).toMatchObject({ grounded: true, intent: "which" });
    expect(which.answer).toContain("《省政协十三届三次会议胜利闭幕》");
  });

  it("names the person who chaired, from the right meeting", async () => {
    const answer = await engine.ask("3月25日市政府党组会议由谁主持？");
    expect(answer.answer).toContain("石建平");
    expect(answer.citations[0]).toMatchObject({ title: "市政府党组会议召开", date: "3月25日" });
    await expectVerifiableCitations(answer);
  });

  it("finds a date and a place", async () => {
    const date = await engine.ask("罗东川看望省政协港澳委员是在哪天？");
    expect(date.answer).toContain("1月19日");
    const place = await engine.ask("西宁市护苗2025绿书签行动在哪所学校举行？");
    expect(place.answer).toContain("陶昕学校");
    await expectVerifiableCitations(place);
  });

  it("says nothing was found, and suggests the nearest reports, when the pages do not say", async () => {
    for (const question of [
      "西宁市常住人口有多少？",
      "海东市规模以上工业总产值是多少？",
      "青海大学的校长是谁？",
      "西宁开发区2022年的多晶硅出口额是多少？",
    ]) {
      const answer = await engine.ask(question);
      expect(answer.grounded, question).toBe(false);
      expect(answer.answer).toMatch(/^没有在已收录的报道中找到能回答这个问题的内容。/);
      expect(answer.citations.length).toBeLessThanOrEqual(3);
      await expectVerifiableCitations(answer);
    }
  });

  it("reads a separable verb split by 了 (发了言) as the verb the pages print (发言)", async () => {
    const answer = await engine.ask("罗东川和港澳委员座谈时有哪些委员发了言？");
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]?.quote).toContain("吴汉忠");
    await expectVerifiableCitations(answer);
  });

  it("searches for the question's content words, not its adverbs (真正, 那天)", async () => {
    // With 真正 in the keyword query, passages that merely share it crowd out the one with the
    // attendance figure.
    const answer = await engine.ask("省政协闭幕那天真正到场的委员有多少？");
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toContain("实到353人");
    await expectVerifiableCitations(answer);
  });

  it("reads English news phrasing through the glossary: a promo video shown, called…", async () => {
    const answer = await engine.ask(
      "What was the promo video shown at the Green Bookmark event called?",
    );
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toContain("《守一扇心窗》");
    await expectVerifiableCitations(answer);
    // `sign cooperation deals`: 签订 合作协议, not CC-CEDICT's 签名 (signature) and 协作.
    const deals = await engine.ask(
      "How many supermarkets did Qinghai Haiwo Trading sign cooperation deals with?",
    );
    expect(deals.answer).toContain("97家超市签订了合作协议");
  });

  it("answers `Who chaired …?` only with a sentence where someone chairs (主持)", async () => {
    const answer = await engine.ask(
      "Who chaired the provincial safety and fire-prevention video meeting?",
    );
    // The sentence repeating the meeting's words names a speaker, not its chair.
    expect(answer.answer).not.toContain("吴晓军指出");
    if (answer.grounded) expect(answer.answer).toContain("刘超");
    const chaired = await engine.ask(
      "Who chaired the Xining municipal government Party group meeting?",
    );
    expect(chaired.answer).toContain("石建平");
  });

  it("does not answer by how much something grew with its level (增长 stated in the sentence)", async () => {
    // The pages give 2024's total output (1286.1亿元), not its growth; the sentence before speaks
    // of another figure's growth.
    const level = await engine.ask("2024年西宁开发区规模以上工业总产值增长了多少？");
    expect(level.grounded).toBe(false);
    // Where the growth is stated, it answers.
    const growth = await engine.ask("2024年西宁开发区规模以上工业增加值增长了多少？");
    expect(growth.answer).toContain("增长4.8%");
  });

  it("names the report whose text holds a which-report topic, even spread over two paragraphs", async () => {
    // 甘河园区 and 复合肥产能 stand paragraphs apart in the chemical-industry report.
    const answer = await engine.ask("讲甘河园区复合肥产能的是哪篇？");
    expect(answer).toMatchObject({ grounded: true, intent: "which" });
    expect(answer.citations[0]?.title).toBe("西宁开发区化工产业竞争力持续攀升");
    expect(answer.answer).toContain("《西宁开发区化工产业竞争力持续攀升》");
    await expectVerifiableCitations(answer);
    // A topic no report holds is still declined.
    expect(await engine.ask("哪篇报道提到了大熊猫？")).toMatchObject({
      grounded: false,
      intent: "which",
    });
  });

  it("answers from the articles the reader points at, reading all their passages", async () => {
    // `prefer`: the report in focus in a conversation (`这篇报道里…`).
    const catalog = engine.catalog().flatMap((p) => p.articles);
    const party = catalog.find((a) => a.title === "省政府党组会议召开")!;
    const anywhere = await engine.ask("会议由谁主持？");
    expect(anywhere.citations[0]?.articleId).not.toBe(party.id);
    const answer = await engine.ask("会议由谁主持？", { prefer: [party.id] });
    expect(answer.citations[0]).toMatchObject({ articleId: party.id });
    expect(answer.citations[0]?.quote).toContain("罗东川");
    // Nothing there: the whole index answers as usual.
    const elsewhere = await engine.ask("多晶硅出口额是多少？", { prefer: [party.id] });
    expect(elsewhere.answer).toContain("8.5亿元");
  });

  it("answers an English question in English, quoting the Chinese source", async () => {
    const answer = await engine.ask("How much polysilicon did the Xining development zone export?");
    expect(answer).toMatchObject({ grounded: true, language: "en" });
    expect(answer.answer).toMatch(/^According to the reports:/);
    expect(answer.answer).toContain("8.5亿元");
    await expectVerifiableCitations(answer);
    const none = await engine.ask("What will the weather be like in Xining this weekend?");
    expect(none).toMatchObject({ grounded: false, language: "en" });
    expect(none.answer).toMatch(/^Nothing in the collected reports answers this question\./);
  });

  it("explains what is wrong with an empty, wordless or overlong question", async () => {
    expect(await engine.ask("   ")).toMatchObject({
      grounded: false,
      mode: "none",
      citations: [],
      answer: expect.stringContaining("请输入一个问题"),
    });
    expect(await engine.ask("？？？！！")).toMatchObject({
      grounded: false,
      mode: "none",
      answer: expect.stringContaining("没有可以查询的文字"),
    });
    expect(await engine.ask("西宁".repeat(200))).toMatchObject({
      grounded: false,
      mode: "none",
      answer: expect.stringContaining("问题太长了"),
    });
    expect(await engine.ask("?".repeat(3))).toMatchObject({ mode: "none" });
  });
});

describe("search (no composed answer)", () => {
  it("lists the best passages with their sources, quoting each one's best-matching sentence", async () => {
    const hits = await engine.search("多晶硅");
    expect(hits.length).toBeGreaterThan(1);
    expect(hits[0]).toMatchObject({ n: 1 });
    expect(hits.some((h) => h.quote.includes("多晶硅出口8.5亿元"))).toBe(true);
    await expectVerifiableCitations({
      question: "多晶硅",
      answer: "",
      grounded: false,
      mode: "none",
      citations: hits,
      language: "zh",
    });
    expect(await engine.search("？？")).toEqual([]);
  });
});

describe("LLM mode against a local OpenAI-compatible server", () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("uses the model's checked answer when it cites a real source", async () => {
    server.script({ content: "据报道，「多晶硅出口8.5亿元」，居全国首位[1]。" });
    const llm = createLlmAnswerer(
      { baseUrl: server.baseUrl, apiKey: "test-key", model: "qwen-test" },
      { timeoutMs: 2000, retryDelayMs: 10 },
    );
    const answer = await (await keywordEngine(llm)).ask("西宁开发区多晶硅出口额是多少？");
    expect(answer).toMatchObject({ mode: "llm", grounded: true });
    expect(answer.answer).toContain("8.5亿元");
    await expectVerifiableCitations(answer);
  });

  it("falls back to the extractive answer, with a note, when the endpoint fails", async () => {
    server.script({ status: 500, body: '{"error":"down"}' });
    const llm = createLlmAnswerer(
      { baseUrl: server.baseUrl, apiKey: "test-key", model: "qwen-test" },
      { timeoutMs: 2000, retryDelayMs: 10 },
    );
    const answer = await (await keywordEngine(llm)).ask("西宁开发区多晶硅出口额是多少？");
    expect(answer).toMatchObject({ mode: "extractive", grounded: true });
    expect(answer.note).toMatch(/^大模型未能作答（HTTP 500/);
    expect(answer.answer).toContain("8.5亿元");
  });

  it("never lets an invented citation through: a reply citing only a missing source falls back", async () => {
    server.script({ content: "多晶硅出口9.5亿元[7]。" });
    const llm = createLlmAnswerer(
      { baseUrl: server.baseUrl, apiKey: "test-key", model: "qwen-test" },
      { timeoutMs: 2000, retryDelayMs: 10 },
    );
    const answer = await (await keywordEngine(llm)).ask("西宁开发区多晶硅出口额是多少？");
    expect(answer.mode).toBe("extractive");
    expect(answer.answer).not.toContain("9.5亿元");
    expect(answer.answer).toContain("8.5亿元");
  });
});
