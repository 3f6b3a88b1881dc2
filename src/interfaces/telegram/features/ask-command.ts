import { Composer } from "grammy";
import { characterCount, MAX_QUESTION_LENGTH } from "../../../answer/question.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../format-html.js";
import { replyWithAnswer, sendHtml } from "../reply-answer.js";

const composer = new Composer<BotContext>();

/**
 * `/ask 问题`: a question in a group without @mentioning the bot (a command is addressed to it
 * already; `/ask@OtherBot` is left to that bot). Answered like any question, in the message's
 * forum topic, as the next message of that topic's conversation.
 */
composer.command("ask", async (ctx) => {
  const question = ctx.match.trim();
  const replyTo = ctx.msg.message_id;
  if (question === "") return sendHtml(ctx, [escapeHtml(ctx.t.askUsage)], { replyTo });
  // Characters as a reader counts them (an emoji is one), not UTF-16 units.
  const length = characterCount(question);
  if (length > MAX_QUESTION_LENGTH)
    return sendHtml(ctx, [escapeHtml(ctx.t.tooLong(length))], { replyTo });
  await replyWithAnswer(ctx, question, replyTo);
});

export { composer as askCommandFeature };
