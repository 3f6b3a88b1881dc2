import type { Config } from "../config.js";
import { buildIndex, type BuildProgress, type BuildSummary } from "../index/build-index.js";
import { createEmbeddings } from "../index/create-embeddings.js";
import { indexStatus, type IndexStatus } from "../index/index-status.js";
import type { Logger } from "../util/logger.js";

export interface RebuildOptions {
  log: Logger;
  /** Re-embed everything instead of reusing the vectors of unchanged chunks. @default false */
  full?: boolean;
  /** Build an empty index when SEEDS_DIR holds no pages, replacing one that has some. */
  allowEmpty?: boolean;
  /** Fail before writing anything when the embedding model cannot be loaded. */
  requireDense?: boolean;
  onProgress?: BuildProgress;
}

/**
 * `npm run embed`: the configured index (`INDEX_DIR`) rebuilt from the pages with the configured
 * model.
 */
export function rebuildIndex(config: Config, options: RebuildOptions): Promise<BuildSummary> {
  return buildIndex({
    seedsDir: config.seedsDir,
    indexDir: config.indexDir,
    embeddings: createEmbeddings(config),
    full: options.full ?? false,
    allowEmpty: options.allowEmpty ?? false,
    requireDense: options.requireDense ?? false,
    vectorStore: config.vectorStore,
    log: options.log,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** `npm run embed -- --check`: whether the configured index matches the pages and the model. */
export function configuredIndexStatus(config: Config): Promise<IndexStatus> {
  return indexStatus(
    config.seedsDir,
    config.indexDir,
    config.embeddingModel,
    config.vectorStore.kind,
  );
}
