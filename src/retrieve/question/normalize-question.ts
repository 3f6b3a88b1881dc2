/**
 * A question as the rest of the pipeline should read it. Readers write in Traditional characters
 * (Taiwan and Hong Kong phrasing included), type full-width digits, and wrap the question in
 * framing words (请问, 告诉我, 报道里) that say nothing about what is asked; left alone, each of
 * these is a word the pages never print and so counts as evidence against every sentence.
 *
 * Only the question is converted: quotes stay verbatim as the page prints them.
 */
import { dataLines } from "../../util/data-lines.js";
import { readFile } from "node:fs/promises";

export interface QuestionNormalizer {
  /**
   * The question half-width and in Simplified characters, framing words kept (intent detection
   * reads them).
   */
  normalize(question: string): string;
  /** Framing words removed from already simplified text (a whole question or one part of it). */
  stripFraming(text: string): string;
  /** True for a framing word: never evidence for or against a sentence. */
  isFramingWord(word: string): boolean;
}

type Convert = (text: string) => string;

export interface FramingWords {
  anywhere: readonly string[];
  clauseFinal: readonly string[];
}

const FRAMING_WORDS_FILE = new URL("../../../data/framing-words.txt", import.meta.url);

function parseFramingWords(text: string): FramingWords {
  const lines = dataLines(text);
  const byLength = (a: string, b: string) => b.length - a.length;
  return {
    anywhere: lines.filter((l) => !l.startsWith("$")).sort(byLength),
    clauseFinal: lines
      .filter((l) => l.startsWith("$"))
      .map((l) => l.slice(1))
      .sort(byLength),
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function createQuestionNormalizer(options: {
  toSimplified: Convert;
  framing: FramingWords;
}): QuestionNormalizer {
  const anywhere =
    options.framing.anywhere.length > 0
      ? new RegExp(options.framing.anywhere.map(escapeRegExp).join("|"), "gu")
      : null;
  const final =
    options.framing.clauseFinal.length > 0
      ? new RegExp(
          `(?:${options.framing.clauseFinal.map(escapeRegExp).join("|")})+(?=[\\s，,。？?！!；;、]|$)`,
          "gu",
        )
      : null;
  const stripFraming = (text: string) => {
    let out = anywhere ? text.replace(anywhere, "") : text;
    out = final ? out.replace(final, "") : out;
    // Framing words can leave a clause empty or punctuation doubled (`请问，…`): tidy, never invent.
    out = out
      .replace(/^[\s，,、：:]+/u, "")
      .replace(/[，,、]{2,}/gu, "，")
      .trim();
    // A question that was nothing but framing keeps its words: better weak evidence than none.
    return /[\p{L}\p{N}]/u.test(out) ? out : text;
  };
  const framingWords = new Set([...options.framing.anywhere, ...options.framing.clauseFinal]);
  return {
    stripFraming,
    normalize: (question) => options.toSimplified(question.normalize("NFKC")),
    isFramingWord: (word) => framingWords.has(word),
  };
}

/**
 * Loads the Traditional → Simplified conversion (Taiwan phrases first — 資訊 → 信息, 軟體 → 软件 —
 * then Hong Kong characters) and the framing words. Called once at start.
 *
 * Building opencc's two converters costs ~60 ms (~150 ms on a loaded machine), paid at every start
 * although most questions are Simplified already. So at start only the characters a conversion can
 * begin with are collected from opencc's dictionaries (~5 ms), and the converters are built by the
 * first question holding one of them. Checked against the converters over every code point, after
 * NFKC as `normalize` applies it: no other character is ever changed.
 */
export async function loadQuestionNormalizer(): Promise<QuestionNormalizer> {
  const [OpenCC, framingText] = await Promise.all([
    import("opencc-js/t2cn"),
    readFile(FRAMING_WORDS_FILE, "utf8"),
  ]);
  const { from, to } = OpenCC.Locale;
  const starts = conversionStarts([from.twp, from.hk, to.cn]);
  let convert: Convert | undefined;
  const toSimplified = (text: string) => {
    if (!Array.from(text).some((c) => starts.has(c))) return text;
    if (convert === undefined) {
      const taiwan = OpenCC.Converter({ from: "twp", to: "cn" });
      const hongKong = OpenCC.Converter({ from: "hk", to: "cn" });
      convert = (t) => hongKong(taiwan(t));
    }
    return convert(text);
  };
  return createQuestionNormalizer({ toSimplified, framing: parseFramingWords(framingText) });
}

/**
 * opencc-js's dictionary groups: each dictionary is `"from to|from to|…"` or `[from, to]` pairs.
 */
type DictionaryGroup = ReadonlyArray<ReadonlyArray<string | ReadonlyArray<readonly string[]>>>;

/** The first character of every text any of the dictionaries replaces. */
function conversionStarts(groups: readonly DictionaryGroup[]): Set<string> {
  const starts = new Set<string>();
  const add = (key: string | undefined) => {
    const first = key === undefined ? undefined : String.fromCodePoint(key.codePointAt(0) ?? 0);
    if (first !== undefined && first !== "\0") starts.add(first);
  };
  for (const group of groups)
    for (const dictionaries of group)
      for (const dictionary of dictionaries) {
        if (typeof dictionary === "string") for (const entry of dictionary.split("|")) add(entry);
        else for (const [key] of dictionary) add(key);
      }
  return starts;
}
