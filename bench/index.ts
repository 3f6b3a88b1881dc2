/**
 * `npm run bench [-- section…]`: runs the benchmarks and prints one JSON object with their figures.
 * Sections: hnsw, ingest-keyword, answer, conversation, bot, english, embedding-cost (only with
 * MODELS_DIR set: it times the model named by EMBEDDING_MODEL in that folder — for the real
 * cost, the shape-only copy in ../shared/models-shape), faults (issue 11's fault scenarios
 * replayed: questions and files lost, must be 0; about a minute), dense-modes (issue 15: every
 * question set keyword-only, with the tiny noise and lexical models, and with MODELS_DIR's model
 * when set — minutes with ../shared/models-shape), reload (issue 13: a page added while 50 chats
 * ask), webhook (issue 13: two webhook processes sharing Redis behind a round-robin proxy, 500
 * updates from 100 chats), scale (issue 14: the keyword index at 1,000 and 10,000 synthetic pages
 * beside FlexSearch and MiniSearch; ~15 minutes), start (issue 14: cold `ask` against `node -e 0`,
 * the REPL's first answer, the idle bot's RSS), pgvector (issue 13: vectors in hnswlib and in PGlite +
 * pgvector side by side; 20k by default, minutes). Timings are noisy on a shared
 * 2-core machine: compare within one run.
 */
import { spawnSync } from "node:child_process";

const SECTIONS: Record<string, { script: string; needs?: string }> = {
  "ingest-keyword": { script: "bench/ingest-keyword.ts" },
  hnsw: { script: "bench/hnsw.ts" },
  answer: { script: "bench/answer.ts" },
  conversation: { script: "bench/conversation.ts" },
  bot: { script: "bench/bot.ts" },
  english: { script: "bench/english.ts" },
  "embedding-cost": { script: "bench/embedding-cost.ts", needs: "MODELS_DIR" },
  faults: { script: "bench/faults.ts" },
  "dense-modes": { script: "bench/dense-modes.ts" },
  reload: { script: "bench/reload.ts" },
  webhook: { script: "bench/webhook.ts" },
  scale: { script: "bench/scale.ts" },
  start: { script: "bench/start.ts" },
  pgvector: { script: "bench/pgvector.ts" },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = wanted.filter((w) => !(w in SECTIONS));
if (unknown.length > 0) {
  console.error(
    `unknown section ${unknown.join(", ")}; sections: ${Object.keys(SECTIONS).join(", ")}`,
  );
  process.exit(2);
}
const results: Record<string, unknown> = {
  machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
};
for (const [name, { script, needs }] of Object.entries(SECTIONS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  if (needs !== undefined && !process.env[needs]) {
    results[name] = { skipped: `set ${needs} to run it` };
    continue;
  }
  console.error(`bench: ${name}…`);
  const run = spawnSync(process.execPath, ["--import", "tsx", script], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 << 20,
  });
  try {
    results[name] = JSON.parse(run.stdout);
  } catch {
    results[name] = { failed: `exit ${run.status}`, output: run.stdout.slice(-2000) };
  }
}
console.log(JSON.stringify(results, null, 2));
