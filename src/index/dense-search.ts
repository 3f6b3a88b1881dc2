import type { DocumentInterface } from "@langchain/core/documents";

/**
 * What retrieval needs of a vector store, whichever holds the vectors: hnswlib files in the build
 * folder ({@link HnswStore}) or a Postgres + pgvector table (`PgVectors`).
 */
export interface DenseSearch {
  /** "hnsw" or "pgvector": where the vectors are, for logs and status. */
  readonly kind: "hnsw" | "pgvector";
  /** Vectors in the store (for pgvector, when it was opened). */
  readonly count: number;
  /**
   * The `k` documents nearest to `query`, best first, each with its cosine SIMILARITY (1 − cosine
   * distance). Each document's `metadata.chunkId` names its chunk.
   */
  similaritySearchVectorWithScore(
    query: number[],
    k: number,
  ): Promise<[DocumentInterface, number][]>;
}
