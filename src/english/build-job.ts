/**
 * The reverse index's build as one job: parsing CC-CEDICT's 11 MB data file and indexing its 124k
 * entries takes several seconds of CPU in steps that cannot be cut short (one `JSON.parse`, one
 * sort), so the loader runs it in a child process (`build-child.ts`), never on the thread that
 * answers questions.
 */
import { buildIndexText, pinyinSyllables } from "./build-reverse-index.js";
import { readCedictEntries } from "./cedict-data.js";
import { writeCache } from "./index-cache.js";

/** What the loader asks for. */
export interface BuildRequest {
  dataFile: string;
  /** Where to write the cache, or null when there is no cache location. */
  cacheFile: string | null;
}

/**
 * What the job sends back: that the cache file is written (the loader reads it as any cache), or,
 * when it could not be, the index text itself; or why the index could not be built. The text is not
 * sent when the file holds it: receiving ~4 MB of text in one message costs the receiving thread
 * ~20–40 ms in one piece, while reading the file back is asynchronous.
 */
export type BuildReply =
  | { ok: true; cached: true }
  | { ok: true; cached: false; text: string; problem: string }
  | { ok: false; problem: string };

/**
 * Builds the index text and writes the cache; never throws (a failure is a reply). The pinyin
 * readings, ready long before the rest, go to `onSyllables` first.
 */
export function buildInThisThread(
  { dataFile, cacheFile }: BuildRequest,
  onSyllables: (syllables: Record<string, string>) => void = () => {},
): BuildReply {
  let text: string;
  try {
    const entries = readCedictEntries(dataFile);
    const syllables = pinyinSyllables(entries);
    onSyllables(syllables);
    text = buildIndexText(entries, syllables);
  } catch (error) {
    return { ok: false, problem: `cannot read ${dataFile}: ${(error as Error).message}` };
  }
  const problem = cacheFile === null ? "no cache location" : writeCache(cacheFile, text);
  return problem === undefined
    ? { ok: true, cached: true }
    : { ok: true, cached: false, text, problem };
}
