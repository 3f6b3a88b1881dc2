/**
 * How common a word is in Chinese at large, from jieba's own idf table (~270k words, built by
 * jieba's authors from a general corpus). The pages alone cannot say this: `企业` and `名字` are rare
 * or absent in five pages, yet any reader uses them, so they are weak evidence whether or not the
 * pages print them; a word rare in general (`多晶硅`, `粮食产量`'s topic words) is strong evidence.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { Jieba, TfIdf } from "@node-rs/jieba";
import { jieba } from "../../index/chinese-tokenizer.js";
import { dataLines } from "../../util/data-lines.js";

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

const SENTINEL = "㐀㐁";

/**
 * Loads jieba's idf table into its native keyword extractor (~140 ms, off the JS heap). Once, at
 * start.
 */
export async function loadGeneralLanguage(): Promise<GeneralLanguage> {
  const tagsText = await readFile(
    new URL("../../../data/function-word-tags.txt", import.meta.url),
    "utf8",
  );
  const functionTags = new Set(dataLines(tagsText));
  const { idf: table } = createRequire(import.meta.url)("@node-rs/jieba/dict") as {
    idf: Uint8Array;
  };
  const tfidf = TfIdf.withDict(table);
  const segmenter = jieba();
  // jieba gives words outside its table the table's median idf; that value means "unknown". A
  // sentinel word (two CJK Extension A characters no page or question uses), cut by a segmenter of
  // its own that knows only it, reads it off — the shared tokenizer is left as it is.
  const median =
    tfidf.extractKeywords(Jieba.withDict(Buffer.from(`${SENTINEL} 1 x`)), SENTINEL, 1)[0]?.weight ??
    null;
  const idf = (word: string): number | null => {
    // A single keyword equal to the word means jieba keeps it whole; its weight is then its idf.
    const [top, second] = tfidf.extractKeywords(segmenter, word, 2);
    if (!top || second || top.keyword !== word) return null;
    return median !== null && Math.abs(top.weight - median) < 1e-9 ? null : top.weight;
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
  // words only, it is one.
  const isFunctionWord = (word: string) =>
    segmenter.tag(word, true).every((t) => functionTags.has(t.tag));
  return {
    idf,
    isGeneralWord: (word) => idf(word) !== null || inDictionary(word),
    isFunctionWord,
    partOfSpeech,
  };
}
