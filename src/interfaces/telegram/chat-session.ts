import type { Message } from "grammy/types";
import type { ConversationState, TurnContext } from "../../conversation/state.js";

/**
 * What the bot keeps per chat and forum topic (grammY session data, plain JSON so any storage
 * adapter can hold it): the conversation, and the context of its recent answers by message id,
 * so that a reply to an older answer continues from that answer.
 */
export interface ChatSession {
  conversation: ConversationState | null;
  /** `[first message id, last message id, context]` of recent answers (a long answer is several messages), oldest first. */
  answers: Array<[number, number, TurnContext]>;
}

/** Older answers than this are answered as if not replied to: the bound keeps a session near 2 KB. */
export const MAX_REMEMBERED_ANSWERS = 3;
/** `shown` of a remembered answer, trimmed: a reply's "more" needs only the last answer's sentences. */
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
export function chatSessionKey(ctx: { chat?: { id: number } | undefined; msg?: Pick<Message, "is_topic_message" | "message_thread_id"> | undefined }): string | undefined {
  if (!ctx.chat) return undefined;
  const thread = ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined;
  return thread === undefined ? String(ctx.chat.id) : `${ctx.chat.id}:${thread}`;
}

export function rememberAnswer(session: ChatSession, messageIds: readonly number[], context: TurnContext): void {
  if (messageIds.length === 0) return;
  const slim: TurnContext = { ...context, articles: context.articles.slice(0, REMEMBERED_ARTICLES), shown: context.shown.slice(-REMEMBERED_SHOWN) };
  session.answers.push([Math.min(...messageIds), Math.max(...messageIds), slim]);
  session.answers.splice(0, Math.max(0, session.answers.length - MAX_REMEMBERED_ANSWERS));
}

/** The context of the answer a message id belongs to, or null when it is not remembered. */
export function answerContext(session: ChatSession, messageId: number): TurnContext | null {
  return session.answers.find(([first, last]) => messageId >= first && messageId <= last)?.[2] ?? null;
}
