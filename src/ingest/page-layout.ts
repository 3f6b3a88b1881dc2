import {
  joinWrappedLines,
  normalizeHeadingSpaces,
  removeStraySpaces,
  repeatedOverlap,
  toHalfWidthAlnum,
  undoDoubledLine,
} from "./normalize.js";

/**
 * A page is read as a sequence of units: paragraphs of running text, heading lines, and
 * photo credits. Column breaks and hard wraps are undone here, so a unit of kind "body" is a
 * whole paragraph even when the page split it over two columns.
 */
export interface Unit {
  kind: "heading" | "body" | "credit";
  /**
   * The normalized text as it stands in the page's normalized text (heading lines joined by "\n").
   */
  text: string;
  /** Heading lines, each normalized; `[text]` for the other kinds. */
  lines: string[];
  /** Markdown heading level (`#` → 1) when the page marks one, else null. */
  level: number | null;
}

/** Dateline that opens a report: `本报讯（记者 樊娅楠）`, `本报西宁电`. */
export const DATELINE = /^本报(?:讯|[\p{Script=Han}]{2,4}电)/u;
/** A trailing or standalone byline: `（记者 樊娅楠）`, `(特约记者 张晓英)`. */
export const BYLINE_AT_END = /[（(]((?:特约|实习|本报)?记者[^（()）]{0,40})[）)]$/u;
const CREDIT = /^[\p{Script=Han}]{2,4} ?摄$/u;
const MARKDOWN_HEADING = /^(#{1,6})\s*/;
const BULLET = /^-\s+(?=\S)/;

/** Splits a decoded page into units, in reading order. Pure. */
export function layoutPage(raw: string): Unit[] {
  const units: Unit[] = [];
  for (const block of splitBlocks(raw)) {
    for (const piece of splitLeadingHeading(block)) addBlock(units, piece);
  }
  return units;
}

interface Line {
  text: string;
  level: number | null;
}

function splitBlocks(raw: string): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const rawLine of raw.split("\n")) {
    const line = toHalfWidthAlnum(rawLine).trim();
    if (line === "") {
      if (current.length > 0) blocks.push(current);
      current = [];
      continue;
    }
    const heading = MARKDOWN_HEADING.exec(line);
    // A markdown list item is a paragraph of its own even without a blank line before it.
    if (BULLET.test(line) && current.length > 0) {
      blocks.push(current);
      current = [];
    }
    current.push({
      text: heading ? line.slice(heading[0].length) : line.replace(BULLET, ""),
      level: heading ? (heading[1]?.length ?? null) : null,
    });
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/**
 * Pages with one paragraph per line sometimes put a sub-head directly above its paragraph with
 * no blank line between (`增的态势更稳健! 一组组捷报相继传来` / `多晶硅出口8.5亿元,…`).
 */
function splitLeadingHeading(block: Line[]): Line[][] {
  const [first, second] = block;
  if (first && second && isHeadingLine(first.text) && !isHeadingLine(second.text)) {
    if (second.text.length >= 30 && second.text.length >= 2 * first.text.length) {
      return [[first], block.slice(1)];
    }
  }
  return [block];
}

function addBlock(units: Unit[], block: Line[]): void {
  const texts = block.map((l) => l.text);
  const previous = units.at(-1);
  const single = texts.length === 1 ? texts[0] : undefined;

  if (single !== undefined && CREDIT.test(single)) {
    units.push({ kind: "credit", text: single, lines: [single], level: null });
    return;
  }
  const body = removeStraySpaces(joinWrappedLines(texts));
  // A paragraph that stopped mid-sentence continues in the next block (a column break),
  // unless the next block opens a new report.
  if (previous?.kind === "body" && !endsSentence(previous.text) && !DATELINE.test(body)) {
    const overlap = repeatedOverlap(previous.text, body);
    previous.text = previous.text.slice(0, previous.text.length - overlap) + body;
    previous.lines = [previous.text];
    return;
  }
  if (isHeadingBlock(texts)) {
    const lines = joinUnbalancedQuotes(
      texts.map((t) => undoDoubledLine(normalizeHeadingSpaces(t))),
    );
    const levels = block.map((l) => l.level).filter((l): l is number => l !== null);
    units.push({
      kind: "heading",
      text: lines.join("\n"),
      lines,
      level: levels.length > 0 ? Math.min(...levels) : null,
    });
    return;
  }
  units.push({ kind: "body", text: body, lines: [body], level: null });
}

/**
 * Where a paragraph may end: sentence punctuation, a colon or dash that introduces what follows, or
 * a byline.
 */
function endsSentence(text: string): boolean {
  return /[。！？!?；;…：:—\-.][”’"」』）)]*$/u.test(text) || BYLINE_AT_END.test(text);
}

function isHeadingBlock(lines: string[]): boolean {
  const total = lines.reduce((n, l) => n + l.length, 0);
  return lines.length <= 3 && total <= 60 && lines.every(isHeadingLine);
}

/**
 * A heading line is short, carries no sentence punctuation (commas, full stops, enumeration
 * commas — a column fragment nearly always has one), and is not a dateline or a list item.
 */
function isHeadingLine(line: string): boolean {
  const compact = line.replace(/\s+/g, "");
  if (compact.length < 2 || compact.length > 40) return false;
  if (/[，。；、,;]/.test(compact)) return false;
  if (/[：:](?!$)/.test(compact)) return false;
  if (/(?<![0-9])\.|\.(?![0-9])/.test(compact)) return false;
  if (DATELINE.test(compact) || /^\d{1,2}月\d{1,2}日/.test(compact)) return false;
  if (BYLINE_AT_END.test(compact) && /^[（(]/.test(compact)) return false;
  return (compact.match(/\p{Script=Han}/gu)?.length ?? 0) >= 2;
}

/** `西宁市党建引领“有诉必应` / `马上办”机制创新工作日报` is one headline wrapped, not a headline and a sub-headline. */
function joinUnbalancedQuotes(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (last !== undefined && !quotesBalanced(last)) out[out.length - 1] = last + line;
    else out.push(line);
  }
  return out;
}

function quotesBalanced(text: string): boolean {
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  return count(/“/g) === count(/”/g) && count(/"/g) % 2 === 0 && count(/《/g) === count(/》/g);
}
