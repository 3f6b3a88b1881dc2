import { Composer } from "grammy";
import type { BotContext } from "../context.js";

const composer = new Composer<BotContext>();

/**
 * 👍/👎 under an answer: acknowledged at once in a small toast, and appended to `FEEDBACK_FILE`
 * (`npm run feedback` sums it up). A press on an answer this process no longer remembers is
 * acknowledged as expired.
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
    ));
  if (recorded) ctx.services.stats.verdict(verdict);
  await ctx.answerCallbackQuery({ text: recorded ? ctx.t.feedbackThanks : ctx.t.expiredButton });
});

export { composer as feedbackFeature };
