/**
 * Turns an English question into Chinese search terms for the keyword index. The dense model is
 * Chinese-only and often unavailable, so an English question finds the pages only through the words
 * the pages use: `How much polysilicon did the Xining development zone export?` must become
 * `多晶硅`, `西宁`, `开发区`, `出口`.
 *
 * Where the Chinese comes from, in the order a question is read (`english/translate-english-query.ts`):
 * 1. Han characters already in the question (`What is 西宁蓝?`) are kept as they are.
 * 2. Numbers, magnitudes and dates are rewritten the way the pages write them (`850 million yuan`
 *    → `8.5亿`, `8.5亿元`; `March 25` → `3月25日`): `english/numbers-and-dates.ts`.
 * 3. A short hand-written glossary of the paper's vocabulary that CC-CEDICT lacks or ranks badly:
 *    `english/glossary.ts`.
 * 4. Capitalised pinyin (`Shi Jianping`) resolved through CC-CEDICT's readings, only when the caller's
 *    `isKnownTerm` confirms a spelling occurs in the pages (otherwise it is reported as unknown):
 *    `english/pinyin-names.ts`.
 * 5. CC-CEDICT, read backwards: multi-word phrases first, longest first (`standing committee` →
 *    `常委会`), then single content words, with light stemming when a word is not found as typed:
 *    `english/word-candidates.ts`, over the reverse index of `english/english-index.ts`.
 * 6. With `isKnownTerm`, neighbours whose translations join into a word of the pages (`Xining` +
 *    `Blue` → `西宁蓝`, `air` + `quality` → `空气质量`) add that word too: `english/compound-words.ts`.
 *
 * The reverse index (English → simplified headwords) is loaded once per process, on first use or
 * through {@link loadEnglishIndex} at start, from a cache file when one fits (~50–150 ms) or else
 * built from CC-CEDICT's data (a few seconds).
 */
export { englishIndexStats, loadEnglishIndex } from "./english/english-index.js";
export type { EnglishIndexStats } from "./english/english-index.js";
export { translateEnglishQuery } from "./english/translate-english-query.js";
export type { EnglishQueryOptions, EnglishQueryTranslation } from "./english/translate-english-query.js";
