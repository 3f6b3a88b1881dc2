import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiCall } from "../../helpers/fake-telegram-server.js";
import { startTestBot, type TestBot } from "./bot-harness.js";

/**
 * Issue 12, part 8: in a forum, every reply and chat action stays in the topic asked in (the fake
 * server rejects a thread the chat does not have), and `/ask` works in groups without a mention.
 */

const inChat = (chatId: number) => (c: ApiCall) =>
  c.response?.ok === true && Number(c.payload.chat_id) === chatId;
const sentTo = (chatId: number) => (c: ApiCall) => c.method === "sendMessage" && inChat(chatId)(c);
const buttons = (call: ApiCall): Array<{ text: string; callback_data: string }> =>
  (call.payload.reply_markup?.inline_keyboard ?? []).flat();

describe("topics and groups", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ polling: { pollTimeoutSeconds: 1 } });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it("answers /ask in a forum topic inside that topic: typing, the answer, the passage, a follow-up", async () => {
    const topic = { chatType: "supergroup" as const, chatId: -100777, userId: 160, threadId: 42 };
    const ask = bot.server.command("ask", "西宁开发区多晶硅出口额是多少？", topic);
    const answer = await bot.server.waitFor(sentTo(-100777));
    expect(answer.visibleText).toContain("8.5亿元");
    expect(answer.payload.message_thread_id).toBe(42);
    expect(answer.payload.reply_parameters.message_id).toBe(ask.message.message_id);
    const typing = bot.server.callsOf("sendChatAction").filter(inChat(-100777));
    expect(typing.length).toBeGreaterThan(0);
    expect(typing.every((c) => c.payload.message_thread_id === 42)).toBe(true);

    const passageButton = buttons(answer)[0]!;
    bot.server.pressButton(bot.server.sentMessage(answer), passageButton.callback_data, {
      userId: 160,
      chatType: "supergroup",
      chatId: -100777,
    });
    const passage = await bot.server.waitFor((c) => sentTo(-100777)(c) && c.seq > answer.seq);
    expect(passage.payload.message_thread_id).toBe(42);

    // A follow-up in the same topic continues the topic's conversation, in the topic.
    bot.server.text(`@${bot.server.botInfo.username} 那锂电池呢？`, topic);
    const followUp = await bot.server.waitFor((c) => sentTo(-100777)(c) && c.seq > passage.seq);
    expect(followUp.payload.message_thread_id).toBe(42);
    expect(followUp.visibleText).toContain("理解为：");
    expect(
      bot.server.calls.filter(
        (c) => Number(c.payload.chat_id) === -100777 && c.response?.ok === false,
      ),
    ).toEqual([]);
  });

  it("takes /ask in a group without a mention, leaves /ask@OtherBot alone, explains a bare /ask", async () => {
    const group = { chatType: "group" as const, chatId: -100778, userId: 161 };
    const other = bot.server.command("ask@SomeOtherBot", "西宁开发区多晶硅出口额是多少？", group);
    bot.server.command("ask", "", group);
    const usage = await bot.server.waitFor(sentTo(-100778));
    expect(usage.visibleText).toContain("用法：/ask 问题");
    bot.server.command(
      `ask@${bot.server.botInfo.username}`,
      "省政协十三届三次会议实到多少委员？",
      group,
    );
    const answer = await bot.server.waitFor((c) => sentTo(-100778)(c) && c.seq > usage.seq);
    expect(answer.visibleText).toContain("353人");
    expect(answer.payload.message_thread_id).toBeUndefined();
    expect(bot.server.repliesTo(other)).toHaveLength(0);
  });
});
