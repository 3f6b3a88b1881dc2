import { describe, expect, it } from "vitest";
import type { QaEngine } from "../../../src/answer/qa-engine.js";
import { TEXTS } from "../../../src/interfaces/telegram/texts.js";
import { deferred } from "../../helpers/deferred.js";
import { failures, type ApiCall } from "../../helpers/fake-telegram-server.js";
import { keywordEngine } from "../../helpers/qa-fixture.js";
import { startTestBot } from "./bot-harness.js";

const sentTo = (chatId: number) => (c: ApiCall) =>
  c.method === "sendMessage" && c.response?.ok === true && Number(c.payload.chat_id) === chatId;

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

  it("apologises to each user whose answer is still unfinished when stopping's drain budget ends", async () => {
    const engine = await keywordEngine();
    const started = deferred();
    // An answer that never finishes (an LLM that never replies), so the drain budget must end.
    const stuck: QaEngine = {
      ...engine,
      ask: async () => {
        started.resolve();
        return new Promise<never>(() => {});
      },
    };
    const bot = await startTestBot({ engine: stuck, polling: { drainTimeoutMs: 100 } });
    try {
      const zh = bot.server.text("省政协十三届三次会议实到多少委员？", { userId: 31 });
      await started.promise;

      await bot.polling.stop();

      const replies = bot.server.repliesTo(zh);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.visibleText).toBe(TEXTS.zh.apology);
      expect(bot.log.join("\n")).toContain("1 update(s) still unanswered");
    } finally {
      await bot.server.close();
    }
  });
});
