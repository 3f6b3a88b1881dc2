/**
 * Character-level clean-up of OCR'd text. Pure functions; nothing here decides what is a
 * headline or where an article ends (see page-layout.ts and segment-articles.ts).
 */

const ASCII_ALNUM = /[A-Za-z0-9]/;

/**
 * Full-width ASCII digits and letters become half-width (`４户` → `4户`), so that numbers are
 * searchable and comparable. Full-width punctuation (，：（）！) is Chinese punctuation and stays.
 * A full-width full stop between digits is a decimal point and becomes `.`.
 */
export function toHalfWidthAlnum(text: string): string {
  return text
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/(?<=[0-9])．(?=[0-9])/g, ".")
    .replace(/\u3000/g, " ");
}

/**
 * Joins hard-wrapped lines: CJK text is written without spaces, so a wrap is removed outright;
 * only two Latin letters meeting at a wrap were a word gap and get a space back.
 */
export function joinWrappedLines(lines: readonly string[]): string {
  let out = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") continue;
    if (out !== "" && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(line)) out += " ";
    out += line;
  }
  return out;
}

// Spaces inside a byline separate names (`记者 田得乾 石成砚`): they are not OCR noise.
const BYLINE = /[（(][^（()）]{0,40}?记者[^（()）]{0,40}[）)]/g;

/**
 * Removes the stray spaces OCR leaves in running text (`中心城 市`, `5 万台`, `责任, 完整`):
 * a space survives only between two ASCII letters or digits (`Intel Core`), and inside bylines.
 */
export function removeStraySpaces(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(BYLINE)) {
    out += squeezeSpaces(text.slice(last, match.index));
    out += match[0].replace(/\s+/g, " ").replace(/([（(])\s+|\s+([）)])/g, "$1$2");
    last = match.index + match[0].length;
  }
  return out + squeezeSpaces(text.slice(last));
}

function squeezeSpaces(text: string): string {
  return text.replace(/[ \t\u00a0]+/g, (gap, offset: number) => {
    const keep =
      ASCII_ALNUM.test(text[offset - 1] ?? "") && ASCII_ALNUM.test(text[offset + gap.length] ?? "");
    return keep ? " " : "";
  });
}

/**
 * Headlines keep their deliberate gaps (`王卫东讲话 石建平主持`, `辉煌十四五 改革谱新篇`); only
 * gaps touching punctuation (`“有诉必应马上办” 机制`, `领跑! 西宁`) are OCR noise there.
 */
export function normalizeHeadingSpaces(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/ ?([“”‘’"《》（）()：:、，,！!？?]) ?/gu, (m, p: string) =>
      // keep the space after an exclamation mark between two phrases: `精彩! 700余人`
      /[!！?？]/.test(p) && m.endsWith(" ") ? `${p} ` : p,
    )
    .trim();
}

/** `全面推进产业绿色转型发展全面推进产业绿色转型发展` → `全面推进产业绿色转型发展` (OCR doubled the line). */
export function undoDoubledLine(line: string): string {
  const half = line.length / 2;
  if (line.length >= 4 && Number.isInteger(half) && line.slice(0, half) === line.slice(half)) {
    return line.slice(0, half);
  }
  return line;
}

/**
 * When OCR reads the end of a column twice, the next column starts by repeating it
 * (`…宣传视频《守` / `活动现场播放了“护苗”主题宣传视频《守一扇心窗》`). Returns how many
 * characters at the end of `before` are repeated at the start of `after` (0 when none; short
 * coincidences under 6 characters do not count).
 */
export function repeatedOverlap(before: string, after: string): number {
  const max = Math.min(before.length, after.length, 200);
  for (let n = max; n >= 6; n--) {
    if (before.endsWith(after.slice(0, n))) return n;
  }
  return 0;
}
