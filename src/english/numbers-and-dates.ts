/**
 * Numbers, magnitudes, units and dates, rewritten the way the pages write them: `850 million yuan`
 * → `8.5亿`, `8.5亿元`; `March 25` → `3月25日`. Read before the words, so that `March` and `million`
 * are not translated as words.
 */
import { englishOf } from "./question-tokens.js";
import type { Claim, Token } from "./question-tokens.js";

/** Month names and their abbreviations (`Sept.`). */
const MONTHS: ReadonlyMap<string, number> = new Map([
  ["january", 1], ["jan", 1], ["february", 2], ["feb", 2], ["march", 3], ["mar", 3], ["april", 4], ["apr", 4],
  ["may", 5], ["june", 6], ["jun", 6], ["july", 7], ["jul", 7], ["august", 8], ["aug", 8],
  ["september", 9], ["sep", 9], ["sept", 9], ["october", 10], ["oct", 10], ["november", 11], ["nov", 11],
  ["december", 12], ["dec", 12],
]);

/** Number words, `a` and `an` included: read only before a magnitude (`a hundred million`, `ten thousand`). */
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ["a", 1], ["an", 1], ["one", 1], ["two", 2], ["three", 3], ["four", 4], ["five", 5], ["six", 6], ["seven", 7],
  ["eight", 8], ["nine", 9], ["ten", 10], ["eleven", 11], ["twelve", 12], ["thirteen", 13], ["fourteen", 14],
  ["fifteen", 15], ["sixteen", 16], ["seventeen", 17], ["eighteen", 18], ["nineteen", 19], ["twenty", 20],
  ["thirty", 30], ["forty", 40], ["fifty", 50], ["sixty", 60], ["seventy", 70], ["eighty", 80], ["ninety", 90],
]);

const MAGNITUDES: ReadonlyMap<string, number> = new Map([
  ["hundred", 1e2], ["thousand", 1e3], ["million", 1e6], ["millions", 1e6], ["billion", 1e9], ["billions", 1e9],
  ["bn", 1e9], ["trillion", 1e12],
]);

/**
 * Units that only ever measure the number before them; they are absorbed into the number
 * (`8.5 billion yuan` → `85亿元`). Words like `companies` (家) are not here: they are content too.
 */
const UNITS: ReadonlyMap<string, readonly string[]> = new Map([
  ["yuan", ["元"]], ["rmb", ["元"]], ["renminbi", ["元"]], ["percent", ["%"]], ["pct", ["%"]],
  ["ton", ["吨"]], ["tons", ["吨"]], ["tonne", ["吨"]], ["tonnes", ["吨"]], ["times", ["倍"]], ["fold", ["倍"]],
  // The pages write power both ways: `4.5GW` and `102吉瓦`.
  ["gw", ["吉瓦", "GW"]], ["gigawatt", ["吉瓦", "GW"]], ["gigawatts", ["吉瓦", "GW"]], ["gwh", ["吉瓦时", "GWh"]],
  ["kw", ["千瓦"]], ["kilowatt", ["千瓦"]], ["kilowatts", ["千瓦"]], ["mw", ["兆瓦"]], ["megawatt", ["兆瓦"]], ["megawatts", ["兆瓦"]],
]);

/** A number as the pages write it: `1e10` → `100亿`, `8.5e8` → `8.5亿`, `1.2e6` → `120万`, `5000` → `5000`. */
function chineseNumber(value: number): string {
  const plain = (x: number): string => String(Number(x.toPrecision(12)));
  if (value >= 1e8) return `${plain(value / 1e8)}亿`;
  if (value >= 1e4) return `${plain(value / 1e4)}万`;
  return plain(value);
}

/**
 * Claims the dates (`March 25th, 2025`, `the 25th of March`, `in March`) and quantities (`34.4%`,
 * `ten thousand tons`, `8.5 billion yuan`) of a question. Numbers written as words count only
 * before a magnitude; a bare number word says nothing worth searching for.
 */
export function readNumbers(tokens: readonly Token[], used: readonly boolean[], claim: Claim): void {
  const dayAt = (i: number): number | undefined => {
    const token = tokens[i];
    if (token?.kind !== "number" || !/^\d{1,2}$/.test(token.norm) || token.suffix === "%") return undefined;
    const day = Number(token.norm);
    return day >= 1 && day <= 31 ? day : undefined;
  };
  const yearAt = (i: number): number | undefined => {
    const token = tokens[i];
    return token?.kind === "number" && /^(?:19|20)\d\d$/.test(token.norm) && token.suffix === "" ? Number(token.norm) : undefined;
  };
  const monthAt = (i: number): number | undefined => {
    const token = tokens[i];
    return token?.kind === "word" && !used[i] ? MONTHS.get(token.norm) : undefined;
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
        claim(i, end, englishOf(tokens, i, end), year === undefined ? [`${month}月${day}日`] : [`${month}月${day}日`, `${year}年`], false);
        i = end;
        continue;
      }
      // A month on its own only when capitalised (`in March`), never `may`/`march` as verbs.
      if (token.norm !== "may" && /^[A-Z]/.test(token.text) && token.norm.length > 3) {
        const year = yearAt(i + 1);
        const end = year === undefined ? i : i + 1;
        claim(i, end, englishOf(tokens, i, end), year === undefined ? [`${month}月`] : [`${year}年${month}月`, `${month}月`], false);
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

    // A number (digits, or words like `ten` / `a` before a magnitude), magnitudes, a unit.
    let value: number | undefined;
    let end = i;
    let original = token.norm;
    if (token.kind === "number") {
      value = Number(token.norm);
    } else if (token.kind === "word" && NUMBER_WORDS.has(token.norm)) {
      value = NUMBER_WORDS.get(token.norm);
      const ones = tokens[i + 1]?.kind === "word" ? NUMBER_WORDS.get(tokens[i + 1]?.norm ?? "") : undefined;
      if (value !== undefined && value >= 20 && value % 10 === 0 && ones !== undefined && ones < 10 && tokens[i + 1]?.norm !== "a") {
        value += ones;
        end = i + 1;
      }
      // Number words need a magnitude to mean a quantity worth searching for.
      if (!MAGNITUDES.has(tokens[end + 1]?.norm ?? "")) continue;
      original = "";
    } else {
      continue;
    }
    if (value === undefined || !Number.isFinite(value)) continue;

    let magnitude = 1;
    while (tokens[end + 1]?.kind === "word" && MAGNITUDES.has(tokens[end + 1]?.norm ?? "")) {
      magnitude *= MAGNITUDES.get(tokens[end + 1]?.norm ?? "") ?? 1;
      end++;
    }
    let units: readonly string[] = token.suffix === "%" ? ["%"] : [];
    const unitToken = tokens[end + 1];
    if (units.length === 0 && unitToken?.kind === "word" && UNITS.has(unitToken.norm)) {
      units = UNITS.get(unitToken.norm) ?? [];
      end++;
    } else if (units.length === 0 && unitToken?.norm === "per" && tokens[end + 2]?.norm === "cent") {
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
    const bases = [...chinese];
    for (const unit of units) for (const base of bases) chinese.push(base + unit);
    // `34.4%` is searched as written: the bare number would match every 34.4 on the pages.
    if (units.includes("%")) chinese.splice(0, bases.length);
    claim(i, end, englishOf(tokens, i, end), chinese, false);
    i = end;
  }
}
