import { splitSentences } from "../ingest/sentences.js";
import type { Article } from "../ingest/types.js";
import type { RetrievedPassage } from "../retrieve/types.js";
import { asksForAmount, FACT_PATTERNS, questionKind, type QuestionKind } from "./question.js";
import type { QueryWord } from "./query-words.js";
import type { Citation } from "./types.js";

export interface ExtractiveOptions {
  /**
   * Below this evidence the composer abstains. Evidence is the weighted share of the question's
   * words found in the best sentence, plus a bonus when that sentence holds the kind of fact asked
   * for; calibrated on the golden set by `npm run eval -- --calibrate`.
   * @default ABSTAIN_THRESHOLD
   */
  threshold?: number;
  /** Sentences quoted at most: the one holding the fact and up to two in support. @default 3 */
  maxSentences?: number;
  /** The units a 多少/几 question asks in (see {@link askedUnits}); null or [] for any figure. */
  askedUnits?: readonly string[] | null;
  /**
   * Whether the question's requirements rule sentences out (see `Requirement`). `/search` lists
   * passages, it does not answer, so it only ranks. @default true
   */
  enforce?: boolean;
}

/**
 * Calibrated with `npm run eval -- --calibrate` on test/eval/golden.jsonl (keyword-only mode): inside
 * the gap between the unanswerable questions' evidence (at most 0.59) and the answerable ones'
 * (from 0.63, one outlier at 0.52), for Chinese and English questions alike.
 */
export const ABSTAIN_THRESHOLD = 0.61;

// A sentence of the kind asked for (a figure for 多少) is likelier the answer than one that only
// repeats the question's words; the passage's retrieval rank breaks near-ties.
const KIND_BONUS = 0.15;
const RANK_BONUS = 0.05;

export interface ScoredSentence {
  article: Article;
  start: number;
  end: number;
  text: string;
  /** Share of the question's weighted terms the sentence holds, 0..1. */
  coverage: number;
  score: number;
}

export interface ExtractiveResult {
  /** The chosen sentences, best first; empty when the evidence is too weak (abstain). */
  sentences: ScoredSentence[];
  /** The best sentence's score, whether or not it passed the threshold. */
  evidence: number;
  kind: QuestionKind;
}

/**
 * Picks the sentences of the retrieved passages that answer the question, given the question's
 * words (see query-words.ts: the Chinese words, or an English question's translations).
 *
 * A sentence is scored by the share of the question's words (weighted by rarity) it holds; words
 * found only in its article's headline or lead count for less, so `实到353人` can answer a question
 * that names the session the headline names. What the question requires (see `Requirement` in
 * query-words.ts) is a constraint, not a vote: a name absent from the article, or a figure, ordinal
 * or restricting word absent near the sentence, rules the sentence out, and so does a sentence
 * without the kind of fact asked for (a figure in the asked unit, a date).
 */
export function extractAnswer(
  question: string,
  words: readonly QueryWord[],
  passages: readonly RetrievedPassage[],
  options: ExtractiveOptions = {},
): ExtractiveResult {
  const threshold = options.threshold ?? ABSTAIN_THRESHOLD;
  const kind = questionKind(question);
  const asked = options.askedUnits ?? null;
  const enforce = options.enforce ?? true;
  const amount = asksForAmount(question);
  const total = words.reduce((sum, w) => sum + w.weight, 0);
  if (total === 0 || passages.length === 0) return { sentences: [], evidence: 0, kind };

  const seen = new Set<string>();
  const scored: ScoredSentence[] = [];
  passages.forEach((passage, rank) => {
    const { article, chunk } = passage;
    const heading = [article.kicker, article.title, article.subtitle].join(" ");
    const articleText = `${heading}\n${article.text}`.toLowerCase();
    const lead = leadSentence(article.text);
    const context = `${heading} ${lead}`.toLowerCase();
    // A name the article never mentions: it is about something else, whatever its sentences say.
    if (enforce && words.some((w) => w.required === "article" && !w.alternatives.some((a) => articleText.includes(a)))) return;
    // The lead sentence (dateline, who, when, where) answers many questions even when the
    // retrieved chunk of its article is a later one.
    const spans = splitSentences(article.text);
    for (const [i, span] of spans.entries()) {
      if (i > 0 && (span.end <= chunk.start || span.start >= chunk.end)) continue;
      const key = `${article.id}@${span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const text = article.text.slice(span.start, span.end);
      const lower = text.toLowerCase();
      // A figure, ordinal or restricting word of the question must be near the answer (its
      // sentence, the one before, the headline or the lead): else it answers a neighbouring question.
      const previous = i > 0 ? article.text.slice(spans[i - 1]!.start, spans[i - 1]!.end) : "";
      // The lead is not near: it sets the scene for the whole article (`2023年至2025年…`), while a
      // figure or restricting word must belong to the very statement that answers.
      const near = `${lower}\n${previous}\n${heading}`.toLowerCase();
      if (enforce && words.some((w) => w.required === "near" && !w.alternatives.some((a) => near.includes(a)))) continue;
      // The kind of fact asked for must be there: a 多少 question is not answered by a sentence
      // without a figure in the asked unit, nor a 哪天 question by one without a date.
      if (enforce && amount && !holdsNumber(text, asked)) continue;
      if (enforce && kind === "date" && !FACT_PATTERNS.date.test(text)) continue;
      let found = 0;
      // A word counts once, by its best-matching alternative (an English word's translations, a
      // synonym at its lower credit).
      for (const w of words) {
        const credit = (alt: string) => Math.max(wordMatch(alt, lower), CONTEXT_CREDIT * wordMatch(alt, context));
        const own = Math.max(...w.alternatives.map(credit));
        const weaker = Math.max(0, ...w.weaker.map((s) => s.credit * credit(s.word)));
        found += w.weight * Math.max(own, weaker);
      }
      const coverage = found / total;
      const kindBonus = kind !== "other" && FACT_PATTERNS[kind].test(text) ? KIND_BONUS : 0;
      const score = coverage + kindBonus + RANK_BONUS * (1 - rank / passages.length);
      scored.push({ article, start: span.start, end: span.end, text, coverage, score });
    }
  });
  scored.sort((a, b) => b.score - a.score || a.start - b.start);
  const best = scored[0];
  if (!best || best.score < threshold) return { sentences: [], evidence: best?.score ?? 0, kind };

  // Support: sentences nearly as relevant as the lead, not repeating it.
  const maxSentences = options.maxSentences ?? 3;
  const chosen = [best];
  for (const candidate of scored.slice(1)) {
    if (chosen.length >= maxSentences) break;
    if (candidate.score < Math.max(threshold, best.score * 0.8)) break;
    if (chosen.some((c) => c.text === candidate.text)) continue;
    chosen.push(candidate);
  }
  return { sentences: chosen, evidence: best.score, kind };
}

/** A figure, in one of the asked units when the question names one (`多少人` → 人, 名, 位…). */
function holdsNumber(text: string, units: readonly string[] | null): boolean {
  // Digits, or Chinese numerals before a measure word (`三次亲临`, `两次参加`).
  const figures = text.match(/(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两]+(?=[次个项家人名位件届批轮年倍]))\s*(?:余|多)?\s*[^\s\d，。、；,.;]{0,4}/gu) ?? [];
  if (figures.length === 0) return false;
  if (units === null || units.length === 0) return true;
  return figures.some((f) => units.some((u) => f.includes(u)));
}

// A word found in the headline or lead, not in the sentence itself, is weaker evidence.
const CONTEXT_CREDIT = 0.6;

/**
 * 1 when the text holds the word; for a longer Chinese word, partial credit when the text holds
 * its head (`出口` of `出口额`) — not any inner bigram, or `单晶硅` would half-match `多晶硅`.
 */
function wordMatch(word: string, text: string): number {
  if (text.includes(word)) return 1;
  const chars = Array.from(word);
  if (chars.length < 3 || !/\p{Script=Han}/u.test(word)) return 0;
  for (let n = chars.length - 1; n >= 2 && n * 2 >= chars.length; n--) {
    if (text.includes(chars.slice(0, n).join(""))) return 0.6 * (n / chars.length);
  }
  return 0;
}

function leadSentence(text: string): string {
  return text.slice(0, text.search(/[。！？!?]|$/) + 1);
}

/** Citations for chosen sentences: the quote is the sentence exactly as the article has it. */
export function sentenceCitations(sentences: readonly ScoredSentence[]): Citation[] {
  return sentences.map((s, i) => ({
    n: i + 1,
    source: s.article.source,
    title: s.article.title,
    quote: s.text,
    score: Math.round(Math.min(1, s.score) * 100) / 100,
    articleId: s.article.id,
    date: s.article.date,
    start: s.start,
    end: s.end,
  }));
}
