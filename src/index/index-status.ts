import { join } from "node:path";
import { CHUNKER_VERSION } from "../ingest/chunk.js";
import { readSeedPages } from "../ingest/read-seeds.js";
import { TOKENIZER_VERSION } from "./chinese-tokenizer.js";
import { IndexDirNotAFolderError } from "./errors/index-dir-not-a-folder-error.js";
import { currentBuildDir, INDEX_FILES } from "./index-files.js";
import { readStoredChunks } from "./load-index.js";
import {
  INDEX_FORMAT_VERSION,
  indexManifestSchema,
  stalenessReasons,
  type IndexManifest,
} from "./manifest.js";
import { readStoredJson } from "./stored-json.js";

export type IndexState = "missing" | "corrupt" | "stale" | "fresh";

export interface IndexStatus {
  state: IndexState;
  /**
   * One line per reason: the pages that changed, the setting that moved, the file that is damaged.
   */
  reasons: string[];
  manifest: IndexManifest | null;
}

export interface IndexStatusOptions {
  /**
   * Read and check chunks.bin too, so that a damaged one is `corrupt` (`embed --check`). A start
   * that loads the index right after passes false: loading checks it, and a damaged one is rebuilt
   * there, without reading and checking it twice. @default true
   */
  readChunks?: boolean;
}

/**
 * Compares the live index with the pages in `seedsDir` and the configured model. Reads, never
 * writes.
 */
export async function indexStatus(
  seedsDir: string,
  indexDir: string,
  modelId: string,
  /** The configured store: vectors elsewhere make the index stale. @default not compared */
  vectorStore?: "hnsw" | "pgvector",
  options: IndexStatusOptions = {},
): Promise<IndexStatus> {
  let manifest: IndexManifest;
  try {
    const dir = await currentBuildDir(indexDir);
    if (dir === null)
      return { state: "missing", reasons: [`no index in ${indexDir} yet`], manifest: null };
    manifest = await readStoredJson(join(dir, INDEX_FILES.manifest), indexManifestSchema);
    // The text answers quote from: a damaged chunks.bin is corrupt here too, not "up to date".
    // An index of another format is stale for that reason (below), whatever its files hold.
    if (manifest.formatVersion === INDEX_FORMAT_VERSION && options.readChunks !== false)
      await readStoredChunks(dir, manifest);
  } catch (error) {
    // A file where the folder should be is no index to rebuild: say so to the caller.
    if (error instanceof IndexDirNotAFolderError) throw error;
    return { state: "corrupt", reasons: [(error as Error).message], manifest: null };
  }
  const { pages } = await readSeedPages(seedsDir);
  const reasons = stalenessReasons(manifest, {
    pages,
    chunkerVersion: CHUNKER_VERSION,
    tokenizerVersion: TOKENIZER_VERSION,
    modelId,
    vectorStore,
  });
  return { state: reasons.length > 0 ? "stale" : "fresh", reasons, manifest };
}
