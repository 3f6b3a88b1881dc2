import { Composer } from "grammy";
import { characterCount, MAX_QUESTION_LENGTH } from "../../../answer/question.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../format-html.js";
import { questionText } from "../middlewares/group-filter.js";
import { replyWithAnswer, sendHtml } from "../reply-answer.js";

const composer = new Composer<BotContext>();

/**
 * Any plain text is a question. In groups the @mention that addressed it is removed first. A
 * message over the question limit (a pasted article) gets a notice, without asking the engine.
 */
composer.on("message:text", async (ctx, next) => {
  if (ctx.msg.text.startsWith("/")) return next();
  const question = ctx.chat.type === "private" ? ctx.msg.text : questionText(ctx.msg, ctx.me);
  const replyTo = ctx.msg.message_id;
  const length = characterCount(question);
  if (length > MAX_QUESTION_LENGTH) {
    await sendHtml(ctx, [escapeHtml(ctx.t.tooLong(length))], { replyTo });
    return;
  }
  await replyWithAnswer(ctx, question, replyTo);
});

export { composer as askFeature };
