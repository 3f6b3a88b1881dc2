import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { GenerationOptions } from "../../answer/llm.js";
import type { Answer } from "../../answer/types.js";
import { createDraftStream } from "./draft-stream.js";
import { passageButtonData } from "./callback-data.js";
import type { BotContext } from "./context.js";
import { answerContext, recordTurn } from "./chat-session.js";
import { escapeHtml, formatAnswerHtml, MESSAGE_LIMIT } from "./format-html.js";
import { resolvedLine } from "../format-text.js";

/** Telegram shows "typing…" for about five seconds; renewed a little before it fades. */
const TYPING_RENEW_MS = 4_500;

/**
 * Runs `work` while the chat shows "typing…". The chat action is fire-and-forget: a failure to
 * show it must not cost the user the answer.
 */
export async function withTyping<T>(ctx: BotContext, work: () => Promise<T>): Promise<T> {
  const show = () => {
    ctx
      .replyWithChatAction("typing")
      .catch((error: unknown) => ctx.log.debug(`chat action failed: ${String(error)}`));
  };
  show();
  const timer = setInterval(show, TYPING_RENEW_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * In a private chat, an LLM answer grows as a draft with a stop button while it is written
 * (groups get "typing…" only: Telegram shows drafts in private chats). The stop button aborts
 * `generation.signal`; the drafts end before `work`'s result is sent, so what stays in the chat
 * is the checked answer alone.
 */
async function withDrafts<T>(
  ctx: BotContext,
  work: (generation: GenerationOptions | undefined) => Promise<T>,
): Promise<T> {
  if (ctx.chat?.type !== "private") return work(undefined);
  const key = `${ctx.chat.id}:${ctx.update.update_id}`;
  const controller = new AbortController();
  const drafts = createDraftStream(ctx, ctx.services.draftIntervalMs);
  ctx.services.generations.set(key, controller);
  try {
    return await work({ onDraft: (text) => drafts.update(text), signal: controller.signal });
  } finally {
    ctx.services.generations.delete(key);
    await drafts.close();
    if (drafts.sent > 0) ctx.log.debug(`${drafts.sent} draft(s) sent`);
  }
}

export interface SendHtmlOptions {
  /** The message being answered; quoted by the first part so the answer is tied to its question. */
  replyTo?: number | undefined;
  /** Attached to the last part, under the citations it opens. */
  keyboard?: InlineKeyboard | undefined;
}

/** Sends prepared HTML messages in order (see `format-html.ts` for how they are split). */
export async function sendHtml(
  ctx: BotContext,
  messages: readonly string[],
  options: SendHtmlOptions = {},
): Promise<Message.TextMessage[]> {
  const sent: Message.TextMessage[] = [];
  for (const [i, text] of messages.entries()) {
    const last = i === messages.length - 1;
    const message = await ctx.reply(text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(i === 0 && options.replyTo !== undefined
        ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
        : {}),
      ...(last && options.keyboard ? { reply_markup: options.keyboard } : {}),
    });
    sent.push(message);
  }
  return sent;
}

/** One button per citation, opening its full passage; null when there is nothing to open. */
export function citationKeyboard(
  ctx: BotContext,
  answer: Pick<Answer, "citations" | "language">,
): InlineKeyboard | null {
  const keyboard = new InlineKeyboard();
  let buttons = 0;
  for (const citation of answer.citations) {
    const data = passageButtonData(ctx.services.engine, citation);
    if (data === null) continue;
    // three to a row: short labels, and a row per three citations keeps the keyboard compact
    if (buttons > 0 && buttons % 3 === 0) keyboard.row();
    keyboard.text(ctx.textsFor(answer.language).passageButton(citation.n), data);
    buttons++;
  }
  return buttons > 0 ? keyboard : null;
}

/**
 * 👍 / 👎 on a row of their own under the citation buttons. Their data names only the verdict: the
 * answer is the message they are pressed on.
 */
export function withFeedbackButtons(ctx: BotContext, keyboard: InlineKeyboard): InlineKeyboard {
  if (keyboard.inline_keyboard.some((row) => row.length > 0)) keyboard.row();
  return keyboard.text(ctx.t.feedbackUp, "f:up").text(ctx.t.feedbackDown, "f:down");
}

/**
 * Answers `question` in the current chat, as the next message of its conversation: "typing…"
 * while the engine works, then "理解为：…" when a follow-up was rewritten, the answer in HTML with
 * its citations, a button per citation and 👍/👎 under it. A reply to one of the bot's earlier answers continues
 * from that answer's context, and text the user highlighted in it (`Message.quote`) becomes the
 * focus. The one path plain questions, /start's example buttons and mentions in groups all take.
 */
export async function replyWithAnswer(
  ctx: BotContext,
  question: string,
  replyTo?: number,
): Promise<Answer> {
  const session = ctx.session;
  const repliedTo = ctx.message?.reply_to_message;
  const context =
    repliedTo && repliedTo.from?.id === ctx.me.id
      ? answerContext(session, repliedTo.message_id)
      : null;
  const quote = ctx.message?.quote?.text;
  const started = performance.now();
  const turn = await withDrafts(ctx, (generation) =>
    withTyping(ctx, () =>
      ctx.services.conversations.ask(session.conversation, question, {
        replyTo: context,
        quote,
        generation,
        signal: ctx.services.cutShort,
      }),
    ),
  );
  ctx.services.stats.answer(turn.answer.grounded, performance.now() - started);
  const { answer } = turn;
  const readAs = resolvedLine(answer);
  const texts = ctx.textsFor(answer.language);
  const heading = readAs ? texts.readAs(escapeHtml(answer.resolvedQuestion)) : null;
  // The heading goes in front of the first part, so the parts are cut that much shorter.
  const html = formatAnswerHtml(answer, MESSAGE_LIMIT - (heading?.length ?? 0) - 1, {
    sources: texts.sourcesLabel,
    related: texts.relatedLabel,
  });
  if (heading) html[0] = `${heading}\n${html[0] ?? ""}`;
  const keyboard = citationKeyboard(ctx, answer) ?? new InlineKeyboard();
  const sent = await sendHtml(ctx, html, { replyTo, keyboard: withFeedbackButtons(ctx, keyboard) });
  const last = sent.at(-1);
  if (last) ctx.services.feedback.remember(last.chat.id, last.message_id, answer);
  recordTurn(
    session,
    turn.state,
    turn.context,
    sent.map((m) => m.message_id),
  );
  return answer;
}
