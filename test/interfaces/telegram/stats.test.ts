import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiCall } from "../../helpers/fake-telegram-server.js";
import { startTestBot, type TestBot } from "./bot-harness.js";

/** Issue 12, part 6: the operator's view, for ADMIN_USER_IDS only. */

const sentTo = (chatId: number) => (c: ApiCall) =>
  c.method === "sendMessage" && c.response?.ok === true && Number(c.payload.chat_id) === chatId;

describe("/stats", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      config: { adminUserIds: [200] },
      polling: { pollTimeoutSeconds: 1 },
    });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it("shows an admin the answers, abstentions, feedback, answer times and the index", async () => {
    bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 200 });
    const answer = await bot.server.waitFor(sentTo(200));
    bot.server.text("西宁市常住人口有多少？", { userId: 200 });
    await bot.server.waitFor((c) => sentTo(200)(c) && c.seq > answer.seq);
    const press = bot.server.pressButton(bot.server.sentMessage(answer), "f:up", { userId: 200 });
    await bot.server.waitFor(
      (c) =>
        c.method === "answerCallbackQuery" &&
        c.payload.callback_query_id === press.callback_query!.id,
    );
    bot.server.command("stats", "", { userId: 200 });
    const stats = await bot.server.waitFor(
      (c) => sentTo(200)(c) && String(c.visibleText).startsWith("运行统计"),
    );
    const text = stats.visibleText!;
    expect(text).toMatch(/自启动（\d{4}-\d\d-\d\d \d\d:\d\d UTC）：回答 1，未找到 1/);
    expect(text).toContain("今天：回答 1，未找到 1");
    expect(text).toContain("反馈：👍 1 · 👎 0");
    expect(text).toMatch(/回答用时：p50 \d+ ms · p99 \d+ ms/);
    expect(text).toMatch(
      /索引：\d+ ?(秒|分钟|小时|天)前建立（.+ UTC） · 5 个版面 · 23 篇报道 · 关键词检索/,
    );
  });

  it("gives anyone else the unknown-command answer", async () => {
    bot.server.command("stats", "", { userId: 201 });
    const reply = await bot.server.waitFor(sentTo(201));
    expect(reply.visibleText).toBe("没有这个命令。输入 /help 查看可用的命令。");
  });
});
