import { join } from "node:path";
import type { Article } from "../ingest/types.js";
import type { VectorStoreSetting } from "../config.js";
import type { Logger } from "../util/logger.js";
import type { DenseSearch } from "./dense-search.js";
import { CorruptIndexError } from "./errors/corrupt-index-error.js";
import { IndexMismatchError } from "./errors/index-mismatch-error.js";
import { VectorDatabaseUnavailableError } from "./errors/vector-database-unavailable-error.js";
import type { IdentifiedEmbeddings } from "./identified-embeddings.js";
import { currentBuildDir, INDEX_FILES } from "./index-files.js";
import {
  deserializeKeywordIndex,
  KeywordIndexError,
  type KeywordIndexData,
  warmKeywordIndex,
} from "./keyword-index.js";
import { indexManifestSchema, type IndexManifest } from "./manifest.js";
import {
  ChunkFileProblem,
  type ChunkList,
  decodeChunkStore,
  type StoredChunks,
} from "./chunk-store.js";
import { readStoredBytes, readStoredJson } from "./stored-json.js";

/** A published index, in memory: what retrieval and answering work from. */
export interface LoadedIndex {
  dir: string;
  manifest: IndexManifest;
  articles: Article[];
  /** Made one by one as they are asked for (see {@link ChunkList}). */
  chunks: ChunkList;
  keyword: KeywordIndexData;
  /**
   * null when the index has no vectors, no embedder was given, or their database cannot be used:
   * retrieval is keyword-only.
   */
  dense: DenseSearch | null;
  /** Why `dense` is null although the index has vectors and an embedder was given. */
  denseProblem?: string;
}

export interface LoadIndexOptions {
  /** Where a pgvector index's vectors are (DATABASE_URL). @default { kind: "hnsw" } */
  vectorStore?: VectorStoreSetting;
  /** Told when the vectors' database cannot be used and answers go keyword-only. */
  log?: Pick<Logger, "warn">;
}

/**
 * A build's `chunks.bin`, checked (chunk-store.ts) and against its manifest: what loading and
 * `indexStatus` (embed --check) both read, the same way.
 * @throws {CorruptIndexError}
 */
export async function readStoredChunks(
  dir: string,
  manifest: IndexManifest,
): Promise<StoredChunks> {
  const chunksFile = join(dir, INDEX_FILES.chunks);
  let stored: StoredChunks;
  try {
    stored = decodeChunkStore(await readStoredBytes(chunksFile));
  } catch (error) {
    if (error instanceof ChunkFileProblem)
      throw new CorruptIndexError(
        chunksFile,
        `is unusable (Chunk store is corrupted: ${error.message})`,
        { cause: error },
      );
    throw error;
  }
  if (stored.chunks.length !== manifest.chunkIds.length) {
    throw new CorruptIndexError(
      chunksFile,
      `holds ${stored.chunks.length} chunks but the manifest lists ${manifest.chunkIds.length}`,
    );
  }
  return stored;
}

/**
 * Opens the live build in `indexDir`; null when none was ever built.
 * @throws {CorruptIndexError} a file is missing, unreadable, or disagrees with the others.
 * @throws {IndexMismatchError} the vectors were made by another model than `embeddings`.
 * A pgvector index whose database cannot be used opens keyword-only, saying why on `log`.
 */
export async function loadIndex(
  indexDir: string,
  embeddings: IdentifiedEmbeddings | null,
  options: LoadIndexOptions = {},
): Promise<LoadedIndex | null> {
  const dir = await currentBuildDir(indexDir);
  if (dir === null) return null;
  const manifest = await readStoredJson(join(dir, INDEX_FILES.manifest), indexManifestSchema);
  const stored = await readStoredChunks(dir, manifest);
  const keywordFile = join(dir, INDEX_FILES.keyword);
  let keyword: KeywordIndexData;
  try {
    // Read here and checked by the keyword index itself, which also tells stale from corrupt.
    keyword = deserializeKeywordIndex(await readStoredBytes(keywordFile));
  } catch (error) {
    if (error instanceof KeywordIndexError)
      throw new CorruptIndexError(keywordFile, `is unusable (${error.message})`, { cause: error });
    throw error;
  }
  // Postings are decoded on a term's first use; the rest in the background from now on.
  void warmKeywordIndex(keyword);
  const loaded = { dir, manifest, articles: stored.articles, chunks: stored.chunks, keyword };
  if (manifest.dense === null || embeddings === null) return { ...loaded, dense: null };
  if (manifest.dense.store !== "pgvector")
    return {
      ...loaded,
      // Imported here: keyword-only retrieval never loads LangChain and hnswlib.
      dense: await (await import("./hnsw-store.js")).HnswStore.load(
        join(dir, INDEX_FILES.dense),
        embeddings,
      ),
    };
  const built = { modelId: manifest.dense.modelId, dimension: manifest.dense.dimension };
  if (
    built.modelId !== embeddings.modelId ||
    (embeddings.dimension !== undefined && built.dimension !== embeddings.dimension)
  )
    throw new IndexMismatchError(dir, built, {
      modelId: embeddings.modelId,
      dimension: embeddings.dimension,
    });
  const dense = await openPgVectors(options.vectorStore, embeddings, built.dimension);
  if (typeof dense !== "string") return { ...loaded, dense };
  options.log?.warn(`${dense}. Answering with keyword search only.`);
  return { ...loaded, dense: null, denseProblem: dense };
}

/** The index's pgvector table, or why it cannot be searched. */
async function openPgVectors(
  setting: VectorStoreSetting | undefined,
  embeddings: IdentifiedEmbeddings,
  dimension: number,
): Promise<DenseSearch | string> {
  if (setting?.kind !== "pgvector")
    return "The index's vectors are in Postgres (built with VECTOR_STORE=pgvector), but VECTOR_STORE is not pgvector now";
  const { PgVectors } = await import("./pg-vectors.js");
  try {
    return await PgVectors.open({
      databaseUrl: setting.databaseUrl,
      embeddings,
      dimension,
      create: false,
    });
  } catch (error) {
    if (error instanceof VectorDatabaseUnavailableError) return error.message;
    throw error;
  }
}
