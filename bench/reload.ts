/**
 * Benchmark of live reload (issue 13): 50 chats keep asking while a page is dropped into SEEDS_DIR;
 * the rebuild runs in a child process. Reports every question answered (none failed), the p50/p99
 * latency before and during the rebuild, how long the event loop was held (monitorEventLoopDelay:
 * the longest stretch of the answering thread, the reload's own share included), and how long after
 * the file landed the new page answered.
 * Keyword-only (no model), extractive.
 *
 *   npx tsx bench/reload.ts
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { join } from "node:path";
import { createApp } from "../src/app/create-app.js";
import { seedsWith } from "../test/helpers/seeds.js";
import { loadConfig } from "../src/config.js";
import { loadGolden } from "../src/eval/golden.js";
import { createLogger, silentLogger } from "../src/util/logger.js";

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const round = (x: number) => Math.round(x * 100) / 100;

/** Mean pause between a chat's questions: 50 chats × 1 question/s by default. */
const THINK_MS = Number(process.env.THINK_MS ?? 1000);
const NEW_PAGE = "004_477e742880208b76.txt";
const root = await mkdtemp(join(tmpdir(), "bench-reload-"));
const seeds = await seedsWith(root, [
  "000_288891b281d8cdae.txt",
  "001_0c8ac66903479323.txt",
  "002_587bb7119f8aca81.txt",
  "003_bcfb9783f9e97214.txt",
]);
const config = loadConfig({
  SEEDS_DIR: seeds,
  INDEX_DIR: join(root, "embeddings"),
  MODELS_DIR: join(root, "no-models"),
});
let reloadedAt = 0;
let reloaded!: () => void;
const whenReloaded = new Promise<void>((resolve) => (reloaded = resolve));
const app = await createApp(config, {
  log: process.env.BENCH_LOG ? createLogger({ level: "debug" }) : silentLogger,
  llm: false,
  live: {
    onEvent: (event) => {
      if (event.kind !== "reloaded") return;
      reloadedAt = performance.now();
      reloaded();
    },
  },
});
const questions = (await loadGolden("test/eval/golden.jsonl"))
  .filter((q) => q.source !== NEW_PAGE)
  .map((q) => q.question);
for (const q of questions) await app.engine.ask(q); // warm-up

type Phase = "before" | "during" | "after";
let phase: Phase = "before";
const latencies: Record<Phase, number[]> = { before: [], during: [], after: [] };
let failed = 0;
let stop = false;
const chat = async (i: number) => {
  for (let n = i; !stop; n++) {
    const asked = phase;
    const t = performance.now();
    try {
      await app.engine.ask(questions[n % questions.length]!);
      latencies[asked].push(performance.now() - t);
    } catch {
      failed++;
    }
    // A reader reads the answer before asking again (THINK_MS=0: every chat asks flat out, the
    // CPU saturated). The turn of the event loop also stands for the network: without it the 50
    // chats would be one endless chain of microtasks, and no timer or file event would ever run.
    await new Promise((resolve) =>
      THINK_MS > 0 ? setTimeout(resolve, THINK_MS * (0.5 + Math.random())) : setImmediate(resolve),
    );
  }
};
const chats = Array.from({ length: 50 }, (_, i) => chat(i));
const until = (n: number) =>
  new Promise<void>((resolve) => {
    const tick = () => (latencies.before.length >= n ? resolve() : setImmediate(tick));
    tick();
  });
// The first round of 50 concurrent questions queues behind itself: not the steady state.
await until(100);
latencies.before.length = 0;
const delayBefore = monitorEventLoopDelay({ resolution: 5 });
delayBefore.enable();
await until(THINK_MS > 0 ? 250 : 500);
delayBefore.disable();
const delayDuring = monitorEventLoopDelay({ resolution: 5 });
delayDuring.enable();
phase = "during";
const landed = performance.now();
await copyFile(join("seeds", NEW_PAGE), join(seeds, NEW_PAGE));
await whenReloaded;
delayDuring.disable();
phase = "after";
const answer = await app.engine.ask("西宁实施了多少项盐湖领域科技项目？");
stop = true;
await Promise.all(chats);
await app.live?.close();
await rm(root, { recursive: true, force: true });
const stats = (xs: number[]) => ({
  questions: xs.length,
  p50Ms: round(percentile(xs, 0.5)),
  p99Ms: round(percentile(xs, 0.99)),
});
/** How late the event loop ran its timers: p99 and the longest, the main thread's longest hold. */
const delay = (h: IntervalHistogram) => ({
  p99: round(h.percentile(99) / 1e6),
  max: round(h.max / 1e6),
});
console.log(
  JSON.stringify({
    chats: 50,
    thinkMs: THINK_MS,
    failed,
    before: stats(latencies.before),
    duringRebuild: stats(latencies.during),
    eventLoopDelayMs: { before: delay(delayBefore), duringRebuild: delay(delayDuring) },
    newPageAnswerableAfterMs: Math.round(reloadedAt - landed),
    newPageAnswered: answer.answer.includes("40项"),
  }),
);
