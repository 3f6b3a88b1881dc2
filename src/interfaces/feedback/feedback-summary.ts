import type { FeedbackRecord } from "./feedback-record.js";

export interface FeedbackSummary {
  /** Answers judged (a user's last verdict on an answer counts, earlier ones are replaced). */
  judged: number;
  up: number;
  down: number;
  /** Per intent: 👍, 👎 and the share of 👎 (0..1), most 👎 first. */
  byIntent: Array<{ intent: string; up: number; down: number; downShare: number }>;
  /** Questions (as resolved) most often marked 👎, most first, at most `top`. */
  mostDown: Array<{ question: string; down: number }>;
}

/** Counts of a feedback file's records: what `npm run feedback` prints. */
export function summarizeFeedback(records: readonly FeedbackRecord[], top = 10): FeedbackSummary {
  // Someone who pressed 👍 and then 👎 on the same answer meant 👎: the last press stands.
  const last = new Map<string, FeedbackRecord>();
  for (const r of records) last.set(`${r.user}:${r.answer}`, r);
  const verdicts = [...last.values()];
  const intents = new Map<string, { up: number; down: number }>();
  const downs = new Map<string, number>();
  for (const r of verdicts) {
    const counts = intents.get(r.intent) ?? { up: 0, down: 0 };
    counts[r.verdict]++;
    intents.set(r.intent, counts);
    if (r.verdict === "down")
      downs.set(r.resolvedQuestion, (downs.get(r.resolvedQuestion) ?? 0) + 1);
  }
  return {
    judged: verdicts.length,
    up: verdicts.filter((r) => r.verdict === "up").length,
    down: verdicts.filter((r) => r.verdict === "down").length,
    byIntent: [...intents]
      .map(([intent, c]) => ({ intent, ...c, downShare: c.down / (c.up + c.down) }))
      .sort((a, b) => b.downShare - a.downShare || a.intent.localeCompare(b.intent)),
    mostDown: [...downs]
      .map(([question, down]) => ({ question, down }))
      .sort((a, b) => b.down - a.down || a.question.localeCompare(b.question))
      .slice(0, top),
  };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The summary for a terminal. */
export function formatFeedbackSummary(summary: FeedbackSummary): string {
  if (summary.judged === 0) return "No feedback yet.";
  const lines = [
    `${summary.judged} answers judged: ${summary.up} 👍, ${summary.down} 👎 (${percent(summary.down / summary.judged)} 👎)`,
    "",
    "👎 share by intent:",
    ...summary.byIntent.map(
      (i) =>
        `  ${i.intent.padEnd(9)} ${percent(i.downShare).padStart(4)} 👎  (${i.up} 👍, ${i.down} 👎)`,
    ),
  ];
  if (summary.mostDown.length > 0)
    lines.push(
      "",
      "Most often 👎:",
      ...summary.mostDown.map((q) => `  ${String(q.down).padStart(3)} × ${q.question}`),
    );
  return lines.join("\n");
}
