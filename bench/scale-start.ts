/**
 * One start of the index, in a process of its own (bench/scale.ts runs it): `loadIndex` on a
 * published keyword-only build, then every question of `questionsFile` searched at once, before
 * the background decoding had a chance to run — what a bot that is asked the moment it starts
 * sees, on a cold JIT. jieba's dictionary is loaded first (its cost is start-up's, not the
 * index's; `npm run bench -- start` measures it).
 *
 *   node --import tsx bench/scale-start.ts <indexDir> <questions.json>
 *   node --import tsx bench/scale-start.ts --chunks <chunks.bin | chunks.json>
 *
 * Prints `{ loadMs, loadCpuMs, firstPassMs: [...] }` on stdout; with `--chunks`, `{ loadMs,
 * loadCpuMs }` of reading and checking that one file as a start reads it — chunks.bin by
 * `decodeChunkStore`, the chunks.json it replaced parsed and checked by its zod schema (kept
 * here as the reference).
 */
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import * as z from "zod";
import { tokenize } from "../src/index/chinese-tokenizer.js";
import { decodeChunkStore } from "../src/index/chunk-store.js";
import { searchKeywordIndex } from "../src/index/keyword-index.js";
import { loadIndex } from "../src/index/load-index.js";
import { articleSchema, chunkSchema } from "../src/ingest/types.js";

/**
 * chunks.json as loadIndex read it before chunks.bin (issue 14, part 1): parsed, then checked by
 * this schema — each chunk in a stored article and exactly its text at its offsets.
 */
const storedChunksJsonSchema = z
  .object({ articles: z.array(articleSchema), chunks: z.array(chunkSchema) })
  .superRefine(({ articles, chunks }, ctx) => {
    const texts = new Map(articles.map((a) => [a.id, a.text]));
    for (const [i, chunk] of chunks.entries()) {
      if (texts.get(chunk.articleId)?.slice(chunk.start, chunk.end) !== chunk.text) {
        ctx.addIssue({ code: "custom", path: ["chunks", i], message: "not its article's text" });
        return;
      }
    }
  });

if (process.argv[2] === "--chunks") {
  const file = process.argv[3] ?? "";
  const started = performance.now();
  const cpu = process.cpuUsage();
  const bytes = await readFile(file);
  const count = file.endsWith(".json")
    ? storedChunksJsonSchema.parse(JSON.parse(bytes.toString("utf8"))).chunks.length
    : decodeChunkStore(bytes).chunks.length;
  const used = process.cpuUsage(cpu);
  const loadMs = performance.now() - started;
  if (count === 0) throw new Error(`no chunks in ${file}`);
  console.log(JSON.stringify({ loadMs, loadCpuMs: (used.user + used.system) / 1000 }));
  process.exit(0);
}

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
