/**
 * CC-CEDICT read backwards (English → simplified headwords), as plain data: the layout of its text,
 * parsing it, and looking keys up. Pure; building it is `build-reverse-index.ts`, loading and
 * caching it `load-reverse-index.ts`.
 */

/**
 * The reverse index as one sorted text, `key \t exact ; head ; weak \n` per English key, each list
 * comma-separated `headword:score` pairs, best first, looked up by binary search over line offsets.
 * Kept as text rather than an object of 100k+ keys because that is what the cache holds: loading is
 * then reading a file, with no JSON parse and no per-key objects (on this project's 2-core machine,
 * `JSON.parse` of the same data as an object took ~0.4 s, a `Map` of it another ~0.3 s).
 * - `exact`: a sense of the headword is the key (`export` ← 出口 "to export");
 * - `head`: a sense starts with the key before a preposition (`return` ← 返还 "return of something
 *   to its original owner");
 * - `weak`: a sense of at most four words contains the key (`money` ← 赃款 "stolen money").
 */
export interface ReverseIndex {
  body: string;
  /** Offset of each line of `body`. */
  lines: Uint32Array;
  /**
   * Toneless pinyin syllable (`ü` as `v`, and also as `u`) → the single characters read that way.
   */
  syllables: Record<string, string>;
}

/**
 * Version of the index text's layout, written in its header: a cache file in another layout is
 * rebuilt.
 */
export const CACHE_FORMAT = 3;

/** Longest gloss (in words) kept as a key: questions rarely quote longer phrases. */
export const MAX_KEY_WORDS = 4;

export type Tier = "exact" | "head" | "weak";
/** The tiers, best first; their indices are the tier codes of the build. */
export const TIERS: readonly Tier[] = ["exact", "head", "weak"];
export const TIER_EXACT = 0;
export const TIER_HEAD = 1;
export const TIER_WEAK = 2;

/** The index of a process without the dictionary: every lookup misses. */
export const EMPTY_INDEX: ReverseIndex = { body: "", lines: new Uint32Array(0), syllables: {} };

/**
 * The index from its text: a JSON header line (format, syllables), then the sorted key lines. Null
 * for anything else, e.g. a cache file from another format: rebuilding overwrites it.
 *
 * Finding the ~115k line offsets takes ~60 ms on a cold JIT, more than one turn of the event loop
 * may take, so the scan stops every few thousand lines to `pause` when it has run for
 * {@link SLICE_MS}; the translator's loader passes a `setImmediate` promise. The header's pinyin
 * readings go to `onSyllables` before the scan.
 */
export async function parseIndexText(
  text: string,
  pause: () => Promise<void> = async () => {},
  onSyllables: (syllables: Record<string, string>) => void = () => {},
): Promise<ReverseIndex | null> {
  const headerEnd = text.indexOf("\n");
  if (headerEnd < 0) return null;
  let header: { format?: unknown; syllables?: unknown };
  try {
    header = JSON.parse(text.slice(0, headerEnd)) as typeof header;
  } catch {
    return null;
  }
  if (
    header.format !== CACHE_FORMAT ||
    typeof header.syllables !== "object" ||
    header.syllables === null
  )
    return null;
  if (!text.endsWith("\n")) return null; // Truncated.
  onSyllables(header.syllables as Record<string, string>);
  const body = text.slice(headerEnd + 1);
  const offsets: number[] = [];
  let sliceStart = performance.now();
  for (let at = 0; at < body.length; at = body.indexOf("\n", at) + 1) {
    offsets.push(at);
    if ((offsets.length & 1023) === 0 && performance.now() - sliceStart > SLICE_MS) {
      await pause();
      sliceStart = performance.now();
    }
  }
  return {
    body,
    lines: Uint32Array.from(offsets),
    syllables: header.syllables as Record<string, string>,
  };
}

/** Longest stretch of work between two pauses of a load on the event loop's thread. */
const SLICE_MS = 8;

/**
 * A Chinese headword for an English key, with its score within its tier (see `entryScore` in
 * `headword-score.ts`).
 */
export interface Candidate {
  word: string;
  score: number;
}

/** The candidates of one English key, by tier, best first. */
export interface Pool {
  exact: Candidate[];
  head: Candidate[];
  weak: Candidate[];
}

/** The candidates of one English key, found by binary search over the sorted lines. */
export function lookupKey({ body, lines }: ReverseIndex, key: string): Pool | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const start = lines[mid] ?? 0;
    const tab = body.indexOf("\t", start);
    const candidate = body.slice(start, tab);
    if (candidate === key) {
      const [exact = "", head = "", weak = ""] = body
        .slice(tab + 1, body.indexOf("\n", tab))
        .split(";");
      const list = (text: string): Candidate[] =>
        text === ""
          ? []
          : text.split(",").map((item) => {
              const colon = item.lastIndexOf(":");
              return { word: item.slice(0, colon), score: Number(item.slice(colon + 1)) };
            });
      return { exact: list(exact), head: list(head), weak: list(weak) };
    }
    if (candidate < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
