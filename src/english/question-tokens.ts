/**
 * A question as the translation passes see it: tokens (words, numbers, Han text) with what their
 * position says (sentence start, punctuation before), and the matches the passes claim them with.
 */
import { normalizeWords } from "./word-forms.js";

/** One word, number or run of Han characters of a question. */
export interface Token {
  /** As written (`Jianping`, `8.5`, `西宁蓝`). */
  text: string;
  kind: "word" | "number" | "han";
  /**
   * Normalised: lower case without possessive for words, without thousands separators for numbers.
   */
  norm: string;
  /** Ordinal suffix or percent sign that followed a number (`25th`, `34.4%`). */
  suffix: string;
  /** The first word of a sentence: its capital says nothing about being a name. */
  sentenceStart: boolean;
  /** Punctuation stands between this token and the previous one (`Wu Xiaojun, Luo Dongchuan`). */
  afterPunctuation: boolean;
  /** A number written with thousands separators (`10,000`). */
  grouped: boolean;
}

/**
 * A number with its `%` or ordinal suffix, a word (apostrophes inside), Han text, a sentence stop,
 * other punctuation.
 */
// A letter and a digit (`Q1`, `H2`: a quarter, a half-year) are one word; `PM2.5` is not. Letters
// round a digit (`H3C`, `B2B`) are a name, not a number with a unit (`3 C`, three degrees).
const TOKEN =
  /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(%|st\b|nd\b|rd\b|th\b)?|((?:[A-Za-z]+\d+[A-Za-z][A-Za-z\d]*)|(?:[A-Za-z]\d(?![\d.]))|[A-Za-z]+(?:['’][A-Za-z]+)*)|(\p{Script=Han}+)|([.!?;:])|([,()"“”/])/gu;

/** The question's tokens, in order; punctuation is not a token but marks the next one. */
export function tokenizeQuestion(question: string): Token[] {
  const tokens: Token[] = [];
  let sentenceStart = true;
  let afterPunctuation = false;
  for (const match of question.normalize("NFKC").matchAll(TOKEN)) {
    const [, number, suffix, word, han, stop] = match;
    const position = { sentenceStart, afterPunctuation, suffix: "", grouped: false };
    if (number !== undefined) {
      const norm = number.replace(/,/g, "");
      tokens.push({
        ...position,
        text: match[0],
        kind: "number",
        norm,
        suffix: suffix ?? "",
        grouped: number.includes(","),
      });
    } else if (word !== undefined) {
      tokens.push({ ...position, text: word, kind: "word", norm: normalizeWords(word).join("") });
    } else if (han !== undefined) {
      tokens.push({ ...position, text: han, kind: "han", norm: han });
    } else {
      if (stop !== undefined) sentenceStart = true;
      afterPunctuation = true;
      continue;
    }
    sentenceStart = false;
    afterPunctuation = false;
  }
  return tokens;
}

/** One translated stretch of the question: tokens `start..end` (inclusive). */
export interface Match {
  start: number;
  end: number;
  english: string;
  chinese: string[];
  /**
   * Words, phrases and names can form compounds with their neighbours; numbers and dates cannot.
   */
  composable: boolean;
  /**
   * What a compound may be built from, when more than `chinese` (the pages' single characters too).
   */
  joinable?: string[];
}

/** How a pass takes tokens `start..end` (inclusive) for a translation; later passes skip them. */
export type Claim = (
  start: number,
  end: number,
  english: string,
  chinese: readonly string[],
  composable: boolean,
  joinable?: readonly string[],
) => void;

/** Tokens `start..end` (inclusive) as written, for {@link Match.english}. */
export function englishOf(tokens: readonly Token[], start: number, end: number): string {
  return tokens
    .slice(start, end + 1)
    .map((token) => token.text)
    .join(" ");
}
