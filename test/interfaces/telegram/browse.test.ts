import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiCall } from "../../helpers/fake-telegram-server.js";
import { keywordEngine } from "../../helpers/qa-fixture.js";
import { startTestBot, type TestBot } from "./bot-harness.js";

/**
 * Issue 12, part 5: /latest and /pages open a menu of buttons — pages → articles → an article's
 * card → its full text — with back buttons, its state in the buttons' data alone.
 */

const inChat = (chatId: number) => (c: ApiCall) =>
  c.response?.ok === true && Number(c.payload.chat_id) === chatId;
const buttons = (call: ApiCall): Array<{ text: string; callback_data: string }> =>
  (call.payload.reply_markup?.inline_keyboard ?? []).flat();

describe("browsing with buttons", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ polling: { pollTimeoutSeconds: 1 } });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it("goes from /latest to a page, an article's card and its full text, and back", async () => {
    const user = { userId: 220 };
    const engine = await keywordEngine();
    bot.server.command("latest", "", user);
    const menu = await bot.server.waitFor((c) => c.method === "sendMessage" && inChat(220)(c));
    expect(menu.visibleText).toContain("最新版面");
    // 002 carries the latest date the pages print (11月23日): it is the third page file
    const latest = engine.catalog()[2]!;
    expect(buttons(menu)[0]!.text).toBe(`第3版 · 11月23日 · ${latest.articles.length}篇`);
    expect(buttons(menu)).toHaveLength(5);

    const message = bot.server.sentMessage(menu);
    let last = menu;
    /** Presses a button of the menu message and waits for the edit it makes. */
    const press = async (data: string) => {
      bot.server.pressButton(message, data, user);
      last = await bot.server.waitFor(
        (c) => c.method === "editMessageText" && inChat(220)(c) && c.seq > last.seq,
      );
      expect(last.payload.message_id).toBe(message.message_id);
      return last;
    };

    const page = await press(buttons(menu)[0]!.callback_data);
    expect(page.visibleText).toContain(`第3版 · ${latest.source} · 11月23日`);
    for (const a of latest.articles) expect(page.visibleText).toContain(`《${a.title}》`);
    expect(buttons(page).at(-1)!.text).toBe("« 版面");

    const article = latest.articles[0]!;
    const card = await press(buttons(page)[0]!.callback_data);
    expect(card.visibleText).toContain(`《${article.title}》`);
    expect(card.visibleText).toContain(article.lead);
    expect(card.entities!.some((e) => e.type === "expandable_blockquote")).toBe(true);
    expect(buttons(card).map((b) => b.text)).toEqual(["全文", "« 第3版"]);
    for (const b of [...buttons(menu), ...buttons(page), ...buttons(card)])
      expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    bot.server.pressButton(message, buttons(card)[0]!.callback_data, user);
    const first = await bot.server.waitFor(
      (c) => c.method === "sendMessage" && inChat(220)(c) && c.seq > card.seq,
    );
    expect(first.payload.reply_parameters.message_id).toBe(message.message_id);
    const text = engine.article(article.id)!.text;
    const shown = bot.server
      .messages(220)
      .filter((c) => c.seq >= first.seq)
      .map((c) => c.visibleText)
      .join("\n");
    expect(shown).toContain(`[1] 《${article.title}》 · ${article.source}`);
    for (const paragraph of text.split("\n").filter((p) => p.trim() !== ""))
      expect(shown).toContain(paragraph);

    const back = await press(buttons(card)[1]!.callback_data);
    expect(back.visibleText).toBe(page.visibleText);
    const list = await press(buttons(back).at(-1)!.callback_data);
    expect(list.visibleText).toContain("最新版面");
  });

  it("/pages lists the pages in order, and a menu button works in a fresh process (state in the data)", async () => {
    bot.server.command("pages", "", { userId: 221 });
    const menu = await bot.server.waitFor((c) => c.method === "sendMessage" && inChat(221)(c));
    expect(menu.visibleText).toContain("全部版面");
    expect(buttons(menu)[0]!.text).toMatch(/^第1版 · 3月25日 · \d+篇$/);

    // Another bot, nothing in memory: a card's button from the first bot's menu still opens.
    const fresh = await startTestBot({ polling: { pollTimeoutSeconds: 1 } });
    try {
      const engine = await keywordEngine();
      const article = engine.catalog()[0]!.articles[1]!;
      fresh.server.command("pages", "", { userId: 222 });
      const freshMenu = await fresh.server.waitFor(
        (c) => c.method === "sendMessage" && inChat(222)(c),
      );
      fresh.server.pressButton(fresh.server.sentMessage(freshMenu), `b:a:c:${article.id}`, {
        userId: 222,
      });
      const card = await fresh.server.waitFor(
        (c) => c.method === "editMessageText" && inChat(222)(c),
      );
      expect(card.visibleText).toContain(`《${article.title}》`);
      const gone = fresh.server.pressButton(fresh.server.sentMessage(freshMenu), "b:f:gone.txt#0", {
        userId: 222,
      });
      const notice = await fresh.server.waitFor(
        (c) =>
          c.method === "answerCallbackQuery" &&
          c.payload.callback_query_id === gone.callback_query!.id,
      );
      expect(notice.payload.text).toContain("不在当前索引中");
    } finally {
      await fresh.stop();
    }
  });
});
