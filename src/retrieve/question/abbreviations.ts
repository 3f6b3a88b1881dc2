/**
 * Chinese abbreviations keep characters of the full term in their order: 环保 for 环境保护, 电诈 for
 * 电信诈骗, 锂电池 for 锂离子蓄电池. A reader types the short form; the pages may print only the long
 * one. This finds, in the pages' own text, the spans a short form can stand for — and gives none
 * when the short form could stand for too many things to tell.
 */
import { escapeRegExp } from "../../util/escape-reg-exp.js";
export interface Abbreviations {
  /**
   * The pages' spans that `word` abbreviates (never `word` itself), or [] when none or ambiguous.
   */
  expansions(word: string): string[];
}

export interface AbbreviationOptions {
  /** More distinct spans than this and the short form says nothing certain. @default 2 */
  maxExpansions?: number;
  /** Cuts text into words as the index does: a span must start and end at word boundaries. */
  cut: (text: string) => string[];
}

const HAN = /^\p{Script=Han}+$/u;
// Numerals and ordinal markers: `十次` is not short for `十四次会`, nor `第十次` for `第十四次`.
const NUMERAL = /[零〇一二三四五六七八九十百千万亿两第届次]/u;
const MAX_CACHED = 10_000;
// Characters of context cut with a span, so that its first and last words are cut as in the page.
const CONTEXT = 6;

/**
 * - two characters abbreviate two two-character words, one character of each, heads first
 *   (环境保护 → 环保): the span is four characters with the word's at 0 and 2;
 * - three or four characters keep the first and last character of the full term, and the span is
 *   at most twice as long (锂离子蓄电池 → 锂电池).
 */
function spanPattern(chars: readonly string[]): RegExp | null {
  const n = chars.length;
  if (n === 2)
    return new RegExp(
      `${escapeRegExp(chars[0]!)}\\p{Script=Han}${escapeRegExp(chars[1]!)}\\p{Script=Han}`,
      "gu",
    );
  if (n === 3 || n === 4)
    return new RegExp(chars.map(escapeRegExp).join(`\\p{Script=Han}{0,${n}}?`), "gu");
  return null;
}

export function createAbbreviations(
  texts: readonly string[],
  options: AbbreviationOptions,
): Abbreviations {
  const maxExpansions = options.maxExpansions ?? 2;
  const corpus = texts.join("\n");
  const cache = new Map<string, string[]>();
  /** True when the page's own cut has a word boundary at both ends of the span (统战部部长 ≠ 部部长). */
  const wholeWords = (start: number, end: number) => {
    const from = Math.max(0, start - CONTEXT);
    let offset = from;
    const boundaries = new Set<number>([offset]);
    for (const word of options.cut(corpus.slice(from, end + CONTEXT))) {
      offset += word.length;
      boundaries.add(offset);
    }
    return boundaries.has(start) && boundaries.has(end);
  };
  const find = (word: string): string[] => {
    const chars = Array.from(word);
    const pattern = HAN.test(word) && !NUMERAL.test(word) ? spanPattern(chars) : null;
    if (pattern === null) return [];
    const spans = new Set<string>();
    for (const m of corpus.matchAll(pattern)) {
      const length = Array.from(m[0]).length;
      if (m[0] === word || length <= chars.length || length > 2 * chars.length) continue;
      if (!wholeWords(m.index, m.index + m[0].length)) continue;
      spans.add(m[0]);
      if (spans.size > maxExpansions) return [];
    }
    return [...spans];
  };
  return {
    expansions(word) {
      let found = cache.get(word);
      if (found === undefined) {
        // A bot runs for months: the cache is bounded, and simply starts again when full.
        if (cache.size >= MAX_CACHED) cache.clear();
        found = find(word);
        cache.set(word, found);
      }
      return found;
    },
  };
}
