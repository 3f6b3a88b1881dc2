import { normalizeForSearch, properNouns, tokenize } from "../index/chinese-tokenizer.js";
import { termIdf, type KeywordIndexData } from "../index/keyword-index.js";
import type { EnglishQueryTranslation } from "../retrieve/english-query.js";
import type { QuestionLexicon, WeakerWord } from "./question-lexicon.js";

export type { WeakerWord } from "./question-lexicon.js";

/**
 * Where a word must be found for a sentence to answer the question:
 * - `none`: a vote — the more of the question's words a sentence holds, the better;
 * - `article`: a name (person, place, organisation, a Latin word, a topic the pages never mention):
 *   an article without it is about something else;
 * - `near`: a figure, year, ordinal or restricting modifier (`2023`, `第三次`, `全省`, `进口`): the
 *   answer sentence, its headline, its lead or the sentence before it must hold it, or the sentence
 *   answers a neighbouring question.
 */
export type Requirement = "none" | "article" | "near";

/** One thing the question asks about, as the words that may stand for it in the pages. */
export interface QueryWord {
  /** Spellings that count as finding it: one Chinese word (and its aliases), or an English word's translations. */
  alternatives: string[];
  /** Synonyms the pages use, counted at their credit; never enough to meet a requirement. */
  weaker: WeakerWord[];
  /** How much finding it counts: rare in the pages and in Chinese at large is strong evidence. */
  weight: number;
  required: Requirement;
}

// Question words say what is asked, not what about: they are never evidence (哪天, 几个, 第几轮).
// `叫什么名字` asks for a name: 名字 says what is asked, not what about.
const QUESTION_WORD = /^(几|哪|第几|多少|多大|多高|多长|多久|什么|怎|谁|由谁|是否|有没有|请问|百分之几|时候|那天|这次|吗|呢|由|名字|名称|叫什么)/u;

/**
 * General-language weighting: jieba's idf of a word (≈3.5 for 公司, ≈6 for 名字, ≈8.5 for 多晶硅)
 * mapped onto a factor. At or below COMMON_IDF a word is what anybody says about anything, and
 * counts at MIN_GENERAL_FACTOR; from SPECIFIC_IDF on it counts fully.
 */
const COMMON_IDF = 3.5;
const SPECIFIC_IDF = 7;
const MIN_GENERAL_FACTOR = 0.4;
/** A word jieba's table lacks is rare in general (a name, a term of art, an OCR form). */
const UNKNOWN_IDF = SPECIFIC_IDF;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
export const generalFactor = (idf: number | null) => clamp(((idf ?? UNKNOWN_IDF) - COMMON_IDF) / (SPECIFIC_IDF - COMMON_IDF), MIN_GENERAL_FACTOR, 1);

function rarest(keyword: KeywordIndexData): number {
  // A word no passage holds is as informative as the rarest one: its absence is evidence against.
  return Math.log(1 + (keyword.bm25.documentCount - 1 + 0.5) / 1.5);
}

function pageIdf(keyword: KeywordIndexData, word: string): number {
  return termIdf(keyword, `w:${word}`) || termIdf(keyword, `n:${word}`);
}

function weightOf(keyword: KeywordIndexData, alternatives: readonly string[]): number {
  const known = alternatives.map((a) => pageIdf(keyword, a)).filter((x) => x > 0);
  return known.length > 0 ? Math.max(...known) : rarest(keyword);
}

/**
 * Ordinals (`第十四次`, `第2批`, `十三届三次`): which session or batch is asked about. Without 第,
 * only the 届…次 pair: a bare `三次` is more often "three times".
 */
const ORDINAL = /第[一二三四五六七八九十百零两〇\d]+[次届批轮期个项号场天]|[一二三四五六七八九十百零两〇\d]+届[一二三四五六七八九十百零两〇\d]+次/gu;

/** True when some 2+-character head or tail of the word is a page word (`出口额` → `出口`). */
function partlyInPages(word: string, keyword: KeywordIndexData): boolean {
  const chars = Array.from(word);
  for (let n = chars.length - 1; n >= 2; n--) {
    if (pageIdf(keyword, chars.slice(0, n).join("")) > 0 || pageIdf(keyword, chars.slice(-n).join("")) > 0) return true;
  }
  return false;
}

/**
 * A Chinese question's words: jieba's longest words (its shorter sub-words would count a phrase
 * several times), its bare numbers and its ordinals, each weighed by how rare it is in the pages and
 * in Chinese at large, with the synonyms the pages use, and with what must be found for a sentence
 * to answer (see {@link Requirement}).
 */
export function chineseQueryWords(question: string, keyword: KeywordIndexData, lexicon: QuestionLexicon): QueryWord[] {
  const terms = tokenize(question);
  const words = [...new Set(terms.filter((t) => t.startsWith("w:")).map((t) => t.slice(2)))].filter((w) => !QUESTION_WORD.test(w) && !lexicon.isFramingWord(w));
  const longest = words.filter((w) => !words.some((other) => other !== w && other.includes(w)));
  const numbers = [...new Set(terms.filter((t) => /^n:\d+(\.\d+)?%?$/.test(t)).map((t) => t.slice(2)))];
  // The numbers of a day (`10月15日`) name the report, which prints its date once, in the lead.
  const dayNumbers = new Set([...normalizeForSearch(question).matchAll(/(\d{1,2})月(\d{1,2})[日号]?/gu)].flatMap((m) => [m[1]!, m[2]!]));
  const names = new Set(properNouns(question));
  const ordinals = [...new Set(normalizeForSearch(question).match(ORDINAL) ?? [])];

  const result: QueryWord[] = [];
  for (const w of longest) {
    if (ordinals.some((o) => o.includes(w) || w.includes(o))) continue;
    const general = generalFactor(lexicon.general.idf(w));
    const latin = /^[a-z]{2,}$/.test(w);
    const aliases = lexicon.aliases(w);
    const alternatives = [w, ...aliases.filter((a) => pageIdf(keyword, a) > 0)];
    const inPages = alternatives.some((a) => pageIdf(keyword, a) > 0) || partlyInPages(w, keyword);
    if (names.has(w) || latin) {
      // A name counts fully however common its characters: 西宁 is what the question is about.
      result.push({ alternatives, weaker: [], weight: weightOf(keyword, alternatives), required: "article" });
      continue;
    }
    const required: Requirement = lexicon.isRestrictiveModifier(w) ? "near" : "none";
    if (inPages) {
      result.push({ alternatives, weaker: [], weight: weightOf(keyword, alternatives) * general, required });
      continue;
    }
    const weaker = lexicon.synonyms(w).filter((s) => pageIdf(keyword, s.word) > 0);
    if (weaker.length > 0) {
      result.push({ alternatives, weaker, weight: weightOf(keyword, weaker.map((s) => s.word)) * general, required });
      continue;
    }
    // A word the pages never print, with no synonym they do: evidence against every sentence, as
    // strong as the word is rare in Chinese at large (`粮食` weighs more than a colloquial `弄`).
    result.push({ alternatives, weaker: [], weight: rarest(keyword) * general, required });
  }
  // A restricting word inside a longer word (`出口` of `出口额`, `全省` of `全省的`) still restricts.
  const covered = new Set(result.flatMap((w) => w.alternatives));
  for (const m of lexicon.restrictiveModifiersIn(normalizeForSearch(question))) {
    if (!covered.has(m)) result.push({ alternatives: [m], weaker: [], weight: 0, required: "near" });
  }
  for (const n of numbers) result.push({ alternatives: [n], weaker: [], weight: weightOf(keyword, [n]), required: dayNumbers.has(n) ? "article" : "near" });
  for (const o of ordinals) result.push({ alternatives: ordinalSpellings(o), weaker: [], weight: rarest(keyword), required: "near" });
  return result;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** `第十四次` and `第14次`: the pages print both styles. */
function ordinalSpellings(ordinal: string): string[] {
  if (!ordinal.startsWith("第")) return [ordinal];
  const inner = ordinal.slice(1, -1);
  const unit = ordinal.slice(-1);
  if (/^\d+$/.test(inner)) return [ordinal];
  let value = 0;
  let current = 0;
  for (const ch of inner) {
    if (ch === "十") value += (current || 1) * 10, (current = 0);
    else if (ch === "百") value += (current || 1) * 100, (current = 0);
    else current = DIGITS[ch] ?? 0;
  }
  value += current;
  return value > 0 ? [ordinal, `第${value}${unit}`] : [ordinal];
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
    const specific = (named || figure) && !alternatives.some(isKnownTerm);
    return { alternatives, weaker: [], weight: weightOf(keyword, alternatives), required: specific ? "article" : "none" };
  });
  for (const word of translation.unknown) {
    result.push({ alternatives: [word.toLowerCase()], weaker: [], weight: 0.5 * rarest(keyword), required: "none" });
  }
  return result;
}
