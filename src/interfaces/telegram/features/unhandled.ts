import { Composer } from "grammy";
import type { BotContext } from "../context.js";

const composer = new Composer<BotContext>();

/**
 * What no other feature took. Stickers, photos, voice and the like get a hint to type; an
 * unknown command gets pointed at /help (in a group only when it names this bot, so commands
 * meant for other bots stay unanswered); a stale button is told so. Edits are ignored.
 */
composer.on("message", async (ctx) => {
  const text = ctx.msg.text;
  if (text?.startsWith("/")) {
    const target = /^\/[^\s@]+@(\S+)/.exec(text)?.[1];
    const forUs =
      ctx.chat.type === "private"
        ? target === undefined || target.toLowerCase() === ctx.me.username.toLowerCase()
        : target?.toLowerCase() === ctx.me.username.toLowerCase();
    if (forUs) await ctx.reply(ctx.t.unknownCommand);
    return;
  }
  await ctx.reply(ctx.t.notText, {
    reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
  });
});

composer.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t.expiredButton }));

export { composer as unhandledFeature };
