import { watch, type FSWatcher } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";

export interface WatchSourcesOptions {
  seedsDir: string;
  indexDir: string;
  /** A page was added, changed or removed (or may have been: the caller checks). */
  onSeedsChanged: () => void;
  /** `INDEX_DIR/CURRENT` names another build: this or another process published one. */
  onCurrentChanged: () => void;
  /**
   * Quiet time after the last file-system event before reacting: copying a page fires several
   * events, and a folder of pages dropped at once should make one build. @default 300
   */
  debounceMs?: number;
  /**
   * The slow check for file systems that send no events (NFS, some container mounts): the pages'
   * names, sizes and times and CURRENT are compared this often. @default 30000
   */
  pollMs?: number;
}

export interface SourceWatcher {
  close(): void;
}

/**
 * Watches the pages and the index pointer: `fs.watch` events, debounced, and a slow periodic
 * comparison as the safety net. Only says that something may have changed; what changed is for
 * the caller to find out from the files, so a spurious event costs a look, never a wrong index.
 */
export function watchIndexSources(options: WatchSourcesOptions): SourceWatcher {
  const debounceMs = options.debounceMs ?? 300;
  const timers = new Map<string, NodeJS.Timeout>();
  const debounced = (key: string, fire: () => void) => () => {
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        fire();
      }, debounceMs),
    );
  };
  const seedsEvent = debounced("seeds", options.onSeedsChanged);
  const currentEvent = debounced("current", options.onCurrentChanged);
  const watchers: FSWatcher[] = [];
  const tryWatch = (dir: string, listener: (file: string | null) => void) => {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, file) =>
        listener(file === null ? null : String(file)),
      );
      // A watched folder removed (an unmounted volume): the periodic check carries on alone.
      watcher.on("error", () => watcher.close());
      watchers.push(watcher);
    } catch {
      // No events here (a missing folder, a file system without them): the periodic check only.
    }
  };
  tryWatch(options.seedsDir, () => seedsEvent());
  // CURRENT is replaced by a rename, which a watch on the file itself would lose: watch its folder.
  tryWatch(options.indexDir, (file) => {
    if (file === null || file === "CURRENT") currentEvent();
  });

  let seen: Promise<{ seeds: string; current: string }> = fingerprint(options);
  let polling = false;
  const poll = setInterval(async () => {
    if (polling) return;
    polling = true;
    try {
      const before = await seen;
      const now = await fingerprint(options);
      seen = Promise.resolve(now);
      if (now.seeds !== before.seeds) options.onSeedsChanged();
      if (now.current !== before.current) options.onCurrentChanged();
    } finally {
      polling = false;
    }
  }, options.pollMs ?? 30_000);
  // The watcher never keeps a process alive: the bot's server or the REPL's prompt does.
  poll.unref();

  return {
    close() {
      clearInterval(poll);
      for (const timer of timers.values()) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

/** The pages' names, sizes and modification times, and CURRENT's text: cheap to compare. */
async function fingerprint(
  options: Pick<WatchSourcesOptions, "seedsDir" | "indexDir">,
): Promise<{ seeds: string; current: string }> {
  const names = (await readdir(options.seedsDir).catch(() => [] as string[])).sort();
  const entries = await Promise.all(
    names.map(async (name) => {
      const info = await stat(join(options.seedsDir, name)).catch(() => null);
      return `${name}:${info?.size ?? "-"}:${info?.mtimeMs ?? "-"}`;
    }),
  );
  const current = await readFile(join(options.indexDir, "CURRENT"), "utf8").catch(() => "");
  return { seeds: entries.join("\n"), current };
}
