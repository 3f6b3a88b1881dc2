import type { AnswerIntent, Language } from "../answer/types.js";

/**
 * What one answer leaves behind for the next message: enough to resolve `那锂电池呢？`,
 * `他做了什么？`, `更多` or `全文` — and small, because a Telegram chat keeps one per recent
 * answer (a reply to an older answer uses that answer's context). Plain JSON.
 */
export interface TurnContext {
  /** The standalone question that was answered. */
  q: string;
  lang: Language;
  intent: AnswerIntent;
  /** The word an ellipsis put in the frame (`锂电池`), which the next ellipsis replaces. */
  topic: string | null;
  /** What the question was about (`全市生态环境保护大会`): prepended to a question with no topic. */
  subject: string | null;
  /** The person in focus (`罗东川`): what 他/她 stand for. */
  person: string | null;
  /** Articles the answer cited, first = the one in focus (`全文`, `这篇报道`). At most 3. */
  articles: string[];
  /** `citationKey`s of the sentences shown for `q`, so that `更多` shows others. */
  shown: string[];
  /**
   * Not answered: the nearest report the answer suggested, which `这篇全文` / `summarize it` then
   * open (saying so) when no report is in focus.
   */
  nearest?: string;
}

/** One conversation: the context of its last answer, and when it was last used. */
export interface ConversationState {
  v: 1;
  /** Epoch milliseconds of the last message. */
  at: number;
  last: TurnContext | null;
}

/** A conversation left quiet this long starts afresh: the next message is not a follow-up. */
export const QUIET_MS = 60 * 60 * 1000;
/** Bounds that keep a context a few hundred bytes. */
export const MAX_SHOWN = 12;
export const MAX_ARTICLES = 3;

export function newConversationState(now: number): ConversationState {
  return { v: 1, at: now, last: null };
}

/** The context follow-ups resolve against, or null when there is none or it went quiet. */
export function activeContext(
  state: ConversationState | null | undefined,
  now: number,
): TurnContext | null {
  if (state?.v !== 1 || state.last === null) return null;
  return now - state.at > QUIET_MS ? null : state.last;
}

/** Bytes of the state as stored (JSON, UTF-8): what the ≤ 2 KB budget is measured on. */
export function stateBytes(state: unknown): number {
  return Buffer.byteLength(JSON.stringify(state), "utf8");
}
