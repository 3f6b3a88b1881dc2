/**
 * Turns an English question into Chinese search terms for the keyword index. The dense model is
 * Chinese-only and often unavailable, so an English question finds the pages only through the words
 * the pages use: `How much polysilicon did the Xining development zone export?` must become
 * `多晶硅`, `西宁`, `开发区`, `出口`.
 *
 * Where the Chinese comes from, in the order a question is read (`translate-english-query.ts`):
 * 1. Han characters already in the question (`What is 西宁蓝?`) are kept as they are.
 * 2. Numbers, magnitudes, dates and ordinals are rewritten the way the pages write them (`850
 *    million yuan` → `8.5亿`, `8.5亿元`; `March 25` → `3月25日`; `the tenth session` → `第十次`):
 *    `numbers-and-dates.ts`, with the words of `data/english-numbers.json`.
 * 3. The paper's English vocabulary that CC-CEDICT lacks or ranks badly, longest phrase first:
 *    `data/english-glossary.txt`, read by `glossary.ts`.
 * 4. Capitalised pinyin (`Shi Jianping`) resolved through CC-CEDICT's readings, only when the
 *    caller's `isKnownTerm` confirms a spelling occurs in the pages (otherwise it is reported as
 *    unknown): `pinyin-names.ts`.
 * 5. CC-CEDICT, read backwards: multi-word phrases first, longest first (`standing committee` →
 *    `常委会`), then single content words, with light stemming when a word is not found as typed:
 *    `word-candidates.ts`, over the reverse index of `load-reverse-index.ts`.
 * 6. With `isKnownTerm`, neighbours whose translations join into a word of the pages (`Xining` +
 *    `Blue` → `西宁蓝`, `air` + `quality` → `空气质量`) add that word too: `compound-words.ts`.
 *
 * This folder never touches the newspaper index: it imports only `src/util`, `src/errors` and npm
 * packages, so every layer may use it.
 */
import type { EnglishDictionary } from "./dictionary.js";
import { GLOSSARY_FILE, loadGlossary } from "./glossary.js";
import { loadNumberWords, NUMBERS_FILE } from "./numbers-and-dates.js";
import { loadQuestionWords, QUESTION_WORDS_FILE } from "./question-words.js";
import {
  loadReverseIndex,
  type EnglishIndexStats,
  type ReverseIndexOptions,
} from "./load-reverse-index.js";
import { lookupKey } from "./reverse-index.js";
import {
  translateEnglishQuery,
  type EnglishQueryOptions,
  type EnglishQueryTranslation,
} from "./translate-english-query.js";

export type { EnglishIndexStats } from "./load-reverse-index.js";
export type { EnglishQueryOptions, EnglishQueryTranslation } from "./translate-english-query.js";

/**
 * A loaded translator: everything it reads is in memory, so a translation takes about a
 * millisecond.
 */
export interface EnglishTranslator {
  /**
   * Chinese search terms for an English question.
   *
   * @example
   * translator.translate("How much polysilicon did the Xining development zone export?").terms
   * // ["多晶硅", "西宁", "开发区", "出口", …]
   */
  translate(question: string, options?: EnglishQueryOptions): EnglishQueryTranslation;
  /**
   * Toneless pinyin syllable → the single characters read that way (CC-CEDICT): the typo
   * corrector's homophones.
   */
  readonly syllables: Readonly<Record<string, string>>;
  /** How the reverse index was obtained. */
  readonly stats: EnglishIndexStats;
}

export interface EnglishTranslatorOptions extends ReverseIndexOptions {
  /**
   * The glossary of the paper's English vocabulary.
   * @default data/english-glossary.txt
   */
  glossaryFile?: URL | string;
  /**
   * Number words, month names, ordinals, magnitudes and units.
   * @default data/english-numbers.json
   */
  numbersFile?: URL | string;
  /**
   * Words that frame a question rather than name its topic.
   * @default data/english-question-words.txt
   */
  questionWordsFile?: URL | string;
}

/**
 * Loads the translator: the glossary and the reverse index, from its cache or built in a worker
 * thread, never blocking the event loop for long. Call it once at start (the composition root does)
 * and hand the promise on: an English question that arrives before it resolves awaits it. Rejects
 * only when a data file of the project (glossary, question words, number words) is missing or
 * malformed.
 */
export async function loadEnglishTranslator(
  options: EnglishTranslatorOptions = {},
): Promise<EnglishTranslator> {
  const [glossary, questionWords, numbers, { index, stats }] = await Promise.all([
    loadGlossary(options.glossaryFile ?? GLOSSARY_FILE),
    loadQuestionWords(options.questionWordsFile ?? QUESTION_WORDS_FILE),
    loadNumberWords(options.numbersFile ?? NUMBERS_FILE),
    loadReverseIndex(options),
  ]);
  const dictionary: EnglishDictionary = {
    lookup: (key) => lookupKey(index, key),
    glossary,
    questionWords,
    numbers,
    syllables: index.syllables,
  };
  return {
    translate: (question, translateOptions) =>
      translateEnglishQuery(dictionary, question, translateOptions),
    syllables: index.syllables,
    stats,
  };
}
