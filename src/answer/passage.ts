import type { LoadedIndex } from "../index/load-index.js";
import type { Article, Chunk } from "../ingest/types.js";
import type { Citation } from "./types.js";

export interface Passage {
  article: Article;
  /** The chunk holding the quoted sentence: the passage a reader opens to check it in context. */
  chunk: Chunk;
  /** Where the quote stands inside `chunk.text`, or -1 when it is not there whole. */
  quoteAt: number;
}

type PassageIndex = Pick<LoadedIndex, "articles" | "chunks">;

/**
 * The chunk of an article that holds `[start, end)` of its text: the one holding all of it, else
 * the one where it starts (a sentence may run past a chunk's end), else the article's first.
 */
function chunkAt(index: PassageIndex, articleId: string, start: number, end: number): Chunk | null {
  const chunks = index.chunks.ofArticle(articleId);
  return (
    chunks.find((c) => start >= c.start && end <= c.end) ??
    chunks.find((c) => start >= c.start && start < c.end) ??
    chunks[0] ??
    null
  );
}

/**
 * A citation as the engine hands it out: with the chunk that holds its quote and the quote's
 * offsets in the article text. The scorer's citations come with their offsets; a quote without
 * them (an LLM's, checked to be a substring of its article, or a suggestion's first sentence) is
 * located once, here, in its article. Unchanged when its article is not in the index.
 */
export function locateCitation(index: PassageIndex, citation: Citation): Citation {
  const article = index.articles.find((a) => a.id === citation.articleId);
  if (!article) return citation;
  const start = citation.start ?? article.text.indexOf(citation.quote);
  if (start < 0) return citation;
  const end = citation.end ?? start + citation.quote.length;
  const chunk = chunkAt(index, article.id, start, end);
  return chunk ? { ...citation, chunkId: chunk.id, start, end } : { ...citation, start, end };
}

/**
 * The passage a citation quotes from, or null when its article is not in the index. Uses the
 * citation's chunk id and offsets; a citation built outside the engine without them (a browse
 * list's lead, a summary sentence) is located first.
 */
export function passageFor(index: PassageIndex, citation: Citation): Passage | null {
  const located = citation.start === undefined ? locateCitation(index, citation) : citation;
  const article = index.articles.find((a) => a.id === located.articleId);
  if (!article) return null;
  const { start, end } = located;
  const byId = located.chunkId === undefined ? undefined : index.chunks.byId(located.chunkId);
  const chunk =
    byId ??
    (start === undefined
      ? index.chunks.ofArticle(article.id)[0]
      : chunkAt(index, article.id, start, end ?? start));
  if (!chunk) return null;
  const whole =
    start !== undefined && end !== undefined && start >= chunk.start && end <= chunk.end;
  return { article, chunk, quoteAt: whole ? start - chunk.start : -1 };
}

/** A chunk and its article by chunk id (a citation button keeps only that), or null when gone. */
export function passageByChunkId(
  index: PassageIndex,
  chunkId: string,
): { article: Article; chunk: Chunk } | null {
  const chunk = index.chunks.byId(chunkId);
  const article = chunk && index.articles.find((a) => a.id === chunk.articleId);
  return chunk && article ? { article, chunk } : null;
}
