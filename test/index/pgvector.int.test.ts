import { appendFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { embedCommand } from "../../src/cli/commands/embed.js";
import { loadConfig, type VectorStoreSetting } from "../../src/config.js";
import { buildIndex, embeddingText } from "../../src/index/build-index.js";
import { INDEX_FILES } from "../../src/index/index-files.js";
import { indexStatus } from "../../src/index/index-status.js";
import { loadIndex } from "../../src/index/load-index.js";
import { closeVectorDatabases, pgTableName } from "../../src/index/pg-vectors.js";
import { HybridRetriever } from "../../src/retrieve/hybrid-retriever.js";
import {
  capturingLogger,
  CountingEmbeddings,
  makeWorkspace,
  removeWorkspaces,
} from "../helpers/index-fixture.js";
import {
  deadDatabaseUrl,
  startCuttableProxy,
  startPgliteServer,
  type PgServer,
} from "../helpers/pglite-server.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { TINY_LEXICAL_MODEL, writeTinyModel } from "../helpers/tiny-model.js";

// The lexical tiny model: no query instruction, so a passage's own text as the question lands on
// its own vector, and nearest neighbours carry meaning a test can check.
const MODEL = TINY_LEXICAL_MODEL;
let server: PgServer;
let db: pg.Pool;
let ws: Awaited<ReturnType<typeof makeWorkspace>>;
let embedder: CountingEmbeddings;
const { logs, log } = capturingLogger();
const pgvector = () => ({ kind: "pgvector" as const, databaseUrl: server.url });
const build = (vectorStore: VectorStoreSetting = pgvector()) =>
  buildIndex({
    seedsDir: ws.seedsDir,
    indexDir: ws.indexDir,
    embeddings: embedder,
    log,
    vectorStore,
  });
const table = () => pgTableName(embedder.dimension!);
/** Every row of the table: its chunk, page and the transaction that wrote it. */
const rows = async () =>
  (
    await db.query<{ chunk: string; source: string; xmin: string }>(
      `SELECT metadata->>'chunkId' AS chunk, metadata->>'source' AS source, xmin::text AS xmin FROM ${table()}`,
    )
  ).rows;

beforeAll(async () => {
  server = await startPgliteServer();
  db = new pg.Pool({ connectionString: server.url, max: 1 });
});
afterAll(async () => {
  await closeVectorDatabases();
  await db.end();
  await server.stop();
});
beforeEach(async () => {
  ws = await makeWorkspace();
  await writeTinyModel(ws.modelsDir, MODEL, { kind: "lexical" });
  embedder = new CountingEmbeddings({ modelId: MODEL, modelsDir: ws.modelsDir });
  await embedder.load();
  logs.length = 0;
  await db.query(`DROP TABLE IF EXISTS ${pgTableName(embedder.dimension!)}`);
});
afterEach(removeWorkspaces);

describe("VECTOR_STORE=pgvector", () => {
  it("writes every chunk's vector to Postgres under an HNSW index, and finds the same neighbours as hnswlib", async () => {
    const summary = await build();
    expect(summary).toMatchObject({ dense: true, databaseRows: { deleted: 0 } });
    expect(summary.databaseRows!.written).toBe(summary.chunks);
    const stored = await rows();
    expect(stored).toHaveLength(summary.chunks);
    const indexes = await db.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE tablename = $1",
      [table()],
    );
    expect(indexes.rows.map((r) => r.indexdef).join("\n")).toMatch(
      /USING hnsw .*vector_cosine_ops/,
    );
    // No hnswlib files in the build: the vectors are in the database (the cache stays for rebuilds).
    const files = await readdir(summary.buildDir);
    expect(files).not.toContain(INDEX_FILES.dense);
    expect(files).toContain(INDEX_FILES.vectors);

    const index = (await loadIndex(ws.indexDir, embedder, { vectorStore: pgvector() }))!;
    expect(index.manifest.dense?.store).toBe("pgvector");
    expect(index.dense?.kind).toBe("pgvector");
    expect(index.dense?.count).toBe(summary.chunks);
    const chunk = index.chunks.find((c) => c.text.includes("多晶硅出口8.5亿元"))!;
    const query = await embedder.embedQuery(embeddingText(chunk));
    const fromPg = await index.dense!.similaritySearchVectorWithScore(query, 10);
    expect(fromPg[0]![0].metadata.chunkId).toBe(chunk.id);
    expect(fromPg[0]![1]).toBeCloseTo(1, 4);

    // The same pages and model in hnswlib: the same ten neighbours, the same similarities.
    const hnswDir = join(ws.root, "hnsw-index");
    await buildIndex({ seedsDir: ws.seedsDir, indexDir: hnswDir, embeddings: embedder });
    const hnsw = (await loadIndex(hnswDir, embedder))!;
    expect(hnsw.dense?.kind).toBe("hnsw");
    const fromHnsw = await hnsw.dense!.similaritySearchVectorWithScore(query, 10);
    expect(fromPg.map(([d]) => d.metadata.chunkId)).toEqual(
      fromHnsw.map(([d]) => d.metadata.chunkId),
    );
    for (const [i, [, similarity]] of fromPg.entries())
      expect(similarity).toBeCloseTo(fromHnsw[i]![1], 4);

    // The retriever runs hybrid over it: dense ranks come from the database.
    const retriever = new HybridRetriever({ index, embeddings: embedder });
    expect(retriever.mode).toBe("hybrid");
    const passages = await retriever.retrieve("西宁开发区多晶硅出口");
    expect(passages.some((p) => p.denseRank !== null)).toBe(true);
  });

  it("rewrites only a changed page's rows and deletes a removed page's, embedding nothing else", async () => {
    const first = await build();
    const before = await rows();
    embedder.embeddedTexts = 0;
    const again = await build();
    expect(again).toMatchObject({ embedded: 0, databaseRows: { written: 0, deleted: 0 } });
    expect(await rows()).toEqual(before);

    const page003 = (await readdir(ws.seedsDir)).find((f) => f.startsWith("003"))!;
    await appendFile(
      join(ws.seedsDir, page003),
      "\n新增就业人员再创新高,西宁开发区表示将持续优化营商环境。(记者 樊娅楠)\n",
    );
    const afterEdit = await build();
    expect(afterEdit.embedded).toBeGreaterThan(0);
    expect(embedder.embeddedTexts).toBe(afterEdit.embedded);
    // Only page 003's rows changed; every other row is the very row written by the first build.
    const edited = await rows();
    const unchanged = (r: { source: string }) => !r.source.startsWith("003");
    expect(edited.filter(unchanged)).toEqual(before.filter(unchanged));
    const was = new Set(before.map((r) => `${r.chunk} ${r.xmin}`));
    const rewritten = edited.filter((r) => !was.has(`${r.chunk} ${r.xmin}`));
    expect(rewritten.length).toBe(afterEdit.databaseRows!.written);
    expect(rewritten.every((r) => r.source === page003)).toBe(true);
    expect(afterEdit.databaseRows!.written).toBeGreaterThanOrEqual(afterEdit.embedded);
    expect(edited).toHaveLength(afterEdit.chunks);

    embedder.embeddedTexts = 0;
    const page000 = (await readdir(ws.seedsDir)).find((f) => f.startsWith("000"))!;
    const page000Rows = edited.filter((r) => r.source === page000).length;
    expect(page000Rows).toBeGreaterThan(0);
    await rm(join(ws.seedsDir, page000));
    const afterRemoval = await build();
    expect(afterRemoval).toMatchObject({
      embedded: 0,
      databaseRows: { written: 0, deleted: page000Rows },
    });
    const remaining = await rows();
    expect(remaining.some((r) => r.source === page000)).toBe(false);
    expect(remaining).toHaveLength(afterRemoval.chunks);
    expect(remaining.length).toBeLessThan(first.chunks);
  });

  it("calls an index whose vectors are elsewhere stale, and moves them without re-embedding", async () => {
    await build({ kind: "hnsw" });
    expect((await indexStatus(ws.seedsDir, ws.indexDir, MODEL, "pgvector")).reasons).toEqual([
      "vector store changed (hnsw → pgvector)",
    ]);
    embedder.embeddedTexts = 0;
    const moved = await build();
    expect(moved.embedded).toBe(0);
    expect(moved.databaseRows!.written).toBe(moved.chunks);
    expect((await indexStatus(ws.seedsDir, ws.indexDir, MODEL, "pgvector")).state).toBe("fresh");
  });

  it("builds the keyword index alone when the database is down, keeping the vectors for next time", async () => {
    const dead = await deadDatabaseUrl();
    const summary = await build({ kind: "pgvector", databaseUrl: dead });
    expect(summary.dense).toBe(false);
    expect(summary.embedded).toBe(summary.chunks);
    const warning = logs.find((l) => l.includes("cannot be used"))!;
    expect(warning).toContain(
      `The vector database ${dead.replace("news:secret@", "")} cannot be used`,
    );
    expect(warning).toContain("ECONNREFUSED");
    expect(warning).toContain("Building the keyword index only; answers will use keyword search.");
    expect(warning).not.toContain("secret");

    // Back up: the next build writes the kept vectors to the database without embedding again.
    embedder.embeddedTexts = 0;
    const back = await build();
    expect(back).toMatchObject({ dense: true, embedded: 0 });
    expect(back.databaseRows!.written).toBe(back.chunks);
  });

  it("answers keyword-only, saying so once, while the database is away, and uses it again when it is back", async () => {
    const proxy = await startCuttableProxy(server.url);
    const through = { kind: "pgvector" as const, databaseUrl: proxy.url };
    await build(through);
    const index = (await loadIndex(ws.indexDir, embedder, { vectorStore: through, log }))!;
    const warnings: string[] = [];
    const infos: string[] = [];
    const retriever = new HybridRetriever({
      index,
      embeddings: embedder,
      log: { info: (l) => infos.push(l), warn: (l) => warnings.push(l) },
      denseRetryMs: 0,
    });
    const question = "西宁开发区多晶硅出口";
    const hybrid = await retriever.retrieve(question);
    expect(hybrid.some((p) => p.denseRank !== null)).toBe(true);
    const keywordOnly = hybrid.map((p) => p.chunk.id);
    proxy.cut();
    const whileDown = await retriever.retrieve(question);
    expect(whileDown.length).toBeGreaterThan(0);
    expect(whileDown.every((p) => p.denseRank === null)).toBe(true);
    expect(whileDown.map((p) => p.chunk.id)).toEqual(
      keywordOnly.filter((id) => whileDown.some((p) => p.chunk.id === id)),
    );
    await retriever.retrieve(question);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^The vector database postgres:\/\/127\.0\.0\.1:\d+\/postgres cannot be used: .+\. Answering with keyword search only/,
    );
    // Opening the index while the database is away: keyword-only, said the product's way.
    logs.length = 0;
    const reopened = (await loadIndex(ws.indexDir, embedder, { vectorStore: through, log }))!;
    expect(reopened.dense).toBeNull();
    expect(logs.join("\n")).toMatch(/cannot be used: .+\. Answering with keyword search only\./);
    expect(new HybridRetriever({ index: reopened, embeddings: embedder }).mode).toBe("keyword");

    // Back: the next question's dense search goes through, and the log says so.
    proxy.restore();
    const again = await retriever.retrieve(question);
    expect(again.some((p) => p.denseRank !== null)).toBe(true);
    expect(infos).toContain("Dense search works again: answering with semantic + keyword search.");
    await proxy.stop();
  });
});

/** The environment of an app or `embed` that keeps its vectors in the database at `databaseUrl`. */
const pgEnv = (databaseUrl: string) => ({
  SEEDS_DIR: ws.seedsDir,
  INDEX_DIR: ws.indexDir,
  MODELS_DIR: ws.modelsDir,
  EMBEDDING_MODEL: MODEL,
  VECTOR_STORE: "pgvector",
  DATABASE_URL: databaseUrl,
});

describe("the app with VECTOR_STORE=pgvector", () => {
  const configWith = (databaseUrl: string) => loadConfig(pgEnv(databaseUrl));
  const QUESTION = "西宁开发区多晶硅出口额是多少？";

  it("builds its index into Postgres at start and answers with citations from it", async () => {
    const app = await createApp(configWith(server.url), { log, llm: false });
    expect(app.engine.retrievalMode).toBe("hybrid");
    expect((await rows()).length).toBeGreaterThan(0);
    const answer = await app.engine.ask(QUESTION);
    expect(answer.answer).toContain("8.5亿元");
    expect(answer.citations[0]?.source).toMatch(/^003_/);
  });

  it("answers keyword-only with a dead database, saying why, the way it does without the model", async () => {
    const dead = await deadDatabaseUrl();
    const app = await createApp(configWith(dead), { log, llm: false });
    expect(app.engine.retrievalMode).toBe("keyword");
    const said = logs.join("\n");
    expect(said).toMatch(
      /warning: The vector database postgres:\/\/127\.0\.0\.1:\d+\/news cannot be used: .*ECONNREFUSED.*\. Building the keyword index only; answers will use keyword search\./,
    );
    expect(said).toContain("Retrieval is keyword-only");
    expect(said).not.toContain("secret");
    const answer = await app.engine.ask(QUESTION);
    expect(answer.answer).toContain("8.5亿元");
    expect(answer.citations[0]?.source).toMatch(/^003_/);
  });
});

describe("npm run embed with VECTOR_STORE=pgvector", () => {
  it("says how many rows it wrote, and with --strict refuses a dead database, building nothing", async () => {
    const first = await runInProcess(embedCommand, [], pgEnv(server.url));
    expect(first.code).toBe(0);
    const [, chunks] = /(\d+) chunks/.exec(first.stdout)!;
    expect(first.stdout).toContain(
      `Dense vectors: ${MODEL}, in Postgres: ${chunks} rows written, 0 deleted, the others unchanged.`,
    );
    const dead = await deadDatabaseUrl();
    const strict = await runInProcess(embedCommand, ["--strict"], pgEnv(dead));
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(
      /--strict: nothing was built: The vector database postgres:\/\/127\.0\.0\.1:\d+\/news cannot be used: .*ECONNREFUSED/,
    );
    expect(strict.stderr).not.toContain("secret");
    // The previous index is the one still published, its vectors still in the database.
    expect((await indexStatus(ws.seedsDir, ws.indexDir, MODEL, "pgvector")).state).toBe("fresh");
    expect(await rows()).toHaveLength(Number(chunks));
  });
});
