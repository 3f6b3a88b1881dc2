import type { LoadedIndex } from "../index/load-index.js";
import type { Article } from "../ingest/types.js";
import { splitSentences } from "../util/sentences.js";
import type { RetrievedPassage } from "../retrieve/types.js";
import { articlePassages } from "./article-passages.js";
import { citationKey, parseCitationKey } from "./citation-key.js";
import { extractAnswer, sentenceCitations, type ScoredSentence } from "./extractive.js";
import type { QueryWord } from "./query-words.js";
import type { Citation } from "./types.js";

export interface MorePassagesInput {
  question: string;
  words: readonly QueryWord[];
  /** What the retriever found for the question. */
  passages: readonly RetrievedPassage[];
  index: Pick<LoadedIndex, "articles" | "chunks">;
  /** `citationKey`s of the sentences already shown. */
  exclude: readonly string[];
  /** Sentences returned at most. @default 3 */
  limit?: number;
}

// A sentence holding less of the question than this is not "more on it", just more text.
const MIN_COVERAGE = 0.2;
const MIN_COVERAGE_SHOWN_ARTICLE = 0.15;

/**
 * "更多 / more": the next passages for a question, never one already shown. The articles
 * already shown come first (a reader asking for more usually wants the rest of that report:
 * its other passages that mention the question, in reading order), then the other retrieved
 * passages by rank. Each passage contributes its best sentence not yet shown, chosen by the
 * same extractive scorer as answers.
 */
export function morePassages(input: MorePassagesInput): Citation[] {
  const { index, exclude } = input;
  const excluded = new Set(exclude);
  const shownArticles = [...new Set(exclude.map((k) => parseCitationKey(k).articleId))];
  const articles = new Map(index.articles.map((a) => [a.id, a]));

  // Every chunk of the articles shown: the sentences around the one shown are read next, whether
  // or not the question's words reached their chunk.
  const sameArticle = articlePassages(index, shownArticles);
  const seenChunks = new Set(sameArticle.map((p) => p.chunk.id));
  const candidates = [...sameArticle, ...input.passages.filter((p) => !seenChunks.has(p.chunk.id))];

  const limit = input.limit ?? 3;
  const chosen: ScoredSentence[] = [];
  const taken = new Set<string>();
  const take = (s: ScoredSentence) => {
    taken.add(citationKey(s.article.id, s.start));
    chosen.push(s);
  };
  // In the articles already shown the scorer would rank their lead first in every chunk (it was
  // usually the answer); there the sentences are ranked by the question's words they hold, and
  // a lower bar applies: the article is known to be about the question.
  // The sentences right around a shown one come first: what a reader asking for more of a report
  // reads next (`新材料产业…500亿元` after `新能源产业…1000亿元`).
  const around = neighbourBonus(articles, exclude);
  const inShown = sameArticle
    .flatMap((p) => chunkSentences(p, input.words))
    .map((s) => ({
      ...s,
      score: s.coverage + (around.get(citationKey(s.article.id, s.start)) ?? 0),
    }))
    .filter(
      (s) =>
        s.score >= MIN_COVERAGE_SHOWN_ARTICLE && !excluded.has(citationKey(s.article.id, s.start)),
    )
    .sort(
      (a, b) =>
        shownArticles.indexOf(a.article.id) - shownArticles.indexOf(b.article.id) ||
        b.score - a.score ||
        a.start - b.start,
    );
  for (const s of inShown) {
    if (chosen.length >= limit) break;
    if (!taken.has(citationKey(s.article.id, s.start))) take(s);
  }
  for (const passage of candidates.filter((p) => !seenChunks.has(p.chunk.id))) {
    if (chosen.length >= limit) break;
    const { sentences } = extractAnswer(input.question, input.words, [passage], {
      threshold: 0,
      maxSentences: 4,
    });
    const next = sentences.find((s) => {
      const key = citationKey(s.article.id, s.start);
      return !excluded.has(key) && !taken.has(key) && s.coverage >= MIN_COVERAGE;
    });
    if (next) take(next);
  }
  // Nothing else on the question: the reader still asked for more of the report in focus, so
  // it goes on where the last shown sentence of that article ends.
  if (chosen.length === 0 && shownArticles[0] !== undefined) {
    const article = articles.get(shownArticles[0]);
    const shownStarts = exclude
      .map(parseCitationKey)
      .filter((k) => k.articleId === shownArticles[0])
      .map((k) => k.offset);
    if (article) {
      const after = Math.max(...shownStarts);
      for (const span of splitSentences(article.text)) {
        if (span.start <= after || excluded.has(citationKey(article.id, span.start))) continue;
        if (chosen.length >= CONTINUE_READING) break;
        chosen.push({
          article,
          start: span.start,
          end: span.end,
          text: article.text.slice(span.start, span.end),
          coverage: 0,
          score: 0,
        });
      }
    }
  }
  return sentenceCitations(chosen);
}

const CONTINUE_READING = 2;

// The sentence after a shown one counts as much as a third of the question's words, the one
// before a fifth; each further sentence less.
const NEXT_BONUS = 0.35;
const PREVIOUS_BONUS = 0.2;
const NEIGHBOURS = 3;

/** `citationKey` → bonus, for the sentences within {@link NEIGHBOURS} of a shown one. */
function neighbourBonus(
  articles: ReadonlyMap<string, Article>,
  exclude: readonly string[],
): Map<string, number> {
  const bonus = new Map<string, number>();
  for (const key of exclude) {
    const { articleId, offset: start } = parseCitationKey(key);
    const article = articles.get(articleId);
    if (!article) continue;
    const spans = splitSentences(article.text);
    const at = spans.findIndex((s) => s.start === start);
    if (at < 0) continue;
    for (let d = 1; d <= NEIGHBOURS; d++) {
      for (const [j, weight] of [
        [at + d, NEXT_BONUS / d],
        [at - d, PREVIOUS_BONUS / d],
      ] as const) {
        const span = spans[j];
        if (!span) continue;
        const k = citationKey(article.id, span.start);
        bonus.set(k, Math.max(bonus.get(k) ?? 0, weight));
      }
    }
  }
  return bonus;
}

/**
 * 1 when the text holds the word; partial credit for the head of a longer Chinese word (`出口` of
 * `出口额`).
 */
function headMatch(word: string, text: string): number {
  if (text.includes(word)) return 1;
  const chars = Array.from(word);
  for (let n = chars.length - 1; n >= 2 && n * 2 >= chars.length; n--) {
    if (text.includes(chars.slice(0, n).join(""))) return 0.6 * (n / chars.length);
  }
  return 0;
}

/**
 * A chunk's sentences in reading order, each with the weighted share of the question's words it
 * holds (the scorer's coverage, without its lead and headline credit).
 */
function chunkSentences(passage: RetrievedPassage, words: readonly QueryWord[]): ScoredSentence[] {
  const { article, chunk } = passage;
  const total = words.reduce((sum, w) => sum + w.weight, 0);
  if (total === 0) return [];
  return splitSentences(article.text)
    .filter((span) => span.start >= chunk.start && span.end <= chunk.end)
    .map((span) => {
      const text = article.text.slice(span.start, span.end);
      const lower = text.toLowerCase();
      const found = words.reduce(
        (sum, w) => sum + w.weight * Math.max(0, ...w.alternatives.map((a) => headMatch(a, lower))),
        0,
      );
      return {
        article,
        start: span.start,
        end: span.end,
        text,
        coverage: found / total,
        score: found / total,
      };
    });
}
