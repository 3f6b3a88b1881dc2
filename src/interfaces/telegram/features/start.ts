import { Composer, InlineKeyboard } from "grammy";
import type { Article } from "../../../ingest/types.js";
import { exampleButtonData, parseExampleData } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../format-html.js";
import { replyWithAnswer } from "../reply-answer.js";

const composer = new Composer<BotContext>();

/** `/start`: what the bot knows (pages, articles, date range) and example questions as buttons. */
composer.command("start", async (ctx) => {
  const { engine, examples } = ctx.services;
  const lang = ctx.lang;
  const keyboard = new InlineKeyboard();
  examples[lang].forEach((question, i) => keyboard.text(question, exampleButtonData(lang, i)).row());
  const { articles, manifest } = engine.index;
  const range = dateRange(articles);
  await ctx.reply(`${ctx.t.welcome(manifest.pages.length, articles.length, range && escapeHtml(range))}\n\n${escapeHtml(ctx.t.examplesHeading)}`, {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
});

/** An example button: answered as if the user had typed the question. */
composer.callbackQuery(/^q:/, async (ctx) => {
  const parsed = parseExampleData(ctx.callbackQuery.data);
  const question = parsed && ctx.services.examples[parsed.language][parsed.i];
  if (!question) {
    await ctx.answerCallbackQuery({ text: ctx.t.expiredButton });
    return;
  }
  await ctx.answerCallbackQuery();
  await replyWithAnswer(ctx, question);
});

/** The earliest and latest printed dates (`1月21日 – 11月23日`); the pages print no year. */
function dateRange(articles: readonly Article[]): string | null {
  const dated = articles
    .map((a) => /^(\d{1,2})月(\d{1,2})日$/.exec(a.date ?? ""))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ text: m[0], key: Number(m[1]) * 100 + Number(m[2]) }))
    .sort((a, b) => a.key - b.key);
  const first = dated[0];
  const last = dated[dated.length - 1];
  if (!first || !last) return null;
  return first.key === last.key ? first.text : `${first.text} – ${last.text}`;
}

export { composer as startFeature };
