import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LlmAnswerer } from "../../src/answer/llm.js";
import type { QaEngine } from "../../src/answer/qa-engine.js";
import { loadQuestionUnderstanding, type QuestionUnderstanding } from "../../src/answer/question-understanding.js";
import { composeEngine } from "../../src/app/compose-engine.js";
import { freshIndex } from "../../src/app/create-app.js";
import type { LoadedIndex } from "../../src/index/load-index.js";
import { silentLogger } from "../../src/util/logger.js";
import { SEEDS_DIR } from "./seeds.js";

// The composition root's own stages (src/app/), so the tests answer with the engine the commands
// build; split only so that one index serves engines with and without an LLM.

let shared: Promise<LoadedIndex> | undefined;

/** A keyword-only index of the five real pages (what runs without the model), built once per test file. */
export function keywordIndex(): Promise<LoadedIndex> {
  shared ??= mkdtemp(join(tmpdir(), "qa-keyword-")).then((dir) => freshIndex(SEEDS_DIR, dir, null, silentLogger));
  return shared;
}

let understanding: Promise<QuestionUnderstanding> | undefined;

/** The question understanding of the five pages' index, loaded once per test file. */
export function keywordUnderstanding(): Promise<QuestionUnderstanding> {
  understanding ??= keywordIndex().then((index) => loadQuestionUnderstanding(index));
  return understanding;
}

export async function keywordEngine(llm: LlmAnswerer | null = null): Promise<QaEngine> {
  return composeEngine({ index: await keywordIndex(), embeddings: null, understanding: await keywordUnderstanding(), llm });
}
