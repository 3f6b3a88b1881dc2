/**
 * How the index build ranks the headwords offered for one English key: commonness (jieba's corpus
 * counts, or how many headwords build on a word), length, variant spellings, and the position and
 * register of the sense. The scores are stored in the index, so a change here needs a new
 * {@link SCORING_VERSION}.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * Bump when the scoring ({@link entryScore}, {@link senseScore}) or the reading of senses changes:
 * it is part of the cache key.
 */
export const SCORING_VERSION = 4;

/**
 * How good a headword is for an English key, within a tier (tiers are kept apart). CC-CEDICT has no
 * frequencies, so commonness comes from jieba's dictionary, which the project already ships
 * (`@node-rs/jieba`: 349k words with corpus counts; `开始` 38139, `启动` 1810, `肇始` absent), and, for
 * words jieba lacks, from how many other headwords are built on the word (`出口` in `进出口`,
 * `出口商`…). Single characters are ambiguous in a search (and their counts are inflated by every
 * word they occur in); variant spellings are rarely what a question means. Computed once per entry;
 * {@link senseScore} adjusts it per sense.
 */
export function entryScore(
  headwordLength: number,
  frequency: number,
  productivity: number,
  variant: boolean,
): number {
  let score = 3 * Math.log2(1 + frequency) + Math.min(Math.log2(1 + productivity), 5);
  if (headwordLength === 1) score -= 20;
  else if (headwordLength >= 5) score -= 2 * (headwordLength - 4);
  if (variant) score -= 10;
  return score;
}

/**
 * The per-sense part of a score: senses listed first are the main ones; labelled senses (literary,
 * Taiwan, slang…) are unlikely to be what an English question means.
 */
export function senseScore(senseIndex: number, marked: boolean): number {
  return -Math.min(3 * senseIndex, 12) - (marked ? 15 : 0);
}

/**
 * Lower for a proper noun serving a lower-case word, and, in the weak tier, for each word of the
 * sense besides the key.
 */
export const PROPER_MISMATCH_PENALTY = 20;
export const EXTRA_WORD_PENALTY = 6;

/**
 * Word counts from jieba's dictionary (`word count tag` per line) for the given words; empty when
 * the dictionary cannot be read (the ranking then relies on the other signals).
 */
export function readFrequencies(words: Map<string, number>): void {
  let text: string;
  try {
    text = readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt"), "utf8");
  } catch {
    return;
  }
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const space = text.indexOf(" ", start);
    if (space > start && space < end) {
      const word = text.slice(start, space);
      if (words.has(word)) words.set(word, Number.parseInt(text.slice(space + 1, end), 10) || 0);
    }
    start = end + 1;
  }
}
