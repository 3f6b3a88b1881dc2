/**
 * The words of general Chinese, as jieba's bundled dictionary lists them (`@node-rs/jieba`'s
 * `dict.txt`: ~349k lines of `word count tag`). The typo corrector asks it whether a string that the
 * pages never print is still an ordinary word (`光复`, `扶贫`): such a string was probably typed on
 * purpose and is left alone.
 *
 * Reading the 5 MB file and filling the set costs ~0.2 s and ~25 MB of heap (measured on the
 * project's shared 2-core machine), so it is done once per process, on first request.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

export interface GeneralDictionary {
  has(word: string): boolean;
  /** How many words the dictionary holds (0 when the file could not be read). */
  readonly size: number;
}

let shared: Promise<GeneralDictionary> | undefined;

/**
 * jieba's dictionary as a set of words, loaded on first call and shared afterwards. Never rejects:
 * when the file cannot be read the dictionary is empty, which only makes the typo corrector treat
 * fewer strings as typed on purpose (its other guards still hold).
 */
export function loadGeneralDictionary(): Promise<GeneralDictionary> {
  shared ??= (async () => {
    let text: string;
    try {
      text = await readFile(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt"), "utf8");
    } catch {
      text = "";
    }
    const words = parseDictionary(text);
    return { has: (word) => words.has(word), size: words.size };
  })();
  return shared;
}

/** The first field of every line (`锂电池 93 n` → `锂电池`). Scans with indexOf rather than split: no 349k-line array. */
function parseDictionary(text: string): Set<string> {
  const words = new Set<string>();
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const space = text.indexOf(" ", start);
    const wordEnd = space > start && space < end ? space : end;
    const word = text.slice(start, wordEnd).trim();
    if (word !== "") words.add(word);
    start = end + 1;
  }
  return words;
}
