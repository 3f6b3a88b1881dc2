/**
 * Turns Chinese (and the odd Latin or numeric) text into search terms for the keyword index.
 * Documents and questions go through the same {@link tokenize}, so whatever a question says in the
 * words of the page produces terms that the page's own terms contain.
 *
 * Four namespaces, kept apart by a prefix so that a two-character word and the same two characters
 * seen as a bigram are different terms that can be weighted differently:
 * - `w:` words from jieba's search mode (`西宁开发区` → `西宁`, `开发`, `开发区`, `西宁开发区`);
 * - `n:` numbers, bare and with each prefix of the unit that follows (`8.5亿元` → `8.5`, `8.5亿`,
 *   `8.5亿元`), so `8.5亿` finds `8.5亿元` but prefers it to `8.5万吨`;
 * - `b:` character bigrams over each run of Han characters: when jieba cuts a phrase one way in
 *   the question and another way in the page, the bigrams still match;
 * - `c:` single Han characters, so a one-character question (`铝`, `硅`) finds something.
 */
import { readFileSync } from "node:fs";
import { fnv1a } from "../util/fnv1a.js";
import { loadJiebaDictionary } from "./segmenter/jieba-dictionary.js";
import { Segmenter } from "./segmenter/segmenter.js";

/**
 * Reads a word list of `data/`: words separated by white space, `#` to the end of a line a comment.
 */
export function parseWordList(text: string): string[] {
  return text
    .split("\n")
    .flatMap((line) => line.replace(/#.*/u, "").trim().split(/\s+/u))
    .filter((word) => word !== "");
}

const readWordList = (name: string): string[] =>
  // Read at start, synchronously: two small files every tokenize() depends on, and the tokenizer
  // version below must be known before any index is compared with the pages.
  parseWordList(readFileSync(new URL(`../../data/${name}`, import.meta.url), "utf8"));

/**
 * Terms jieba's bundled dictionary lacks or cuts apart, taken from the pages
 * (`data/user-words-zh.txt`).
 */
export const USER_WORDS: readonly string[] = readWordList("user-words-zh.txt");

// High enough that jieba keeps every entry whole against the split its own dictionary suggests
// (`建平` has 528, `开发区` 3667, `马上` 2306). Checked on the seed pages: the only words it costs
// are the pieces of the entries themselves (`公保`, `荷储`) and HMM guesses such as `杨逢春作`.
export const USER_WORD_FREQUENCY = 20_000;

/**
 * Words that say nothing about what a passage is about, dropped from the `w:` terms
 * (`data/stop-words-zh.txt`).
 */
const STOP_WORDS: ReadonlySet<string> = new Set(readWordList("stop-words-zh.txt"));

/**
 * Where a run of Han characters is cut before pairing characters into bigrams. Only particles and
 * question words: they almost never sit inside a content word, so `西宁开发区的多晶硅` gives
 * `区的`/`的多` nowhere, and a question's `多少` or `如何` does not pair with its neighbours. (Words
 * such as `了解`, whose bigram is lost, still come through as `w:` terms.)
 */
const BIGRAM_BREAKERS = /为什么|什么|多少|哪些|哪个|哪里|如何|怎么|怎样|请问|[的了吗呢吧啊]/u;

/** Longest unit kept after a number: `万余元` (3), `万千瓦时` (4), `gwh` (3). */
const MAX_UNIT_LENGTH = 4;

// A number, optionally followed (after OCR's stray spaces, `5 万台`) by the letters it measures in.
// The leftmost match wins, so `1031.5万` yields `1031.5`, never `1.5`.
const NUMBER_WITH_UNIT = /(\d+(?:\.\d+)?)(?:\s*([\p{Script=Han}a-z%‰℃]+))?/gu;
const HAN_RUN = /\p{Script=Han}+/gu;
// OCR leaves spaces inside Chinese text (`中心城 市`); they would split words and bigrams.
const SPACE_BETWEEN_HAN = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\d/u;
// Without the u flag: code units, so that either half of a pair matches.
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Identifies the term scheme, user dictionary and stop words included. An index built under another
 * version holds terms a question can no longer produce; the keyword index stores this and refuses
 * to load under a different one, and the build rebuilds in full. Bump `SCHEME` when changing the
 * code; the word lists (the data files) are hashed in, so editing them rebuilds the index too.
 */
export function tokenizerVersion(
  userWords: readonly string[],
  stopWords: Iterable<string>,
): string {
  const SCHEME = 1;
  const material = [
    ...userWords,
    "|",
    ...stopWords,
    "|",
    BIGRAM_BREAKERS.source,
    MAX_UNIT_LENGTH,
  ].join("\n");
  return `zh-${SCHEME}-${fnv1a(material)}`;
}

/** The version of the tokenizer this program runs: {@link tokenizerVersion} of the data files. */
export const TOKENIZER_VERSION: string = tokenizerVersion(USER_WORDS, STOP_WORDS);

let shared: Segmenter | undefined;

/**
 * The one jieba segmenter (`segmenter/`: jieba's algorithm in JavaScript over its dictionary with
 * the user words, read from a binary cache), made on first use, which programs that never
 * tokenize (e.g. `npm run articles`) do not pay. Exported for the question-understanding modules,
 * which cut questions exactly as the index does.
 */
export function jieba(): Segmenter {
  shared ??= new Segmenter(
    loadJiebaDictionary({ userWords: USER_WORDS, userWordFrequency: USER_WORD_FREQUENCY }),
  );
  return shared;
}

/**
 * The text as the tokenizer reads it: NFKC (full-width `８．５％` → `8.5%`, as users type on a
 * Chinese keyboard), lower case (`GW` and `gw` are one term), and no spaces between Han characters.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(SPACE_BETWEEN_HAN, "");
}

/**
 * All search terms of `text`, with repetitions (they are term frequencies for BM25). Use it for
 * documents and questions alike. Returns `[]` for text without letters or digits.
 *
 * @example
 * tokenize("多晶硅出口8.5亿元")
 * // ["w:多晶", "w:多晶硅", "w:出口", "w:亿元", "n:8.5", "n:8.5亿", "n:8.5亿元",
 * //  "b:多晶", "b:晶硅", "b:硅出", "b:出口", "c:多", "c:晶", "c:硅", "c:出", "c:口", "b:亿元", "c:亿", "c:元"]
 */
export function tokenize(text: string): string[] {
  const normalized = normalizeForSearch(text);
  const terms: string[] = [];

  for (const token of jieba().cutForSearch(normalized, true)) {
    // Punctuation and spaces have no letter; anything with a digit is the numbers' business,
    // because jieba's cut of `8.5亿元` (`8.5` + `亿元`) loses the link between number and unit.
    if (!HAS_LETTER.test(token) || HAS_DIGIT.test(token) || STOP_WORDS.has(token)) continue;
    terms.push(`w:${token}`);
  }

  for (const match of normalized.matchAll(NUMBER_WITH_UNIT)) {
    const number = match[1] ?? "";
    terms.push(`n:${number}`);
    const unit = Array.from(match[2] ?? "").slice(0, MAX_UNIT_LENGTH);
    for (let length = 1; length <= unit.length; length++)
      terms.push(`n:${number}${unit.slice(0, length).join("")}`);
  }

  for (const [run] of normalized.matchAll(HAN_RUN)) {
    // Most runs hold no character outside the BMP: then a character is one code unit, and a
    // bigram one slice (a flat string, cheaper to build and to hash than two characters joined).
    const simple = !SURROGATE.test(run);
    for (const piece of run.split(BIGRAM_BREAKERS)) {
      if (simple) {
        for (let i = 0; i + 1 < piece.length; i++) terms.push(`b:${piece.slice(i, i + 2)}`);
      } else {
        const chars = Array.from(piece);
        for (let i = 0; i + 1 < chars.length; i++) terms.push(`b:${chars[i]}${chars[i + 1]}`);
      }
    }
    for (const char of run) {
      if (!STOP_WORDS.has(char)) terms.push(`c:${char}`);
    }
  }

  return terms;
}

/**
 * The `c:` term {@link tokenize} makes of one character wherever it occurs, or null when it makes
 * none (not Han, or a stop word such as `的`). Lets a caller ask the index which passages hold a
 * character without cutting text.
 */
export function characterTerm(char: string): string | null {
  const normalized = normalizeForSearch(char);
  return /^\p{Script=Han}$/u.test(normalized) && !STOP_WORDS.has(normalized)
    ? `c:${normalized}`
    : null;
}

/** A text's words as jieba cuts and tags them (HMM on), the text normalized as the index reads it. */
export function taggedWords(text: string): Array<{ word: string; tag: string }> {
  return jieba().tag(normalizeForSearch(text), true);
}

/**
 * The names among a text's tagged words ({@link taggedWords}) — places, people, organisations, as
 * jieba's part-of-speech tags mark them (`海东`, `青海大学`). A question naming one the pages never
 * mention is about something else.
 */
export function properNouns(tagged: ReadonlyArray<{ word: string; tag: string }>): string[] {
  return tagged
    .filter((t) => /^(ns|nr|nt)/.test(t.tag) && Array.from(t.word).length >= 2)
    .map((t) => t.word);
}
