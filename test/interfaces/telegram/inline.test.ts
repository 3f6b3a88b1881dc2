import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiPayload } from "../../helpers/fake-telegram-server.js";
import { keywordEngine } from "../../helpers/qa-fixture.js";
import { startTestBot, type TestBot } from "./bot-harness.js";

/**
 * Issue 12, part 3: `@bot 问题` in any chat. The fake server only delivers inline queries to a
 * bot that asks for them (allowed_updates) and checks the answer as Telegram does.
 */

describe("inline mode", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ polling: { pollTimeoutSeconds: 1 } });
  });
  afterAll(async () => {
    await bot.stop();
  });

  const answerOf = async (id: string) => {
    const call = await bot.server.waitFor(
      (c) => c.method === "answerInlineQuery" && c.payload.inline_query_id === id,
    );
    expect(call.response?.ok).toBe(true);
    return call.payload;
  };

  it("answers @bot 问题 with the fact and its citations first, then the best articles, the same for everyone", async () => {
    const query = bot.server.inlineQuery("西宁开发区多晶硅出口额是多少？", { userId: 180 });
    const answer = await answerOf(query.inline_query.id);
    expect(answer.is_personal).toBe(false);
    expect(answer.cache_time).toBeGreaterThan(0);
    expect(answer.cache_time).toBeLessThanOrEqual(60);
    const results = answer.results as ApiPayload[];
    expect(results.length).toBeGreaterThan(1);
    expect(results.length).toBeLessThanOrEqual(5);
    const [card, ...articles] = results;
    expect(card!.title).toBe("回答：西宁开发区多晶硅出口额是多少？");
    const text = card!.input_message_content.message_text as string;
    expect(card!.input_message_content.parse_mode).toBe("HTML");
    expect(text).toContain("8.5亿元");
    expect(text).toContain("<blockquote expandable>");
    expect(text).toContain(
      "[1] 《多项指标领跑! 西宁开发区经济答卷亮眼》 · 003_bcfb9783f9e97214.txt",
    );
    expect(articles[0]!.title).toBe("《多项指标领跑! 西宁开发区经济答卷亮眼》");
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);

    // Someone else asking the same gets the same cards (from the cache: one engine answer).
    const again = bot.server.inlineQuery("西宁开发区多晶硅出口额是多少？", { userId: 181 });
    expect((await answerOf(again.inline_query.id)).results).toEqual(results);
  });

  it("offers the latest headlines for an empty query", async () => {
    const query = bot.server.inlineQuery("", { userId: 182 });
    const results = (await answerOf(query.inline_query.id)).results as ApiPayload[];
    const engine = await keywordEngine();
    // 002 carries the latest date the pages print (11月23日)
    const latest = engine.catalog().find((p) => p.source.startsWith("002_"))!;
    expect(results.map((r) => r.title)).toEqual(
      latest.articles.slice(0, 5).map((a) => `《${a.title}》`),
    );
    expect(results[0]!.input_message_content.message_text).toContain(
      latest.articles[0]!.lead.slice(0, 10),
    );
  });

  it("gives strangers no cards when ALLOWED_USER_IDS is set", async () => {
    const closed = await startTestBot({
      config: { allowedUserIds: [190] },
      polling: { pollTimeoutSeconds: 1 },
    });
    try {
      const stranger = closed.server.inlineQuery("多晶硅", { userId: 191 });
      const member = closed.server.inlineQuery("多晶硅", { userId: 190 });
      const refused = await closed.server.waitFor(
        (c) =>
          c.method === "answerInlineQuery" &&
          c.payload.inline_query_id === stranger.inline_query.id,
      );
      expect(refused.response?.ok).toBe(true);
      expect(refused.payload.results).toEqual([]);
      expect(refused.payload.is_personal).toBe(true);
      expect(refused.payload.button.start_parameter).toBe("private");
      const admitted = await closed.server.waitFor(
        (c) =>
          c.method === "answerInlineQuery" && c.payload.inline_query_id === member.inline_query.id,
      );
      expect(admitted.payload.results.length).toBeGreaterThan(0);
    } finally {
      await closed.stop();
    }
  });
});
