import type { BotError } from "grammy";
import type { BotContext } from "./context.js";

/**
 * The one place an update's failure ends up (installed with `bot.errorBoundary` and `bot.catch`).
 * The log gets the update id and the error; the user a short apology in the chat (and on the
 * button, for a button press); the bot goes on with the next update.
 */
export async function errorHandler(error: BotError<BotContext>): Promise<void> {
  const { ctx } = error;
  const { log } = ctx;
  const cause = error.error;
  log.error(
    `failed: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`,
  );
  if (cause instanceof Error && cause.stack) log.debug(cause.stack);
  try {
    if (ctx.callbackQuery)
      await ctx.answerCallbackQuery({ text: ctx.t.apology }).catch(() => undefined);
    if (ctx.chat) {
      await ctx.reply(
        ctx.t.apology,
        ctx.message
          ? {
              reply_parameters: {
                message_id: ctx.message.message_id,
                allow_sending_without_reply: true,
              },
            }
          : {},
      );
    }
  } catch (apologyError) {
    log.warn(
      `the apology could not be sent either: ${apologyError instanceof Error ? apologyError.message : String(apologyError)}`,
    );
  }
}
