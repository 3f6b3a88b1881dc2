import { Composer } from "grammy";
import { characterCount, MAX_QUESTION_LENGTH } from "../../../answer/question.js";
import { citationLabel } from "../../format-text.js";
import type { BotContext } from "../context.js";
import { escapeHtml, htmlParagraph, packMessages } from "../format-html.js";
import { citationKeyboard, sendHtml, withTyping } from "../reply-answer.js";

const composer = new Composer<BotContext>();

/**
 * `/search 词`: the passages that match, each with its source, the sentence that best matches and
 * a button to open it — no composed answer.
 */
composer.command("search", async (ctx) => {
  const query = ctx.match.trim();
  const replyTo = ctx.msg.message_id;
  if (query === "") return sendHtml(ctx, [escapeHtml(ctx.t.searchUsage)], { replyTo });
  const length = characterCount(query);
  if (length > MAX_QUESTION_LENGTH)
    return sendHtml(ctx, [escapeHtml(ctx.t.tooLong(length))], { replyTo });
  const hits = await withTyping(ctx, () => ctx.services.engine.search(query));
  if (hits.length === 0)
    return sendHtml(ctx, [escapeHtml(ctx.t.searchNothing(query))], { replyTo });
  const blocks = [ctx.t.searchHeading(escapeHtml(query))];
  for (const c of hits)
    blocks.push("", ...htmlParagraph(citationLabel(c), "b"), ...htmlParagraph(c.quote));
  await sendHtml(ctx, packMessages(blocks), {
    replyTo,
    keyboard: citationKeyboard(ctx, { citations: hits, language: ctx.lang }) ?? undefined,
  });
});

export { composer as searchFeature };
