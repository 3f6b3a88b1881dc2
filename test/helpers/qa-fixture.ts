import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LlmAnswerer } from "../../src/answer/llm.js";
import { createQaEngine, type QaEngine } from "../../src/answer/qa-engine.js";
import { loadQuestionUnderstanding, type QuestionUnderstanding } from "../../src/answer/question-understanding.js";
import { buildIndex } from "../../src/index/build-index.js";
import { loadIndex, type LoadedIndex } from "../../src/index/load-index.js";
import { HybridRetriever } from "../../src/retrieve/hybrid-retriever.js";
import { SEEDS_DIR } from "./seeds.js";

let shared: Promise<LoadedIndex> | undefined;

/** A keyword-only index of the five real pages (what runs without the model), built once per test file. */
export function keywordIndex(): Promise<LoadedIndex> {
  shared ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), "qa-keyword-"));
    await buildIndex({ seedsDir: SEEDS_DIR, indexDir: dir, embeddings: null });
    return (await loadIndex(dir, null))!;
  })();
  return shared;
}

let understanding: Promise<QuestionUnderstanding> | undefined;

/** The question understanding of the five pages' index, loaded once per test file. */
export function keywordUnderstanding(): Promise<QuestionUnderstanding> {
  understanding ??= keywordIndex().then((index) => loadQuestionUnderstanding(index));
  return understanding;
}

export async function keywordEngine(llm: LlmAnswerer | null = null): Promise<QaEngine> {
  const index = await keywordIndex();
  return createQaEngine({ index, retriever: new HybridRetriever({ index, embeddings: null }), llm, understanding: await keywordUnderstanding() });
}
