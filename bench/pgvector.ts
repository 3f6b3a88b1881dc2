/**
 * `npm run bench -- pgvector` (issue 13): the two vector stores side by side on the same synthetic
 * 512-d vectors (bench/synthetic-vectors.ts: clustered, so recall means something) — hnswlib
 * in-process (`HnswStore`, the default) and Postgres + pgvector (`PgVectors`, what
 * `VECTOR_STORE=pgvector` uses: LangChain's PGVectorStore, HNSW index, cosine) on PGlite, the
 * WebAssembly Postgres, in a child process behind its socket server, reached with `pg` over
 * 127.0.0.1 as a real server would be. Build time, recall@10 against exact search, query p50/p99;
 * the queries of the two stores are interleaved, so machine noise falls on both.
 *
 *   npx tsx bench/pgvector.ts [--size 20000] [--queries 200]
 *
 * 20,000 by default: PGlite (WebAssembly, one backend) writes and indexes 80–150 vectors a second
 * here, so 100,000 takes over half an hour (`--size 100000`; its figures are in the README).
 */
import { fork } from "node:child_process";
import { parseArgs } from "node:util";
import { Document } from "@langchain/core/documents";
import { HnswStore } from "../src/index/hnsw-store.js";
import type { IdentifiedEmbeddings } from "../src/index/identified-embeddings.js";
import { closeVectorDatabases, PG_HNSW, PgVectors, pgTableName } from "../src/index/pg-vectors.js";
import { DIM, exactTopK, makeDataset, makeQueries } from "./synthetic-vectors.js";

const K = 10;
const { values: flags } = parseArgs({
  options: {
    size: { type: "string", default: "20000" },
    queries: { type: "string", default: "200" },
    server: { type: "boolean", default: false }, // internal: be the PGlite server
  },
});

async function run(count: number, queryCount: number) {
  const server = fork(process.argv[1] as string, ["--server"], { execArgv: process.execArgv });
  const url = await new Promise<string>((resolve, reject) => {
    server.once("message", (m: { url: string }) => resolve(m.url));
    server.once("exit", (code) => reject(new Error(`PGlite server exited (${code})`)));
  });
  const data = makeDataset(count, 42);
  const queries = makeQueries(data, queryCount, 7).map((q) => Array.from(q));
  const truth = queries.map((q) => exactTopK(data, Float32Array.from(q), K).map((h) => h.id));
  const vectors = Array.from({ length: count }, (_, i) =>
    Array.from(data.subarray(i * DIM, (i + 1) * DIM)),
  );
  const documents = vectors.map(
    (_, i) => new Document({ pageContent: `chunk ${i}`, metadata: { chunkId: `c${i}`, i } }),
  );

  // hnswlib, as the build makes it (product defaults), 1000 vectors at a time.
  let started = performance.now();
  const hnsw = new HnswStore(benchEmbeddings);
  for (let s = 0; s < count; s += 1000)
    await hnsw.addVectors(vectors.slice(s, s + 1000), documents.slice(s, s + 1000));
  const hnswBuild = (performance.now() - started) / 1000;

  // pgvector, as the build writes it: table and HNSW index first, then the rows (sync).
  started = performance.now();
  const pg = await PgVectors.open({
    databaseUrl: url,
    embeddings: benchEmbeddings,
    dimension: DIM,
    create: true,
  });
  const synced = await pg.sync(
    vectors.map((vector, i) => ({
      chunkId: `c${i}`,
      embeddingKey: `k${i}`,
      vector,
      document: documents[i]!,
    })),
    true,
  );
  const pgBuild = (performance.now() - started) / 1000;
  const stored = await pg.store.pool.query<{ bytes: string; index: string }>(
    "SELECT pg_total_relation_size($1) AS bytes, pg_indexes_size($1) AS index",
    [pgTableName(DIM)],
  );

  // PGlite is one backend: a SET here holds for every pooled connection.
  const setEf = (ef: number) => pg.store.pool.query(`SET hnsw.ef_search = ${ef}`);
  const settings: Array<{ ef: number }> = [{ ef: 40 }, { ef: 64 }, { ef: 100 }];
  const rows = [];
  for (const { ef } of settings) {
    hnsw.efSearch = ef;
    await setEf(ef);
    for (const q of queries.slice(0, 20)) {
      await hnsw.similaritySearchVectorWithScore(q, K);
      await pg.similaritySearchVectorWithScore(q, K);
    }
    // The plan LangChain's query gets: Postgres may cost a scan of every row below the graph.
    const plan = await pg.store.pool.query<{ "QUERY PLAN": string }>(
      `EXPLAIN SELECT *, embedding <=> $1 AS "_distance" FROM ${pgTableName(DIM)} ORDER BY "_distance" ASC LIMIT ${K}`,
      [`[${queries[0]!.join(",")}]`],
    );
    const scan = plan.rows.map((r) => r["QUERY PLAN"]).find((l) => /Scan/.test(l)) ?? "?";
    const times = { hnsw: [] as number[], pg: [] as number[] };
    const hits = { hnsw: 0, pg: 0 };
    for (const [qi, q] of queries.entries()) {
      const expected = new Set(truth[qi]);
      // Alternate who goes first, so neither always meets a warm cache or a busy core.
      const order = qi % 2 === 0 ? (["hnsw", "pg"] as const) : (["pg", "hnsw"] as const);
      for (const who of order) {
        const t = performance.now();
        const found =
          who === "hnsw"
            ? await hnsw.similaritySearchVectorWithScore(q, K)
            : await pg.similaritySearchVectorWithScore(q, K);
        times[who].push(performance.now() - t);
        hits[who] += found.filter(([d]) => expected.has(d.metadata.i as number)).length;
      }
    }
    for (const who of ["hnsw", "pg"] as const) {
      const sorted = times[who].sort((a, b) => a - b);
      rows.push({
        store: who === "hnsw" ? "hnswlib" : "pgvector (PGlite)",
        efSearch: ef,
        recallAt10: round(hits[who] / (queries.length * K), 4),
        p50Ms: round(percentile(sorted, 50)),
        p99Ms: round(percentile(sorted, 99)),
        ...(who === "pg"
          ? {
              plan: scan
                .trim()
                .replace(/^->\s+/, "")
                .replace(/\s+\(cost.*$/, ""),
            }
          : {}),
      });
    }
  }
  server.disconnect();
  return {
    data: `${count} ${DIM}-d unit vectors in 200 clustered blobs (bench/synthetic-vectors.ts, seed 42); ${queries.length} queries = perturbed dataset vectors; recall@${K} vs exact search`,
    build: {
      hnswlib: {
        seconds: round(hnswBuild, 1),
        m: hnsw.options.m,
        efConstruction: hnsw.options.efConstruction,
      },
      pgvector: {
        seconds: round(pgBuild, 1),
        m: PG_HNSW.m,
        efConstruction: PG_HNSW.efConstruction,
        rowsWritten: synced.written,
        tableMB: round(Number(stored.rows[0]?.bytes ?? 0) / 2 ** 20, 1),
        hnswIndexMB: round(Number(stored.rows[0]?.index ?? 0) / 2 ** 20, 1),
      },
      ratio: round(pgBuild / hnswBuild, 1),
    },
    queries: rows,
  };
}

/** The bench hands vectors in directly; the embedder only supplies the identity. */
const benchEmbeddings: IdentifiedEmbeddings = {
  modelId: "bench/synthetic-512",
  dimension: DIM,
  embedDocuments: () => Promise.reject(new Error("the benchmark adds vectors directly")),
  embedQuery: () => Promise.reject(new Error("the benchmark searches by vector")),
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function round(x: number, digits = 3): number {
  return Number(x.toFixed(digits));
}

if (flags.server) {
  // The database side, in its own process (its own core), as Postgres would be.
  const { startPgliteServer } = await import("../test/helpers/pglite-server.js");
  const server = await startPgliteServer();
  process.send?.({ url: server.url });
  process.on("disconnect", () => void server.stop().then(() => process.exit(0)));
} else {
  console.log(JSON.stringify(await run(Number(flags.size), Number(flags.queries)), null, 2));
  await closeVectorDatabases();
  process.exit(0);
}
