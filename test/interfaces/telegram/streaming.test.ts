import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmAnswerer } from "../../../src/answer/llm.js";
import { deferred } from "../../helpers/deferred.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../../helpers/fake-openai-server.js";
import type { ApiCall } from "../../helpers/fake-telegram-server.js";
import { keywordEngine } from "../../helpers/qa-fixture.js";
import { startTestBot, type TestBot } from "./bot-harness.js";

/**
 * Issue 12, part 2: an LLM answer grows as a draft in a private chat (sendMessageDraft, with a
 * stop button), and what stays is the checked answer. The fake LLM streams its tokens as
 * server-sent events, each held at a gate the test opens.
 */

const sentTo = (chatId: number) => (c: ApiCall) =>
  c.method === "sendMessage" && c.response?.ok === true && Number(c.payload.chat_id) === chatId;
const draftTo = (chatId: number) => (c: ApiCall) =>
  c.method === "sendMessageDraft" && Number(c.payload.chat_id) === chatId;

describe("streamed LLM answers", () => {
  let llm: FakeOpenAiServer;
  let bot: TestBot;
  beforeAll(async () => {
    llm = await startFakeOpenAiServer();
    const answerer = createLlmAnswerer(
      { baseUrl: llm.baseUrl, apiKey: "test-key", model: "qwen-test" },
      { timeoutMs: 20_000, maxRetries: 0 },
    );
    bot = await startTestBot({
      engine: await keywordEngine(answerer),
      polling: { pollTimeoutSeconds: 1 },
    });
  });
  afterAll(async () => {
    await bot.stop();
    await llm.close();
  });

  it("shows the answer growing as drafts with a stop button, then sends only the checked text", async () => {
    const rest = deferred();
    const last = deferred();
    llm.script({
      tokens: [
        "据报道，",
        "「多晶硅出口8.5亿元」",
        "，居全国首位[1]。",
        "另据报道，产值翻了一番[9]。",
      ],
      tokenGates: [undefined, rest.promise, undefined, last.promise],
    });
    const asked = bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 260 });
    const first = await bot.server.waitFor(draftTo(260));
    expect(first.response?.ok).toBe(true);
    expect(first.payload).toMatchObject({ draft_id: asked.update_id, can_stop: true });
    expect(first.visibleText).toBe("据报道，");
    rest.resolve();
    await bot.server.waitFor((c) => draftTo(260)(c) && /居全国首位\[1\]/.test(c.visibleText ?? ""));
    last.resolve();

    const final = await bot.server.waitFor(sentTo(260));
    // The invented [9] and its sentence were taken out by the citation check before sending.
    expect(final.visibleText).toContain("多晶硅出口8.5亿元");
    expect(final.visibleText).not.toContain("产值翻了一番");
    expect(final.visibleText).not.toContain("[9]");
    expect(final.visibleText).toContain("[1] 《多项指标领跑! 西宁开发区经济答卷亮眼》");
    const drafts = bot.server.calls.filter(draftTo(260));
    expect(drafts.every((d) => d.response?.ok === true)).toBe(true); // none over the flood limit
    expect(drafts.every((d) => d.seq < final.seq)).toBe(true); // no draft after the final message
  });

  it("aborts the LLM call on the stop button and sends the extractive answer", async () => {
    llm.script({
      tokens: ["据报道，", "（永远不会到达）"],
      tokenGates: [undefined, new Promise(() => undefined)],
    });
    const asked = bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 261 });
    await bot.server.waitFor(draftTo(261));
    bot.server.stopGeneration(261, asked.update_id);
    await llm.streamAborted();
    const final = await bot.server.waitFor(sentTo(261));
    expect(final.visibleText).toContain("已停止生成，以下为原文摘录。");
    expect(final.visibleText).toContain("多晶硅出口8.5亿元");
    expect(final.visibleText).not.toContain("永远不会到达");
  });

  it("gives a group typing… and the final message, no drafts", async () => {
    llm.script({ tokens: ["据报道，", "「多晶硅出口8.5亿元」[1]。"] });
    const group = { chatType: "supergroup" as const, chatId: -100262, userId: 262 };
    bot.server.text(`@${bot.server.botInfo.username} 西宁开发区多晶硅出口额是多少？`, group);
    const final = await bot.server.waitFor(sentTo(-100262));
    expect(final.visibleText).toContain("多晶硅出口8.5亿元");
    expect(bot.server.calls.filter(draftTo(-100262))).toEqual([]);
    expect(bot.server.callsOf("sendChatAction").some((c) => c.payload.chat_id === -100262)).toBe(
      true,
    );
  });
});
