import { indexedWords, type KeywordIndexData } from "../../index/keyword-index.js";

/**
 * The words the pages use, as the keyword index holds them: jieba's words of every indexed passage
 * (`w:` terms, headlines included through the chunks' embedded text). Question understanding
 * compares a question's words with this set: a synonym or a typo correction is only worth making
 * when it lands on a word the pages actually print.
 */
export interface PageVocabulary {
  has(word: string): boolean;
  /** How many passages hold the word (0 when none): ties between corrections go to the commoner. */
  passageCount(word: string): number;
  /** Every word, for scans such as the typo corrector's homophone lookup. */
  words(): Iterable<string>;
}

export function pageVocabulary(keyword: KeywordIndexData): PageVocabulary {
  const counts = new Map<string, number>();
  for (const [word, passages] of indexedWords(keyword)) counts.set(word, passages);
  return {
    has: (word) => counts.has(word),
    passageCount: (word) => counts.get(word) ?? 0,
    words: () => counts.keys(),
  };
}
