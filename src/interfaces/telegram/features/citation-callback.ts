import { Composer } from "grammy";
import { openPassage } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { formatPassageHtml } from "../format-html.js";
import { sendHtml } from "../reply-answer.js";

const composer = new Composer<BotContext>();

/**
 * A citation button: the full passage the citation quotes, the quoted sentence in bold, sent as
 * a reply to the answer that carried the button. A button whose passage left the index (the page
 * changed since) says so instead.
 */
composer.callbackQuery(/^p:/, async (ctx) => {
  const opened = openPassage(ctx.services.engine, ctx.callbackQuery.data);
  if (!opened) {
    await ctx.answerCallbackQuery({ text: ctx.t.passageGone, show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery({ text: ctx.t.passageShown });
  const messages = formatPassageHtml(
    opened.citation,
    opened.chunk.text,
    opened.quoteAt,
    opened.quoteLength,
  );
  await sendHtml(ctx, messages, { replyTo: ctx.callbackQuery.message?.message_id });
});

export { composer as citationCallbackFeature };
