import type { Language } from "../../answer/types.js";
import { MAX_QUESTION_LENGTH } from "../../answer/question.js";
import type { StatsSnapshot } from "./bot-stats.js";

/** What /stats shows: the bot's counts and the index's figures. */
export interface StatsView extends StatsSnapshot {
  now: number;
  /** Epoch ms; null when the manifest's time is unreadable. */
  indexBuiltAt: number | null;
  pages: number;
  articles: number;
  retrievalMode: "hybrid" | "keyword";
}

/** `2026-11-27 18:05` (UTC: an operator compares it with logs, which are in UTC). */
const when = (t: number) => new Date(t).toISOString().slice(0, 16).replace("T", " ");

/** A duration as its largest unit: `45 s`, `12 min`, `3 h`, `2 d`. */
function age(ms: number, units: { s: string; min: string; h: string; d: string }): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} ${units.s}`;
  if (s < 3600) return `${Math.floor(s / 60)} ${units.min}`;
  if (s < 86_400) return `${Math.floor(s / 3600)} ${units.h}`;
  return `${Math.floor(s / 86_400)} ${units.d}`;
}

const ms = (v: { p50: number; p99: number } | null) =>
  v === null ? "–" : `p50 ${Math.round(v.p50)} ms · p99 ${Math.round(v.p99)} ms`;

/**
 * Every fixed string the bot sends, in the two languages it answers in. Kept together so a
 * wording change is made once, and so the HTML in them is ours (nothing here is user text).
 */
export const TEXTS = {
  zh: {
    help: [
      "<b>西宁报问答</b>",
      "直接发一个问题，我会从已收录的西宁报版面中找出答案，并注明出处；点出处按钮可看原文段落。",
      "",
      "/start — 收录了什么，示例问题",
      "/sources — 已收录的报道（按版面）",
      "/latest、/pages — 按版面浏览：版面 → 报道 → 全文",
      "/ask 问题 — 提问（在群里不必@我）",
      "/search 关键词 — 只列出相关段落，不组织答案",
      "/new — 开始新的对话（忘记上文）",
      "/help — 本帮助",
      "",
      "可以接着问：“那锂电池呢？”“他做了什么？”“更多”“全文”“总结一下这篇报道”“最近有什么新闻”；回复我较早的回答，就接着那条回答问。",
      "",
      "在群里：@我、回复我的消息，或用 /ask 问题。English questions are answered in English.",
    ].join("\n"),
    examplesHeading: "可以这样问：",
    welcome: (pages: number, articles: number, range: string | null) =>
      `<b>西宁报问答</b>\n已收录 ${pages} 个版面、${articles} 篇报道${range ? `（${range}）` : ""}。\n直接发问题即可，回答会注明出处。输入 /help 查看全部命令。`,
    sourcesHeading: "<b>已收录的报道</b>",
    untitled: "（无标题）",
    searchUsage: "用法：/search 关键词，例如 /search 多晶硅",
    askUsage: "用法：/ask 问题，例如 /ask 西宁开发区多晶硅出口额是多少？",
    searchHeading: (query: string) => `<b>与“${query}”相关的段落</b>`,
    searchNothing: (query: string) => `没有找到与“${query}”相关的段落。`,
    passageButton: (n: number) => `[${n}] 原文`,
    passageGone: "这条出处已不在当前索引中（版面可能已更新），请重新提问。",
    passageShown: "原文段落已发送",
    tooLong: (length: number) =>
      `消息太长了（${length}字）。请用一句话提问，不超过${MAX_QUESTION_LENGTH}字；也可以用 /search 加关键词查找段落。`,
    notText: "我只能读文字。请用文字提问，例如：西宁开发区多晶硅出口额是多少？",
    unknownCommand: "没有这个命令。输入 /help 查看可用的命令。",
    rateLimited: "您提问有点快，请稍等几秒再问。",
    notAllowed: (userId: number) =>
      `这个机器人只对授权用户开放。如需使用，请把您的 Telegram ID（${userId}）发给管理员。`,
    apology: "抱歉，处理这条消息时出错了。请稍后再试，或换个问法。",
    stoppedUnanswered:
      "抱歉，机器人正在重启，这个问题还没来得及回答。重启后会自动回答；如果没有收到，请再问一次。",
    expiredButton: "这个按钮已失效。",
    readAs: (question: string) => `<i>理解为：${question}</i>`,
    newConversation: "好的，开始新的对话。",
    feedbackUp: "👍",
    feedbackDown: "👎",
    feedbackThanks: "谢谢反馈！",
    sourcesLabel: "出处：",
    relatedLabel: "相关报道：",
    inlineAnswerTitle: (question: string) => `回答：${question}`,
    inlineQuestion: (question: string) => `<b>问：</b>${question}`,
    inlineNotAllowed: "仅限授权用户",
    latestHeading: "<b>最新版面</b>（由新到旧）",
    pagesHeading: "<b>全部版面</b>",
    pageButton: (n: number, date: string | null, articles: number) =>
      `第${n}版${date ? ` · ${date}` : ""} · ${articles}篇`,
    pageHeading: (n: number, source: string, date: string | null) =>
      `<b>第${n}版</b> · ${source}${date ? ` · ${date}` : ""}`,
    backToPages: "« 版面",
    backToPage: (n: number) => `« 第${n}版`,
    fullTextButton: "全文",
    articleGone: "这篇报道已不在当前索引中（版面可能已更新）。",
    reloading: "正在检查版面，有变化就更新索引……",
    reloaded: (pages: number, articles: number) =>
      `索引已是最新：${pages} 个版面，${articles} 篇报道。`,
    reloadOff: "这个进程没有开启实时更新（索引不随版面变化）。",
    stats: (v: StatsView) =>
      [
        "<b>运行统计</b>",
        `自启动（${when(v.startedAt)} UTC）：回答 ${v.sinceStart.answered}，未找到 ${v.sinceStart.abstained}`,
        `今天：回答 ${v.today.answered}，未找到 ${v.today.abstained}`,
        `反馈：👍 ${v.up} · 👎 ${v.down}`,
        `回答用时：${ms(v.answerMs)}`,
        `索引：${v.indexBuiltAt === null ? "建立时间不明" : `${age(v.now - v.indexBuiltAt, { s: "秒", min: "分钟", h: "小时", d: "天" })}前建立（${when(v.indexBuiltAt)} UTC）`} · ${v.pages} 个版面 · ${v.articles} 篇报道 · ${v.retrievalMode === "hybrid" ? "语义+关键词检索" : "关键词检索"}`,
      ].join("\n"),
  },
  en: {
    help: [
      "<b>Xining Daily Q&amp;A</b>",
      "Send a question and I will answer it from the collected pages of the Xining Daily (西宁报), citing the sources; the buttons open the full passages.",
      "",
      "/start — what I know, example questions",
      "/sources — the collected reports, by page",
      "/latest, /pages — browse: pages → reports → full text",
      "/ask question — ask (in groups, without mentioning me)",
      "/search words — the matching passages only, no composed answer",
      "/new — start a new conversation (forget the context)",
      "/help — this help",
      "",
      'Follow-ups work: "what about …?", "more", "full text", "summarize this report", "what\'s new"; reply to an older answer to continue from it.',
      "",
      "In groups: mention me, reply to my message, or use /ask question. 中文问题用中文回答。",
    ].join("\n"),
    examplesHeading: "Try asking:",
    welcome: (pages: number, articles: number, range: string | null) =>
      `<b>Xining Daily Q&amp;A</b>\nI know ${pages} pages with ${articles} reports${range ? ` (${range})` : ""}.\nJust send a question; answers cite their sources. /help lists the commands.`,
    sourcesHeading: "<b>Collected reports</b>",
    untitled: "(untitled)",
    searchUsage: "Usage: /search words, e.g. /search polysilicon",
    askUsage:
      "Usage: /ask question, e.g. /ask How much polysilicon did the Xining development zone export?",
    searchHeading: (query: string) => `<b>Passages matching “${query}”</b>`,
    searchNothing: (query: string) => `No passage matches “${query}”.`,
    passageButton: (n: number) => `[${n}] Passage`,
    passageGone:
      "This source is no longer in the index (the pages may have been updated); please ask again.",
    passageShown: "Passage sent",
    tooLong: (length: number) =>
      `That message is too long (${length} characters). Please ask in one sentence of at most ${MAX_QUESTION_LENGTH} characters, or use /search with a few words.`,
    notText:
      "I can only read text. Please type your question, e.g.: How much polysilicon did the Xining development zone export?",
    unknownCommand: "Unknown command. /help lists the commands.",
    rateLimited: "You are asking a little fast; please wait a few seconds.",
    notAllowed: (userId: number) =>
      `This bot is open to authorised users only. To use it, send your Telegram ID (${userId}) to its maintainer.`,
    apology:
      "Sorry, something went wrong with this message. Please try again later, or rephrase it.",
    stoppedUnanswered:
      "Sorry, the bot is restarting before it could answer this. It will answer once it is back; if no answer comes, please ask again.",
    expiredButton: "This button has expired.",
    readAs: (question: string) => `<i>Read as: ${question}</i>`,
    newConversation: "OK, a new conversation.",
    feedbackUp: "👍",
    feedbackDown: "👎",
    feedbackThanks: "Thanks for the feedback!",
    sourcesLabel: "Sources:",
    relatedLabel: "Related reports:",
    inlineAnswerTitle: (question: string) => `Answer: ${question}`,
    inlineQuestion: (question: string) => `<b>Q:</b> ${question}`,
    inlineNotAllowed: "Authorised users only",
    latestHeading: "<b>Latest pages</b> (newest first)",
    pagesHeading: "<b>All pages</b>",
    pageButton: (n: number, date: string | null, articles: number) =>
      `Page ${n}${date ? ` · ${date}` : ""} · ${articles} reports`,
    pageHeading: (n: number, source: string, date: string | null) =>
      `<b>Page ${n}</b> · ${source}${date ? ` · ${date}` : ""}`,
    backToPages: "« Pages",
    backToPage: (n: number) => `« Page ${n}`,
    fullTextButton: "Full text",
    articleGone: "This report is no longer in the index (the pages may have been updated).",
    reloading: "Checking the pages; the index is updated if they changed…",
    reloaded: (pages: number, articles: number) =>
      `The index is up to date: ${pages} pages, ${articles} articles.`,
    reloadOff: "Live reload is off in this process (the index does not follow the pages).",
    stats: (v: StatsView) =>
      [
        "<b>Statistics</b>",
        `Since start (${when(v.startedAt)} UTC): ${v.sinceStart.answered} answered, ${v.sinceStart.abstained} not found`,
        `Today: ${v.today.answered} answered, ${v.today.abstained} not found`,
        `Feedback: 👍 ${v.up} · 👎 ${v.down}`,
        `Answer time: ${ms(v.answerMs)}`,
        `Index: ${v.indexBuiltAt === null ? "build time unknown" : `built ${age(v.now - v.indexBuiltAt, { s: "s", min: "min", h: "h", d: "d" })} ago (${when(v.indexBuiltAt)} UTC)`} · ${v.pages} pages · ${v.articles} articles · ${v.retrievalMode} retrieval`,
      ].join("\n"),
  },
} as const satisfies Record<Language, unknown>;

export type Texts = (typeof TEXTS)[Language];

/** Example questions offered on /start, known to be answered by the pages in `seeds/`. */
export const DEFAULT_EXAMPLES: Record<Language, readonly string[]> = {
  zh: [
    "西宁开发区多晶硅出口额是多少？",
    "省政协十三届三次会议实到多少委员？",
    "西宁公安给受害群众返还了多少涉案资金？",
  ],
  en: [
    "How much polysilicon did the Xining development zone export?",
    "How many safety hazard reports did Xining receive on October 15?",
    "How much money did Xining police return to fraud victims?",
  ],
};
