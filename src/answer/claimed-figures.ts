/**
 * A figure the reader offers for checking (`稿子写65人 对不对`, `我这写的17.25亿 对吗`,
 * `we have 8.4%. Right?`, `racks — confirm 99.99%`): an editor's question is "what is the figure",
 * and theirs may be wrong. As a constraint it would make every sentence that prints the right figure
 * miss it (the question would abstain, or be answered by whatever prints the wrong one), so the
 * claim is read as the question it stands for (`多少人`, `how many`) and kept aside, for the answer
 * to say whether the quote bears it out.
 *
 * The marking words live in data/claim-words.json; a figure without them (`21个技改项目`,
 * `12345热线`) stays what it was, a constraint.
 */
import type { Citation, Language } from "./types.js";
import { escapeRegExp } from "../util/escape-reg-exp.js";
import { TAKES_A_PART } from "./question.js";
import { chineseNumeralValue } from "../util/chinese-numerals.js";

export interface ClaimedFigure {
  /** As the reader wrote it, with its unit (`65人`, `17.25亿`, `8.4%`). */
  text: string;
  /** Its digits (`65`, `17.25`, `8.4`; `10,000` → `10000`): what a quote is searched for. */
  value: string;
}

export interface ClaimReading {
  /** The question with each claim read as what it asks (`到场委员 多少人`). */
  question: string;
  claims: ClaimedFigure[];
}

export interface ClaimReader {
  read(question: string, language: Language): ClaimReading;
}

interface ClaimWords {
  before: string[];
  keep: string[];
  after: string[];
}

/** Chinese also names the reader's source by its parts: `我这边` + `记` + `的是`. */
interface ChineseClaimWords extends ClaimWords {
  sources: string[];
  verbs: string[];
  suffixes: string[];
  bareSuffixes: string[];
  /** What checks a quoted draft against the report (`原文`, `准确数`): see data/claim-words.json. */
  draftChecks?: string[];
}

/** A Chinese question word: what a question still asks once a claim's clause is gone. */
const ZH_ASKS = /多少|几|哪|谁|什么|啥|何时|是否|有没有/u;

/** A question asking which session or batch (`第几次`), and a guess at it after the question. */
const ASKS_ORDINAL = /第几/u;
const GUESSED_ORDINAL =
  /[\s，,]+(第[一二三四五六七八九十百零两〇\d]+[次届批轮期个项号场天])\s*(?:吗|吧|对吧|对吗|是吗|不)?\s*[？?]*$/u;

/** A figure's multiplier words, which stay with it: `17.25亿` is one figure. */
const ZH_SCALE = "[万亿千百]*";
const EN_NUMBER = String.raw`\d[\d,]*(?:\.\d+)?`;
const EN_SCALE = String.raw`(?:\s?(?:%|percent|per cent|bn|billion|mn|million|m|k|thousand)\b|%)?`;
/** What is asked about money or a share reads as `how much`; anything counted as `how many`. */
const EN_MUCH = /%|percent|per cent|bn|billion|mn|million|yuan|RMB/iu;

/**
 * `化工那篇说的26处重大危险源里，一级的有几处`: a figure as the report gives it, of a whole a part of
 * which is asked, is no figure offered for checking.
 */
const TAKES_A_PART_HERE = new RegExp(`^${TAKES_A_PART.source}`, "u");
const wholeOfAPart = (text: string, end: number) => TAKES_A_PART_HERE.test(text.slice(end));

/**
 * A draft's figure: digits or Chinese numerals (`139`, `三百三十多`, `两百五十`), `将近`/`约` before,
 * `个` before a magnitude (`139个亿`); its unit stays in the question (and is said with the claim).
 * Not a year, a day or an ordinal (`第十四次`).
 */
// (`将近139个亿`, `约250吨`: the draft's hedge, no part of its figure)
const APPROXIMATE_WORDS = "将近|接近|大约|约|近";
const APPROXIMATELY = new RegExp(`^(?:${APPROXIMATE_WORDS})`, "u");
const DRAFT_FIGURE = new RegExp(
  String.raw`(?:${APPROXIMATE_WORDS})?(?<![\d.第])(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]{2,})(?:多|余)?(?:个(?=[万亿]))?(?![\d.年月日号])(?=([万亿]*[元吨人件项家名户次个%％]?))`,
  "gu",
);

/** A day of a month or a numbered thing (`Oct 15`, `on 23`, `No. 5`): no claim. */
const MONTH_OR_PLACE_BEFORE =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$|\b(?:on|in|since|by|of|from|to|no\.?|number|the)\s*$/iu;

const byLengthDesc = (words: readonly string[]) =>
  [...words].sort((a, b) => b.length - a.length).map(escapeRegExp);

export function createClaimReader(options: {
  zh: ChineseClaimWords;
  en: ClaimWords;
  /** The units a figure is printed in (data/question-units.json's answering units). */
  units: readonly string[];
}): ClaimReader {
  const units = byLengthDesc(options.units.filter((u) => !/^[a-z]+$/iu.test(u))).join("|");
  const zhFigure = `(\\d+(?:\\.\\d+)?${ZH_SCALE})(${units})?`;
  // A date in the reader's claim (`是3月25日吗`) asks which day, not "how many".
  const zhDate = String.raw`((?:\d{4}年)?\d{1,2}月\d{1,2}[日号])`;
  const alt = (words: readonly string[]) => `(?:${byLengthDesc(words).join("|")})`;
  const zhAfter = alt(options.zh.after);
  const { sources, verbs, suffixes, bareSuffixes } = options.zh;
  // `我这边记的是`, `稿子写`, `写成`: a bare verb needs its suffix (`写的`), lest any verb count.
  const source = `${alt(sources)}${alt(verbs)}${alt(suffixes)}?|${alt(verbs)}${alt(bareSuffixes)}|${alt(options.zh.before)}`;
  const zh = {
    before: new RegExp(`(${source})\\s*${zhFigure}(?!\\d)`, "gu"),
    keep: new RegExp(`(${alt(options.zh.keep)})\\s*${zhFigure}(?![\\d月年])`, "gu"),
    after: new RegExp(
      `(?<![\\d.月年])${zhFigure}\\s*[，,]?\\s*${zhAfter}(?=$|[\\s，,。？?！!；;])`,
      "gu",
    ),
    date: new RegExp(`(?<![\\d.])${zhDate}\\s*[，,]?\\s*${zhAfter}(?=$|[\\s，,。？?！!；;])`, "gu"),
    // `发案同比降了多少？我这写4.97%`: a claim in a clause of its own, beside a question that asks
    // already, is no second question — the clause goes.
    alone: new RegExp(
      `(^|[？?！!。，,；;\\s]+)是?(?:多少(?:${units})?|哪天)\\s*${zhAfter}?\\s*[？?]?(?=$|[？?！!。，,；;\\s])`,
      "gu",
    ),
  };
  // `稿子写` / `稿子里说` + the draft's clause + `，` + a check (`报道原文…`, `原文是这个数吗`).
  const checks = options.zh.draftChecks ?? [];
  const draft =
    checks.length === 0
      ? null
      : new RegExp(
          `^(.*?(?:${alt(sources)})(?:${alt(verbs)})(?:${alt(suffixes)})?)([^，,。？?]+)([，,]\\s*(?:报道)?(?:${alt(checks)}).*)$`,
          "u",
        );
  const enFigure = `(${EN_NUMBER}${EN_SCALE})`;
  const en = {
    before: new RegExp(
      `\\b(${byLengthDesc(options.en.before).join("|")})\\s+(?:it(?:'s| is| was)\\s+)?${enFigure}`,
      "giu",
    ),
    keep: new RegExp(
      `\\b(${byLengthDesc(options.en.keep).join("|")})\\s+(?:(?:it|that|the figure)\\s+)?(?:is\\s+|was\\s+)?${enFigure}`,
      "giu",
    ),
    // `— 169?`, `, 95?`: set off and asked about, the figure is the last thing before the question
    // mark; `8.4%. Right?`, `99.9% correct?`: followed by a word asking if it is.
    after: new RegExp(
      `(?:(?<=[—–:,-]\\s*)${enFigure}\\s*\\?+|(?<![\\w.,])${enFigure}\\s*[.,]?\\s*(?:${byLengthDesc(options.en.after).join("|")})\\b\\s*\\?*)\\s*$`,
      "iu",
    ),
  };

  const isYear = (figure: string) => /^(?:19|20)\d\d$/u.test(figure);
  const claim = (text: string): ClaimedFigure => ({
    text: text.trim(),
    value: (/\d[\d,]*(?:\.\d+)?/u.exec(text)?.[0] ?? text).replace(/,/gu, ""),
  });

  /**
   * `稿子写…一共投了将近139个亿，报道原文的准确数是多少？`: every figure of a quoted draft's clause is
   * the draft's, to be checked; each is asked for instead (`…一共投了多少亿`).
   */
  function readDraft(question: string, claims: ClaimedFigure[]): string {
    const m = draft?.exec(question);
    if (!m) return question;
    const [, head = "", said = "", rest = ""] = m;
    const read = said.replace(DRAFT_FIGURE, (figure: string, number: string, unit: string) => {
      const value = /^\d/u.test(number) ? number : String(chineseNumeralValue(number));
      claims.push({ text: figure.replace(APPROXIMATELY, "") + unit, value });
      return "多少";
    });
    return `${head}${read}${rest}`;
  }

  function readChinese(question: string): ClaimReading {
    const claims: ClaimedFigure[] = [];
    const asked = (unit: string | undefined) => `多少${unit ?? ""}`;
    let out = readDraft(question, claims).replace(
      zh.before,
      (m, _w, figure: string, unit: string | undefined, at: number, text: string) => {
        if (wholeOfAPart(text, at + m.length)) return m;
        claims.push(claim(figure + (unit ?? "")));
        return asked(unit);
      },
    );
    out = out.replace(
      zh.keep,
      (m, word: string, figure: string, unit: string | undefined, at: number, text: string) => {
        if (wholeOfAPart(text, at + m.length)) return m;
        claims.push(claim(figure + (unit ?? "")));
        return `${word}${asked(unit)}`;
      },
    );
    out = out.replace(zh.after, (m, figure: string, unit: string | undefined) => {
      // A year is left to the rules that read years.
      if (unit === "年" || (unit === undefined && isYear(figure))) return m;
      claims.push(claim(figure + (unit ?? "")));
      return asked(unit);
    });
    out = out.replace(zh.date, (_m, date: string) => {
      claims.push({ text: date, value: date });
      return "哪天";
    });
    // `…第几次全体会议精神 第九次?`: a guess at what 第几 asks, set off at the end.
    if (ASKS_ORDINAL.test(out))
      out = out.replace(GUESSED_ORDINAL, (_m, ordinal: string) => {
        claims.push({ text: ordinal, value: ordinal });
        return "";
      });
    if (claims.length === 0) return { question, claims };
    const without = out.replace(zh.alone, "").trim();
    const asks = ZH_ASKS.test(without);
    return { question: asks && without !== "" ? without : out, claims };
  }

  function readEnglish(question: string): ClaimReading {
    const claims: ClaimedFigure[] = [];
    const asked = (figure: string) => (EN_MUCH.test(figure) ? "how much" : "how many");
    let out = question.replace(en.before, (m, _w, figure: string) => {
      if (isYear(figure)) return m;
      claims.push(claim(figure));
      return asked(figure);
    });
    out = out.replace(en.keep, (m, _w, figure: string) => {
      if (isYear(figure)) return m;
      claims.push(claim(figure));
      return asked(figure);
    });
    if (claims.length === 0)
      out = out.replace(en.after, (m, set?: string, worded?: string) => {
        const figure = (set ?? worded ?? "").trim();
        // `…on Oct 15?`, `…in 2024?`: a date or a year at the end is what is asked about.
        const before = out.slice(0, out.length - m.length);
        if (isYear(figure) || MONTH_OR_PLACE_BEFORE.test(before)) return m;
        claims.push(claim(figure));
        return `${asked(figure)}?`;
      });
    return { question: claims.length > 0 ? out : question, claims };
  }

  return {
    read: (question, language) =>
      language === "zh" ? readChinese(question) : readEnglish(question),
  };
}

/** The reader over data/claim-words.json's text. */
export function parseClaimReader(text: string, units: readonly string[]): ClaimReader {
  const words = JSON.parse(text) as { zh: ChineseClaimWords; en: ClaimWords };
  return createClaimReader({ zh: words.zh, en: words.en, units });
}

/** Whether a quote prints the figure (`17.25` in `17.25亿元`, not in `117.25`). */
function printsFigure(quote: string, value: string): boolean {
  return new RegExp(`(?<![\\d.])${escapeRegExp(value)}(?![\\d]|\\.\\d)`, "u").test(quote);
}

/**
 * What the answer says of each claim: whether the quoted text prints it. Only a figure's presence
 * is asserted, never that it is the figure of what was asked — the quote is there to read.
 */
export function claimNote(
  claims: readonly ClaimedFigure[],
  citations: readonly Citation[],
  language: Language,
): string | null {
  if (claims.length === 0 || citations.length === 0) return null;
  const notes = claims.map((c) => {
    const printed = citations.some((q) => printsFigure(q.quote, c.value));
    if (language === "zh")
      return printed
        ? `核对：你给的“${c.text}”见于以上引文。`
        : `核对：以上引文中没有你给的“${c.text}”，请以引文为准。`;
    return printed
      ? `Check: your figure “${c.text}” is in the quoted text.`
      : `Check: your figure “${c.text}” is not in the quoted text; the quote is what the report prints.`;
  });
  return notes.join(language === "zh" ? "" : " ");
}
