/**
 * How common a word is in Chinese at large, from jieba's own idf table (~270k words, built by
 * jieba's authors from a general corpus). The pages alone cannot say this: `企业` and `名字` are rare
 * or absent in five pages, yet any reader uses them, so they are weak evidence whether or not the
 * pages print them; a word rare in general (`多晶硅`, `粮食产量`'s topic words) is strong evidence.
 */
import { readFile } from "node:fs/promises";
import { jieba } from "../../index/chinese-tokenizer.js";
import { loadIdfTable } from "../../index/jieba-idf.js";
import { dataLines } from "../../util/data-lines.js";
import { memoize } from "../../util/memo.js";

export interface GeneralLanguage {
  /** The word's general idf (≈3.5 for 公司, ≈8.5 for 多晶硅), or null when jieba's table lacks it. */
  idf(word: string): number | null;
  /**
   * True for a word of general Chinese (in jieba's idf table or dictionary): typed on purpose, not
   * a typo.
   */
  isGeneralWord(word: string): boolean;
  /**
   * True for a word jieba tags as a pronoun, preposition, particle, adverb, conjunction or
   * classifier (`data/function-word-tags.txt`): how the reader speaks, not what they ask about.
   */
  isFunctionWord(word: string): boolean;
  /**
   * jieba's part-of-speech tag for a word it keeps whole (`j` for an abbreviation such as 环保), else
   * null.
   */
  partOfSpeech(word: string): string | null;
}

/**
 * An "adverb" this rare in Chinese at large is a content word jieba mis-tags (高新: 8.7); real
 * adverbs and complements stay under it (到手 8.4, 连连 7.3, 纷纷 5.7).
 */
const RARE_ADVERB_IDF = 8.5;

/**
 * Loads jieba's idf table (from its binary cache, `index/jieba-idf.ts`: a few ms, where building
 * jieba's native keyword extractor from the text took ~80–170 ms). Once, at start.
 */
export async function loadGeneralLanguage(): Promise<GeneralLanguage> {
  const [tagsText, stopText, table] = await Promise.all([
    readFile(new URL("../../../data/function-word-tags.txt", import.meta.url), "utf8"),
    readFile(new URL("../../../data/jieba-keyword-stop-words.txt", import.meta.url), "utf8"),
    loadIdfTable(),
  ]);
  const functionTags = new Set(dataLines(tagsText));
  const extractorStopWords = new Set(dataLines(stopText).flatMap((line) => line.split(/\s+/u)));
  const segmenter = jieba();
  // What jieba's keyword extractor (`TfIdf.extractKeywords(segmenter, word, 2)`) did, checked
  // against it over every word of jieba's dictionary and idf table: the word is its only keyword
  // when its cut without HMM is the word itself (pieces under two characters and the extractor's
  // stop words, `data/jieba-keyword-stop-words.txt`, are no keywords), and its weight is then its idf, or the table's median for a word
  // outside the table, which means "unknown".
  const idf = (word: string): number | null => {
    const keywords = new Set(
      segmenter
        .cut(word, false)
        .filter((t) => Array.from(t).length >= 2 && !extractorStopWords.has(t.toLowerCase())),
    );
    if (keywords.size !== 1 || !keywords.has(word)) return null;
    const weight = table.lookup(word) ?? table.median;
    return Math.abs(weight - table.median) < 1e-9 ? null : weight;
  };
  // jieba's dictionary (349k words) is larger than its idf table (270k): a word its full-mode cut
  // lists (every dictionary word inside the text) is a word of Chinese too.
  const inDictionary = (word: string) =>
    Array.from(word).length >= 2 && segmenter.cutAll(word).includes(word);
  // A word jieba keeps whole, tagged as it tags it in running text.
  const partOfSpeech = (word: string) => {
    const tags = segmenter.tag(word, true);
    return tags.length === 1 && tags[0]!.word === word ? tags[0]!.tag : null;
  };
  // Alone, jieba may cut a word it keeps whole in a sentence (那家 → 那/r 家/q): made of function
  // words only, it is one. Adverbs are the commonest words of Chinese (已经 3.4, 真正 5.3, 大概 6.1):
  // a word jieba tags as one that is rare in Chinese at large is a content word it mis-tags
  // (`高新` of 高新技术, 8.7).
  const isFunctionWord = (word: string) =>
    segmenter
      .tag(word, true)
      .every(
        (t) => functionTags.has(t.tag) && !(t.tag === "d" && (idf(t.word) ?? 0) >= RARE_ADVERB_IDF),
      );
  // The tables never change while the process runs: each word is cut once.
  const idfOf = memoize(idf);
  return {
    idf: idfOf,
    isGeneralWord: memoize((word) => idfOf(word) !== null || inDictionary(word)),
    isFunctionWord: memoize(isFunctionWord),
    partOfSpeech: memoize(partOfSpeech),
  };
}
