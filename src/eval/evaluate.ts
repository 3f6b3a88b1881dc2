import type { QaEngine } from "../answer/qa-engine.js";
import { engineArticles } from "./articles.js";
import type { Answer } from "../answer/types.js";
import { inScope, type GoldenQuestion } from "./golden.js";

export interface QuestionOutcome {
  id: string;
  question: string;
  expectedSource: string;
  /**
   * 1-based rank of the first retrieved passage (`engine.search`) from the expected page; null when
   * absent.
   */
  sourceRank: number | null;
  answer: Answer;
  factFound: boolean;
  /** Every citation's quote is a verbatim substring of its article. */
  quotesVerbatim: boolean;
  ms: number;
}

export interface EvalReport {
  questions: number;
  inScope: number;
  outOfScope: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  factInAnswer: number;
  /** In-scope questions answered (not abstained). */
  answeredInScope: number;
  /** Out-of-scope questions abstained. */
  abstainedOutOfScope: number;
  citationsVerbatim: number;
  msPerQuestionP50: number;
  msPerQuestionP99: number;
  /**
   * Per way of asking (the `kind` of each question, when the set has kinds): for answerable kinds
   * the share of answers holding every expected fact, for `close_unanswerable` the share abstained.
   */
  byKind?: Record<string, { questions: number; score: number }>;
}

/** Runs every golden question through the engine and scores what a reader would check. */
export async function evaluate(
  engine: QaEngine,
  golden: readonly GoldenQuestion[],
): Promise<{ report: EvalReport; outcomes: QuestionOutcome[] }> {
  const articleText = new Map(engineArticles(engine).map((a) => [a.id, a.text]));
  const outcomes: QuestionOutcome[] = [];
  for (const q of golden) {
    const started = performance.now();
    const answer = await engine.ask(q.question);
    const ms = performance.now() - started;
    // The engine's own retrieval (same translation, same ranking), one citation per passage.
    const rank = (await engine.search(q.question)).findIndex((hit) => hit.source === q.source);
    outcomes.push({
      id: q.id,
      question: q.question,
      expectedSource: q.source,
      sourceRank: rank < 0 ? null : rank + 1,
      answer,
      factFound: answer.grounded && q.must_contain.every((s) => answer.answer.includes(s)),
      quotesVerbatim: answer.citations.every(
        (c) => articleText.get(c.articleId)?.includes(c.quote) === true,
      ),
      ms,
    });
  }
  const ins = outcomes.filter((_, i) => inScope(golden[i]!));
  const outs = outcomes.filter((_, i) => !inScope(golden[i]!));
  const share = (xs: QuestionOutcome[], f: (o: QuestionOutcome) => boolean) =>
    xs.length === 0 ? 1 : round(xs.filter(f).length / xs.length);
  const citations = outcomes.flatMap((o) => o.answer.citations.map(() => o.quotesVerbatim));
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const kinds = [...new Set(golden.map((q) => q.kind).filter((k): k is string => k !== undefined))];
  const byKind = Object.fromEntries(
    kinds.map((kind) => {
      const mine = outcomes.filter((_, i) => golden[i]!.kind === kind);
      const score =
        kind === "close_unanswerable"
          ? share(mine, (o) => !o.answer.grounded)
          : share(mine, (o) => o.factFound);
      return [kind, { questions: mine.length, score }];
    }),
  );
  return {
    outcomes,
    report: {
      questions: outcomes.length,
      inScope: ins.length,
      outOfScope: outs.length,
      hitAt1: share(ins, (o) => o.sourceRank === 1),
      hitAt3: share(ins, (o) => o.sourceRank !== null && o.sourceRank <= 3),
      mrr: round(
        ins.reduce((s, o) => s + (o.sourceRank ? 1 / o.sourceRank : 0), 0) /
          Math.max(1, ins.length),
      ),
      factInAnswer: share(ins, (o) => o.factFound),
      answeredInScope: share(ins, (o) => o.answer.grounded),
      abstainedOutOfScope: share(outs, (o) => !o.answer.grounded),
      citationsVerbatim:
        citations.length === 0 ? 1 : round(citations.filter(Boolean).length / citations.length),
      msPerQuestionP50: round(times[Math.floor(times.length * 0.5)] ?? 0),
      msPerQuestionP99: round(
        times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0,
      ),
      ...(kinds.length > 0 ? { byKind } : {}),
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
