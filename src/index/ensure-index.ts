import type { VectorStoreSetting } from "../config.js";
import type { Logger } from "../util/logger.js";
import {
  buildIndex,
  type BuildProgress,
  type BuildSummary,
  type DenseEmbedder,
} from "./build-index.js";
import { CorruptIndexError } from "./errors/corrupt-index-error.js";
import { BuildInProgressError } from "./errors/build-in-progress-error.js";
import { EmptySeedsError } from "./errors/empty-seeds-error.js";
import { EmbeddingModelUnavailableError } from "./errors/embedding-model-unavailable-error.js";
import { IndexMismatchError } from "./errors/index-mismatch-error.js";
import { seedsDirProblem } from "../ingest/read-seeds.js";
import { indexStatus } from "./index-status.js";
import { loadIndex, type LoadedIndex } from "./load-index.js";

export interface EnsureIndexOptions {
  seedsDir: string;
  indexDir: string;
  embeddings: DenseEmbedder | null;
  /** Where the maintainer is told what happens: building, updating, keyword-only. */
  log: Logger;
  onProgress?: BuildProgress;
  /** Where the vectors are kept. @default { kind: "hnsw" } */
  vectorStore?: VectorStoreSetting;
}

export interface ReadyIndex {
  index: LoadedIndex;
  /** Set when this call (re)built the index. */
  built: BuildSummary | null;
}

/**
 * What the bot and the REPL call at start: an index that matches today's pages, built or updated
 * first when it is missing, stale or damaged — saying so — and opened keyword-only when the
 * embedding model cannot be loaded.
 */
export async function ensureIndex(options: EnsureIndexOptions): Promise<ReadyIndex> {
  const { log } = options;
  const modelId = options.embeddings?.modelId ?? "";
  const seedsProblem = await seedsDirProblem(options.seedsDir);
  if (seedsProblem !== null) return existingIndex(options, seedsProblem);
  const status = await indexStatus(
    options.seedsDir,
    options.indexDir,
    modelId,
    options.vectorStore?.kind ?? "hnsw",
    // Loaded and checked below, where a damaged chunks.bin is rebuilt: not read twice per start.
    { readChunks: false },
  );
  const denseReady = await tryLoadModel(options.embeddings, log);

  let reason: string | null = null;
  if (status.state === "missing") reason = `No index in ${options.indexDir} yet: building it.`;
  else if (status.state === "corrupt")
    reason = `The index is unreadable (${status.reasons.join("; ")}): rebuilding it.`;
  else if (status.state === "stale")
    reason = `The index is out of date (${status.reasons.join("; ")}): updating it.`;
  else if (denseReady && status.manifest?.dense === null)
    reason =
      options.vectorStore?.kind === "pgvector"
        ? "The index has no vectors (the model or the vector database was unavailable): adding them."
        : "The embedding model is available now: adding vectors to the index.";

  let built: BuildSummary | null = null;
  const build = async (full: boolean) => {
    built = await buildIndex({ ...options, full });
    log.info(
      `Index ready: ${built.pages} pages, ${built.articles} articles, ${built.chunks} chunks (${built.embedded} embedded, ${built.reused} reused) in ${built.seconds.toFixed(1)} s.`,
    );
  };
  if (reason !== null) {
    log.info(reason);
    try {
      await build(status.state === "corrupt");
    } catch (error) {
      // Every page gone (an unmounted volume), another process building right now, or a
      // read-only INDEX_DIR: answer from the index there is, loudly.
      const unwritable = isUnwritable(error);
      if (
        !(error instanceof EmptySeedsError || error instanceof BuildInProgressError || unwritable)
      )
        throw error;
      if (status.manifest === null) throw error;
      log.warn(
        error instanceof BuildInProgressError
          ? `Not updating the index: ${error.message}. Answering from the current index.`
          : unwritable
            ? `INDEX_DIR "${options.indexDir}" cannot be written (${(error as Error).message}): answering from the previous index, which is out of date. Make the folder writable, or run npm run embed as its owner.`
            : `${(error as Error).message}.`,
      );
    }
  }
  const embeddings = denseReady ? options.embeddings : null;
  const loadOptions = { log, ...(options.vectorStore ? { vectorStore: options.vectorStore } : {}) };
  try {
    const index = await loadIndex(options.indexDir, embeddings, loadOptions);
    if (index === null) throw new Error(`no index in ${options.indexDir} after building it`);
    return { index, built };
  } catch (error) {
    if (
      !(error instanceof CorruptIndexError || error instanceof IndexMismatchError) ||
      built !== null
    )
      throw error;
    log.info(`The index is unusable (${error.message}): rebuilding it.`);
    await build(true);
    const index = await loadIndex(options.indexDir, embeddings, loadOptions);
    if (index === null) throw new Error(`no index in ${options.indexDir} after rebuilding it`);
    return { index, built };
  }
}

/**
 * `SEEDS_DIR` is missing or a file (an unmounted volume, a typo): the index there is answered
 * from, with a warning, since the pages cannot be compared or rebuilt; with no usable index, the
 * problem is the error.
 */
async function existingIndex(options: EnsureIndexOptions, problem: string): Promise<ReadyIndex> {
  const denseReady = await tryLoadModel(options.embeddings, options.log);
  let index: LoadedIndex | null = null;
  try {
    index = await loadIndex(options.indexDir, denseReady ? options.embeddings : null, {
      log: options.log,
      ...(options.vectorStore ? { vectorStore: options.vectorStore } : {}),
    });
  } catch (error) {
    throw new Error(
      `${problem} The index in ${options.indexDir} cannot be used either (${(error as Error).message}).`,
      { cause: error },
    );
  }
  if (index === null)
    throw new Error(`${problem} There is no index in ${options.indexDir} to answer from.`);
  const pages = new Set(index.articles.map((a) => a.source)).size;
  options.log.warn(
    `${problem} Answering from the existing index in ${options.indexDir} (${pages} pages), which cannot follow the pages until SEEDS_DIR is set right.`,
  );
  return { index, built: null };
}

/** A file-system refusal to write: a read-only INDEX_DIR (mount, permissions). */
function isUnwritable(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === "EACCES" || code === "EPERM" || code === "EROFS";
}

async function tryLoadModel(embeddings: DenseEmbedder | null, log: Logger): Promise<boolean> {
  if (embeddings === null) return false;
  try {
    await embeddings.load();
    return true;
  } catch (error) {
    if (!(error instanceof EmbeddingModelUnavailableError)) throw error;
    log.warn(`${error.message}. Answering with keyword search only.`);
    return false;
  }
}
