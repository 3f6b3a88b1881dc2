import { inject } from "vitest";
import type { LlmAnswerer } from "../../src/answer/llm.js";
import type { QaEngine } from "../../src/answer/qa-engine.js";
import {
  loadQuestionUnderstanding,
  type QuestionUnderstanding,
} from "../../src/answer/question-understanding.js";
import { composeEngine } from "../../src/app/compose-engine.js";
import { loadIndex, type LoadedIndex } from "../../src/index/load-index.js";

// The composition root's own stages (src/app/), so the tests answer with the engine the commands
// build; split only so that one index serves engines with and without an LLM.

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
  return composeEngine({
    index: await keywordIndex(),
    embeddings: null,
    understanding: await keywordUnderstanding(),
    llm,
  });
}
