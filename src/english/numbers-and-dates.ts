/**
 * Numbers, magnitudes, units and dates, rewritten the way the pages write them: `850 million yuan`
 * → `8.5亿`, `8.5亿元`; `March 25` → `3月25日`. Read before the words, so that `March` and `million`
 * are not translated as words.
 */
import { readFile } from "node:fs/promises";
import * as z from "zod";
import { englishOf } from "./question-tokens.js";
import type { Claim, Token } from "./question-tokens.js";

/** The number words, month names, ordinals, magnitudes and units of `data/english-numbers.json`. */
export interface NumberWords {
  months: ReadonlyMap<string, number>;
  numberWords: ReadonlyMap<string, number>;
  ordinalWords: ReadonlyMap<string, number>;
  ordinalMeasures: ReadonlyMap<string, readonly string[]>;
  /** Measures printed after the bare numeral, without 第 (十四届, 十八大, 75周年, 三次会议). */
  ordinalUnprefixed: ReadonlySet<string>;
  /** Words that turn `three years` into a span back from now (`past`, `last`). */
  recentSpans: ReadonlySet<string>;
  /** The unit of such a span as the pages print it (`years` → 年). */
  spanUnits: ReadonlyMap<string, string>;
  magnitudes: ReadonlyMap<string, number>;
  /** Value → its spelling in characters (`1e11` → 千亿). */
  roundMagnitudes: ReadonlyMap<number, string>;
  units: ReadonlyMap<string, readonly string[]>;
}

export const NUMBERS_FILE = new URL("../../data/english-numbers.json", import.meta.url);

const NUMBERS_SCHEMA = z.object({
  months: z.record(z.string(), z.number().int().min(1).max(12)),
  numberWords: z.record(z.string(), z.number()),
  ordinalWords: z.record(z.string(), z.number().int().positive()),
  ordinalMeasures: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  ordinalUnprefixed: z.array(z.string().min(1)),
  recentSpans: z.record(z.string(), z.literal(true)),
  spanUnits: z.record(z.string(), z.string().min(1)),
  magnitudes: z.record(z.string(), z.number().positive()),
  roundMagnitudes: z.record(z.string().regex(/^1e\d+$/), z.string().min(1)),
  units: z.record(z.string(), z.array(z.string().min(1)).min(1)),
});

/**
 * Reads the number words; rejects, saying what is wrong, when the file (which ships with the
 * project) is malformed.
 */
export async function loadNumberWords(file: URL | string = NUMBERS_FILE): Promise<NumberWords> {
  const parsed = NUMBERS_SCHEMA.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success)
    throw new Error(
      `${String(file)}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  const data = parsed.data;
  const map = <T>(record: Record<string, T>) => new Map(Object.entries(record));
  return {
    months: map(data.months),
    numberWords: map(data.numberWords),
    ordinalWords: map(data.ordinalWords),
    ordinalMeasures: map(data.ordinalMeasures),
    ordinalUnprefixed: new Set(data.ordinalUnprefixed),
    recentSpans: new Set(Object.keys(data.recentSpans)),
    spanUnits: map(data.spanUnits),
    magnitudes: map(data.magnitudes),
    roundMagnitudes: new Map(
      Object.entries(data.roundMagnitudes).map(([value, chars]) => [Number(value), chars]),
    ),
    units: map(data.units),
  };
}

/**
 * A number as the pages write it: `1e10` → `100亿`, `8.5e8` → `8.5亿`, `1.2e6` → `120万`, `5000` →
 * `5000`.
 */
function chineseNumber(value: number): string {
  const plain = (x: number): string => String(Number(x.toPrecision(12)));
  if (value >= 1e8) return `${plain(value / 1e8)}亿`;
  if (value >= 1e4) return `${plain(value / 1e4)}万`;
  return plain(value);
}

const DIGITS = "零一二三四五六七八九";

/**
 * A whole number below 100 in characters, as ordinals are printed (`14` → 十四, `20` → 二十); larger
 * ones in digits.
 */
function chineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 100) return String(value);
  if (value < 10) return DIGITS[value] ?? String(value);
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones === 0 ? "" : DIGITS[ones]}`;
}

/**
 * Claims the dates (`March 25th, 2025`, `the 25th of March`, `in March`) and quantities (`34.4%`,
 * `ten thousand tons`, `8.5 billion yuan`) of a question. Numbers written as words count only
 * before a magnitude; a bare number word says nothing worth searching for.
 */
export function readNumbers(
  tokens: readonly Token[],
  used: readonly boolean[],
  claim: Claim,
  words: NumberWords,
): void {
  const {
    months,
    numberWords,
    ordinalWords,
    ordinalMeasures,
    ordinalUnprefixed,
    recentSpans,
    spanUnits,
    magnitudes,
    roundMagnitudes,
    units: unitWords,
  } = words;
  const dayAt = (i: number): number | undefined => {
    const token = tokens[i];
    if (token?.kind !== "number" || !/^\d{1,2}$/.test(token.norm) || token.suffix === "%")
      return undefined;
    const day = Number(token.norm);
    return day >= 1 && day <= 31 ? day : undefined;
  };
  const yearAt = (i: number): number | undefined => {
    const token = tokens[i];
    return token?.kind === "number" && /^(?:19|20)\d\d$/.test(token.norm) && token.suffix === ""
      ? Number(token.norm)
      : undefined;
  };
  /**
   * `tenth`, `14th`, `twenty-first` (the hyphen reads as a space): the value and the last token.
   */
  const ordinalAt = (i: number): { value: number; end: number } | undefined => {
    const token = tokens[i];
    if (token === undefined || used[i]) return undefined;
    if (token.kind === "number")
      return /^(?:st|nd|rd|th)$/.test(token.suffix) && /^\d+$/.test(token.norm)
        ? { value: Number(token.norm), end: i }
        : undefined;
    if (token.kind !== "word") return undefined;
    const value = ordinalWords.get(token.norm);
    if (value !== undefined) return { value, end: i };
    const tens = numberWords.get(token.norm);
    const ones = ordinalWords.get(tokens[i + 1]?.norm ?? "");
    return tens !== undefined && tens >= 20 && tens % 10 === 0 && ones !== undefined && ones < 10
      ? { value: tens + ones, end: i + 1 }
      : undefined;
  };
  // `in Nov`, `since Oct`: a capitalised abbreviation after one of these is a month.
  const MONTH_PREPOSITIONS = new Set(["in", "since", "during", "until", "till", "by", "from"]);
  const monthAt = (i: number): number | undefined => {
    const token = tokens[i];
    return token?.kind === "word" && !used[i] ? months.get(token.norm) : undefined;
  };
  /** `three years`, `5 months` at token i: a whole count above one and its unit, both unclaimed. */
  const spanAt = (i: number): { value: number; unit: string } | undefined => {
    const count = tokens[i];
    const value =
      count?.kind === "number" ? Number(count.norm) : numberWords.get(count?.norm ?? "");
    const unit = spanUnits.get(tokens[i + 1]?.norm ?? "");
    return value !== undefined &&
      Number.isInteger(value) &&
      value > 1 &&
      unit !== undefined &&
      !used[i] &&
      !used[i + 1]
      ? { value, unit }
      : undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const token = tokens[i];
    if (token === undefined) continue;

    // `March 25`, `March 25th, 2025`, `Sept. 23`.
    const month = monthAt(i);
    if (month !== undefined) {
      const day = dayAt(i + 1);
      if (day !== undefined) {
        const year = yearAt(i + 2);
        const end = year === undefined ? i + 1 : i + 2;
        claim(
          i,
          end,
          englishOf(tokens, i, end),
          year === undefined ? [`${month}月${day}日`] : [`${month}月${day}日`, `${year}年`],
          false,
        );
        i = end;
        continue;
      }
      // A month on its own only when capitalised (`in March`), never `may`/`march` as verbs; its
      // three-letter abbreviation only in a range of months (`Jan–Oct`, `Jan to Oct`).
      const inRange =
        [i - 2, i - 1, i + 1, i + 2].some(
          (j) => j !== i && tokens[j]?.kind === "word" && months.has(tokens[j]!.norm),
        ) || MONTH_PREPOSITIONS.has(tokens[i - 1]?.norm ?? "");
      if (token.norm !== "may" && /^[A-Z]/.test(token.text) && (token.norm.length > 3 || inRange)) {
        const year = yearAt(i + 1);
        const end = year === undefined ? i : i + 1;
        claim(
          i,
          end,
          englishOf(tokens, i, end),
          year === undefined ? [`${month}月`] : [`${year}年${month}月`, `${month}月`],
          false,
        );
        i = end;
        continue;
      }
    }

    // `25 March`, `the 25th of March`.
    const day = dayAt(i);
    if (day !== undefined) {
      const ofMonth = tokens[i + 1]?.norm === "of" ? i + 2 : i + 1;
      const dayMonth = monthAt(ofMonth);
      if (dayMonth !== undefined) {
        claim(i, ofMonth, englishOf(tokens, i, ofMonth), [`${dayMonth}月${day}日`], false);
        i = ofMonth;
        continue;
      }
    }

    // A span back from now: `the past three years` → 近三年 (and 近3年).
    const recent = token.kind === "word" && recentSpans.has(token.norm) ? spanAt(i + 1) : undefined;
    if (recent !== undefined) {
      const { value, unit } = recent;
      claim(
        i,
        i + 2,
        englishOf(tokens, i, i + 2),
        [...new Set([`近${chineseNumeral(value)}${unit}`, `近${value}${unit}`])],
        false,
      );
      i += 2;
      continue;
    }

    // A span of time as a count (`a three-year campaign`, `within five years`) → 三年 (and 3年).
    const span = token.kind === "word" || token.kind === "number" ? spanAt(i) : undefined;
    if (span !== undefined && span.value <= 10) {
      const { value, unit } = span;
      claim(
        i,
        i + 1,
        englishOf(tokens, i, i + 1),
        [...new Set([`${value === 2 ? "两" : chineseNumeral(value)}${unit}`, `${value}${unit}`])],
        false,
      );
      i += 1;
      continue;
    }

    // An ordinal and the noun it counts, as the pages print them: `the tenth session` → 第十次,
    // `the 14th session` → 第十四次 or 十四届 (English says session for both), `first plenary` →
    // 第一次. A word ordinal without such a noun (`first`, `second`) says nothing to search for.
    // `the 18th Party Congress` → 十八大: a two-word noun before a one-word one.
    const ordinal = ordinalAt(i);
    if (ordinal !== undefined) {
      const numeral = chineseNumeral(ordinal.value);
      const pair = `${tokens[ordinal.end + 1]?.norm ?? ""} ${tokens[ordinal.end + 2]?.norm ?? ""}`;
      const counted = ordinalMeasures.has(pair) ? 2 : 1;
      const measures = ordinalMeasures.get(
        counted === 2 ? pair : (tokens[ordinal.end + 1]?.norm ?? ""),
      );
      if (measures !== undefined) {
        // Some are printed without 第 (`ordinalUnprefixed`): 十四届, 十八大, 75周年, and a
        // congress's session as 三次会议; the first batch or term is also 首批, 首届 (not 首次,
        // which says "for the first time").
        const forms = measures.flatMap((m) => [
          ...(ordinalUnprefixed.has(m)
            ? [`${numeral}${m}`, `${ordinal.value}${m}`]
            : [`第${numeral}${m}`, `第${ordinal.value}${m}`]),
          ...(ordinal.value === 1 && (m === "批" || m === "届") ? [`首${m}`] : []),
        ]);
        const end = ordinal.end + counted;
        claim(i, end, englishOf(tokens, i, end), [...new Set(forms)], false);
        i = end;
      } else if (token.kind === "number") {
        claim(
          i,
          ordinal.end,
          englishOf(tokens, i, ordinal.end),
          [`第${numeral}`, `${numeral}届`],
          false,
        );
        i = ordinal.end;
      }
      continue;
    }

    // A number (digits, or words like `ten` / `a` before a magnitude), magnitudes, a unit.
    let value: number | undefined;
    let end = i;
    let original = token.norm;
    if (token.kind === "number") {
      value = Number(token.norm);
    } else if (token.kind === "word" && numberWords.has(token.norm)) {
      value = numberWords.get(token.norm);
      const ones =
        tokens[i + 1]?.kind === "word" ? numberWords.get(tokens[i + 1]?.norm ?? "") : undefined;
      if (
        value !== undefined &&
        value >= 20 &&
        value % 10 === 0 &&
        ones !== undefined &&
        ones < 10 &&
        tokens[i + 1]?.norm !== "a"
      ) {
        value += ones;
        end = i + 1;
      }
      // Number words need a magnitude to mean a quantity worth searching for.
      if (!magnitudes.has(tokens[end + 1]?.norm ?? "")) continue;
      original = "";
    } else {
      continue;
    }
    if (value === undefined || !Number.isFinite(value)) continue;

    let magnitude = 1;
    while (tokens[end + 1]?.kind === "word" && magnitudes.has(tokens[end + 1]?.norm ?? "")) {
      magnitude *= magnitudes.get(tokens[end + 1]?.norm ?? "") ?? 1;
      end++;
    }
    let units: readonly string[] = token.suffix === "%" ? ["%"] : [];
    const unitToken = tokens[end + 1];
    if (units.length === 0 && unitToken?.kind === "word" && unitWords.has(unitToken.norm)) {
      units = unitWords.get(unitToken.norm) ?? [];
      end++;
    } else if (
      units.length === 0 &&
      unitToken?.norm === "per" &&
      tokens[end + 2]?.norm === "cent"
    ) {
      units = ["%"];
      end += 2;
    }

    const chinese: string[] = [];
    if (magnitude > 1) {
      chinese.push(chineseNumber(value * magnitude));
    } else {
      chinese.push(original);
      // `10,000 tons`: the pages write large round numbers with 万/亿.
      if (token.grouped && value >= 1e4) {
        const short = chineseNumber(value);
        if (/^\d+(?:\.\d{1,2})?[万亿]$/.test(short)) chinese.push(short);
      }
    }
    // A round figure also in characters (千亿, 万): searched alone only when more than one character,
    // since 万 or 亿 alone is in nearly every figure of the pages; with its unit always (万元).
    const round = roundMagnitudes.get(value * magnitude);
    const bases =
      round !== undefined && Array.from(round).length > 1 ? [...chinese, round] : chinese;
    const spelled = round === undefined ? bases : [...new Set([...bases, round])];
    const withUnits = units.flatMap((unit) => spelled.map((base) => base + unit));
    // `34.4%` is searched as written: the bare number would match every 34.4 on the pages.
    const terms = units.includes("%") ? withUnits : [...bases, ...withUnits];
    claim(i, end, englishOf(tokens, i, end), terms, false);
    i = end;
  }
}
