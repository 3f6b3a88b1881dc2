import type { Message } from "grammy/types";
import type { ConversationState, TurnContext } from "../../conversation/state.js";

/**
 * What the bot keeps per chat and forum topic (grammY session data, plain JSON so any storage
 * adapter can hold it): the conversation, and the context of its recent answers by message id,
 * so that a reply to an older answer continues from that answer.
 */
export interface ChatSession {
  conversation: ConversationState | null;
  /**
   * `[first message id, last message id, context]` of recent answers (a long answer is several
   * messages), oldest first. The newest answer's context is `null` while it is the conversation's
   * last context: stored once, not twice (the session stays within 2 KB).
   */
  answers: Array<[number, number, TurnContext | null]>;
}

/**
 * Older answers than this are answered as if not replied to: the bound keeps a session near 2 KB.
 */
export const MAX_REMEMBERED_ANSWERS = 3;
/**
 * `shown` of a remembered answer, trimmed: a reply's "more" needs only the last answer's sentences.
 */
const REMEMBERED_SHOWN = 3;
/** `articles` of a remembered answer: the one in focus and the next. */
const REMEMBERED_ARTICLES = 2;

export function initialChatSession(): ChatSession {
  return { conversation: null, answers: [] };
}

/**
 * One session per chat, and per forum topic inside a forum (`-100…:42`): two topics of a group
 * are two conversations. Undefined (no session) for updates without a chat.
 */
export function chatSessionKey(ctx: {
  chat?: { id: number } | undefined;
  msg?: Pick<Message, "is_topic_message" | "message_thread_id"> | undefined;
}): string | undefined {
  if (!ctx.chat) return undefined;
  const thread = ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined;
  return thread === undefined ? String(ctx.chat.id) : `${ctx.chat.id}:${thread}`;
}

const slim = (context: TurnContext): TurnContext => ({
  ...context,
  articles: context.articles.slice(0, REMEMBERED_ARTICLES),
  shown: context.shown.slice(-REMEMBERED_SHOWN),
});

/**
 * Records a turn once its answer is sent: the conversation moves on to `state`, and the answer's
 * messages are remembered with `context` (the turn's own, which is then `state.last`), so that a
 * later reply to them continues from it.
 */
export function recordTurn(
  session: ChatSession,
  state: ConversationState,
  context: TurnContext | null,
  messageIds: readonly number[],
): void {
  // The newest answer's context was the conversation's last: it gets its own copy before that moves
  // on.
  const newest = session.answers.at(-1);
  if (newest && newest[2] === null) {
    const last = session.conversation?.last;
    if (last) newest[2] = slim(last);
    else session.answers.pop();
  }
  session.conversation = state;
  if (context === null || messageIds.length === 0 || state.last !== context) return;
  session.answers.push([Math.min(...messageIds), Math.max(...messageIds), null]);
  session.answers.splice(0, Math.max(0, session.answers.length - MAX_REMEMBERED_ANSWERS));
}

/** The context of the answer a message id belongs to, or null when it is not remembered. */
export function answerContext(session: ChatSession, messageId: number): TurnContext | null {
  const entry = session.answers.find(([first, last]) => messageId >= first && messageId <= last);
  if (!entry) return null;
  return entry[2] ?? session.conversation?.last ?? null;
}
