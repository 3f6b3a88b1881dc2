import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citationLabel } from "../../../src/interfaces/format-text.js";
import type { ApiCall } from "../../helpers/fake-telegram-server.js";
import { keywordEngine } from "../../helpers/qa-fixture.js";
import { startTestBot, type TestBot } from "./bot-harness.js";

/**
 * Issue 12, part 1: every citation's quote readable in place under the answer, folded in an
 * expandable block quote, with its headline · page file · date under it.
 */

const sentTo = (chatId: number) => (c: ApiCall) =>
  c.method === "sendMessage" && c.response?.ok === true && Number(c.payload.chat_id) === chatId;

describe("sources in place", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ polling: { pollTimeoutSeconds: 1 } });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it("shows each citation's quote as an expandable block quote, its source under it, the passage button kept", async () => {
    const question = "西宁开发区多晶硅出口额是多少？";
    const expected = await (await keywordEngine()).ask(question);
    bot.server.text(question, { userId: 120 });
    const reply = await bot.server.waitFor(sentTo(120));
    expect(reply.payload.parse_mode).toBe("HTML");
    const text = reply.visibleText!;
    const quotes = reply.entities!.filter((e) => e.type === "expandable_blockquote");
    expect(quotes).toHaveLength(expected.citations.length);
    for (const [i, entity] of quotes.entries()) {
      const citation = expected.citations[i]!;
      // verbatim, as printed on the page
      expect(text.slice(entity.offset, entity.offset + entity.length)).toBe(citation.quote);
      const under = text.slice(entity.offset + entity.length + 1).split("\n")[0];
      expect(under).toBe(citationLabel(citation));
    }
    expect(text).toContain("出处：");
    const buttons = (reply.payload.reply_markup?.inline_keyboard ?? []).flat();
    expect(buttons[0]?.text).toBe("[1] 原文");
  });
});
