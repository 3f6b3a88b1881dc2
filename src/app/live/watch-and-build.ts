import { join } from "node:path";
import type { Config } from "../../config.js";
import { BuildInProgressError } from "../../index/errors/build-in-progress-error.js";
import { currentBuildDir, INDEX_FILES } from "../../index/index-files.js";
import { indexManifestSchema } from "../../index/manifest.js";
import { readStoredJson } from "../../index/stored-json.js";
import type { Logger } from "../../util/logger.js";
import { rebuildIndex } from "../index-commands.js";
import {
  startLiveIndex,
  type IndexInUse,
  type LiveIndex,
  type LiveIndexEvent,
} from "./live-index.js";

export interface WatchAndBuildOptions {
  log: Logger;
  onEvent?: (event: LiveIndexEvent) => void;
  debounceMs?: number;
  pollMs?: number;
}

/**
 * `npm run embed -- --watch`: keeps INDEX_DIR built from SEEDS_DIR for bots that run elsewhere
 * (they pick up its CURRENT themselves). The build runs in this process, which answers nothing;
 * the same checks as the bot's live reload (an unreadable page keeps the index, another builder
 * holding the lock is waited for).
 */
export async function watchAndBuild(
  config: Config,
  options: WatchAndBuildOptions,
): Promise<LiveIndex> {
  const published = async (): Promise<IndexInUse | null> => {
    const dir = await currentBuildDir(config.indexDir);
    if (dir === null) return null;
    return {
      dir,
      manifest: await readStoredJson(join(dir, INDEX_FILES.manifest), indexManifestSchema),
    };
  };
  const index = await published();
  if (index === null) throw new Error(`no index in ${config.indexDir} to watch: build it first`);
  return startLiveIndex<null>({
    config,
    log: options.log,
    index,
    open: async () => {
      const next = await published();
      return next === null ? null : { index: next, engine: null };
    },
    swap: () => undefined,
    build: async () => {
      try {
        return { kind: "built", summary: await rebuildIndex(config, { log: options.log }) };
      } catch (error) {
        if (error instanceof BuildInProgressError) return { kind: "busy", message: error.message };
        return { kind: "failed", message: (error as Error).message };
      }
    },
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
  });
}
