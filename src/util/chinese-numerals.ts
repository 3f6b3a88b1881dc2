/**
 * The value of a number written in Chinese numerals up to the hundreds (`十四` → 14, `二十五` → 25,
 * `一百零二` → 102), as ordinals (`第十四次`) and dates (`三月二十五日`) write them; 0 for none.
 */
export function chineseNumeralValue(text: string): number {
  let value = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === "十" || ch === "百") {
      value += (current || 1) * (ch === "十" ? 10 : 100);
      current = 0;
    } else current = DIGITS[ch] ?? 0;
  }
  return value + current;
}

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * A number up to the hundreds written as ordinals print it (14 → `十四`, 25 → `二十五`, 102 →
 * `一百零二`): the inverse of {@link chineseNumeralValue}; "" outside 1–999.
 */
export function chineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 999) return "";
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const ones = value % 10;
  let out = hundreds > 0 ? `${NUMERALS[hundreds]}百` : "";
  if (tens > 0) out += `${hundreds === 0 && tens === 1 ? "" : NUMERALS[tens]}十`;
  else if (hundreds > 0 && ones > 0) out += "零";
  return ones > 0 ? out + NUMERALS[ones] : out;
}

const NUMERALS = "零一二三四五六七八九";
