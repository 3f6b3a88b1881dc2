import type { Config } from "../../config.js";
import type { BuildSummary } from "../../index/build-index.js";
import { currentBuildDir } from "../../index/index-files.js";
import { describeIndexChange, indexChange, type IndexChange } from "../../index/index-change.js";
import { indexStatus } from "../../index/index-status.js";
import type { LoadedIndex } from "../../index/load-index.js";
import { watchIndexSources } from "../../index/watch-sources.js";
import { readSeedPages } from "../../ingest/read-seeds.js";
import type { Logger } from "../../util/logger.js";
import type { BuildOutcome } from "./run-index-build.js";

/** What live reload did, for the log's reader and for tests, which wait on these. */
export type LiveIndexEvent =
  /** A new index answers from now on. `built` is set when this process built it. */
  | { kind: "reloaded"; change: IndexChange; line: string; built: BuildSummary | null }
  /** The pages changed but the index in use stays: a page cannot be read, or the build failed. */
  | { kind: "kept"; reason: string }
  /** Another process holds the build lock: its CURRENT is picked up when it publishes. */
  | { kind: "busy"; message: string };

/** What live reload needs to know of the index in use: where it is and what it was built from. */
export type IndexInUse = Pick<LoadedIndex, "dir" | "manifest">;

/**
 * `E` is what is swapped in: the bot's and the REPL's engine; nothing for `embed --watch`, which
 * only keeps the index built.
 */
export interface LiveIndexOptions<E> {
  config: Pick<Config, "seedsDir" | "indexDir" | "embeddingModel" | "vectorStore">;
  log: Logger;
  /** The index answering now. */
  index: IndexInUse;
  /** Opens the published index and an engine over it (the composition root's recipe). */
  open: () => Promise<{ index: IndexInUse; engine: E } | null>;
  /** Puts the new engine behind the port. */
  swap: (engine: E) => void;
  /** Rebuilds INDEX_DIR from SEEDS_DIR. @default a child process ({@link runIndexBuild}) */
  build: () => Promise<BuildOutcome>;
  onEvent?: (event: LiveIndexEvent) => void;
  /** @default see {@link watchIndexSources} */
  debounceMs?: number;
  pollMs?: number;
}

export interface LiveIndex {
  /** Looks at the pages and CURRENT now, as an event would make it (the REPL's `:reload`). */
  check(): Promise<void>;
  /** Stops watching; a build under way finishes in its own process and is left published. */
  close(): Promise<void>;
}

/**
 * Keeps the engine following the pages while it answers: a page added, changed or removed is
 * rebuilt in a child process (incremental, under the build lock), and a CURRENT that names another
 * build — this process's, or another's sharing INDEX_DIR — is opened and swapped in. One step runs
 * at a time; events during a step are remembered and handled after it, so a burst of changes makes
 * at most one more build.
 */
export function startLiveIndex<E>(options: LiveIndexOptions<E>): LiveIndex {
  const { config, log } = options;
  let index = options.index;
  let seedsDirty = false;
  let currentDirty = false;
  let lastBuild: BuildSummary | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  const emit = (event: LiveIndexEvent) => options.onEvent?.(event);

  const run = (): Promise<void> => {
    if (running === null) {
      running = (async () => {
        while (!closed && (seedsDirty || currentDirty)) {
          try {
            if (seedsDirty) {
              seedsDirty = false;
              await rebuildIfStale();
            } else {
              currentDirty = false;
              await reloadIfMoved();
            }
          } catch (error) {
            // Never fatal: the index in use keeps answering.
            const reason = (error as Error).message;
            log.error(`live reload: ${reason}; the index in use stays`);
            emit({ kind: "kept", reason });
          }
        }
      })().finally(() => {
        running = null;
      });
    }
    return running;
  };

  const rebuildIfStale = async () => {
    const { skipped } = await readSeedPages(config.seedsDir);
    // A page that cannot be read now (bad encoding, too large) would vanish from a new index:
    // better the old index, and the maintainer told which file, than facts silently lost.
    const known = new Set(index.manifest.skipped.map((s) => `${s.source}\n${s.reason}`));
    const unreadable = skipped.filter(
      (s) => s.source.endsWith(".txt") && !known.has(`${s.source}\n${s.reason}`),
    );
    if (unreadable.length > 0) {
      const reason = `cannot read ${unreadable.map((s) => `${s.source} (${s.reason})`).join(", ")}`;
      log.warn(`${reason}: keeping the current index until the page is fixed or removed`);
      emit({ kind: "kept", reason });
      return;
    }
    // The configured model, as the build uses it: a keyword-only index is not stale for lacking
    // vectors, so a process without the model does not rebuild what one with it published.
    const status = await indexStatus(
      config.seedsDir,
      config.indexDir,
      config.embeddingModel,
      config.vectorStore.kind,
    );
    if (status.state === "fresh") {
      // Built meanwhile (by another process): CURRENT tells whether it is the one in use.
      currentDirty = true;
      return;
    }
    log.info(
      `pages changed (${status.reasons.join("; ")}): rebuilding the index in the background`,
    );
    const outcome = await options.build();
    if (outcome.kind === "built") {
      lastBuild = outcome.summary;
      currentDirty = true;
    } else if (outcome.kind === "busy") {
      log.info(`${outcome.message}: its index will be picked up when it is published`);
      emit({ kind: "busy", message: outcome.message });
    } else {
      log.warn(`the index could not be rebuilt (${outcome.message}): the index in use stays`);
      emit({ kind: "kept", reason: outcome.message });
    }
  };

  const reloadIfMoved = async () => {
    const dir = await currentBuildDir(config.indexDir);
    if (dir === null || dir === index.dir) return;
    const opened = await options.open();
    if (opened === null || opened.index.dir === index.dir) return;
    const change = indexChange(index.manifest, opened.index.manifest);
    const built = lastBuild?.buildDir === opened.index.dir ? lastBuild : null;
    options.swap(opened.engine);
    index = opened.index;
    const line = describeIndexChange(change, built);
    log.info(line);
    emit({ kind: "reloaded", change, line, built });
  };

  const watcher = watchIndexSources({
    seedsDir: config.seedsDir,
    indexDir: config.indexDir,
    onSeedsChanged: () => {
      seedsDirty = true;
      void run();
    },
    onCurrentChanged: () => {
      currentDirty = true;
      void run();
    },
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
  });

  return {
    check() {
      seedsDirty = true;
      currentDirty = true;
      return run();
    },
    async close() {
      closed = true;
      watcher.close();
      await running;
    },
  };
}
