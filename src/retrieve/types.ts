import type { Article, Chunk } from "../ingest/types.js";

/** One passage the retriever found, with the article it belongs to and why it was found. */
export interface RetrievedPassage {
  chunk: Chunk;
  article: Article;
  /**
   * Reciprocal rank fusion of the two ranks, for information (citations' relative score); the
   * order of the passages is the keyword side's first, then the dense additions. Comparable within
   * one query only.
   */
  score: number;
  /** 1-based rank in the dense results, or null when the dense search did not return it. */
  denseRank: number | null;
  /** 1-based rank in the keyword results, or null. */
  keywordRank: number | null;
  /** The keyword (BM25) score, 0 when absent: the evidence strength used for abstaining. */
  keywordScore: number;
  /** The dense cosine similarity, null when absent. */
  denseScore: number | null;
  /**
   * Found by the dense search alone, after the keyword side's passages: it competes for the answer
   * on its sentences' lexical evidence only, without a retrieval-rank bonus.
   */
  addedByDense: boolean;
}
