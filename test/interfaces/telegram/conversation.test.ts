import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QaEngine } from "../../../src/answer/qa-engine.js";
import { DEFAULT_EXAMPLES } from "../../../src/interfaces/telegram/texts.js";
import { failures, type ApiCall } from "../../helpers/fake-telegram-server.js";
import { deferred } from "../../helpers/deferred.js";
import { keywordEngine, keywordUnderstanding } from "../../helpers/qa-fixture.js";
import { startTestBot, type TestBot } from "./bot-harness.js";

/**
 * What people in Telegram see, end to end over real HTTP: the bot (createBot + the runner, as
 * `npm start` runs it) against the fake Bot API server. Each test talks as its own user, so the
 * per-user rate limit of one test never touches another.
 */

const sentTo = (chatId: number) => (c: ApiCall) =>
  c.method === "sendMessage" && c.response?.ok === true && Number(c.payload.chat_id) === chatId;
const buttons = (call: ApiCall): Array<{ text: string; callback_data: string }> =>
  (call.payload.reply_markup?.inline_keyboard ?? []).flat();

describe("a private chat", () => {
  let bot: TestBot;
  beforeAll(async () => {
    // English questions wait for the translator, which on a cold cache (a fresh machine, CI)
    // builds CC-CEDICT's reverse index first: wait for that gate here, not inside waitFor's 5 s.
    await (await keywordUnderstanding()).english;
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it("answers an English question in English, quoting the source, with a passage button", async () => {
    bot.server.text("How much polysilicon did the Xining development zone export?", {
      userId: 11,
      languageCode: "en",
    });
    const reply = await bot.server.waitFor(sentTo(11));
    expect(reply.visibleText).toMatch(/^According to the reports:\n“多晶硅出口8\.5亿元/);
    expect(reply.visibleText).toContain("[1]");
    expect(reply.visibleText).toMatch(
      /Sources:\n多晶硅出口8\.5亿元[^\n]*\n\[1\] 《多项指标领跑! 西宁开发区经济答卷亮眼》 · 003_bcfb9783f9e97214\.txt/,
    );
    expect(buttons(reply)[0]?.text).toBe("[1] Passage");
  });

  it("/start says what it knows and offers three example questions as buttons that get answered", async () => {
    bot.server.command("start", "", { userId: 12 });
    const welcome = await bot.server.waitFor(sentTo(12));
    expect(welcome.visibleText).toContain("已收录 5 个版面、23 篇报道");
    expect(welcome.visibleText).toMatch(/\d+月\d+日 – \d+月\d+日/);
    const examples = buttons(welcome);
    expect(examples).toHaveLength(3);
    expect(examples[0]?.text).toBe("西宁开发区多晶硅出口额是多少？");

    bot.server.pressButton(bot.server.sentMessage(welcome), examples[0]!.callback_data, {
      userId: 12,
    });
    const answer = await bot.server.waitFor((c) => sentTo(12)(c) && c.seq > welcome.seq);
    expect(answer.visibleText).toContain("8.5亿元");
    expect(bot.server.callsOf("answerCallbackQuery")).not.toHaveLength(0);
  });

  it("offers only example questions the pages answer", async () => {
    const engine = await keywordEngine();
    for (const question of [...DEFAULT_EXAMPLES.zh, ...DEFAULT_EXAMPLES.en]) {
      expect((await engine.ask(question)).grounded, question).toBe(true);
    }
  });

  it("/start and /help speak English to a user whose Telegram is in English", async () => {
    bot.server.command("start", "", { userId: 13, languageCode: "en" });
    const welcome = await bot.server.waitFor(sentTo(13));
    expect(welcome.visibleText).toContain("I know 5 pages with 23 reports");
    expect(buttons(welcome)[0]?.text).toBe(
      "How much polysilicon did the Xining development zone export?",
    );
    bot.server.command("help", "", { userId: 13, languageCode: "en" });
    const help = await bot.server.waitFor((c) => sentTo(13)(c) && c.seq > welcome.seq);
    expect(help.visibleText).toContain("/search words");
  });

  it("/help lists the commands", async () => {
    bot.server.command("help", "", { userId: 14 });
    const help = await bot.server.waitFor(sentTo(14));
    for (const command of ["/start", "/sources", "/search", "/help"])
      expect(help.visibleText).toContain(command);
  });

  it("/sources lists every article by page, headlines with quotes shown as printed", async () => {
    bot.server.command("sources", "", { userId: 15 });
    const list = await bot.server.waitFor(sentTo(15));
    expect(list.visibleText).toContain("003_bcfb9783f9e97214.txt");
    expect(list.visibleText).toContain("《多项指标领跑! 西宁开发区经济答卷亮眼》");
    expect(list.visibleText).toContain('《产业"四地"中心城市建设"加速器"》');
    expect(list.visibleText!.match(/^\d+\. 《/gm)).toHaveLength(23);
  });

  it("/search lists passages with their sources and buttons, and explains itself without words", async () => {
    bot.server.command("search", "多晶硅", { userId: 16 });
    const found = await bot.server.waitFor(sentTo(16));
    expect(found.visibleText).toContain("与“多晶硅”相关的段落");
    expect(found.visibleText).toContain("[1] 《多项指标领跑! 西宁开发区经济答卷亮眼》");
    expect(found.visibleText).toContain("多晶硅出口8.5亿元");
    expect(buttons(found).length).toBeGreaterThan(0);
    bot.server.command("search", "", { userId: 16 });
    const usage = await bot.server.waitFor((c) => sentTo(16)(c) && c.seq > found.seq);
    expect(usage.visibleText).toContain("用法：/search 关键词");
  });

  it("says so when the pages do not answer, suggesting the nearest reports", async () => {
    bot.server.text("西宁市常住人口有多少？", { userId: 17 });
    const reply = await bot.server.waitFor(sentTo(17));
    expect(reply.visibleText).toMatch(/^没有在已收录的报道中找到能回答这个问题的内容。/);
    expect(reply.visibleText).toContain("相关报道：");
  });

  it("sends text full of <b>&\"' as valid HTML that shows exactly what was typed", async () => {
    // `&lt;` typed by the user must stay `&lt;` on screen, not turn into `<`.
    const typed = `<b>多晶硅</b> & "x" 'y' &lt;i&gt; <i>`;
    bot.server.command("search", typed, { userId: 18 });
    const reply = await bot.server.waitFor(
      (c) => c.method === "sendMessage" && Number(c.payload.chat_id) === 18,
    );
    expect(reply.response?.ok).toBe(true); // the fake rejects what Telegram would reject
    expect(reply.payload.parse_mode).toBe("HTML");
    expect(reply.visibleText).toContain(`“${typed}”`);
    bot.server.text(`<b>&"' 多晶硅 </b> <script>`, { userId: 18 });
    const answer = await bot.server.waitFor(
      (c) => c.method === "sendMessage" && Number(c.payload.chat_id) === 18 && c.seq > reply.seq,
    );
    expect(answer.response?.ok).toBe(true);
  });

  it("answers a sticker with a hint to type", async () => {
    bot.server.sticker({ userId: 19 });
    const hint = await bot.server.waitFor(sentTo(19));
    expect(hint.visibleText).toContain("我只能读文字");
  });

  it("answers a 5,000-character message with a notice, without a search", async () => {
    bot.server.text("西".repeat(5000), { userId: 20 });
    const notice = await bot.server.waitFor(sentTo(20));
    expect(notice.visibleText).toContain("消息太长了（5000字）");
    expect(
      bot.server.callsOf("sendChatAction").filter((c) => c.payload.chat_id === 20),
    ).toHaveLength(0);
  });

  it("counts a message's length in characters, not UTF-16 units: 151 emoji are not too long, 301 are 301字", async () => {
    bot.server.text("😀".repeat(151), { userId: 23 });
    const reply = await bot.server.waitFor(sentTo(23));
    expect(reply.visibleText).not.toContain("消息太长了");
    bot.server.text("😀".repeat(301), { userId: 24 });
    const notice = await bot.server.waitFor(sentTo(24));
    expect(notice.visibleText).toContain("消息太长了（301字）");
    bot.server.command("search", "𠀀".repeat(301), { userId: 25 });
    const searchNotice = await bot.server.waitFor(sentTo(25));
    expect(searchNotice.visibleText).toContain("消息太长了（301字）");
  });

  it("points an unknown command at /help", async () => {
    bot.server.command("frobnicate", "", { userId: 21 });
    const reply = await bot.server.waitFor(sentTo(21));
    expect(reply.visibleText).toContain("/help");
  });

  it("opens the passage of a citation and tells a stale button apart", async () => {
    bot.server.text("西宁公安给受害群众返还了多少涉案资金？", { userId: 22 });
    const answer = await bot.server.waitFor(sentTo(22));
    const first = buttons(answer)[0]!;
    expect(Buffer.byteLength(first.callback_data)).toBeLessThanOrEqual(64);
    bot.server.pressButton(bot.server.sentMessage(answer), first.callback_data, { userId: 22 });
    const passage = await bot.server.waitFor((c) => sentTo(22)(c) && c.seq > answer.seq);
    expect(passage.visibleText).toContain(
      "[1] 《西宁公安返还涉诈资金1031.5万余元》 · 002_587bb7119f8aca81.txt",
    );
    expect(passage.visibleText).toContain("1031.5万余元");
    expect(passage.payload.reply_parameters.message_id).toBe(
      answer.response && (answer.response.result as { message_id: number }).message_id,
    );

    const stale = bot.server.pressButton(
      bot.server.sentMessage(answer),
      "p:1:0000000000000000:0:4",
      { userId: 22 },
    );
    const notice = await bot.server.waitFor(
      (c) =>
        c.method === "answerCallbackQuery" &&
        c.payload.callback_query_id === stale.callback_query!.id,
    );
    expect(notice.payload.text).toContain("不在当前索引中");
  });
});

describe("a group", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it("answers only messages addressed to the bot: mentions, replies to it, commands", async () => {
    const group = { chatType: "supergroup" as const, chatId: -100555, userId: 31 };
    const chatter = bot.server.text("西宁开发区多晶硅出口额是多少？", group);
    const sticker = bot.server.sticker(group);
    const mention = bot.server.text(
      `@${bot.server.botInfo.username} 西宁开发区多晶硅出口额是多少？`,
      group,
    );
    const answer = await bot.server.waitFor(sentTo(-100555));
    expect(answer.visibleText).toContain("8.5亿元");
    expect(answer.payload.reply_parameters.message_id).toBe(mention.message!.message_id);

    // Replying to the bot's answer is addressing it too.
    const followUp = bot.server.text("省政协十三届三次会议实到多少委员？", {
      ...group,
      replyTo: bot.server.sentMessage(answer),
    });
    const second = await bot.server.waitFor((c) => sentTo(-100555)(c) && c.seq > answer.seq);
    expect(second.visibleText).toContain("353人");
    expect(second.payload.reply_parameters.message_id).toBe(followUp.message!.message_id);

    bot.server.command("help", "", group);
    bot.server.command("start@SomeOtherBot", "", group);
    bot.server.command("help@SomeOtherBot", "", group);
    const help = await bot.server.waitFor((c) => sentTo(-100555)(c) && c.seq > second.seq);
    expect(help.visibleText).toContain("/sources");
    // The same chat is handled in order: by now, everything sent before the /help was handled.
    bot.server.text(`@${bot.server.botInfo.username} 西宁市常住人口有多少？`, group);
    await bot.server.waitFor((c) => sentTo(-100555)(c) && c.seq > help.seq);
    expect(bot.server.repliesTo(chatter)).toHaveLength(0);
    expect(bot.server.repliesTo(sticker)).toHaveLength(0);
    expect(bot.server.messages(-100555)).toHaveLength(4);
  });
});

describe("a long answer", () => {
  it("arrives in parts under 4096 characters, split between sentences, buttons under the last", async () => {
    const engine = await keywordEngine();
    const verbose: QaEngine = {
      ...engine,
      ask: async (q) => {
        const answer = await engine.ask(q);
        return { ...answer, answer: Array.from({ length: 100 }, () => answer.answer).join("\n") };
      },
    };
    const bot = await startTestBot({ engine: verbose });
    try {
      bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 91 });
      await bot.server.waitFor((c) => sentTo(91)(c) && c.payload.reply_markup !== undefined);
      const parts = bot.server.messages(91);
      expect(parts.length).toBeGreaterThan(1);
      expect(bot.server.callsOf("sendMessage").every((c) => c.response?.ok)).toBe(true);
      for (const part of parts.slice(0, -1)) {
        expect(part.visibleText!.length).toBeLessThanOrEqual(4096);
        expect(part.visibleText).toMatch(/\[\d\]$/); // each line of this answer ends with its citation
        expect(part.payload.reply_markup).toBeUndefined();
      }
      expect(parts[parts.length - 1]!.visibleText).toContain("出处：");
      expect(buttons(parts[parts.length - 1]!).length).toBeGreaterThan(0);
    } finally {
      await bot.stop();
    }
  });
});

describe("access and load", () => {
  it("answers nobody outside the allow-list; a stranger in private is told once, with their id", async () => {
    let asked = 0;
    const engine = await keywordEngine();
    const counting: QaEngine = {
      ...engine,
      ask: (q) => {
        asked++;
        return engine.ask(q);
      },
    };
    const bot = await startTestBot({ engine: counting, config: { allowedUserIds: [41] } });
    try {
      bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 42 });
      bot.server.text("省政协十三届三次会议实到多少委员？", { userId: 42 });
      bot.server.text(`@${bot.server.botInfo.username} 西宁开发区多晶硅出口额是多少？`, {
        userId: 42,
        chatType: "group",
        chatId: -4242,
      });
      bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 41 });
      const allowed = await bot.server.waitFor(sentTo(41));
      expect(allowed.visibleText).toContain("8.5亿元");
      await bot.server.waitFor(sentTo(42));
      expect(bot.server.messages(42)).toHaveLength(1);
      expect(bot.server.messages(42)[0]!.visibleText).toContain("只对授权用户开放");
      expect(bot.server.messages(42)[0]!.visibleText).toContain("42");
      expect(bot.server.messages(-4242)).toHaveLength(0);
      expect(
        bot.server.callsOf("sendChatAction").filter((c) => c.payload.chat_id !== 41),
      ).toHaveLength(0);
      expect(asked).toBe(1);
    } finally {
      await bot.stop();
    }
  });

  it("limits each user's pace with a polite message, once per window", async () => {
    const bot = await startTestBot({ rateLimit: { limit: 2, timeFrameMs: 60_000 } });
    try {
      for (let i = 0; i < 4; i++) bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 51 });
      bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 52 });
      await bot.server.waitFor(sentTo(52));
      const replies = await bot.server.waitForCount(sentTo(51), 3);
      const texts = replies.map((c) => c.visibleText ?? "");
      expect(texts.filter((t) => t.includes("8.5亿元"))).toHaveLength(2);
      expect(texts.filter((t) => t.includes("请稍等几秒再问"))).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });
});

describe("when things go wrong", () => {
  it("waits out a 429 (retry_after 1) and delivers the answer once", async () => {
    const bot = await startTestBot();
    try {
      bot.server.fail("sendMessage", failures.tooManyRequests(1));
      const first = bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 61 });
      const reply = await bot.server.waitFor(sentTo(61));
      const attempts = bot.server.callsOf("sendMessage").filter((c) => c.payload.chat_id === 61);
      expect(attempts[0]!.response?.error_code).toBe(429);
      expect(reply.at - attempts[0]!.at).toBeGreaterThanOrEqual(1_000);
      // The next answer in the chat comes after the retried one: had it been sent twice, we would
      // see it.
      const second = bot.server.text("省政协十三届三次会议实到多少委员？", { userId: 61 });
      await bot.server.waitFor((c) => sentTo(61)(c) && c.seq > reply.seq);
      expect(bot.server.repliesTo(first)).toHaveLength(1);
      expect(bot.server.repliesTo(second)).toHaveLength(1);
      expect(bot.log.join("\n")).toContain("sendMessage: 429 Too Many Requests: retry after 1");
    } finally {
      await bot.stop();
    }
  });

  it("retries a 502 and a dropped connection, delivering each answer once", async () => {
    const bot = await startTestBot();
    try {
      bot.server.fail("sendMessage", failures.serverError());
      bot.server.fail("sendMessage", failures.network);
      const asked = [64, 65].map((userId) =>
        bot.server.text("省政协十三届三次会议实到多少委员？", { userId }),
      );
      await bot.server.waitForCount((c) => sentTo(64)(c) || sentTo(65)(c), 2, 10_000);
      for (const update of asked) expect(bot.server.repliesTo(update)).toHaveLength(1);
      const log = bot.log.join("\n");
      expect(log).toContain("sendMessage: 502 Bad Gateway");
      expect(log).toContain("sendMessage: Network request for 'sendMessage' failed!");
      expect(log).not.toContain(bot.server.token);
    } finally {
      await bot.stop();
    }
  });

  it("resends the same words as plain text when Telegram rejects the HTML", async () => {
    const bot = await startTestBot();
    try {
      bot.server.fail(
        "sendMessage",
        failures.badRequest(`can't parse entities: Unsupported start tag "x" at byte offset 0`),
      );
      bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 62 });
      const reply = await bot.server.waitFor(sentTo(62));
      const rejected = bot.server
        .callsOf("sendMessage")
        .find((c) => c.payload.chat_id === 62 && c.response?.ok === false)!;
      expect(reply.payload.parse_mode).toBeUndefined();
      expect(reply.payload.text).toMatch(
        /出处：\n多晶硅[^\n]*\n\[1\] 《多项指标领跑! 西宁开发区经济答卷亮眼》/,
      );
      expect(reply.payload.text).not.toContain("<b>");
      expect(buttons(reply)).toEqual(buttons(rejected));
    } finally {
      await bot.stop();
    }
  });

  it("apologises for an update that fails, logs its id, and answers the next one", async () => {
    const engine = await keywordEngine();
    const flaky: QaEngine = {
      ...engine,
      ask: async (q) => {
        if (q.includes("爆炸")) throw new Error("index exploded");
        return engine.ask(q);
      },
    };
    const bot = await startTestBot({ engine: flaky });
    try {
      const bad = bot.server.text("爆炸了吗？", { userId: 63 });
      const next = bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 63 });
      const replies = await bot.server.waitForCount(sentTo(63), 2);
      expect(replies[0]!.visibleText).toContain("抱歉，处理这条消息时出错了");
      expect(replies[0]!.payload.reply_parameters.message_id).toBe(bad.message!.message_id);
      expect(replies[1]!.visibleText).toContain("8.5亿元");
      expect(bot.server.repliesTo(next)).toHaveLength(1);
      expect(bot.log.join("\n")).toContain(
        `error update ${bad.update_id}: failed: Error: index exploded`,
      );
    } finally {
      await bot.stop();
    }
  });

  it("serves chats in parallel: a slow answer in one chat does not delay another, each chat in order", async () => {
    const engine = await keywordEngine();
    // The slow question is held at this gate until the other chat has its answer.
    const slowStarted = deferred();
    const gate = deferred();
    const slow: QaEngine = {
      ...engine,
      ask: async (q) => {
        if (q.startsWith("慢")) {
          slowStarted.resolve();
          await gate.promise;
        }
        return engine.ask(q);
      },
    };
    const bot = await startTestBot({ engine: slow });
    try {
      const slowQuestion = bot.server.text("慢慢说：西宁开发区多晶硅出口额是多少？", {
        userId: 71,
      });
      const sameChat = bot.server.text("省政协十三届三次会议实到多少委员？", { userId: 71 });
      const otherChat = bot.server.text("省政协十三届三次会议实到多少委员？", { userId: 72 });
      await slowStarted.promise;
      const fast = await bot.server.waitFor(sentTo(72));
      expect(fast.visibleText).toContain("353人");
      // Chat 72 was answered while chat 71's first question was still held, and chat 71's second
      // question is still waiting behind it.
      expect(bot.server.repliesTo(slowQuestion)).toHaveLength(0);
      expect(bot.server.repliesTo(sameChat)).toHaveLength(0);
      gate.resolve();
      // In chat 71 the second question waits for the first: answers come in the order asked.
      const [a, b] = await bot.server.waitForCount(sentTo(71), 2);
      expect(Number(a!.payload.reply_parameters.message_id)).toBe(slowQuestion.message!.message_id);
      expect(Number(b!.payload.reply_parameters.message_id)).toBe(sameChat.message!.message_id);
      expect(bot.server.repliesTo(otherChat)).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });

  it("stopping finishes the answers in progress and confirms them to Telegram", async () => {
    const engine = await keywordEngine();
    const gate = deferred();
    const slow: QaEngine = {
      ...engine,
      ask: async (q) => {
        await gate.promise;
        return engine.ask(q);
      },
    };
    const bot = await startTestBot({ engine: slow });
    const asked = [81, 82, 83].map((userId) =>
      bot.server.text("省政协十三届三次会议实到多少委员？", { userId }),
    );
    await bot.server.waitForCount((c) => c.method === "sendChatAction", 3);
    // All three are held at the gate: the answers can only be sent after stop() was called, so they
    // are there when it returns only if stopping waits for them.
    const stopping = bot.polling.stop();
    gate.resolve();
    await stopping;
    for (const update of asked) expect(bot.server.repliesTo(update)).toHaveLength(1);
    expect(bot.server.acknowledged()).toEqual(asked.map((u) => u.update_id));
    await bot.server.close();
  });
});
