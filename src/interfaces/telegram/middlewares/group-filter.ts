import type { MiddlewareFn } from "grammy";
import type { Message, MessageEntity, UserFromGetMe } from "grammy/types";
import type { BotContext } from "../context.js";
import { escapeRegExp } from "../../../util/escape-reg-exp.js";

/**
 * In groups, lets through only what is addressed to the bot: commands, messages mentioning it,
 * replies to its messages, and presses of its buttons. Everything else people say to each other
 * is dropped before any work. Private chats pass untouched; channels are never answered.
 */
export function groupFilter(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chat = ctx.chat;
    if (chat === undefined || chat.type === "private") return next();
    if (chat.type === "channel") return;
    if (ctx.callbackQuery) return next();
    if (ctx.message && addressedToBot(ctx.message, ctx.me)) return next();
  };
}

function entitiesOf(message: Message): Array<{ entity: MessageEntity; text: string }> {
  const text = message.text ?? message.caption ?? "";
  const entities = message.entities ?? message.caption_entities ?? [];
  return entities.map((entity) => ({
    entity,
    text: text.slice(entity.offset, entity.offset + entity.length),
  }));
}

/** A command, a mention of the bot (by @username or by name link), or a reply to the bot. */
function addressedToBot(message: Message, me: UserFromGetMe): boolean {
  if (message.reply_to_message?.from?.id === me.id) return true;
  return entitiesOf(message).some(
    ({ entity, text }) =>
      (entity.type === "bot_command" && entity.offset === 0) ||
      (entity.type === "mention" && text.toLowerCase() === `@${me.username.toLowerCase()}`) ||
      (entity.type === "text_mention" && entity.user.id === me.id),
  );
}

/** The question in a message, without the @mention that addressed it to the bot. */
export function questionText(message: Message, me: UserFromGetMe): string {
  const text = message.text ?? "";
  const mention = new RegExp(`@${escapeRegExp(me.username)}\\b`, "gi");
  return text.replace(mention, " ").replace(/\s+/g, " ").trim();
}
