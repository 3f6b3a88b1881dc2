/**
 * One start of the index, in a process of its own (bench/scale.ts runs it): `loadIndex` on a
 * published keyword-only build, then every question of `questionsFile` searched at once, before
 * the background decoding had a chance to run — what a bot that is asked the moment it starts
 * sees, on a cold JIT. jieba's dictionary is loaded first (its cost is start-up's, not the
 * index's; `npm run bench -- start` measures it).
 *
 *   node --import tsx bench/scale-start.ts <indexDir> <questions.json>
 *
 * Prints `{ loadMs, loadCpuMs, firstPassMs: [...] }` on stdout.
 */
import { readFileSync } from "node:fs";
import { tokenize } from "../src/index/chinese-tokenizer.js";
import { searchKeywordIndex } from "../src/index/keyword-index.js";
import { loadIndex } from "../src/index/load-index.js";

const [indexDir, questionsFile] = process.argv.slice(2);
if (indexDir === undefined || questionsFile === undefined) {
  console.error("usage: bench/scale-start.ts <indexDir> <questions.json>");
  process.exit(2);
}
const questions = JSON.parse(readFileSync(questionsFile, "utf8")) as string[];
tokenize("西宁开发区");
const started = performance.now();
const cpu = process.cpuUsage();
const index = await loadIndex(indexDir, null);
const used = process.cpuUsage(cpu);
const loadMs = performance.now() - started;
if (index === null) throw new Error(`no index in ${indexDir}`);
// Synchronously, one after the other: the background decoding's timers never get a turn.
const firstPassMs = questions.map((question) => {
  const t = performance.now();
  searchKeywordIndex(index.keyword, question, 30);
  return performance.now() - t;
});
console.log(JSON.stringify({ loadMs, loadCpuMs: (used.user + used.system) / 1000, firstPassMs }));
