import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedbackCommand } from "../../../src/cli/commands/feedback.js";
import { createFeedbackLog } from "../../../src/interfaces/feedback/feedback-file.js";
import { hashUserId } from "../../../src/interfaces/feedback/feedback-record.js";
import type { ApiCall } from "../../helpers/fake-telegram-server.js";
import { runInProcess } from "../../helpers/run-in-process.js";
import { startTestBot, type TestBot } from "./bot-harness.js";

/** Issue 12, part 4: 👍/👎 under every answer, acknowledged, written, summed up. */

const sentTo = (chatId: number) => (c: ApiCall) =>
  c.method === "sendMessage" && c.response?.ok === true && Number(c.payload.chat_id) === chatId;
const buttons = (call: ApiCall): Array<{ text: string; callback_data: string }> =>
  (call.payload.reply_markup?.inline_keyboard ?? []).flat();

describe("feedback", () => {
  let bot: TestBot;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qa-feedback-"));
    file = join(dir, "feedback.jsonl");
    bot = await startTestBot({
      feedbackLog: createFeedbackLog(file),
      polling: { pollTimeoutSeconds: 1 },
    });
  });
  afterAll(async () => {
    await bot.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("puts 👍/👎 under an answer; a press is acknowledged, written to FEEDBACK_FILE and counted by npm run feedback", async () => {
    bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 140 });
    const answer = await bot.server.waitFor(sentTo(140));
    const feedback = buttons(answer).filter((b) => b.callback_data.startsWith("f:"));
    expect(feedback.map((b) => b.text)).toEqual(["👍", "👎"]);
    // the citation buttons stay, on their own row above
    expect(answer.payload.reply_markup.inline_keyboard.at(-1)).toHaveLength(2);
    expect(buttons(answer)[0]?.text).toBe("[1] 原文");

    const press = bot.server.pressButton(
      bot.server.sentMessage(answer),
      feedback[0]!.callback_data,
      {
        userId: 140,
      },
    );
    const ack = await bot.server.waitFor(
      (c) =>
        c.method === "answerCallbackQuery" &&
        c.payload.callback_query_id === press.callback_query!.id,
    );
    expect(ack.response?.ok).toBe(true);
    expect(ack.payload.text).toBe("谢谢反馈！");

    const lines = (await readFile(file, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({
      user: hashUserId(140),
      question: "西宁开发区多晶硅出口额是多少？",
      resolvedQuestion: "西宁开发区多晶硅出口额是多少？",
      mode: "extractive",
      intent: "fact",
      verdict: "up",
    });
    expect(record.user).not.toContain("140");
    expect(record.citations[0]).toMatchObject({ n: 1, source: "003_bcfb9783f9e97214.txt" });
    expect(Number.isNaN(Date.parse(record.time))).toBe(false);

    // Another reader disagrees about an abstention.
    bot.server.text("西宁市常住人口有多少？", { userId: 141 });
    const abstained = await bot.server.waitFor(sentTo(141));
    const down = buttons(abstained).find((b) => b.text === "👎")!;
    const downPress = bot.server.pressButton(
      bot.server.sentMessage(abstained),
      down.callback_data,
      {
        userId: 141,
      },
    );
    await bot.server.waitFor(
      (c) =>
        c.method === "answerCallbackQuery" &&
        c.payload.callback_query_id === downPress.callback_query!.id,
    );

    const printed = await runInProcess(feedbackCommand, [], { FEEDBACK_FILE: file });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain("2 answers judged: 1 👍, 1 👎 (50% 👎)");
    expect(printed.stdout).toMatch(/fact\s+50% 👎/);
    expect(printed.stdout).toContain("1 × 西宁市常住人口有多少？");
    const json = await runInProcess(feedbackCommand, ["--json"], { FEEDBACK_FILE: file });
    expect(JSON.parse(json.stdout)).toMatchObject({ judged: 2, up: 1, down: 1 });
  });

  it("records a press after a restart with the question Telegram kept with the answer", async () => {
    const question = bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 142 });
    const answer = await bot.server.waitFor(sentTo(142));
    // The bot replies to the question, so Telegram keeps it as the answer's reply_to_message.
    expect(bot.server.sentMessage(answer).reply_to_message?.message_id).toBe(
      question.message.message_id,
    );
    // Its buttons on a message this process never sent as an answer: as after a restart.
    const press = bot.server.pressButton(
      { ...bot.server.sentMessage(answer), message_id: 999_999 },
      "f:down",
      { userId: 142 },
    );
    const ack = await bot.server.waitFor(
      (c) =>
        c.method === "answerCallbackQuery" &&
        c.payload.callback_query_id === press.callback_query!.id,
    );
    expect(ack.payload.text).toBe("谢谢反馈！");
    const last = (await readFile(file, "utf8")).trim().split("\n").at(-1)!;
    expect(JSON.parse(last)).toMatchObject({
      question: "西宁开发区多晶硅出口额是多少？",
      mode: "unknown",
      intent: "unknown",
      citations: [],
      verdict: "down",
    });
  });

  it("acknowledges a press as expired when not even the question is known, writing nothing", async () => {
    bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 143 });
    const answer = await bot.server.waitFor(sentTo(143));
    const before = await readFile(file, "utf8");
    const { reply_to_message: _dropped, ...bare } = bot.server.sentMessage(answer);
    const press = bot.server.pressButton({ ...bare, message_id: 999_998 } as typeof bare, "f:up", {
      userId: 143,
    });
    const ack = await bot.server.waitFor(
      (c) =>
        c.method === "answerCallbackQuery" &&
        c.payload.callback_query_id === press.callback_query!.id,
    );
    expect(ack.payload.text).toBe("这个按钮已失效。");
    expect(await readFile(file, "utf8")).toBe(before);
  });
});
