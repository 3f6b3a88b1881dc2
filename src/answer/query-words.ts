import { properNouns, tokenize } from "../index/chinese-tokenizer.js";
import { termIdf, type KeywordIndexData } from "../index/keyword-index.js";
import type { EnglishQueryTranslation } from "../retrieve/english-query.js";

/** One thing the question asks about, as the words that may stand for it in the pages. */
export interface QueryWord {
  /** Spellings that count as finding it: one Chinese word, or an English word's translations. */
  alternatives: string[];
  /** How rare it is among the passages: rare words are stronger evidence. */
  weight: number;
  /** A figure, a Latin word or a name: when an article lacks it, that article does not answer. */
  specific: boolean;
}

// Question words say what is asked, not what about: they are never evidence (哪天, 几个, 第几轮).
const QUESTION_WORD = /^(几|哪|第几|多少|多大|多高|多长|多久|什么|怎|谁|由谁|是否|有没有|请问|百分之几|时候|那天|这次|吗|呢|由)/u;

function rarest(keyword: KeywordIndexData): number {
  // A word no passage holds is as informative as the rarest one: its absence is evidence against.
  return Math.log(1 + (keyword.bm25.documentCount - 1 + 0.5) / 1.5);
}

function weightOf(keyword: KeywordIndexData, alternatives: readonly string[]): number {
  const known = alternatives.map((a) => termIdf(keyword, `w:${a}`) || termIdf(keyword, `n:${a}`)).filter((x) => x > 0);
  return known.length > 0 ? Math.max(...known) : rarest(keyword);
}

/**
 * A Chinese question's words: jieba's longest words (its shorter sub-words would count a phrase
 * several times) and its bare numbers.
 */
export function chineseQueryWords(question: string, keyword: KeywordIndexData): QueryWord[] {
  const terms = tokenize(question);
  const words = [...new Set(terms.filter((t) => t.startsWith("w:")).map((t) => t.slice(2)))].filter((w) => !QUESTION_WORD.test(w));
  const longest = words.filter((w) => !words.some((other) => other !== w && other.includes(w)));
  const numbers = [...new Set(terms.filter((t) => /^n:\d+(\.\d+)?%?$/.test(t)).map((t) => t.slice(2)))];
  const names = new Set(properNouns(question));
  return [
    ...longest.map((w) => ({ alternatives: [w], weight: weightOf(keyword, [w]), specific: /^[a-z]{2,}$/.test(w) || names.has(w) })),
    ...numbers.map((n) => ({ alternatives: [n], weight: weightOf(keyword, [n]), specific: true })),
  ];
}

/**
 * An English question's words: each English content word with every Chinese translation of the
 * phrases it is part of (`party` → 党组, 市政府党组, 党组会议…), so one word counts once however
 * many phrases cover it. An untranslated word counts as missing evidence (only half, as it may be a
 * spelling the dictionary lacks); a capitalised name or acronym whose translation the pages never
 * mention (`Haidong` → 海东市, `GDP`) marks the question as about something else.
 */
export function englishQueryWords(question: string, translation: EnglishQueryTranslation, keyword: KeywordIndexData, isKnownTerm: (zh: string) => boolean): QueryWord[] {
  const tokens = (text: string) => text.match(/[A-Za-z0-9][A-Za-z0-9.'%-]*/g) ?? [];
  const firstWord = tokens(question)[0];
  const words = new Map<string, Set<string>>();
  for (const { english, chinese } of translation.matched) {
    for (const token of tokens(english)) {
      const set = words.get(token) ?? new Set<string>();
      chinese.forEach((c) => set.add(c));
      words.set(token, set);
    }
  }
  const result: QueryWord[] = [...words].map(([token, set]) => {
    const alternatives = [...set];
    const named = token !== firstWord && /^[A-Z]/.test(token);
    const figure = /^\d/.test(token);
    return { alternatives, weight: weightOf(keyword, alternatives), specific: (named || figure) && !alternatives.some(isKnownTerm) };
  });
  for (const word of translation.unknown) {
    result.push({ alternatives: [word.toLowerCase()], weight: 0.5 * rarest(keyword), specific: false });
  }
  return result;
}
