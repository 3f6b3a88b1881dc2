/**
 * What the dense embedder costs on this machine: model load, query latency, passages per second one
 * at a time and in batches. Offline by design, it needs a local models folder:
 *
 *   MODELS_DIR=/work/shared/models-shape npx tsx bench/embedding-cost.ts
 *
 * The shape-only model there has bge-small-zh's exact size and random weights: its timings are the
 * real model's, its vectors mean nothing. Prints one JSON object on stdout.
 */
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { TransformersEmbeddings } from "../src/index/embeddings.js";

const QUERY_RUNS = 50;
const WARMUP_RUNS = 3;
const PASSAGE_CHARS = 250;
const PASSAGE_COUNT = 64; // two full batches of 32
// 24 characters, one token each: 26 tokens with [CLS]/[SEP] (bge's query instruction adds 19 more).
const QUESTION = "西宁开发区多晶硅出口额占全国同类产品比重是多少？";

const modelsDir = process.env["MODELS_DIR"];
if (modelsDir === undefined || modelsDir === "") {
  console.error(
    "MODELS_DIR is not set: this benchmark never downloads. " +
      "Try MODELS_DIR=/work/shared/models-shape npx tsx bench/embedding-cost.ts",
  );
  process.exit(1);
}
const modelId = process.env["EMBEDDING_MODEL"] || undefined;
const options = { modelsDir, ...(modelId === undefined ? {} : { modelId }) };

const loadAverageAtStart = os.loadavg()[0] ?? Number.NaN;
const passages = await seedPassages(path.resolve("seeds"));

const embedder = new TransformersEmbeddings({ ...options, batchSize: 1 });
const loadStart = performance.now();
await embedder.load();
const loadMs = performance.now() - loadStart;

const questionTokens = (await embedder.tokenize(QUESTION)).length;
const queryTokens = (await embedder.tokenize(embedder.settings.queryPrefix + QUESTION)).length;
const passageTokens = await Promise.all(
  passages.map(async (p) => (await embedder.tokenize(embedder.settings.passagePrefix + p)).length),
);

const queryP50Ms = await medianMs(() => embedder.embedQuery(QUESTION));
// The bare question (no instruction), for comparison with figures quoted per token count.
const bareQuestionP50Ms = await medianMs(() => embedder.embedDocuments([QUESTION]));

const passagesPerSecond: Record<string, number> = {};
for (const batchSize of [1, 8, 32]) {
  const batched = new TransformersEmbeddings({ ...options, batchSize });
  await batched.embedDocuments(passages.slice(0, batchSize)); // warm-up at this batch shape
  const start = performance.now();
  await batched.embedDocuments(passages);
  passagesPerSecond[batchSize === 1 ? "oneAtATime" : `batchesOf${batchSize}`] = round(
    passages.length / ((performance.now() - start) / 1000),
  );
}

console.log(
  JSON.stringify(
    {
      modelId: embedder.modelId,
      modelsDir: path.resolve(modelsDir),
      dimension: embedder.dimension,
      pooling: embedder.settings.pooling,
      // Other processes skew every figure: compare runs only at a similar load average.
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        loadAverage1m: round(loadAverageAtStart),
      },
      loadMs: round(loadMs),
      query: { tokens: queryTokens, p50Ms: round(queryP50Ms), runs: QUERY_RUNS },
      bareQuestion: { tokens: questionTokens, p50Ms: round(bareQuestionP50Ms), runs: QUERY_RUNS },
      passages: {
        count: passages.length,
        chars: PASSAGE_CHARS,
        tokensMin: Math.min(...passageTokens),
        tokensMax: Math.max(...passageTokens),
        perSecond: passagesPerSecond,
      },
    },
    null,
    2,
  ),
);

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP_RUNS; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/**
 * Consecutive 250-character slices of the seed pages with all whitespace removed: real newspaper
 * Chinese (digits and Latin letters included), so the token count per passage is realistic. The
 * pages are read raw rather than through ingest so the figures do not move when ingest changes.
 */
async function seedPassages(seedsDir: string): Promise<string[]> {
  const files = (await readdir(seedsDir)).filter((f) => f.endsWith(".txt")).sort();
  const text = (await Promise.all(files.map((f) => readFile(path.join(seedsDir, f), "utf8"))))
    .join("")
    .replace(/\s+/gu, "");
  const slices: string[] = [];
  for (let start = 0; start + PASSAGE_CHARS <= text.length; start += PASSAGE_CHARS) {
    if (slices.length === PASSAGE_COUNT) break;
    slices.push(text.slice(start, start + PASSAGE_CHARS));
  }
  if (slices.length < PASSAGE_COUNT) {
    throw new Error(
      `${seedsDir} holds ${text.length} characters: fewer than ${PASSAGE_COUNT} passages of ${PASSAGE_CHARS}`,
    );
  }
  return slices;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
