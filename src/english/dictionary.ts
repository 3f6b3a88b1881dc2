import type { Glossary } from "./glossary.js";
import type { NumberWords } from "./numbers-and-dates.js";
import type { Pool } from "./reverse-index.js";

/**
 * What the translation passes read, loaded once by `loadEnglishTranslator` and handed to each pass.
 */
export interface EnglishDictionary {
  /**
   * CC-CEDICT read backwards: the candidates of an English key (a word or a phrase of up to four
   * words).
   */
  lookup(key: string): Pool | undefined;
  /** The paper's own vocabulary, read before CC-CEDICT. */
  glossary: Glossary;
  /** Words that frame a question rather than name its topic: never translated. */
  questionWords: ReadonlySet<string>;
  /** How numbers, dates and ordinals are written in English. */
  numbers: NumberWords;
  /** Toneless pinyin syllable → the single characters read that way. */
  syllables: Readonly<Record<string, string>>;
}
