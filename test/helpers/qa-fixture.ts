import { inject } from "vitest";
import type { LlmAnswerer } from "../../src/answer/llm.js";
import { createQaEngine, type QaEngine } from "../../src/answer/qa-engine.js";
import { loadQuestionUnderstanding, type QuestionUnderstanding } from "../../src/answer/question-understanding.js";
import { loadIndex, type LoadedIndex } from "../../src/index/load-index.js";
import { HybridRetriever } from "../../src/retrieve/hybrid-retriever.js";

let shared: Promise<LoadedIndex> | undefined;

/**
 * A keyword-only index of the five real pages (what runs without the model), built once per run by
 * test/global-setup.ts and loaded once per test file.
 */
export function keywordIndex(): Promise<LoadedIndex> {
  shared ??= loadIndex(inject("keywordIndexDir"), null).then((index) => index!);
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
