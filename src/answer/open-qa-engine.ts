import type { Config } from "../config.js";
import { createEmbeddings } from "../index/create-embeddings.js";
import { ensureIndex } from "../index/ensure-index.js";
import { HybridRetriever } from "../retrieve/hybrid-retriever.js";
import { createQaEngine, type QaEngine } from "./qa-engine.js";
import { loadQuestionUnderstanding } from "./question-understanding.js";

export interface OpenQaEngineOptions {
  /** Where start-up notes go (index built or updated, keyword-only mode): stderr for the CLIs. */
  log: (line: string) => void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Everything an interface needs, from the config: the index (built or refreshed first when missing
 * or stale, saying so), the embedder when its model can be loaded, the retriever and the optional
 * LLM. Models and indexes are loaded once here, then every question reuses them.
 */
export async function openQaEngine(config: Config, options: OpenQaEngineOptions): Promise<QaEngine> {
  const embeddings = createEmbeddings(config);
  const { index } = await ensureIndex({
    seedsDir: config.seedsDir,
    indexDir: config.indexDir,
    embeddings,
    log: options.log,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const retriever = new HybridRetriever({ index, embeddings: index.dense ? embeddings : null, log: options.log });
  // Loaded only when configured: the OpenAI client adds about half a second to every start.
  const llm = config.llm ? (await import("./llm.js")).createLlmAnswerer(config.llm) : null;
  const understanding = await loadQuestionUnderstanding(index);
  return createQaEngine({ index, retriever, llm, understanding });
}
