import { describe, expect, it } from "vitest";
import { createQaEngine } from "../../src/answer/qa-engine.js";
import { loadQuestionUnderstanding } from "../../src/answer/question-understanding.js";
import {
  loadEnglishTranslator,
  type EnglishTranslator,
} from "../../src/english/english-translator.js";
import { HybridRetriever } from "../../src/retrieve/hybrid-retriever.js";
import { keywordIndex } from "../helpers/qa-fixture.js";

/**
 * A promise and the function that settles it: the test decides when the translator "finishes
 * loading".
 */
function gate<T>() {
  let open: (value: T) => void = () => {};
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

/** Lets every callback that is already due run (I/O, timers at zero, resolved promises). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("an English question while the translator loads", () => {
  it("waits for the translator, then is answered from the pages", async () => {
    const index = await keywordIndex();
    const loading = gate<EnglishTranslator>();
    const understanding = await loadQuestionUnderstanding(index, { english: loading.promise });
    const engine = createQaEngine({
      index,
      retriever: new HybridRetriever({ index, embeddings: null }),
      understanding,
    });

    let settled = false;
    const asked = engine
      .ask("How much polysilicon did the Xining development zone export?")
      .finally(() => (settled = true));
    for (let i = 0; i < 5; i++) await turn();
    expect(settled).toBe(false);

    loading.open(await loadEnglishTranslator());
    const answer = await asked;
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toContain("8.5亿元");
  }, 120_000);
});
