/**
 * The chunk vectors in Postgres + pgvector, through LangChain's `PGVectorStore` (`VECTOR_STORE=
 * pgvector`): one table that every machine of a newsroom shares, an HNSW index under cosine
 * distance. Loaded only in that mode (dynamic import): `pg` and LangChain's community package cost
 * start-up time that the hnswlib default does not need.
 */
import { createHash } from "node:crypto";
import type { DocumentInterface } from "@langchain/core/documents";
import { PGVectorStore } from "@langchain/community/vectorstores/pgvector";
import pg from "pg";
import { withoutCredentials } from "../config.js";
import type { DenseSearch } from "./dense-search.js";
import { VectorDatabaseUnavailableError } from "./errors/vector-database-unavailable-error.js";
import type { IdentifiedEmbeddings } from "./identified-embeddings.js";

/**
 * The graph's parameters. M as hnswlib's (hnsw-store.ts); ef_construction at pgvector's own
 * default, 64 (hnswlib builds with 200): an index built inside the database costs more per
 * insertion, and `npm run bench -- pgvector` measures the recall it gives. The search breadth is
 * the server's `hnsw.ef_search` (default 40), above the retriever's 30 candidates (pgvector
 * returns at most ef_search rows); a DBA raises it for the database, not this program per
 * connection (a startup option a pooler like pgbouncer would refuse).
 */
export const PG_HNSW = { m: 16, efConstruction: 64 } as const;

/** One table per vector length: a pgvector column and its HNSW index hold one dimension. */
export function pgTableName(dimension: number): string {
  return `xining_news_chunks_${dimension}d`;
}

/** A row's key: the chunk id (a hash of page and text) as the uuid PGVectorStore's id column is. */
export function pgRowId(chunkId: string): string {
  const h = createHash("sha256").update(chunkId).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** One chunk as the build hands it over: its vector, the key of the text it was made from. */
export interface PgChunk {
  chunkId: string;
  /** embeddingKey(embeddingText(chunk)): a row whose key differs holds an outdated vector. */
  embeddingKey: string;
  vector: number[];
  document: DocumentInterface;
}

/** Rows written and deleted by {@link PgVectors.sync}. */
export interface PgSyncSummary {
  written: number;
  deleted: number;
}

// One pool per database for the whole process: live reload opens the index again and again.
const pools = new Map<string, pg.Pool>();

function poolFor(databaseUrl: string): pg.Pool {
  let pool = pools.get(databaseUrl);
  if (pool === undefined) {
    pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 4,
      // A firewalled host must not hold a question (or the start) for the OS's two minutes.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 10_000,
      // `ask` and `embed` exit when done without closing the pool.
      allowExitOnIdle: true,
    });
    // An idle connection dropped by the server: the next query reconnects or reports it.
    pool.on("error", () => undefined);
    pools.set(databaseUrl, pool);
  }
  return pool;
}

/** Closes every database pool this process opened (tests, and a clean exit). */
export async function closeVectorDatabases(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end().catch(() => undefined)));
}

/** pg's errors, readable: Node's AggregateError for localhost (::1 and 127.0.0.1) has no message. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0)
    return [...new Set(error.errors.map((e) => reasonOf(e)))].join("; ");
  const e = error as { message?: string; code?: string } | null;
  return e?.message || e?.code || String(error);
}

export class PgVectors implements DenseSearch {
  readonly kind = "pgvector";
  #count: number;

  private constructor(
    readonly store: PGVectorStore,
    readonly table: string,
    readonly database: string,
    count: number,
    readonly dimension: number,
  ) {
    this.#count = count;
  }

  get count(): number {
    return this.#count;
  }

  /**
   * Connects to the database and opens the table of `dimension`-long vectors; `create` (the build)
   * makes the extension, the table and its HNSW index when missing.
   * @throws {VectorDatabaseUnavailableError} unreachable, refused, no pgvector, no table (query side).
   */
  static async open(options: {
    databaseUrl: string;
    embeddings: IdentifiedEmbeddings;
    dimension: number;
    create: boolean;
  }): Promise<PgVectors> {
    const database = withoutCredentials(options.databaseUrl);
    const table = pgTableName(options.dimension);
    const pool = poolFor(options.databaseUrl);
    const fail = (what: string, cause: unknown) =>
      new VectorDatabaseUnavailableError(database, `${what}${reasonOf(cause)}`, { cause });
    try {
      await pool.query("SELECT 1");
    } catch (cause) {
      throw fail("", cause);
    }
    const store = new PGVectorStore(options.embeddings, {
      pool,
      tableName: table,
      distanceStrategy: "cosine",
    });
    if (options.create) {
      try {
        await store.ensureTableInDatabase(options.dimension);
      } catch (cause) {
        throw fail(
          `cannot create the table ${table} (is the pgvector extension installed?): `,
          cause,
        );
      }
    }
    let count: number;
    try {
      const found = await pool.query<{ table: string | null }>(
        "SELECT to_regclass($1)::text AS table",
        [table],
      );
      if (found.rows[0]?.table == null)
        throw new Error(
          `it holds no table ${table}: build the index with VECTOR_STORE=pgvector (npm run embed)`,
        );
      const rows = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      count = Number(rows.rows[0]?.n ?? 0);
    } catch (cause) {
      throw fail("", cause);
    }
    return new PgVectors(store, table, database, count, options.dimension);
  }

  /**
   * Makes the table hold exactly `chunks`: rows of chunks that are gone, or whose text changed,
   * are deleted; rows missing are inserted; every other row is left as it is (not rewritten).
   * `full` empties the table first (another model, `embed --full`). Builders of several machines
   * take turns (a Postgres advisory lock), so that two never insert the same row.
   */
  async sync(chunks: readonly PgChunk[], full: boolean): Promise<PgSyncSummary> {
    const pool = this.store.pool;
    const lockKey = `xining-news-qa:${this.table}`;
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (cause) {
      throw new VectorDatabaseUnavailableError(this.database, reasonOf(cause), { cause });
    }
    try {
      await client.query("SELECT pg_advisory_lock(hashtext($1))", [lockKey]);
      try {
        if (full) await pool.query(`DELETE FROM ${this.table}`);
        const existing = await pool.query<{ id: string; key: string | null }>(
          `SELECT id::text AS id, metadata->>'embeddingKey' AS key FROM ${this.table}`,
        );
        const wanted = new Map(chunks.map((c) => [pgRowId(c.chunkId), c]));
        const outdated = existing.rows
          .filter((row) => wanted.get(row.id)?.embeddingKey !== row.key)
          .map((row) => row.id);
        const kept = new Set(existing.rows.map((row) => row.id));
        for (const id of outdated) kept.delete(id);
        const missing = [...wanted].filter(([id]) => !kept.has(id));
        if (outdated.length > 0) await this.store.delete({ ids: outdated });
        // More new rows than kept ones (a first build, a full one): the graph is built afresh
        // over the filled table (see #ensureHnswIndex); meanwhile searches scan, exactly.
        if (missing.length > kept.size)
          await pool.query(`DROP INDEX IF EXISTS ${this.table}_embedding_embedding_hnsw_idx`);
        if (missing.length > 0)
          await this.store.addVectors(
            missing.map(([, c]) => c.vector),
            missing.map(([, c]) => c.document),
            { ids: missing.map(([id]) => id) },
          );
        await this.#ensureHnswIndex();
        this.#count = kept.size + missing.length;
        return { written: missing.length, deleted: outdated.length };
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [lockKey]);
      }
    } catch (cause) {
      if (cause instanceof VectorDatabaseUnavailableError) throw cause;
      throw new VectorDatabaseUnavailableError(this.database, reasonOf(cause), { cause });
    } finally {
      client.release();
    }
  }

  /**
   * The HNSW index, made once the rows are in when it is missing: built over a filled table it
   * takes a fraction of the time of inserting row by row into the graph (pgvector's own advice;
   * about 5× on PGlite at 5,000 vectors), which is what the first build of a large archive does.
   * Later builds insert their few new rows into the existing graph.
   */
  async #ensureHnswIndex(): Promise<void> {
    // LangChain logs and swallows a failure to create it: the check after it is what tells.
    await this.store.createHnswIndex({
      dimensions: this.dimension,
      m: PG_HNSW.m,
      efConstruction: PG_HNSW.efConstruction,
      namespace: this.table,
    });
    const found = await this.store.pool.query<{ hnsw: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE tablename = $1 AND indexdef LIKE '%USING hnsw%') AS hnsw`,
      [this.table],
    );
    if (found.rows[0]?.hnsw !== true)
      throw new Error(`the HNSW index on ${this.table} could not be created`);
  }

  async similaritySearchVectorWithScore(
    query: number[],
    k: number,
  ): Promise<[DocumentInterface, number][]> {
    let hits: [DocumentInterface, number][];
    try {
      hits = await this.store.similaritySearchVectorWithScore(query, k);
    } catch (cause) {
      throw new VectorDatabaseUnavailableError(this.database, reasonOf(cause), { cause });
    }
    // PGVectorStore reports the cosine DISTANCE; the retriever, like hnswlib's store, similarity.
    return hits.map(([doc, distance]) => [doc, Math.min(1, Math.max(-1, 1 - distance))]);
  }
}
