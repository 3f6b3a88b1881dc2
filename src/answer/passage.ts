import type { LoadedIndex } from "../index/load-index.js";
import type { Article, Chunk } from "../ingest/types.js";
import type { Citation } from "./types.js";

export interface Passage {
  article: Article;
  /** The chunk holding the quoted sentence: the passage a reader opens to check it in context. */
  chunk: Chunk;
  /** Where the quote stands inside `chunk.text`, or -1 when it is not there verbatim. */
  quoteAt: number;
}

/** The passage a citation quotes from, or null when its article is not in the index. */
export function passageFor(index: Pick<LoadedIndex, "articles" | "chunks">, citation: Pick<Citation, "articleId" | "quote">): Passage | null {
  const article = index.articles.find((a) => a.id === citation.articleId);
  if (!article) return null;
  const chunks = index.chunks.filter((c) => c.articleId === article.id);
  const at = article.text.indexOf(citation.quote);
  const chunk = chunks.find((c) => at >= c.start && at + citation.quote.length <= c.end) ?? chunks.find((c) => at >= c.start && at < c.end) ?? chunks[0];
  if (!chunk) return null;
  return { article, chunk, quoteAt: chunk.text.indexOf(citation.quote) };
}

/** A chunk and its article by chunk id (a citation button keeps only that), or null when gone. */
export function passageByChunkId(index: Pick<LoadedIndex, "articles" | "chunks">, chunkId: string): { article: Article; chunk: Chunk } | null {
  const chunk = index.chunks.find((c) => c.id === chunkId);
  const article = chunk && index.articles.find((a) => a.id === chunk.articleId);
  return chunk && article ? { article, chunk } : null;
}
