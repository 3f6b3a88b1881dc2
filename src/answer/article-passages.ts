import type { LoadedIndex } from "../index/load-index.js";
import type { RetrievedPassage } from "../retrieve/types.js";

/**
 * Every chunk of the given articles as a passage, in their order and then in reading order: read
 * because of the article it belongs to (the report in focus, the one a reader wants more of), not
 * because a search found it — so it carries no search rank or score.
 */
export function articlePassages(
  index: Pick<LoadedIndex, "articles" | "chunks">,
  articleIds: readonly string[],
): RetrievedPassage[] {
  const articles = new Map(index.articles.map((a) => [a.id, a]));
  const order = (id: string) => articleIds.indexOf(id);
  return [...new Set(articleIds)]
    .flatMap((id) => (articles.has(id) ? index.chunks.ofArticle(id) : []))
    .sort((a, b) => order(a.articleId) - order(b.articleId) || a.ordinal - b.ordinal)
    .map((chunk) => ({
      chunk,
      article: articles.get(chunk.articleId)!,
      score: 0,
      denseRank: null,
      keywordRank: null,
      keywordScore: 0,
      denseScore: null,
      addedByDense: false,
    }));
}
