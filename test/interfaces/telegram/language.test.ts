import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCommands } from "../../../src/interfaces/telegram/commands.js";
import type { ApiCall } from "../../helpers/fake-telegram-server.js";
import { startTestBot, type TestBot } from "./bot-harness.js";

/**
 * Issue 12, part 7: interface texts follow the question's language and the user's
 * language_code — Simplified, Traditional (converted by opencc), English; the quotes stay as the
 * pages print them.
 */

const sentTo = (chatId: number) => (c: ApiCall) =>
  c.method === "sendMessage" && c.response?.ok === true && Number(c.payload.chat_id) === chatId;
const buttons = (call: ApiCall): Array<{ text: string; callback_data: string }> =>
  (call.payload.reply_markup?.inline_keyboard ?? []).flat();

describe("interface language", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ polling: { pollTimeoutSeconds: 1 } });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it("speaks Traditional to a user whose Telegram is in Traditional Chinese", async () => {
    const user = { userId: 240, languageCode: "zh-hant" };
    bot.server.command("start", "", user);
    const welcome = await bot.server.waitFor(sentTo(240));
    expect(welcome.visibleText).toContain("已收錄 5 個版面、23 篇報道");
    expect(welcome.visibleText).toContain("可以這樣問：");
    bot.server.command("help", "", user);
    const help = await bot.server.waitFor((c) => sentTo(240)(c) && c.seq > welcome.seq);
    expect(help.visibleText).toContain("直接發一個問題，我會從已收錄的西寧報版面中找出答案");
  });

  it("answers a question written in Traditional characters with Traditional interface texts and verbatim quotes", async () => {
    bot.server.text("西寧開發區多晶矽出口額是多少？", { userId: 241, languageCode: "zh-hans" });
    const answer = await bot.server.waitFor(sentTo(241));
    const text = answer.visibleText!;
    expect(text).toContain("出處：");
    expect(text).not.toContain("出处：");
    // the quote as the page prints it, in Simplified characters
    const quote = answer.entities!.find((e) => e.type === "expandable_blockquote")!;
    expect(text.slice(quote.offset, quote.offset + quote.length)).toContain("多晶硅出口8.5亿元");
    const labels = buttons(answer).map((b) => b.text);
    expect(labels[0]).toBe("[1] 原文");
    expect(labels.slice(-2)).toEqual(["👍", "👎"]);
    const press = bot.server.pressButton(bot.server.sentMessage(answer), "f:up", {
      userId: 241,
      languageCode: "zh-hans",
    });
    const ack = await bot.server.waitFor(
      (c) =>
        c.method === "answerCallbackQuery" &&
        c.payload.callback_query_id === press.callback_query!.id,
    );
    // A button press has no text: the interface follows the user's language code (Simplified).
    expect(ack.payload.text).toBe("谢谢反馈！");
  });

  it("browses in English for an English user", async () => {
    bot.server.command("latest", "", { userId: 242, languageCode: "en" });
    const menu = await bot.server.waitFor(sentTo(242));
    expect(menu.visibleText).toContain("Latest pages");
    expect(buttons(menu)[0]!.text).toMatch(/^Page 3 · 11月23日 · \d+ reports$/);
  });

  it("registers the command menu per language (Telegram keys menus by two-letter code)", async () => {
    await registerCommands(new Api(bot.server.token, { apiRoot: bot.server.apiRoot }));
    const everyone = bot.server.commands.get("")!.map((c) => c.command);
    expect(everyone).toEqual(expect.arrayContaining(["ask", "latest", "pages", "search"]));
    expect(bot.server.commands.get("zh")).toEqual(bot.server.commands.get(""));
    expect(bot.server.commands.get("en")!.find((c) => c.command === "ask")!.description).toMatch(
      /^Ask a question/,
    );
  });
});
