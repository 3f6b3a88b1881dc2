import { Composer, GrammyError } from "grammy";
import type { BotContext } from "../context.js";
import {
  articleCard,
  fullTextMessages,
  pageList,
  pageMenu,
  type ListOrder,
  type MenuView,
} from "../browse-menu.js";
import { sendHtml } from "../reply-answer.js";

const composer = new Composer<BotContext>();

/** `/latest`: the pages newest first, as buttons; `/pages`: in page order. */
composer.command(["latest", "pages"], async (ctx) => {
  const view = pageList(
    ctx.services.engine.catalog(),
    ctx.msg.text.startsWith("/latest") ? "l" : "c",
    ctx.t,
  );
  await ctx.reply(view.html, { parse_mode: "HTML", reply_markup: view.keyboard });
});

/** Moving in the menu replaces the menu message, so the chat does not fill up with menus. */
async function show(ctx: BotContext, view: MenuView): Promise<void> {
  try {
    await ctx.editMessageText(view.html, { parse_mode: "HTML", reply_markup: view.keyboard });
  } catch (error) {
    // A double tap asks for the view already shown: nothing to change, nothing wrong.
    if (!(error instanceof GrammyError && /message is not modified/.test(error.description)))
      throw error;
  }
}

composer.callbackQuery(/^b:(l|c)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await show(ctx, pageList(ctx.services.engine.catalog(), ctx.match[1] as ListOrder, ctx.t));
});

composer.callbackQuery(/^b:p:(l|c):(\d+)$/, async (ctx) => {
  const page = ctx.services.engine.catalog().find((p) => p.number === Number(ctx.match[2]));
  if (!page) return ctx.answerCallbackQuery({ text: ctx.t.articleGone, show_alert: true });
  await ctx.answerCallbackQuery();
  await show(ctx, pageMenu(page, ctx.match[1] as ListOrder, ctx.t));
});

composer.callbackQuery(/^b:a:(l|c):(.+)$/, async (ctx) => {
  const id = ctx.match[2]!;
  const page = ctx.services.engine.catalog().find((p) => p.articles.some((a) => a.id === id));
  const article = page?.articles.find((a) => a.id === id);
  if (!page || !article)
    return ctx.answerCallbackQuery({ text: ctx.t.articleGone, show_alert: true });
  await ctx.answerCallbackQuery();
  await show(ctx, articleCard(article, page, ctx.match[1] as ListOrder, ctx.t));
});

/** 全文: the article's whole text as new messages under the card, split between sentences. */
composer.callbackQuery(/^b:f:(.+)$/, async (ctx) => {
  const article = ctx.services.engine.article(ctx.match[1]!);
  if (!article) return ctx.answerCallbackQuery({ text: ctx.t.articleGone, show_alert: true });
  await ctx.answerCallbackQuery();
  await sendHtml(ctx, fullTextMessages(article), {
    replyTo: ctx.callbackQuery.message?.message_id,
  });
});

export { composer as browseFeature };
