import type { Article, Chunk } from "../ingest/types.js";

/** One passage the retriever found, with the article it belongs to and why it was found. */
export interface RetrievedPassage {
  chunk: Chunk;
  article: Article;
  /** Fused score (reciprocal rank fusion); higher is better, comparable within one query only. */
  score: number;
  /** 1-based rank in the dense results, or null when the dense search did not return it. */
  denseRank: number | null;
  /** 1-based rank in the keyword results, or null. */
  keywordRank: number | null;
  /** The keyword (BM25) score, 0 when absent: the evidence strength used for abstaining. */
  keywordScore: number;
  /** The dense cosine similarity, null when absent. */
  denseScore: number | null;
}
