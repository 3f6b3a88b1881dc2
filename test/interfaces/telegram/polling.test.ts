import { describe, expect, it } from "vitest";
import type { QaEngine } from "../../../src/answer/qa-engine.js";
import { TEXTS } from "../../../src/interfaces/telegram/texts.js";
import { createLlmAnswerer } from "../../../src/answer/llm.js";
import { deferred } from "../../helpers/deferred.js";
import { startFakeOpenAiServer } from "../../helpers/fake-openai-server.js";
import { failures, type ApiCall } from "../../helpers/fake-telegram-server.js";
import { keywordEngine } from "../../helpers/qa-fixture.js";
import { startTestBot } from "./bot-harness.js";

const sentTo = (chatId: number) => (c: ApiCall) =>
  c.method === "sendMessage" && c.response?.ok === true && Number(c.payload.chat_id) === chatId;

/**
 * A bot whose answers never finish (an LLM that never replies), with a short drain budget, so
 * stopping must give up on them; `started` settles when the first answer has begun.
 */
async function botWithStuckAnswers() {
  const engine = await keywordEngine();
  const started = deferred();
  const stuck: QaEngine = {
    ...engine,
    ask: async () => {
      started.resolve();
      return new Promise<never>(() => {});
    },
  };
  const bot = await startTestBot({
    engine: stuck,
    polling: { drainTimeoutMs: 100, cutShortGraceMs: 100 },
  });
  return { bot, started };
}

describe("long polling", () => {
  it("aborts a getUpdates that never answers, logs a warning and polls again", async () => {
    // A 1 s long poll with a 200 ms margin: the hung poll is given up 1.2 s after it was sent.
    const bot = await startTestBot({ polling: { pollTimeoutSeconds: 1, pollMarginMs: 200 } });
    try {
      const first = await bot.server.waitFor((c) => c.method === "getUpdates");
      // The next poll reaches a Bot API (a proxy, a half-open connection) that never answers.
      bot.server.fail("getUpdates", failures.hang);
      const hung = await bot.server.waitFor(
        (c) => c.method === "getUpdates" && c.seq > first.seq,
        10_000,
      );

      const warning = await bot.logged(/getUpdates gave no answer/);
      expect(warning).toContain("warn");
      expect(warning).toContain("1200 ms");
      // Still listening: a question asked after the hang is answered.
      bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 21 });
      const reply = await bot.server.waitFor(sentTo(21), 10_000);
      expect(reply.visibleText).toContain("8.5亿元");
      expect(hung.response).toBeUndefined();
    } finally {
      await bot.stop();
    }
  }, 30_000);

  it("apologises in the forum topic the unanswered question was asked in", async () => {
    const { bot, started } = await botWithStuckAnswers();
    try {
      const topic = { chatType: "supergroup" as const, chatId: -100888, userId: 32, threadId: 7 };
      const asked = bot.server.command("ask", "省政协十三届三次会议实到多少委员？", topic);
      await started.promise;

      await bot.polling.stop();

      const replies = bot.server.repliesTo(asked);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.payload.message_thread_id).toBe(7);
    } finally {
      await bot.server.close();
    }
  });

  it("apologises to each user whose answer is still unfinished when stopping's drain budget ends", async () => {
    const { bot, started } = await botWithStuckAnswers();
    try {
      const zh = bot.server.text("省政协十三届三次会议实到多少委员？", { userId: 31 });
      await started.promise;

      await bot.polling.stop();

      const replies = bot.server.repliesTo(zh);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.visibleText).toBe(TEXTS.zh.stoppedUnanswered);
      expect(bot.log.join("\n")).toContain("1 update(s) still unanswered");
    } finally {
      await bot.server.close();
    }
  });

  it("never confirms an unfinished update to Telegram, so a restart answers it; a finished one after it is not handled twice", async () => {
    const engine = await keywordEngine();
    const slowStarted = deferred();
    // The first question's answer never finishes in the first run (an LLM that never replies).
    const stuck: QaEngine = {
      ...engine,
      ask: async (q, o) => {
        if (q.startsWith("慢")) {
          slowStarted.resolve();
          return new Promise<never>(() => {});
        }
        return engine.ask(q, o);
      },
    };
    const first = await startTestBot({
      engine: stuck,
      polling: { drainTimeoutMs: 100, cutShortGraceMs: 100 },
    });
    const server = first.server;
    try {
      const slow = server.text("慢：省政协十三届三次会议实到多少委员？", { userId: 41 });
      await slowStarted.promise;
      // Answered while the slow one is in hand; Telegram keeps delivering the slow one (the offset
      // stops at it) and the bot must not answer this one again for that.
      const fast = server.text("西宁开发区多晶硅出口额是多少？", { userId: 42 });
      await server.waitFor(sentTo(42), 10_000);
      const fastReply = server.repliesTo(fast)[0]!;
      const pollsSince = await server.waitForCount(
        (c) => c.method === "getUpdates" && c.seq > fastReply.seq,
        2,
        10_000,
      );
      expect(pollsSince.length).toBeGreaterThanOrEqual(2);

      await first.polling.stop();

      // No getUpdates ever went past the unfinished update: Telegram still has it.
      const offsets = server.callsOf("getUpdates").map((c) => Number(c.payload.offset ?? 0));
      expect(Math.max(...offsets)).toBeLessThanOrEqual(slow.update_id);
      expect(server.acknowledged()).not.toContain(slow.update_id);
      expect(server.repliesTo(slow).map((c) => c.visibleText)).toEqual([
        TEXTS.zh.stoppedUnanswered,
      ]);
      expect(server.repliesTo(fast)).toHaveLength(1);

      // The restart is delivered the unfinished update again, and answers it.
      const second = await startTestBot({ server, engine });
      try {
        const answer = await server.waitFor(
          (c) =>
            sentTo(41)(c) && c.visibleText !== TEXTS.zh.stoppedUnanswered && c.seq > fastReply.seq,
          10_000,
        );
        expect(answer.visibleText).toContain("353人");
      } finally {
        await second.polling.stop();
      }
      expect(server.acknowledged()).toContain(slow.update_id);
    } finally {
      await server.close();
    }
  });

  it("at stop, reports an answer waiting in auto-retry's back-off as waiting on Telegram, not as unanswered, and leaves it to be delivered again", async () => {
    // Telegram asks the bot to wait a minute before sending: the answer is ready, in back-off.
    const bot = await startTestBot({ polling: { drainTimeoutMs: 100, cutShortGraceMs: 100 } });
    try {
      bot.server.fail("sendMessage", failures.tooManyRequests(60));
      const asked = bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 51 });
      await bot.server.waitFor(
        (c) => c.method === "sendMessage" && c.response?.error_code === 429,
        10_000,
      );

      await bot.polling.stop();

      const log = bot.log.join("\n");
      expect(log).toContain("1 answer(s) ready but waiting on Telegram");
      expect(log).not.toContain("still unanswered");
      // Not apologised for (Telegram said to wait), not confirmed: a restart delivers it again.
      expect(bot.server.repliesTo(asked)).toHaveLength(0);
      expect(bot.server.acknowledged()).not.toContain(asked.update_id);
    } finally {
      await bot.server.close();
    }
  });

  it("when the drain budget ends, an answer waiting on a slow LLM is cut short: its asker gets the extractive answer, not an apology, and the update is confirmed", async () => {
    const llmServer = await startFakeOpenAiServer();
    // An LLM that never replies within the stop (its own deadline is far beyond it).
    llmServer.script({ content: "", hold: new Promise(() => {}) });
    const llm = createLlmAnswerer(
      { baseUrl: llmServer.baseUrl, apiKey: "test-key", model: "slow" },
      { timeoutMs: 600_000, maxRetries: 0 },
    );
    const bot = await startTestBot({
      engine: await keywordEngine(llm),
      polling: { drainTimeoutMs: 100 },
    });
    try {
      const asked = bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 61 });
      await llmServer.received(1);

      await bot.polling.stop();

      await llmServer.abandoned(1);
      const replies = bot.server.repliesTo(asked);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.visibleText).toContain("8.5亿元");
      expect(bot.server.acknowledged()).toContain(asked.update_id);
      expect(bot.log.join("\n")).not.toContain("still unanswered");
    } finally {
      await bot.server.close();
      await llmServer.close();
    }
  });
});
