import type { MiddlewareFn } from "grammy";
import type { Config } from "../../../config.js";
import type { BotContext } from "../context.js";

/** Users told once that the bot is private; bounded so a flood of strangers cannot grow it. */
const NOTIFIED_LIMIT = 10_000;

/**
 * `ALLOWED_USER_IDS` / `ALLOWED_CHAT_IDS`, checked before any other work. Each list that is set
 * must admit the update (an empty list admits everyone): with both set, a listed user in a
 * listed chat. Everything else is dropped without touching the engine. A stranger writing in a
 * private chat is told once per run that the bot is private, with their id to pass on to the
 * maintainer; in groups nothing is said, so a bot added to a foreign group stays quiet. An inline
 * query (`@bot 问题` in any chat) is admitted by the user list alone and answered with no cards
 * otherwise.
 */
export function allowList(
  config: Pick<Config, "allowedUserIds" | "allowedChatIds">,
): MiddlewareFn<BotContext> {
  const users = new Set(config.allowedUserIds);
  const chats = new Set(config.allowedChatIds);
  const notified = new Set<number>();
  return async (ctx, next) => {
    if (ctx.inlineQuery) {
      // The cards are posted in a chat the bot cannot see, so the user list decides; with only a
      // chat list set, no one may ask inline.
      const inlineOk = users.size > 0 ? users.has(ctx.from!.id) : chats.size === 0;
      if (inlineOk) return next();
      ctx.log.info(`inline query of user ${ctx.from?.id ?? "-"} dropped: not on the allow-list`);
      // No cards, and a button into the private chat, which says why and gives the user's id.
      await ctx.answerInlineQuery([], {
        cache_time: 0,
        is_personal: true,
        button: { text: ctx.t.inlineNotAllowed, start_parameter: "private" },
      });
      return;
    }
    const userOk = users.size === 0 || (ctx.from !== undefined && users.has(ctx.from.id));
    const chatOk = chats.size === 0 || (ctx.chat !== undefined && chats.has(ctx.chat.id));
    if (userOk && chatOk) return next();
    ctx.log.info(
      `dropped, user ${ctx.from?.id ?? "-"} in chat ${ctx.chat?.id ?? "-"} is not on the allow-list`,
    );
    if (ctx.chat?.type !== "private" || ctx.from === undefined || ctx.message === undefined) return;
    if (notified.has(ctx.from.id) || notified.size >= NOTIFIED_LIMIT) return;
    notified.add(ctx.from.id);
    await ctx.reply(ctx.t.notAllowed(ctx.from.id));
  };
}
