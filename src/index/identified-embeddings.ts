import type { EmbeddingsInterface } from "@langchain/core/embeddings";

/**
 * An embedder that can say which model it is. A saved index is only meaningful to the model that
 * built it: vectors from two models (or two dimensions) are not comparable, and searching one with
 * the other returns confident nonsense. Stores record this identity when they save and refuse to
 * load under a different one.
 */
export interface IdentifiedEmbeddings extends EmbeddingsInterface {
  /** The model's id as the embedder loads it, e.g. `Xenova/bge-small-zh-v1.5`. */
  modelId: string;
  /** Length of the vectors it returns, when known before the first call (bge-small-zh: 512). */
  dimension?: number | undefined;
}
