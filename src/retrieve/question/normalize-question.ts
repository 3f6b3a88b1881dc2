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
import { chineseNumeral, chineseNumeralValue } from "../../util/chinese-numerals.js";
import { escapeRegExp } from "../../util/escape-reg-exp.js";

export interface QuestionNormalizer {
  /**
   * The question half-width and in Simplified characters, framing words kept (intent detection
   * reads them).
   */
  normalize(question: string): string;
  /**
   * Simplified characters, Cantonese words in Mandarin, full-width letters and digits half-width —
   * the reader's punctuation kept (`？`, `，`): a message read for what it asks, shown back as
   * theirs.
   */
  simplify(text: string): string;
  /** Framing words removed from already simplified text (a whole question or one part of it). */
  stripFraming(text: string): string;
  /** True for a framing word: never evidence for or against a sentence. */
  isFramingWord(word: string): boolean;
  /**
   * The text with its framing words blanked, character for character (`群里有人问：…` → `，，，，，：…`):
   * what the typo corrector may read — a slip is looked for in what is asked, not in how.
   */
  maskFraming(text: string): string;
}

type Convert = (text: string) => string;

export interface FramingWords {
  anywhere: readonly string[];
  clauseFinal: readonly string[];
}

const FRAMING_WORDS_FILE = new URL("../../../data/framing-words.txt", import.meta.url);
const TERSE_WORDS_FILE = new URL("../../../data/terse-question-words.txt", import.meta.url);
const TAIWAN_KEPT_FILE = new URL("../../../data/taiwan-phrases-kept.txt", import.meta.url);
const CANTONESE_WORDS_FILE = new URL("../../../data/cantonese-words.txt", import.meta.url);

/**
 * `data/cantonese-words.txt` as one replacement, longer words first; a word written with a final
 * `$` only at a clause's end (before punctuation, a space or the end).
 */
function parseCantoneseWords(text: string): Convert {
  const pairs = dataLines(text)
    .map((line) => line.split(/\s+/))
    .filter((p): p is [string, string] => p.length === 2 && p[0] !== "" && p[1] !== "")
    .sort((a, b) => b[0].length - a[0].length);
  if (pairs.length === 0) return (t) => t;
  const mandarin = new Map(pairs.map(([c, m]) => [c.replace(/\$$/u, ""), m]));
  const pattern = new RegExp(
    pairs
      .map(([c]) =>
        c.endsWith("$")
          ? `${escapeRegExp(c.slice(0, -1))}(?=$|[\\s？?！!。，,；;])`
          : escapeRegExp(c),
      )
      .join("|"),
    "gu",
  );
  return (t) => t.replace(pattern, (c) => mandarin.get(c) ?? c);
}

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

function createQuestionNormalizer(options: {
  toSimplified: Convert;
  framing: FramingWords;
  /** data/terse-question-words.txt's endings and what they stand for; none when absent. */
  terse?: ReadonlyArray<readonly [string, string]>;
}): QuestionNormalizer {
  const terse = [...(options.terse ?? [])].sort((a, b) => b[0].length - a[0].length);
  /**
   * `敬老月 体育展示 收官 主办单位？` asks who organised it, `破获 案件数？` how many: a question with no
   * question word that ends in a question mark stands for the one its last word's ending says.
   */
  const completeTerse = (text: string): string => {
    const m = /^(.*\p{Script=Han})\s*[？?]\s*$/u.exec(text);
    if (m === null || ASKS_ANYTHING.test(m[1]!)) return text;
    const ending = terse.find(([e]) => m[1]!.endsWith(e));
    return `${m[1]}${ending?.[1] ?? "是什么"}?`;
  };
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
    normalize: (question) =>
      completeTerse(
        fillBlanks(arabicCalendar(options.toSimplified(unspaced(question.normalize("NFKC"))))),
      ),
    // (a day typed with a dot is read as one here too: a follow-up's `那9.23那天的呢` replaces the
    // last question's day)
    simplify: (text) =>
      dottedDays(
        options.toSimplified(
          text.replace(/[０-９Ａ-Ｚａ-ｚ]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)),
        ),
      ),
    isFramingWord: (word) => framingWords.has(word),
    maskFraming: (text) => {
      const blank = (m: string) => "，".repeat(m.length);
      const masked = anywhere ? text.replace(anywhere, blank) : text;
      return final ? masked.replace(final, blank) : masked;
    },
  };
}

/**
 * `哪 篇 报道 讲 新华三 图灵小镇`: a learner who puts a space between every word or two means no
 * break by it, and `哪 篇` is `哪篇`. Only a question spaced that way throughout is joined (at least
 * three gaps between Han characters, most of its pieces a word or less): a single space still
 * stands for the comma a phone keyboard leaves out (`…几号开的 谁主持的`).
 */
function unspaced(text: string): string {
  const gaps = text.match(/\p{Script=Han}\s+(?=\p{Script=Han})/gu)?.length ?? 0;
  if (gaps < 3) return text;
  const pieces = text.split(/\s+/u).filter((p) => /\p{Script=Han}/u.test(p));
  const short = pieces.filter((p) => Array.from(p).length <= 2).length;
  if (short * 2 < pieces.length) return text;
  return text.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, "");
}

/**
 * A quiz's blank (`省下了___吨水`, `贡献率达到（ ）`) is the question word it stands for: 多少 before a
 * unit or after a verb of amount, 谁 after 由 (`由___主持`), else 什么 (`主题是___`).
 */
export function fillBlanks(text: string): string {
  return text.replace(BLANK, (_, at: number, whole: string) => {
    const after = whole.slice(at + _.length);
    const before = whole.slice(0, at);
    if (UNIT_AFTER.test(after) || AMOUNT_BEFORE.test(before)) return "多少";
    return /由\s*$/u.test(before) ? "谁" : "什么";
  });
}
// Any asking: a question word, a 吗/呢 question, or English.
const ASKS_ANYTHING =
  /多少|几|谁|哪|什么|啥|何|怎|咋|干嘛|吗|呢|么|是否|有没有|是不是|对不对|多[大高长久远重]|[A-Za-z]{2,}/u;
const BLANK = /_{2,}|\(\s*\)/gu;
// (a measure word or unit after the blank, or a verb of amount before it: the blank is a figure)
const UNIT_AFTER = /^\s*(?:[%个件家项人名户元亿万倍座场所条幅次台架天年吨米瓦度届批轮]|公里|平方)/u;
const AMOUNT_BEFORE = /(?:达到|达|增长了?|下降了?|降低了?|提高了?|占|约|共计|共)\s*$/u;

/**
 * Loads the Traditional → Simplified conversion (Taiwan phrases first — 資訊 → 信息, 軟體 → 软件 —
 * then Hong Kong characters) and the framing words. Called once at start.
 *
 * Building opencc's two converters costs ~60 ms (~150 ms on a loaded machine), paid at every start
 * although most questions are Simplified already (four in five of the evaluation sets' questions
 * hold nothing to convert). So at start only the texts the conversion replaces by something else
 * are collected from opencc's dictionaries, and the converters are built by the first question
 * holding one of them: a text holding none comes out of them unchanged (each stage replaces only
 * the dictionary texts it finds, and a stage that found none hands the next the same text).
 */
export async function loadQuestionNormalizer(): Promise<QuestionNormalizer> {
  const [OpenCC, framingText, cantoneseText, terseText, keptText] = await Promise.all([
    import("opencc-js/t2cn"),
    readFile(FRAMING_WORDS_FILE, "utf8"),
    readFile(CANTONESE_WORDS_FILE, "utf8"),
    readFile(TERSE_WORDS_FILE, "utf8"),
    readFile(TAIWAN_KEPT_FILE, "utf8"),
  ]);
  const kept = dataLines(keptText);
  // (split keeps the kept phrases at odd indexes)
  const keptPattern = new RegExp(`(${kept.map(escapeRegExp).join("|")})`, "u");
  const toMandarin = parseCantoneseWords(cantoneseText);
  const { from, to } = OpenCC.Locale;
  const replaced = replacedTexts([from.twp, from.hk, to.cn]);
  let convert: Convert | undefined;
  const toSimplified = (text: string) => {
    if (!replaced.occursIn(text)) return text;
    if (convert === undefined) {
      const taiwan = OpenCC.Converter({ from: "twp", to: "cn" });
      const hongKong = OpenCC.Converter({ from: "hk", to: "cn" });
      // Taiwan's phrases are replaced only in a Traditional text: in a Simplified one they are the
      // mainland's own words (`文件` is a document here, not Taiwan's 文档 "file"; `程序` not 进程).
      // Its words of one character (`矽` for 硅) are still read: a character is changed when the
      // whole text's conversion changes it as it changes that character alone.
      const ownCharacters = (t: string) => {
        const chars = Array.from(t);
        const whole = Array.from(hongKong(taiwan(t)));
        if (whole.length !== chars.length) return t;
        return chars
          .map((c, i) => (whole[i] !== c && hongKong(taiwan(c)) === whole[i] ? whole[i]! : c))
          .join("");
      };
      // (a phrase kept from Taiwan's conversion, `執行`, goes through Hong Kong's alone)
      const twp = (t: string) =>
        kept.length === 0
          ? taiwan(t)
          : t
              .split(keptPattern)
              .map((piece, i) => (i % 2 === 1 ? piece : taiwan(piece)))
              .join("");
      convert = (t) => (hongKong(t) === t ? ownCharacters(t) : hongKong(twp(t)));
    }
    return keepParticle(text, convert(text));
  };
  return createQuestionNormalizer({
    toSimplified: (text) => toMandarin(toSimplified(text)),
    framing: parseFramingWords(framingText),
    terse: dataLines(terseText).map((line) => {
      const [ending = "", ...asked] = line.split(/\s+/u);
      return [ending, asked.join("")] as const;
    }),
  });
}

/**
 * opencc-js's dictionary groups: each dictionary is `"from to|from to|…"` or `[from, to]` pairs.
 */
type DictionaryGroup = ReadonlyArray<ReadonlyArray<string | ReadonlyArray<readonly string[]>>>;

/**
 * Every text the dictionaries replace by another (entries that keep a phrase as it is only guard
 * it from the character-by-character pass, and change nothing), and whether a text holds one.
 */
function replacedTexts(groups: readonly DictionaryGroup[]): { occursIn(text: string): boolean } {
  const keys = new Set<string>();
  let longest = 0;
  const add = (key: string | undefined, value: string | undefined) => {
    if (key === undefined || key === "" || key === value) return;
    keys.add(key);
    longest = Math.max(longest, key.length);
  };
  for (const group of groups)
    for (const dictionaries of group)
      for (const dictionary of dictionaries) {
        if (typeof dictionary !== "string") for (const [key, value] of dictionary) add(key, value);
        else
          for (const entry of dictionary.split("|")) {
            const [key, value] = entry.split(" ");
            add(key, value);
          }
      }
  return {
    occursIn: (text) => {
      for (let start = 0; start < text.length; start++)
        for (let end = start + 1; end <= Math.min(text.length, start + longest); end++)
          if (keys.has(text.slice(start, end))) return true;
      return false;
    },
  };
}

// A month in Chinese numerals (`三月份`, `十月`), with its day (`三月二十五日`, `十月十五号`); not a
// count of months (`三个月`) nor an ordinal (`第三月`).
const CHINESE_CALENDAR_DAY =
  /(?<![一二三四五六七八九十\d个几第])(十[一二]?|[一二三四五六七八九])月份?(?:([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])([日号]))?/gu;

/**
 * A date in Chinese numerals as the pages print dates (`三月份` → `3月`, `十月十五号` → `10月15号`):
 * the pages write them in digits, and a day of the month names its report.
 */
export function arabicCalendar(text: string): string {
  return text
    .replace(
      CHINESE_CALENDAR_DAY,
      (_, month: string, day: string | undefined, unit: string | undefined) =>
        `${chineseNumeralValue(month)}月${day === undefined ? "" : `${chineseNumeralValue(day)}${unit}`}`,
    )
    .replace(DOTTED_DAY, dottedDay)
    .replace(SHORT_YEAR, "20$1年")
    .replace(DIGIT_YEAR, (_, dated: string | undefined, bare: string | undefined) =>
      Array.from(dated ?? bare ?? "", (d) => String(YEAR_DIGITS.indexOf(d) % 10)).join(""),
    )
    .replace(
      MONTH_SPAN_START,
      (_, from: string, rest: string) => `${chineseNumeralValue(from)}${rest}`,
    )
    .replace(SESSION_IN_DIGITS, (whole, n: string) => {
      const chinese = chineseNumeral(Number(n));
      return chinese === "" ? whole : `${chinese}次`;
    })
    .replace(DIGIT_ORDINAL, (whole, n: string, unit: string) => {
      const chinese = chineseNumeral(Number(n));
      return chinese === "" ? whole : `第${chinese}${unit}`;
    });
}

// An ordinal in digits (`第14次`) is written as the pages write their sessions, `第十四次` (the
// question's words then spell it both ways); its digits are no figure the answer must hold.
const DIGIT_ORDINAL = /第(\d{1,3})([次届批轮期])/gu;
// A session in digits as an editor types it (`人大常委14次会`): the pages write their sessions in
// Chinese numerals (`第十四次会议`, `人大三次会议`). (Not after 每, 开了, 办过…: `开了3次会` counts
// meetings.)
const SESSION_IN_DIGITS = /(?<![第\d.每了过开办行])(\d{1,3})次(?=会|全会|全体会)/gu;

// A day as a phone types it (`9.23那天`, `10.15热线`, `3.25省人大…`): month and day with a dot, the
// pages' `9月23日`. Not a decimal: nothing follows it that a figure is counted in (`8.5亿`,
// `7.5 吉瓦`, `3.5倍`, `1.2个百分点`), and the day is one a month has.
// Alone (`10.15 热线…`, `…那次呢 9.23?`) it is a day only where nothing runs into it (`涨了1.5`).
const DOTTED_DAY =
  /(?<![\d.．A-Za-z])(?:(?<=^|[\s，,。？?！!：:；;])|(?=\d+[.．]\d+\p{Script=Han}))(1[0-2]|[1-9])[.．](3[01]|[12]\d|[1-9])(?![\d.．%％])(?=(\s*(?:$|[^\s\d万亿千百十元角分吨克斤升米亩顷瓦度倍个项家件次人名位户座所条幅场种批期届年月天周岁台辆张本份篇栋套株头只双对吉兆千公平方%％a-zA-Z])))/gu;

const dottedDay = (_: string, month: string, day: string, next: string) =>
  /^[日号]/u.test(next) ? `${month}月${day}` : `${month}月${day}日`;

/** The days typed with a dot in a text, as the pages print days. */
function dottedDays(text: string): string {
  return text.replace(DOTTED_DAY, dottedDay);
}

// A year read out digit by digit (`二〇二三年`, `二零二四年`): the pages print `2023年`.
const YEAR_DIGITS = "〇一二三四五六七八九零";
// Four digits read one by one before 年 (`二零二四年`), or a year of this century or the last wherever
// it stands (`护苗二零二五`: the pages print 护苗2025), as a voice typist's phone spells them.
const DIGIT_YEAR =
  /([〇零一二三四五六七八九]{4})(?=年)|(?<![〇零一二三四五六七八九十百千万两])([一二][〇零九][〇零一二三四五六七八九]{2})(?![〇零一二三四五六七八九十百千万两])/gu;
// The first month of a span (`一到9月`, once `九月` is read as `9月`): the pages print `1月至9月`.
const MONTH_SPAN_START =
  /(?<![一二三四五六七八九十百千万两第])([一二三四五六七八九十]{1,2})(月?份?(?:至|到|-|—|~)\d{1,2}月)/gu;

// A year as readers shorten it (`24年开发区…`, `到25年`): the pages print `2024年`. Not a span of
// years (`20年来`, `30年间`, `10多年`), nor part of a longer number.
const SHORT_YEAR = /(?<![\d.])(2\d)年(?!来|间|内|前|后|多|左右|以上|以来|的时间|代)/gu;

/**
 * opencc reads a lone `么` as the Traditional text's `幺` ("smallest"); a reader's `么` is the
 * Simplified particle (`还有别的内容么`: Traditional writes 麼, converted to 么 all the same).
 */
function keepParticle(before: string, after: string): string {
  if (!before.includes("么")) return after;
  const was = Array.from(before);
  const now = Array.from(after);
  return was.length === now.length
    ? now.map((c, i) => (was[i] === "么" ? "么" : c)).join("")
    : after;
}
