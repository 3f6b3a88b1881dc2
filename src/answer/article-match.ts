import type { Article } from "../ingest/types.js";
import type { RetrievedPassage } from "../retrieve/types.js";
import type { QueryWord } from "./query-words.js";

/** An article and the weighted share of the question's words it holds anywhere, 0..1. */
export interface ArticleMatch {
  article: Article;
  coverage: number;
}

/**
 * "Which report talks about X?" asks about a whole article, not a sentence: X's words may be
 * spread over it (`甘河园区` in one paragraph, `复合肥产能` in another), and no sentence need hold
 * them all. So the retrieved articles are scored by the share of X's words (by weight, synonyms at
 * their credit) that their headline and text hold; a name X requires rules an article out when it
 * is absent. Best first, ties in retrieval order.
 */
export function matchArticles(
  words: readonly QueryWord[],
  passages: readonly RetrievedPassage[],
): ArticleMatch[] {
  const total = words.reduce((sum, w) => sum + (w.borrowed || w.background ? 0 : w.weight), 0);
  if (total === 0) return [];
  const articles = [...new Map(passages.map((p) => [p.article.id, p.article])).values()];
  const matches: ArticleMatch[] = [];
  for (const article of articles) {
    const text = `${article.title}\n${article.subtitle ?? ""}\n${article.text}`.toLowerCase();
    if (
      words.some(
        (w) =>
          (w.required === "article" || w.place === true) &&
          !w.alternatives.some((a) => text.includes(a)),
      )
    )
      continue;
    let found = 0;
    for (const w of words) {
      const own = w.alternatives.some((a) => text.includes(a)) ? 1 : 0;
      const weaker = Math.max(0, ...w.weaker.map((s) => (text.includes(s.word) ? s.credit : 0)));
      found += w.weight * Math.max(own, weaker);
    }
    matches.push({ article, coverage: found / total });
  }
  return matches.sort((a, b) => b.coverage - a.coverage);
}
