import type { Answer } from "../../answer/types.js";
import type { FeedbackLog } from "../feedback/feedback-file.js";
import {
  answerId,
  hashUserId,
  type JudgedAnswer,
  type Verdict,
} from "../feedback/feedback-record.js";

/**
 * Answers kept for their 👍/👎 buttons. Bounded: past it the oldest answers' buttons say they
 * have expired (about a day of a busy bot's answers, ~1 KB each).
 */
const REMEMBERED_ANSWERS = 10_000;

/**
 * What the 👍/👎 buttons need: the answers they sit under (the button's callback data names only
 * the verdict — the answer is the message it is pressed on), and where presses go.
 */
export interface AnswerFeedback {
  /** The answer sent as `chatId`'s message `messageId` (the one carrying the buttons). */
  remember(chatId: number, messageId: number, answer: Answer): void;
  /**
   * Appends a press to the log. An answer no longer remembered (a restart, or older than the
   * bound) is recorded with what Telegram kept of it — the question it replied to — and mode
   * `unknown`; false, and nothing written, when not even that is known.
   */
  record(
    chatId: number,
    messageId: number,
    userId: number,
    verdict: Verdict,
    now: Date,
    /** The question Telegram kept with the answer message (its `reply_to_message`), if any. */
    asked?: string,
  ): Promise<boolean>;
}

/**
 * Kept in this process's memory: an answer's question, mode and citations are ~1 KB, too much
 * for the 64-byte callback data and for the ~2 KB chat session. A press after a restart is
 * recorded with the question the answer message replied to (Telegram keeps it with the message),
 * or acknowledged as expired when there is none.
 */
export function createAnswerFeedback(log: FeedbackLog | null): AnswerFeedback {
  const answers = new Map<string, JudgedAnswer>();
  return {
    remember(chatId, messageId, answer) {
      const key = `${chatId}:${messageId}`;
      answers.set(key, {
        answer: answerId(chatId, messageId),
        question: answer.question,
        resolvedQuestion: answer.resolvedQuestion ?? answer.question,
        mode: answer.mode,
        intent: answer.intent ?? "fact",
        grounded: answer.grounded,
        citations: answer.citations.map(({ n, source, title, quote }) => ({
          n,
          source,
          title,
          quote,
        })),
      });
      // Maps iterate in insertion order: the first key is the oldest answer.
      if (answers.size > REMEMBERED_ANSWERS) answers.delete(answers.keys().next().value!);
    },
    async record(chatId, messageId, userId, verdict, now, asked) {
      const judged: JudgedAnswer | undefined =
        answers.get(`${chatId}:${messageId}`) ??
        (asked?.trim()
          ? {
              answer: answerId(chatId, messageId),
              question: asked,
              resolvedQuestion: asked,
              mode: "unknown",
              intent: "unknown",
              citations: [],
            }
          : undefined);
      if (!judged) return false;
      await log?.append({
        time: now.toISOString(),
        user: hashUserId(userId),
        ...judged,
        verdict,
      });
      return true;
    },
  };
}
