import type { VectorStoreSetting } from "../config.js";
import { silentLogger, type Logger } from "../util/logger.js";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CHUNKER_VERSION } from "../ingest/chunk.js";
import { ingestPages } from "../ingest/ingest.js";
import { readSeedPages, type SkippedFile } from "../ingest/read-seeds.js";
import type { Chunk } from "../ingest/types.js";
import type { DocumentInterface } from "@langchain/core/documents";
import { TOKENIZER_VERSION } from "./chinese-tokenizer.js";
import { acquireBuildLock } from "./build-lock.js";
import { EmptySeedsError } from "./errors/empty-seeds-error.js";
import { EmbeddingModelUnavailableError } from "./errors/embedding-model-unavailable-error.js";
import { VectorDatabaseUnavailableError } from "./errors/vector-database-unavailable-error.js";
import type { IdentifiedEmbeddings } from "./identified-embeddings.js";
import { encodeChunkStore } from "./chunk-store.js";
import { createBuildDir, currentBuildDir, INDEX_FILES, publishBuild } from "./index-files.js";
import { buildKeywordIndexInParallel, serializeKeywordIndex } from "./keyword-index.js";
import {
  INDEX_FORMAT_VERSION,
  indexManifestSchema,
  rebuildReasons,
  type DenseManifest,
  type IndexManifest,
} from "./manifest.js";
import type { ModelSettings } from "./model-settings.js";
import type { PgSyncSummary } from "./pg-vectors.js";
import { readStoredJson } from "./stored-json.js";
import {
  decodeVectors,
  embeddingKey,
  encodeVectors,
  vectorCacheSchema,
  type VectorCacheData,
} from "./vector-cache.js";

/** The embedder a build needs: identified, loadable up front, with known pooling. */
export type DenseEmbedder = IdentifiedEmbeddings & {
  load(): Promise<void>;
  readonly settings: Pick<ModelSettings, "pooling" | "normalize">;
};

/** What a build is busy with, for its progress display. */
export type BuildStage = "ingesting" | "embedding";

/**
 * Progress of a build: pages ingested (in characters, reported only for a large ingest, see
 * {@link LARGE_INGEST_CHARS}), then chunks embedded.
 */
export type BuildProgress = (done: number, total: number, stage: BuildStage) => void;

/**
 * Ingest is linear, about 1 s per 7 MB of text here: below this many characters (real pages
 * are ~14 KB each) it is over before a progress bar would be read.
 */
export const LARGE_INGEST_CHARS = 1_000_000;

export interface BuildIndexOptions {
  seedsDir: string;
  indexDir: string;
  /** null builds a keyword-only index without trying a model. */
  embeddings: DenseEmbedder | null;
  /** Ignore the previous build's vectors and embed everything again. @default false */
  full?: boolean;
  /** Called after each page of a large ingest, and after each embedding batch. */
  onProgress?: BuildProgress;
  /** Warnings and notes for the maintainer (model unavailable, why a full rebuild). */
  log?: Logger;
  /** Passages per embedding call: the granularity of progress reports. @default 16 */
  batchSize?: number;
  /**
   * Replace an index that has pages with an empty one when SEEDS_DIR holds none; without it such a
   * build throws {@link EmptySeedsError} and keeps the previous index. @default false
   */
  allowEmpty?: boolean;
  /**
   * Fail with {@link EmbeddingModelUnavailableError}, before anything is written, when the model
   * cannot be loaded, instead of building the keyword index alone (`embed --strict`). @default false
   */
  requireDense?: boolean;
  /**
   * Where the vectors go: hnswlib files in the build folder, or a Postgres + pgvector table kept
   * in step with the chunks (rows of unchanged chunks left alone). @default { kind: "hnsw" }
   */
  vectorStore?: VectorStoreSetting;
}

export interface BuildSummary {
  pages: number;
  articles: number;
  chunks: number;
  /** Chunks whose vector was computed by this build. */
  embedded: number;
  /** Chunks whose vector came from the previous build. */
  reused: number;
  seconds: number;
  dense: boolean;
  denseAbsentReason: string | null;
  /** Why every vector was recomputed, when they were. */
  fullRebuildReason: string | null;
  skipped: SkippedFile[];
  buildDir: string;
  /** With pgvector: the rows this build inserted and deleted (unchanged chunks' rows stay). */
  databaseRows: PgSyncSummary | null;
}

/**
 * The text a chunk's vector is made from: its headline, then the passage, so a passage that never
 * names its subject (`会议强调，…`) still lands near questions about it.
 */
export function embeddingText(chunk: Pick<Chunk, "title" | "text">): string {
  return chunk.title === "" ? chunk.text : `${chunk.title}\n${chunk.text}`;
}

/**
 * Builds the index from the pages in `seedsDir`: ingest, keyword index, and — when the model can be
 * loaded — dense vectors, reusing the previous build's vectors for unchanged text. Everything is
 * written to a new build folder and published at the end (see index-files.ts), so a failure at any
 * point leaves the previous index as it was.
 */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildSummary> {
  const release = await acquireBuildLock(options.indexDir, options.log ?? silentLogger);
  try {
    return await buildLocked(options);
  } finally {
    await release();
  }
}

/** {@link buildIndex} once this process holds the index's build lock. */
async function buildLocked(options: BuildIndexOptions): Promise<BuildSummary> {
  const started = performance.now();
  const log = options.log ?? silentLogger;
  const { pages, skipped } = await readSeedPages(options.seedsDir);
  const large = pages.reduce((n, p) => n + p.text.length, 0) >= LARGE_INGEST_CHARS;
  const report = options.onProgress;
  const { articles, chunks } = ingestPages(
    pages,
    undefined,
    large && report ? (done, total) => report(done, total, "ingesting") : undefined,
  );

  const { dense, denseAbsentReason } = await loadDense(
    options.embeddings,
    log,
    options.requireDense ?? false,
  );
  const previous = await readPreviousBuild(options.indexDir, log);
  if (pages.length === 0) {
    const previousPages = previous?.manifest.pages.length ?? 0;
    if (previousPages > 0 && !options.allowEmpty)
      throw new EmptySeedsError(options.seedsDir, previousPages);
    log.warn(
      previousPages > 0
        ? `SEEDS_DIR "${options.seedsDir}" holds no pages: replacing the index of ${previousPages} pages with an empty one (--allow-empty).`
        : `0 pages found in SEEDS_DIR "${options.seedsDir}": the index will be empty and every question will go unanswered. Put the newspaper pages (.txt) there.`,
    );
  }
  const fullRebuildReason = options.full
    ? "--full requested"
    : previous === null
      ? null
      : (rebuildReasons(previous.manifest, {
          chunkerVersion: CHUNKER_VERSION,
          tokenizerVersion: TOKENIZER_VERSION,
          modelId: options.embeddings?.modelId ?? "",
          dense:
            dense?.dimension === undefined
              ? undefined
              : { dimension: dense.dimension, pooling: dense.settings.pooling },
        })[0] ?? null);
  if (fullRebuildReason !== null && previous !== null)
    log.info(`Rebuilding everything: ${fullRebuildReason}.`);

  const buildDir = await createBuildDir(options.indexDir);
  try {
    let embedded = 0;
    let reused = 0;
    let denseManifest: DenseManifest | null = null;
    let databaseRows: PgSyncSummary | null = null;
    let absentReason = denseAbsentReason;
    if (dense !== null) {
      const cache =
        fullRebuildReason === null && previous !== null
          ? ((await readVectorCache(previous, dense.modelId, log))?.vectors ?? new Map())
          : new Map<string, number[]>();
      const vectors = await embedChunks(chunks, dense, cache, options);
      embedded = vectors.embedded;
      reused = chunks.length - embedded;
      const dimension = dense.dimension ?? vectors.list[0]?.length ?? 0;
      denseManifest = {
        modelId: dense.modelId,
        dimension,
        pooling: dense.settings.pooling,
        normalized: dense.settings.normalize,
      };
      if (options.vectorStore?.kind === "pgvector") {
        try {
          databaseRows = await writePgVectors(
            options.vectorStore.databaseUrl,
            chunks,
            vectors,
            dense,
            dimension,
            fullRebuildReason !== null,
          );
          denseManifest.store = "pgvector";
        } catch (error) {
          if (!(error instanceof VectorDatabaseUnavailableError) || options.requireDense)
            throw error;
          // As when the model is missing: the keyword index now, the vectors (kept below) next time.
          log.warn(
            `${error.message}. Building the keyword index only; answers will use keyword search.`,
          );
          denseManifest = null;
          absentReason = error.message;
        }
        await writeVectorCache(buildDir, vectors, dense, dimension);
      } else await writeDense(buildDir, chunks, vectors, dense, dimension);
    } else if (
      options.embeddings !== null &&
      previous !== null &&
      fullRebuildReason === null &&
      !options.full
    ) {
      await keepPreviousVectors(buildDir, chunks, previous, options.embeddings.modelId, log);
    }
    // Cut on every core when the pages are many (keyword-index.ts): jieba is most of a build.
    const keyword = await buildKeywordIndexInParallel(
      chunks.map((c) => ({ id: c.id, text: embeddingText(c) })),
    );
    await writeFile(join(buildDir, INDEX_FILES.keyword), serializeKeywordIndex(keyword));
    await writeFile(join(buildDir, INDEX_FILES.chunks), encodeChunkStore(articles, chunks));

    const manifest: IndexManifest = {
      formatVersion: INDEX_FORMAT_VERSION,
      builtAt: new Date().toISOString(),
      chunkerVersion: CHUNKER_VERSION,
      tokenizerVersion: TOKENIZER_VERSION,
      dense: denseManifest,
      denseAbsentReason: absentReason,
      pages: pages.map((p) => ({
        source: p.source,
        sha256: p.sha256,
        articles: articles.filter((a) => a.source === p.source).length,
        chunks: chunks.filter((c) => c.source === p.source).length,
      })),
      skipped,
      chunkIds: chunks.map((c) => c.id),
    };
    // The manifest is written last: a build folder without one was never finished.
    await writeJson(join(buildDir, INDEX_FILES.manifest), manifest);
    await publishBuild(options.indexDir, buildDir);
    return {
      pages: pages.length,
      articles: articles.length,
      chunks: chunks.length,
      embedded,
      reused,
      seconds: (performance.now() - started) / 1000,
      dense: denseManifest !== null,
      denseAbsentReason: absentReason,
      fullRebuildReason,
      skipped,
      buildDir,
      databaseRows,
    };
  } catch (error) {
    await rm(buildDir, { recursive: true, force: true });
    throw error;
  }
}

async function loadDense(
  embeddings: DenseEmbedder | null,
  log: Logger,
  requireDense: boolean,
): Promise<{ dense: DenseEmbedder | null; denseAbsentReason: string | null }> {
  if (embeddings === null)
    return { dense: null, denseAbsentReason: "no embedding model configured" };
  try {
    await embeddings.load();
    return { dense: embeddings, denseAbsentReason: null };
  } catch (error) {
    if (!(error instanceof EmbeddingModelUnavailableError) || requireDense) throw error;
    log.warn(`${error.message}. Building the keyword index only; answers will use keyword search.`);
    return { dense: null, denseAbsentReason: error.message };
  }
}

async function readPreviousBuild(
  indexDir: string,
  log: Logger,
): Promise<{ dir: string; manifest: IndexManifest } | null> {
  try {
    const dir = await currentBuildDir(indexDir);
    if (dir === null) return null;
    return {
      dir,
      manifest: await readStoredJson(join(dir, INDEX_FILES.manifest), indexManifestSchema),
    };
  } catch (error) {
    log.info(
      `The previous index is unreadable (${(error as Error).message}); building a new one from scratch.`,
    );
    return null;
  }
}

/**
 * The previous build's vectors by text key, or null when there are none of `modelId`: a
 * keyword-only build made without any (said so, not called corrupt), or a damaged cache (said so).
 */
async function readVectorCache(
  previous: { dir: string; manifest: IndexManifest },
  modelId: string,
  log: Logger,
): Promise<{ vectors: Map<string, number[]>; dimension: number } | null> {
  const keysFile = join(previous.dir, INDEX_FILES.vectorKeys);
  if (previous.manifest.dense === null && !(await stat(keysFile).catch(() => null))) {
    log.info("The previous build had no vectors (keyword-only): embedding every chunk.");
    return null;
  }
  try {
    const data = await readStoredJson(keysFile, vectorCacheSchema);
    if (data.modelId !== modelId) return null;
    const vectors = decodeVectors(data, await readFile(join(previous.dir, INDEX_FILES.vectors)));
    return { vectors, dimension: data.dimension };
  } catch (error) {
    log.info(`Previous vectors unusable (${(error as Error).message}); embedding all chunks.`);
    return null;
  }
}

/**
 * A build without the model keeps the previous vectors of the chunks whose text is unchanged, as
 * the cache the next build with the model reuses, and says which chunks have none: being offline
 * never throws vectors away.
 */
async function keepPreviousVectors(
  buildDir: string,
  chunks: Chunk[],
  previous: { dir: string; manifest: IndexManifest },
  modelId: string,
  log: Logger,
): Promise<void> {
  const cache = await readVectorCache(previous, modelId, log);
  if (cache === null || cache.vectors.size === 0) return;
  const kept: { key: string; vector: number[] }[] = [];
  const keptKeys = new Set<string>();
  const missing = new Map<string, number>();
  for (const chunk of chunks) {
    const key = embeddingKey(embeddingText(chunk));
    const vector = cache.vectors.get(key);
    if (vector === undefined) missing.set(chunk.source, (missing.get(chunk.source) ?? 0) + 1);
    else if (!keptKeys.has(key)) {
      keptKeys.add(key);
      kept.push({ key, vector });
    }
  }
  await writeJson(join(buildDir, INDEX_FILES.vectorKeys), {
    modelId,
    dimension: cache.dimension,
    keys: kept.map((k) => k.key),
  } satisfies VectorCacheData);
  await writeFile(
    join(buildDir, INDEX_FILES.vectors),
    encodeVectors(
      kept.map((k) => k.vector),
      cache.dimension,
    ),
  );
  const without = [...missing.values()].reduce((a, b) => a + b, 0);
  log.warn(
    `Kept the previous vectors of ${chunks.length - without} of ${chunks.length} chunks for when the model is back` +
      (without === 0
        ? "."
        : `; ${without} chunk${without === 1 ? " has" : "s have"} no vector yet (new or changed text): ${[
            ...missing,
          ]
            .map(([source, n]) => `${source} (${n})`)
            .join(", ")}.`),
  );
}

async function embedChunks(
  chunks: Chunk[],
  dense: DenseEmbedder,
  cache: Map<string, number[]>,
  options: BuildIndexOptions,
): Promise<{ list: number[][]; keys: string[]; embedded: number }> {
  const keys = chunks.map((c) => embeddingKey(embeddingText(c)));
  const missing = chunks.flatMap((c, i) =>
    cache.has(keys[i]!) ? [] : [{ key: keys[i]!, text: embeddingText(c) }],
  );
  // A batch is padded to its longest passage: batching similar lengths together wastes less work.
  missing.sort((a, b) => a.text.length - b.text.length);
  const batchSize = options.batchSize ?? 16;
  options.onProgress?.(0, missing.length, "embedding");
  for (let start = 0; start < missing.length; start += batchSize) {
    const batch = missing.slice(start, start + batchSize);
    const vectors = await dense.embedDocuments(batch.map((m) => m.text));
    for (const [i, m] of batch.entries()) cache.set(m.key, vectors[i]!);
    options.onProgress?.(Math.min(start + batchSize, missing.length), missing.length, "embedding");
  }
  return { list: keys.map((k) => cache.get(k)!), keys, embedded: missing.length };
}

/**
 * A chunk as the vector stores hold it: the passage, and what names its chunk and article.
 * LangChain's `Document` is passed in, imported where vectors are written (never keyword-only).
 */
function chunkDocument(Document: DocumentClass, c: Chunk): DocumentInterface {
  return new Document({
    pageContent: c.text,
    metadata: { chunkId: c.id, articleId: c.articleId, source: c.source, title: c.title },
  });
}

type DocumentClass = typeof import("@langchain/core/documents").Document;

async function writeDense(
  dir: string,
  chunks: Chunk[],
  vectors: { list: number[][]; keys: string[] },
  dense: DenseEmbedder,
  dimension: number,
): Promise<void> {
  // Imported only when there are vectors to store: a keyword-only build never loads LangChain and
  // hnswlib (about 0.4 s of start-up).
  const [{ HnswStore }, { Document }] = await Promise.all([
    import("./hnsw-store.js"),
    import("@langchain/core/documents"),
  ]);
  const store = new HnswStore(dense);
  if (chunks.length > 0)
    await store.addVectors(
      vectors.list,
      chunks.map((c) => chunkDocument(Document, c)),
    );
  await store.save(join(dir, INDEX_FILES.dense));
  await writeVectorCache(dir, vectors, dense, dimension);
}

/**
 * The chunks' vectors into the pgvector table (see pg-vectors.ts), which is loaded only here and
 * when such an index is opened.
 */
async function writePgVectors(
  databaseUrl: string,
  chunks: Chunk[],
  vectors: { list: number[][]; keys: string[] },
  dense: DenseEmbedder,
  dimension: number,
  full: boolean,
): Promise<PgSyncSummary> {
  const [{ PgVectors }, { Document }] = await Promise.all([
    import("./pg-vectors.js"),
    import("@langchain/core/documents"),
  ]);
  const store = await PgVectors.open({ databaseUrl, embeddings: dense, dimension, create: true });
  return store.sync(
    chunks.map((c, i) => {
      const document = chunkDocument(Document, c);
      document.metadata.embeddingKey = vectors.keys[i]!;
      return {
        chunkId: c.id,
        embeddingKey: vectors.keys[i]!,
        vector: vectors.list[i]!,
        document,
      };
    }),
    full,
  );
}

/** vectors.json + vectors.f32: every chunk's vector, which the next build reuses. */
async function writeVectorCache(
  dir: string,
  { list: vectors, keys }: { list: number[][]; keys: string[] },
  dense: DenseEmbedder,
  dimension: number,
): Promise<void> {
  await writeJson(join(dir, INDEX_FILES.vectorKeys), {
    modelId: dense.modelId,
    dimension,
    keys,
  } satisfies VectorCacheData);
  await writeFile(join(dir, INDEX_FILES.vectors), encodeVectors(vectors, dimension));
}

async function writeJson(file: string, data: unknown): Promise<void> {
  await writeFile(file, JSON.stringify(data));
}
