/**
 * Benchmark of the English translator's lifecycle on a cold cache (a fresh temp cache folder, so
 * the reverse index is built from CC-CEDICT) and on a warm one: load time, CPU, and the longest the
 * event loop was held up (`perf_hooks.monitorEventLoopDelay`) while the translator loaded and the
 * first English question, asked the moment the engine was up, waited for it and was answered; and,
 * on another cold cache with the engine wired as at start, how long the first Chinese question
 * (which waits only for the pinyin readings, for its typo check) and the first English question
 * wait.
 *
 *   npx tsx bench/english.ts
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createQaEngine } from "../src/answer/qa-engine.js";
import { loadQuestionUnderstanding } from "../src/answer/question-understanding.js";
import {
  loadEnglishTranslator,
  type EnglishTranslator,
} from "../src/english/english-translator.js";
import { buildIndex } from "../src/index/build-index.js";
import { loadIndex } from "../src/index/load-index.js";
import { HybridRetriever } from "../src/retrieve/hybrid-retriever.js";

const QUESTION = "How much polysilicon did the Xining development zone export?";
const CHINESE_QUESTION = "西宁开发区多晶硅出口额是多少？";
const round = (x: number) => Math.round(x * 10) / 10;

const indexDir = await mkdtemp(join(tmpdir(), "bench-english-index-"));
const cacheDir = await mkdtemp(join(tmpdir(), "bench-english-cache-"));
try {
  await buildIndex({ seedsDir: "seeds", indexDir, embeddings: null });
  const index = (await loadIndex(indexDir, null))!;

  /**
   * Starts the translator's load with the engine already up, asks one English question at once, and
   * watches the event loop throughout.
   */
  const run = async () => {
    let release: (translator: EnglishTranslator) => void = () => {};
    const gate = new Promise<EnglishTranslator>((resolve) => (release = resolve));
    const understanding = await loadQuestionUnderstanding(index, { english: gate });
    const engine = createQaEngine({
      index,
      retriever: new HybridRetriever({ index, embeddings: null }),
      understanding,
    });

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    // Let the histogram take its first samples: a stall before its first tick would go unseen.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = performance.now();
    const load = loadEnglishTranslator({ cacheDir }).then((translator) => {
      release(translator);
      return translator;
    });
    const asked = engine.ask(QUESTION);
    const { stats } = await load;
    const loadDelayMax = delay.max;
    const answer = await asked;
    const firstEnglishAnswerMs = performance.now() - started;
    delay.disable();
    return {
      source: stats.source,
      loadMs: stats.loadMs,
      cpuMs: stats.cpuMs,
      heapDeltaMB: round(stats.heapDeltaBytes / 2 ** 20),
      firstEnglishAnswerMs: round(firstEnglishAnswerMs),
      firstEnglishAnswerGrounded: answer.grounded,
      // The histogram's resolution adds up to 5 ms to every sample; the max is what a chat waiting
      // on another would feel.
      eventLoopDelayMaxMs: round(delay.max / 1e6),
      eventLoopDelayMaxWhileLoadingMs: round(loadDelayMax / 1e6),
      eventLoopDelayP99Ms: round(delay.percentile(99) / 1e6),
    };
  };

  /**
   * The same histogram over an idle second and a half: on a shared machine the process is not
   * always scheduled, and a stall seen while idle is not the load's doing.
   */
  const idleBaseline = async () => {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    delay.disable();
    return round(delay.max / 1e6);
  };

  const idleBaselineMaxMs = await idleBaseline();
  const cold = await run();
  const warm = await run();

  /**
   * On another cold cache, with the engine wired as at start: how long the first Chinese and
   * English questions wait.
   */
  const firstAnswers = async () => {
    const freshCache = await mkdtemp(join(tmpdir(), "bench-english-cache-"));
    const started = performance.now();
    const understanding = await loadQuestionUnderstanding(index, {
      englishOptions: { cacheDir: freshCache },
    });
    const engine = createQaEngine({
      index,
      retriever: new HybridRetriever({ index, embeddings: null }),
      understanding,
    });
    const since = (t: number) => round(performance.now() - t);
    const engineUpMs = since(started);
    const asked = performance.now();
    const [chinese, english] = await Promise.all([
      engine.ask(CHINESE_QUESTION).then(() => since(asked)),
      engine.ask(QUESTION).then(() => since(asked)),
    ]);
    const translator = await understanding.english;
    await rm(freshCache, { recursive: true, force: true });
    return {
      engineUpMs,
      firstChineseAnswerMs: chinese,
      firstEnglishAnswerMs: english,
      translatorSource: translator.stats.source,
    };
  };
  const duringColdLoad = await firstAnswers();
  console.log(
    JSON.stringify(
      {
        question: QUESTION,
        loadAverage: loadavg().map(round),
        idleBaselineMaxMs,
        cold,
        warm,
        duringColdLoad,
      },
      null,
      2,
    ),
  );
} finally {
  await rm(indexDir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
}
