import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Article, Chunk } from "../ingest/types.js";
import { CorruptIndexError } from "./errors/corrupt-index-error.js";
import type { HnswStore } from "./hnsw-store.js";
import type { IdentifiedEmbeddings } from "./identified-embeddings.js";
import { currentBuildDir, INDEX_FILES } from "./index-files.js";
import {
  deserializeKeywordIndex,
  KeywordIndexError,
  type KeywordIndexData,
} from "./keyword-index.js";
import { indexManifestSchema, type IndexManifest } from "./manifest.js";
import { storedChunksSchema, type StoredChunks } from "./stored-chunks.js";
import { readStoredJson } from "./stored-json.js";

/** A published index, in memory: what retrieval and answering work from. */
export interface LoadedIndex {
  dir: string;
  manifest: IndexManifest;
  articles: Article[];
  chunks: Chunk[];
  keyword: KeywordIndexData;
  /** null when the index has no vectors or no embedder was given: retrieval is keyword-only. */
  dense: HnswStore | null;
}

/**
 * A build's `chunks.json`, checked against its schema and its manifest: what loading and
 * `indexStatus` (embed --check, the start's freshness test) both read, the same way.
 * @throws {CorruptIndexError}
 */
export async function readStoredChunks(
  dir: string,
  manifest: IndexManifest,
): Promise<StoredChunks> {
  const chunksFile = join(dir, INDEX_FILES.chunks);
  const stored = await readStoredJson(chunksFile, storedChunksSchema);
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
 */
export async function loadIndex(
  indexDir: string,
  embeddings: IdentifiedEmbeddings | null,
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
  const dense =
    manifest.dense !== null && embeddings !== null
      ? // Imported here: keyword-only retrieval never loads LangChain and hnswlib.
        await (await import("./hnsw-store.js")).HnswStore.load(
          join(dir, INDEX_FILES.dense),
          embeddings,
        )
      : null;
  return { dir, manifest, articles: stored.articles, chunks: stored.chunks, keyword, dense };
}

/** A binary file of a build; missing or unreadable is a {@link CorruptIndexError}, as for JSON. */
async function readStoredBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new CorruptIndexError(
      file,
      code === "ENOENT" ? "is missing" : `cannot be read (${code ?? String(cause)})`,
      { cause },
    );
  }
}
