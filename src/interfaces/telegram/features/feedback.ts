import { Composer } from "grammy";
import type { BotContext } from "../context.js";

const composer = new Composer<BotContext>();

/**
 * 👍/👎 under an answer: acknowledged at once in a small toast, and appended to `FEEDBACK_FILE`
 * (`npm run feedback` sums it up). A press on an answer this process no longer remembers (a
 * restart) is recorded with the question Telegram kept with the answer, else acknowledged as
 * expired.
 */
composer.callbackQuery(/^f:(up|down)$/, async (ctx) => {
  const verdict = ctx.match[1] as "up" | "down";
  const message = ctx.callbackQuery.message;
  const recorded =
    message !== undefined &&
    (await ctx.services.feedback.record(
      message.chat.id,
      message.message_id,
      ctx.from.id,
      verdict,
      new Date(ctx.services.clock()),
      replyText(message),
    ));
  if (recorded) ctx.services.stats.verdict(verdict);
  await ctx.answerCallbackQuery({ text: recorded ? ctx.t.feedbackThanks : ctx.t.expiredButton });
});

/** The text of the message an answer replied to: the question, after a restart the only trace. */
function replyText(message: object): string | undefined {
  const replied = (message as { reply_to_message?: { text?: string } }).reply_to_message;
  return replied?.text;
}

export { composer as feedbackFeature };
