/**
 * Capitalised pinyin in an English question (`Shi Jianping`, `Huangzhong`) resolved to the pages'
 * spelling (石建平, 湟中) through CC-CEDICT's readings of single characters. Only a spelling the pages
 * contain is accepted, so without `isKnownTerm` names are reported as unknown.
 */
import type { EnglishDictionary } from "./dictionary.js";
import { englishOf } from "./question-tokens.js";
import type { Claim, Token } from "./question-tokens.js";
import { isStopWord } from "./stop-words.js";
import { MAX_CANDIDATES, phrasePool, wordPool } from "./word-candidates.js";

/**
 * Most spellings checked for one reading of a name: `Shi Jianping` needs ~5000 (30 known characters
 * read `shi`, 20 `jian`, 8 `ping`), a few milliseconds with a substring predicate over the pages.
 */
const MAX_NAME_SPELLINGS = 20_000;
/** Most syllables in a name: Tibetan and Mongolian names run to four or five. */
const MAX_NAME_SYLLABLES = 6;

/**
 * Resolves capitalised words that spell pinyin (`Shi Jianping`, `Luo Dongchuan`) to the pages'
 * spelling (石建平). CC-CEDICT gives the characters read as each syllable; only characters the pages
 * contain are tried, and only a whole name the pages contain is accepted.
 * - Two such words in a row (not split by punctuation) are taken for a name: surname and given
 *   name, in either order. Unconfirmed (no `isKnown`, or no spelling in the pages), the pair is
 *   reported as unknown instead of being translated word by word into whatever CC-CEDICT lists
 *   under those syllables (`Shi` → a river, `Jianping` → a county), unless the pair is itself an
 *   English phrase CC-CEDICT knows (`Hong Kong`).
 * - A lone capitalised word of two or more syllables (`Huangzhong`) is tried too, unless it is a
 *   stop word or an English word that starts the sentence. Its spelling must be unique: two
 *   characters that happen to stand side by side somewhere in the pages (`Dongchuan` → 东川, but also
 *   动传 in 推动传统) are too easily found. Unresolved, it is left to the word pass.
 * Names do not combine into compounds with their neighbours: `Luchun attended` is not `录春出席`.
 */
export function readNames(
  dictionary: EnglishDictionary,
  tokens: readonly Token[],
  used: boolean[],
  isKnown: ((zh: string) => boolean) | undefined,
  claim: Claim,
  reportUnknown: (at: number, text: string) => void,
): void {
  const { syllables } = dictionary;
  const isCandidate = (i: number): boolean => {
    const token = tokens[i];
    return (
      token !== undefined &&
      !used[i] &&
      token.kind === "word" &&
      /^[A-Z]/.test(token.text) &&
      segmentPinyin(token.norm, syllables).length > 0
    );
  };

  for (let start = 0; start < tokens.length; start++) {
    if (!isCandidate(start)) continue;
    const first = tokens[start];
    if (first === undefined) continue;
    if (isCandidate(start + 1) && tokens[start + 1]?.afterPunctuation !== true) {
      const end = start + 1;
      const names =
        isKnown === undefined ? [] : resolveName(tokens.slice(start, end + 1), syllables, isKnown);
      if (names.length > 0) {
        claim(start, end, englishOf(tokens, start, end), names, false);
      } else if (
        phrasePool(
          dictionary,
          tokens
            .slice(start, end + 1)
            .map((token) => token.norm)
            .join(" "),
        ) === undefined
      ) {
        used[start] = used[end] = true;
        reportUnknown(start, englishOf(tokens, start, end));
      }
      start = end;
      continue;
    }
    if (
      isKnown === undefined ||
      isStopWord(first.norm) ||
      (first.sentenceStart && wordPool(dictionary, first.norm) !== undefined)
    )
      continue;
    const names = resolveName([first], syllables, isKnown);
    if (names.length === 1) claim(start, start, first.text, names, false);
  }
}

/**
 * Every way to cut a word into pinyin syllables (`jianping` → `jian ping`; `yanan` → `ya nan`, `yan
 * an`), at most 8.
 */
function segmentPinyin(word: string, syllables: Readonly<Record<string, string>>): string[][] {
  const results: string[][] = [];
  const walk = (at: number, path: string[]): void => {
    if (results.length >= 8) return;
    if (at === word.length) {
      results.push([...path]);
      return;
    }
    for (let length = Math.min(6, word.length - at); length >= 1; length--) {
      const syllable = word.slice(at, at + length);
      if (Object.hasOwn(syllables, syllable)) walk(at + length, [...path, syllable]);
    }
  };
  if (/^[a-z]+$/.test(word)) walk(0, []);
  return results;
}

/** Whether a lower-case word can be read as pinyin syllables (`ganhe`; not `golmud`). */
export function spellsPinyin(word: string, syllables: Readonly<Record<string, string>>): boolean {
  return segmentPinyin(word, syllables).length > 0;
}

function resolveName(
  run: readonly Token[],
  syllables: Readonly<Record<string, string>>,
  isKnown: (zh: string) => boolean,
): string[] {
  // As written (`Shi Jianping`), then the other order (`Jianping Shi`) for two-word names. Not for
  // two-syllable names: `Wang Wu` read backwards finds 务网 in 服务网.
  const syllableCount = run.reduce(
    (sum, token) => sum + (segmentPinyin(token.norm, syllables)[0]?.length ?? 0),
    0,
  );
  const orders = run.length === 2 && syllableCount >= 3 ? [run, [run[1], run[0]]] : [run];
  const knownChars = new Map<string, string[]>();
  const charsOf = (syllable: string): string[] => {
    let chars = knownChars.get(syllable);
    if (chars === undefined) {
      chars = Array.from(syllables[syllable] ?? "").filter((char) => isKnown(char));
      knownChars.set(syllable, chars);
    }
    return chars;
  };

  const found: string[] = [];
  for (const order of orders) {
    let readings: string[][] = [[]];
    for (const token of order) {
      if (token === undefined) return found;
      const cuts = segmentPinyin(token.norm, syllables);
      readings = readings.flatMap((prefix) => cuts.map((cut) => [...prefix, ...cut]));
    }
    // Fewest syllables first (`jianping` is `jian ping` before `ji an ping`); the first reading
    // that spells a known name wins.
    readings.sort((a, b) => a.length - b.length);
    for (const reading of readings) {
      if (found.length > 0) break;
      if (reading.length < 2 || reading.length > MAX_NAME_SYLLABLES) continue;
      const options = reading.map(charsOf);
      const spellings = options.reduce((product, chars) => product * chars.length, 1);
      if (spellings === 0 || spellings > MAX_NAME_SPELLINGS) continue;
      const spell = (at: number, prefix: string): void => {
        if (found.length >= MAX_CANDIDATES) return;
        if (at === options.length) {
          if (!found.includes(prefix) && isKnown(prefix)) found.push(prefix);
          return;
        }
        for (const char of options[at] ?? []) spell(at + 1, prefix + char);
      };
      spell(0, "");
    }
    // Two characters side by side are easily found by accident; only a unique spelling is trusted.
    if (found.length > 0)
      return found.some((name) => Array.from(name).length <= 2) && found.length > 1 ? [] : found;
  }
  return found;
}
