/**
 * Benchmark of the dense store (`src/index/hnsw-store.ts`) on synthetic 512-d embeddings:
 * build time, query latency, recall@10 against exact search, size on disk and memory.
 *
 *   npx tsx bench/hnsw.ts [--sizes 10000,100000] [--m 16] [--ef-construction 200] [--ef 64]
 *
 * Prints one JSON object. Each size runs in its own child process so its memory figures are its
 * own; beside it, a second child computes the exact neighbours on the other core while the index
 * builds.
 */
import { fork } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Document } from "@langchain/core/documents";
import { HnswStore, type HnswStoreOptions } from "../src/index/hnsw-store.js";
import type { IdentifiedEmbeddings } from "../src/index/identified-embeddings.js";
import { mulberry32 } from "../test/helpers/mulberry32.js";
import { CENTRES, DIM, exactTopK, makeDataset, makeQueries } from "./synthetic-vectors.js";

const QUERIES = 1000;
const K = 10;
const EF_SWEEP = [16, 32, 48, 64, 96, 128];

const { values: flags } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    m: { type: "string" },
    "ef-construction": { type: "string" },
    ef: { type: "string" },
    child: { type: "string" }, // internal: run one size and send its result to the parent
    exact: { type: "string" }, // internal: exact neighbours of one size's queries, for recall
  },
});

const storeOptions: HnswStoreOptions = {
  ...(flags.m === undefined ? {} : { m: Number(flags.m) }),
  ...(flags["ef-construction"] === undefined
    ? {}
    : { efConstruction: Number(flags["ef-construction"]) }),
  ...(flags.ef === undefined ? {} : { efSearch: Number(flags.ef) }),
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const round = (x: number, digits = 3) => Number(x.toFixed(digits));
const rssMB = () => process.memoryUsage().rss / 2 ** 20;

/** The bench hands vectors in directly; the embedder only supplies the identity saved with them. */
const benchEmbeddings: IdentifiedEmbeddings = {
  modelId: "bench/synthetic-512",
  dimension: DIM,
  embedDocuments: () => Promise.reject(new Error("the benchmark adds vectors directly")),
  embedQuery: () => Promise.reject(new Error("the benchmark searches by vector")),
};

async function measure(store: HnswStore, queries: number[][], truth: number[][]) {
  for (const q of queries.slice(0, 50)) await store.similaritySearchVectorWithScore(q, K); // warm-up
  const times: number[] = [];
  let hits = 0;
  for (const [qi, q] of queries.entries()) {
    const start = performance.now();
    const results = await store.similaritySearchVectorWithScore(q, K);
    times.push(performance.now() - start);
    const expected = new Set(truth[qi]);
    hits += results.filter(([doc]) => expected.has(doc.metadata["i"] as number)).length;
  }
  times.sort((a, b) => a - b);
  return {
    recallAt10: round(hits / (queries.length * K), 4),
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
  };
}

type ExactResult = { exact: { id: number; score: number }[][]; ms: number };

function runExact(count: number): ExactResult {
  const data = makeDataset(count, 42);
  const queries = makeQueries(data, QUERIES, 7);
  const start = performance.now();
  const exact = queries.map((q) => exactTopK(data, q, K));
  return { exact, ms: performance.now() - start };
}

async function runOne(count: number) {
  // Same seeds, so the other process rebuilds the very same vectors and queries.
  const exactSearch = runChild(["--exact", String(count)]) as Promise<ExactResult>;
  const data = makeDataset(count, 42);
  const queryVectors = makeQueries(data, QUERIES, 7);
  const queries = queryVectors.map((q) => Array.from(q));
  const rssBefore = rssMB();

  const store = new HnswStore(benchEmbeddings, storeOptions);
  const buildStart = performance.now();
  for (let start = 0; start < count; start += 1000) {
    const end = Math.min(count, start + 1000);
    const vectors: number[][] = [];
    const documents: Document[] = [];
    for (let i = start; i < end; i++) {
      vectors.push(Array.from(data.subarray(i * DIM, (i + 1) * DIM)));
      documents.push(new Document({ pageContent: `chunk ${i}`, metadata: { i } }));
    }
    await store.addVectors(vectors, documents);
  }
  const buildSeconds = (performance.now() - buildStart) / 1000;
  const rssAfterBuild = rssMB();

  const { exact, ms } = await exactSearch;
  const exactMsPerQuery = ms / QUERIES;
  const truth = exact.map((top) => top.map((hit) => hit.id));
  const meanCos = (rank: number) =>
    round(exact.reduce((sum, top) => sum + (top[rank]?.score ?? 0), 0) / QUERIES);
  const pairs = mulberry32(3);
  let randomCos = 0;
  for (let p = 0; p < 10_000; p++) {
    const a = Math.floor(pairs() * count) * DIM;
    const b = Math.floor(pairs() * count) * DIM;
    for (let d = 0; d < DIM; d++) randomCos += (data[a + d] as number) * (data[b + d] as number);
  }

  const chosen = await measure(store, queries, truth);
  const efSweep = [];
  for (const ef of EF_SWEEP) {
    store.efSearch = ef;
    efSweep.push({ ef, ...(await measure(store, queries, truth)) });
  }
  store.efSearch = store.options.efSearch;

  const dir = await mkdtemp(join(tmpdir(), "hnsw-bench-"));
  try {
    await store.save(dir);
    const indexBytes = (await stat(join(dir, "hnswlib.index"))).size;
    const docstoreBytes = (await stat(join(dir, "docstore.json"))).size;
    return {
      count,
      buildSeconds: round(buildSeconds, 1),
      queryP50Ms: chosen.p50Ms,
      queryP99Ms: chosen.p99Ms,
      recallAt10: chosen.recallAt10,
      exactSearchMsPerQuery: round(exactMsPerQuery, 1),
      // How the data looks: a query's cosine to its 1st, 2nd and 10th exact neighbours, and of
      // random pairs.
      cosine: {
        first: meanCos(0),
        second: meanCos(1),
        tenth: meanCos(K - 1),
        randomPair: round(randomCos / 10_000),
      },
      bytesPerVector: Math.round((indexBytes + docstoreBytes) / count),
      indexBytesPerVector: Math.round(indexBytes / count),
      docstoreBytesPerVector: Math.round(docstoreBytes / count),
      rssBuildDeltaMB: Math.round(rssAfterBuild - rssBefore),
      rssPeakMB: Math.round(process.resourceUsage().maxRSS / 1024),
      efSweep,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs this script again with `args` added to the tuning flags; resolves to what it sends back. */
function runChild(args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const tuning = process.argv
      .slice(2)
      .filter(
        (arg, i, all) =>
          !/^--(sizes|child|exact)$/.test(arg) && !/^--(sizes|child|exact)$/.test(all[i - 1] ?? ""),
      );
    const child = fork(process.argv[1] as string, [...tuning, ...args], {
      execArgv: process.execArgv,
    });
    let result: unknown;
    child.on("message", (message) => (result = message));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 && result !== undefined
        ? resolve(result)
        : reject(new Error(`${args.join(" ")} exited with ${code}`)),
    );
  });
}

if (flags.exact !== undefined) {
  process.send?.(runExact(Number(flags.exact)));
} else if (flags.child !== undefined) {
  process.send?.(await runOne(Number(flags.child)));
} else {
  const sizes = flags.sizes.split(",").map(Number);
  const probe = new HnswStore(benchEmbeddings, storeOptions);
  const runs = [];
  for (const size of sizes) runs.push(await runChild(["--child", String(size)]));
  console.log(
    JSON.stringify(
      {
        data: `${DIM}-d unit vectors, ${CENTRES} anisotropic Gaussian blobs (seed 42); ${QUERIES} queries = perturbed dataset vectors; recall vs exact dot-product search`,
        params: {
          m: probe.options.m,
          efConstruction: probe.options.efConstruction,
          efSearch: probe.options.efSearch,
          k: K,
        },
        node: process.version,
        runs,
      },
      null,
      2,
    ),
  );
}
