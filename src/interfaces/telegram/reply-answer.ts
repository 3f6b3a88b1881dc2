import { InlineKeyboard } from "grammy";
import type { Answer } from "../../answer/types.js";
import { passageButtonData } from "./callback-data.js";
import type { BotContext } from "./context.js";
import { formatAnswerHtml } from "./format-html.js";
import { TEXTS } from "./texts.js";

/** Telegram shows "typing…" for about five seconds; renewed a little before it fades. */
const TYPING_RENEW_MS = 4_500;

/**
 * Runs `work` while the chat shows "typing…". The chat action is fire-and-forget: a failure to
 * show it must not cost the user the answer.
 */
export async function withTyping<T>(ctx: BotContext, work: () => Promise<T>): Promise<T> {
  const show = () => {
    ctx.replyWithChatAction("typing").catch((error: unknown) => ctx.services.log.debug(`update ${ctx.update.update_id}: chat action failed: ${String(error)}`));
  };
  show();
  const timer = setInterval(show, TYPING_RENEW_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export interface SendHtmlOptions {
  /** The message being answered; quoted by the first part so the answer is tied to its question. */
  replyTo?: number | undefined;
  /** Attached to the last part, under the citations it opens. */
  keyboard?: InlineKeyboard | undefined;
}

/** Sends prepared HTML messages in order (see `format-html.ts` for how they are split). */
export async function sendHtml(ctx: BotContext, messages: readonly string[], options: SendHtmlOptions = {}): Promise<void> {
  for (const [i, text] of messages.entries()) {
    const last = i === messages.length - 1;
    await ctx.reply(text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(i === 0 && options.replyTo !== undefined ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } } : {}),
      ...(last && options.keyboard ? { reply_markup: options.keyboard } : {}),
    });
  }
}

/** One button per citation, opening its full passage; null when there is nothing to open. */
export function citationKeyboard(ctx: BotContext, answer: Pick<Answer, "citations" | "language">): InlineKeyboard | null {
  const keyboard = new InlineKeyboard();
  let buttons = 0;
  for (const citation of answer.citations) {
    const data = passageButtonData(ctx.services.engine, citation);
    if (data === null) continue;
    // three to a row: short labels, and a row per three citations keeps the keyboard compact
    if (buttons > 0 && buttons % 3 === 0) keyboard.row();
    keyboard.text(TEXTS[answer.language].passageButton(citation.n), data);
    buttons++;
  }
  return buttons > 0 ? keyboard : null;
}

/**
 * Answers `question` in the current chat: "typing…" while the engine works, then the answer in
 * HTML with its citations and a button per citation. The one path plain questions, /start's
 * example buttons and mentions in groups all take.
 */
export async function replyWithAnswer(ctx: BotContext, question: string, replyTo?: number): Promise<Answer> {
  const answer = await withTyping(ctx, () => ctx.services.engine.ask(question));
  await sendHtml(ctx, formatAnswerHtml(answer), { replyTo, keyboard: citationKeyboard(ctx, answer) ?? undefined });
  return answer;
}
