import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiCall } from "../../helpers/fake-telegram-server.js";
import { startTestBot, type TestBot } from "./bot-harness.js";

/**
 * Conversations in Telegram, end to end against the fake Bot API server: follow-ups in a chat,
 * a reply to an older answer, highlighted text as the focus, separate chats and forum topics, /new.
 * Each test talks as its own user (own chat, own rate limit).
 */

const sentTo =
  (chatId: number, after = -1) =>
  (c: ApiCall) =>
    c.method === "sendMessage" &&
    c.response?.ok === true &&
    Number(c.payload.chat_id) === chatId &&
    c.seq > after;

describe("conversations in Telegram", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  /** Sends a text and resolves with the bot's (first) reply to it. */
  const ask = async (
    text: string,
    options: Parameters<TestBot["server"]["text"]>[1] & { userId: number },
  ) => {
    const update = bot.server.text(text, options);
    const chatId = update.message.chat.id;
    return bot.server.waitFor(
      (c) =>
        sentTo(chatId)(c) &&
        Number(c.payload.reply_parameters?.message_id) === update.message.message_id,
    );
  };

  it("holds the conversation of issue 10's Why in a private chat, saying how it read each follow-up", async () => {
    const first = await ask("西宁开发区多晶硅出口额是多少？", { userId: 201 });
    expect(first.visibleText).toContain("8.5亿元");
    // The pages print 锂离子蓄电池: the short form is read as the long one.
    const second = await ask("那锂电池呢？", { userId: 201 });
    expect(second.visibleText).toMatch(/^理解为：西宁开发区锂电池出口额是多少？\n/);
    expect(second.visibleText).toContain("锂离子蓄电池出口6.2亿元");
    const reporter = await ask("记者是谁？", { userId: 201 });
    expect(reporter.visibleText).toContain("樊娅楠");
    const news = await ask("最近有什么新鲜事？", { userId: 201 });
    expect(news.visibleText).toContain("第3版 · 002_587bb7119f8aca81.txt · 11月23日");
    const summary = await ask("总结一下第一版", { userId: 201 });
    expect(summary.visibleText).toContain("000_288891b281d8cdae.txt");
    expect(summary.visibleText).not.toContain("没有在已收录的报道中找到");
  });

  it("answers an ellipsis over the last answer's frame", async () => {
    await ask("西宁开发区多晶硅出口额是多少？", { userId: 209 });
    const second = await ask("那单晶硅棒呢？", { userId: 209 });
    expect(second.visibleText).toMatch(/^理解为：西宁开发区单晶硅棒出口额是多少？\n/);
    expect(second.visibleText).toContain("2.1亿元");
  });

  it("a reply to an older answer uses that answer's context", async () => {
    const polysilicon = await ask("西宁开发区多晶硅出口额是多少？", { userId: 202 });
    await ask("3月25日市政府党组会议由谁主持？", { userId: 202 });
    const reply = await ask("那单晶硅棒呢？", {
      userId: 202,
      replyTo: bot.server.sentMessage(polysilicon),
    });
    expect(reply.visibleText).toContain("理解为：西宁开发区单晶硅棒出口额是多少？");
    expect(reply.visibleText).toContain("2.1亿元");
  });

  it("text highlighted in a reply becomes the focus", async () => {
    const answer = await ask("生态环保大会要求全力配合第几轮中央环保督察？", { userId: 203 });
    const reply = await ask("他讲了什么？", {
      userId: 203,
      replyTo: bot.server.sentMessage(answer),
      quote: "王卫东",
    });
    expect(reply.visibleText).toContain("王卫东强调");
  });

  it("two chats do not share a conversation", async () => {
    await ask("3月25日市政府党组会议由谁主持？", { userId: 204 });
    const other = await ask("那省政府党组会议呢？", { userId: 205 });
    // Chat 205 asked nothing before: nothing to follow up on, answered as typed.
    expect(other.visibleText).not.toContain("理解为");
    const same = await ask("那省政府党组会议呢？", { userId: 204 });
    expect(same.visibleText).toContain("理解为：3月25日省政府党组会议由谁主持？");
    expect(same.visibleText).toContain("罗东川");
  });

  it("each forum topic has its own conversation, and answers stay in their topic", async () => {
    const group = { userId: 206, chatId: -1001234567, chatType: "supergroup" as const };
    const q = (text: string) => `@${bot.server.botInfo.username} ${text}`;
    const inTopic1 = await ask(q("3月25日市政府党组会议由谁主持？"), { ...group, threadId: 11 });
    expect(inTopic1.payload.message_thread_id).toBe(11);
    const inTopic2 = await ask(q("那省政府党组会议呢？"), { ...group, threadId: 22 });
    expect(inTopic2.visibleText).not.toContain("理解为");
    const again = await ask(q("那省政府党组会议呢？"), { ...group, threadId: 11 });
    expect(again.payload.message_thread_id).toBe(11);
    expect(again.visibleText).toContain("理解为：3月25日省政府党组会议由谁主持？");
  });

  it("/new starts afresh", async () => {
    await ask("3月25日市政府党组会议由谁主持？", { userId: 207 });
    const update = bot.server.command("new", "", { userId: 207 });
    const done = await bot.server.waitFor(
      (c) => sentTo(207)(c) && c.visibleText === "好的，开始新的对话。",
    );
    expect(update.message.text).toBe("/new");
    const after = await ask("那省政府党组会议呢？", { userId: 207 });
    expect(after.seq).toBeGreaterThan(done.seq);
    expect(after.visibleText).not.toContain("理解为");
  });

  it("browses, summarizes and shows the full text with citation buttons", async () => {
    const browse = await ask("最近有什么新鲜事？", { userId: 208 });
    expect(browse.visibleText).toContain("第3版 · 002_587bb7119f8aca81.txt · 11月23日");
    const keyboard = browse.payload.reply_markup?.inline_keyboard.flat() ?? [];
    // a passage button per article, then 👍/👎
    expect(
      keyboard.filter((b: { callback_data: string }) => b.callback_data.startsWith("p:")),
    ).toHaveLength(23);
    expect(keyboard.slice(-2).map((b: { text: string }) => b.text)).toEqual(["👍", "👎"]);
    await ask("省政府党组会议是谁主持召开的？", { userId: 208 });
    const full = await bot.server.waitFor(
      sentTo(208, (await ask("全文", { userId: 208 })).seq - 1),
    );
    expect(full.visibleText).toContain(
      "《中共青海省人民政府党组深入贯彻中央八项规定精神学习教育工作安排》",
    );
  });
});
