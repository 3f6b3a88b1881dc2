import type { ExtractiveOptions } from "../answer/extractive.js";
import type { LlmAnswerer } from "../answer/llm.js";
import { createQaEngine, type QaEngine } from "../answer/qa-engine.js";
import type { QuestionUnderstanding } from "../answer/question-understanding.js";
import type { IdentifiedEmbeddings } from "../index/identified-embeddings.js";
import type { LoadedIndex } from "../index/load-index.js";
import { HybridRetriever } from "../retrieve/hybrid-retriever.js";
import type { Logger } from "../util/logger.js";

/** What an engine is made of, each part already loaded. */
export interface EngineParts {
  index: LoadedIndex;
  /** The dense embedder; used only when the index holds its vectors. */
  embeddings: IdentifiedEmbeddings | null;
  understanding: QuestionUnderstanding;
  /** Optional LLM mode. @default none: extractive answers */
  llm?: LlmAnswerer | null;
  extractive?: ExtractiveOptions;
  /** Told once when retrieval runs keyword-only. @default silent */
  log?: Logger;
}

/**
 * The retriever over the index, and the engine over the retriever: the last step of the
 * composition root ({@link createApp}), on its own for the test fixture, which builds one index and
 * engines over it with and without an LLM.
 */
export function composeEngine(parts: EngineParts): QaEngine {
  const { index, understanding } = parts;
  const retriever = new HybridRetriever({
    index,
    embeddings: index.dense ? parts.embeddings : null,
    ...(parts.log ? { log: parts.log } : {}),
  });
  return createQaEngine({
    index,
    retriever,
    understanding,
    llm: parts.llm ?? null,
    ...(parts.extractive ? { extractive: parts.extractive } : {}),
  });
}
