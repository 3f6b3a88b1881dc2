import { stripControls } from "../answer/question.js";
import type { Answer, Citation } from "../answer/types.js";

/** `[1] 《标题》 · 003_….txt · 1月21日` — how a citation is named in every interface. */
export function citationLabel(c: Citation): string {
  return stripControls(
    [`[${c.n}] 《${c.title || "（无标题）"}》`, c.source, c.date].filter(Boolean).join(" · "),
  );
}

/**
 * An answer for a terminal: the answer, then each citation with the sentence it quotes. Escape
 * sequences and control characters (from page text or the question) are removed.
 */
export function formatAnswerText(answer: Answer): string {
  const lines = [answer.answer];
  if (answer.note) lines.push("", answer.note);
  if (answer.citations.length > 0) {
    lines.push(
      "",
      answer.grounded
        ? answer.language === "zh"
          ? "出处："
          : "Sources:"
        : answer.language === "zh"
          ? "相关报道："
          : "Related reports:",
    );
    for (const c of answer.citations) lines.push(citationLabel(c), `    “${c.quote}”`);
  }
  return stripControls(lines.join("\n"));
}

/**
 * "理解为：…" / "Read as: …" when a follow-up was answered as a rewritten standalone question, so
 * the reader sees what was actually answered; null when the message was answered as typed.
 */
export function resolvedLine(
  answer: Pick<Answer, "question" | "resolvedQuestion" | "language">,
): string | null {
  const resolved = answer.resolvedQuestion;
  if (resolved === undefined || resolved.trim() === answer.question.trim()) return null;
  return stripControls(answer.language === "zh" ? `理解为：${resolved}` : `Read as: ${resolved}`);
}
