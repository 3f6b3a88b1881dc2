import { createHash } from "node:crypto";
import * as z from "zod";

/**
 * One 👍/👎 press as a line of `FEEDBACK_FILE`: what was asked, what was answered and how, and the
 * verdict. The user id is hashed: the file says whether the same person changed their mind,
 * never who they are.
 */
export const feedbackRecordSchema = z.object({
  /** ISO time of the press. */
  time: z.string(),
  /** {@link hashUserId} of the presser. */
  user: z.string(),
  /** Which answer was judged (a hash of its chat and message), so a changed mind replaces the first verdict. */
  answer: z.string(),
  question: z.string(),
  resolvedQuestion: z.string(),
  /**
   * `unknown` for a press after a restart: only the question Telegram kept with the answer
   * message is known, not how it was answered (intent `unknown`, no `grounded`, no citations).
   */
  mode: z.enum(["extractive", "llm", "none", "unknown"]),
  intent: z.string(),
  grounded: z.boolean().optional(),
  citations: z.array(
    z.object({ n: z.number(), source: z.string(), title: z.string(), quote: z.string() }),
  ),
  verdict: z.enum(["up", "down"]),
});

export type FeedbackRecord = z.infer<typeof feedbackRecordSchema>;
export type Verdict = FeedbackRecord["verdict"];

/** What is known of an answer when its buttons are sent; the press adds who, when and the verdict. */
export type JudgedAnswer = Omit<FeedbackRecord, "time" | "user" | "verdict">;

/** A stable pseudonym for a Telegram user id (sha-256, 16 hex digits). */
export function hashUserId(userId: number): string {
  return createHash("sha256").update(`xining-news-qa user ${userId}`).digest("hex").slice(0, 16);
}

/** A stable id for an answer message, hashed like users (a private chat's id is its user's). */
export function answerId(chatId: number, messageId: number): string {
  return createHash("sha256")
    .update(`xining-news-qa answer ${chatId}:${messageId}`)
    .digest("hex")
    .slice(0, 16);
}
