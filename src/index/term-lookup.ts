/**
 * "Do the pages print this text?" — asked dozens of times per English question, of every spelling a
 * translation might take (`罗东川`, `罗东`, `东川`, single characters). A substring test over all the
 * articles' text answered it at five pages but costs ~5 ms per term at 10,000 (issue 14). Here the
 * keyword index narrows the search first: an article can hold the term only if it holds each of the
 * term's Han characters, and the index knows which passages hold a character (`c:` terms). Only the
 * articles holding all of them are searched, so a term the pages lack is usually refused without
 * reading any text. The answer is exactly the substring test's.
 */
import type { Article } from "../ingest/types.js";
import type { ChunkList } from "./chunk-store.js";
import { findTerm, loadTerm } from "./bm25.js";
import { characterTerm } from "./chinese-tokenizer.js";
import type { KeywordIndexData } from "./keyword-index.js";

/** What a term can be for the index to narrow the search: letters and digits, no punctuation. */
const PLAIN = /^[\p{L}\p{N}]+$/u;
/** Results kept; a long-running bot sees an open-ended stream of spellings. */
const MEMO_LIMIT = 20_000;

/**
 * `isKnown(term)`: true when some article's headline or text (`${title}\n${text}`, the articles
 * joined by `\n`) contains `term`.
 */
export function createTermLookup(source: {
  articles: readonly Article[];
  chunks: Pick<ChunkList, "articleIdOf">;
  keyword: KeywordIndexData;
}): (term: string) => boolean {
  const texts = source.articles.map((a) => `${a.title}\n${a.text}`);
  const { bm25 } = source.keyword;
  const articleOrdinal = new Map(source.articles.map((a, i) => [a.id, i]));
  // Indexed passage (ordinal) → its article; -1 for a passage of no known article. The index holds
  // the chunks in their order: each is found where expected, without making the chunk objects.
  const passageArticle = Int32Array.from(bm25.ids, (id, i) => {
    const article = source.chunks.articleIdOf(id, i);
    return article === undefined ? -1 : (articleOrdinal.get(article) ?? -1);
  });
  // Chunks cover every sentence of their article, headline included (embeddingText): an article
  // without chunks is the only one whose characters the index may not know.
  const covered = new Uint8Array(texts.length);
  for (const a of passageArticle) if (a >= 0) covered[a] = 1;
  const uncovered = texts.flatMap((_, i) => (covered[i] === 1 ? [] : [i]));
  let corpus: string | null = null;
  const memo = new Map<string, boolean>();

  /** The articles (ordinals, increasing) holding the character term `t`. */
  const articlesWith = (t: number): number[] => {
    const out: number[] = [];
    loadTerm(bm25, t);
    const end = bm25.postingStarts[t + 1] as number;
    for (let p = bm25.postingStarts[t] as number; p < end; p++) {
      const a = passageArticle[bm25.docs[p] as number] as number;
      if (a >= 0 && out.at(-1) !== a) out.push(a);
    }
    return out.sort((x, y) => x - y);
  };

  const lookUp = (term: string): boolean => {
    const characters = PLAIN.test(term)
      ? [...new Set(Array.from(term, characterTerm))].filter((t): t is string => t !== null)
      : [];
    if (characters.length === 0) {
      corpus ??= texts.join("\n");
      return corpus.includes(term);
    }
    const found = characters.map((t) => findTerm(bm25, t));
    const inArticles = (candidates: readonly number[]) =>
      candidates.some((a) => texts[a]?.includes(term) ?? false) ||
      uncovered.some((a) => texts[a]?.includes(term) ?? false);
    if (found.some((t) => t < 0)) return inArticles([]);
    // Rarest character first; each further one keeps the articles that also hold it.
    found.sort(
      (x, y) =>
        (bm25.postingStarts[x + 1] as number) -
        (bm25.postingStarts[x] as number) -
        ((bm25.postingStarts[y + 1] as number) - (bm25.postingStarts[y] as number)),
    );
    let candidates = articlesWith(found[0] as number);
    for (const t of found.slice(1)) {
      if (candidates.length <= 4) break;
      const holding = new Set(articlesWith(t));
      candidates = candidates.filter((a) => holding.has(a));
    }
    return inArticles(candidates);
  };

  return (term) => {
    let known = memo.get(term);
    if (known === undefined) {
      known = lookUp(term);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(term, known);
    }
    return known;
  };
}
