import { Composer, InlineKeyboard } from "grammy";
import { catalogArticleCount, catalogDateRange } from "../../../answer/catalog.js";
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
  for (const [i, question] of examples[lang].entries())
    keyboard.text(question, exampleButtonData(lang, i)).row();
  const catalog = engine.catalog();
  const range = catalogDateRange(catalog);
  await ctx.reply(
    `${ctx.t.welcome(catalog.length, catalogArticleCount(catalog), range && escapeHtml(range))}\n\n${escapeHtml(ctx.t.examplesHeading)}`,
    {
      parse_mode: "HTML",
      reply_markup: keyboard,
    },
  );
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

export { composer as startFeature };
