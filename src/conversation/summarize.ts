import type { Citation } from "../answer/types.js";
import { splitSentences } from "../util/sentences.js";
import type { Article } from "../ingest/types.js";

/** One sentence of an article, exactly as printed. */
export interface SentenceUnit {
  article: Article;
  start: number;
  end: number;
  text: string;
}

// Shorter is a byline or a stray heading; longer is a list of names that summarizes nothing.
const MIN_CHARS = 12;
const MAX_CHARS = 220;
// How much a sentence repeating an already chosen one is held back (maximal marginal relevance).
const REDUNDANCY = 0.7;

export function sentencesOf(article: Article): SentenceUnit[] {
  return splitSentences(article.text).map((s) => ({
    article,
    start: s.start,
    end: s.end,
    text: article.text.slice(s.start, s.end),
  }));
}

function bigrams(text: string): Map<string, number> {
  const chars = Array.from(text.replace(/[^\p{L}\p{N}]/gu, ""));
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const b = chars[i]! + chars[i + 1]!;
    out.set(b, (out.get(b) ?? 0) + 1);
  }
  return out;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [k, v] of a) dot += v * (b.get(k) ?? 0);
  const norm = (m: Map<string, number>) =>
    Math.sqrt([...m.values()].reduce((s, v) => s + v * v, 0));
  const d = norm(a) * norm(b);
  return d === 0 ? 0 : dot / d;
}

/**
 * An extractive summary: the lead (the first sentence long enough to say something), then up to
 * `extra` sentences chosen for centrality (how much they share with the rest: what the text is
 * mostly about) and coverage (little overlap with what is already chosen), returned in reading
 * order. `lead` may name another first sentence (a person's summary starts where they first
 * appear).
 */
export function summarize(
  units: readonly SentenceUnit[],
  options: { extra?: number; lead?: SentenceUnit } = {},
): SentenceUnit[] {
  const usable = units.filter(
    (u) => Array.from(u.text).length >= MIN_CHARS && Array.from(u.text).length <= MAX_CHARS,
  );
  // The lead is the lead however long: the dateline sentence says who, when and what.
  const lead = options.lead ?? units.find((u) => Array.from(u.text).length >= MIN_CHARS);
  if (!lead) return [];
  const vectors = new Map(usable.map((u) => [u, bigrams(u.text)]));
  const centrality = new Map(
    usable.map((u) => [
      u,
      usable.reduce((sum, o) => sum + (o === u ? 0 : cosine(vectors.get(u)!, vectors.get(o)!)), 0) /
        Math.max(1, usable.length - 1),
    ]),
  );
  const chosen = [lead];
  const leadVector = vectors.get(lead) ?? bigrams(lead.text);
  while (chosen.length < 1 + (options.extra ?? 3)) {
    let best: SentenceUnit | null = null;
    let bestScore = -Infinity;
    for (const u of usable) {
      if (chosen.includes(u)) continue;
      const redundancy = Math.max(
        ...chosen.map((c) => cosine(vectors.get(u)!, c === lead ? leadVector : vectors.get(c)!)),
      );
      const score = centrality.get(u)! - REDUNDANCY * redundancy;
      if (score > bestScore) [best, bestScore] = [u, score];
    }
    if (best === null) break;
    chosen.push(best);
  }
  return chosen.sort(readingOrder);
}

export function readingOrder(a: SentenceUnit, b: SentenceUnit): number {
  return (
    a.article.source.localeCompare(b.article.source) ||
    a.article.index - b.article.index ||
    a.start - b.start
  );
}

export function unitCitations(units: readonly SentenceUnit[]): Citation[] {
  return units.map((u, i) => ({
    n: i + 1,
    source: u.article.source,
    title: u.article.title,
    quote: u.text,
    score: 1,
    articleId: u.article.id,
    date: u.article.date,
  }));
}
