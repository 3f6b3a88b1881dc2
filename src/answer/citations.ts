/**
 * Citation checking for generated answers. A model may cite a source that does not exist or put
 * words in a source's mouth; this module removes both before a reader sees them, so that every
 * `[n]` left in an answer names a real source and every quotation left in it is printed on the
 * page. Pure: text in, text out, no I/O.
 */

import { splitSentences } from "../util/sentences.js";

/** One numbered source as the model saw it: source `n` is `sources[n - 1]`. */
export interface CitationSource {
  /**
   * The article's normalized text (`Article.text`): a verified quotation is an exact slice of it.
   */
  articleText: string;
  /** The passage shown to the model (`Chunk.text`); the default quote is one of its sentences. */
  passage: string;
}

/** A source the checked answer still cites. */
export interface UsedSource {
  /** The number the cleaned text cites it by, 1..k in order of first appearance. */
  n: number;
  /** Its number in the input `sources`, 1-based. */
  source: number;
  /** An exact substring of the source's `articleText`. */
  quote: string;
  /**
   * true when `quote` is what the answer quoted; false when it is the best-matching passage
   * sentence.
   */
  quoted: boolean;
}

/** What the check took out of an answer, for logs and tests. */
export type CitationRemoval =
  /** A marker, or the numbers of a marker, naming no source. */
  | { kind: "marker"; marker: string; numbers: number[]; sentence: string }
  /** A quotation not found in any source its sentence cites (or in a sentence citing none). */
  | { kind: "quote"; quote: string; sentence: string }
  /**
   * A sentence that had nothing left to say once its fabricated quotation was gone, or whose every
   * citation marker named no source.
   */
  | { kind: "sentence"; sentence: string };

export interface CitationCheck {
  /** The answer with bad markers and quotations removed and markers renumbered to `used[].n`. */
  text: string;
  /** In citation order: `used[i].n === i + 1`. */
  used: UsedSource[];
  removed: CitationRemoval[];
  /** false when no valid citation is left: the caller must not present the answer as sourced. */
  grounded: boolean;
}

// `[1]`, `[1][2]`, `[1, 2]`, `[1-3]`, `【1】`, `［１］`: a run of adjacent groups counts as one marker.
const GROUP = String.raw`[\[【［]\s*[0-9０-９]+(?:\s*[,，、;；\-–~～]\s*[0-9０-９]+)*\s*[\]】］]`;
const RUN = String.raw`(?:${GROUP}[ \t]*)*${GROUP}`;
const MARKER_RUN = new RegExp(RUN, "gu");
const LEADING_MARKERS = new RegExp(String.raw`^[ \t]*${RUN}`, "u");
// `…亮眼，[1]。` after 「…」 was removed: the comma introduced nothing.
const DANGLING_CLAUSE_MARK = new RegExp(
  String.raw`[，,、；;：:]+(?=(?:[ \t]*${RUN})?[ \t]*(?:[。！？!?.]|$))`,
  "gu",
);
const SPACES_THEN_MARKER_RUN = new RegExp(String.raw`([ \t]*)(${RUN})`, "gu");

// Quotation pairs a model uses; 『』 is the nested form inside 「」. ASCII `"` pairs with itself.
const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["「", "」"],
  ["“", "”"],
  ['"', '"'],
  ["‘", "’"],
  ["『", "』"],
];
const QUOTE_SPAN = new RegExp(
  QUOTE_PAIRS.map(
    ([open, close]) =>
      `${escapeRegExp(open)}[^${escapeRegExp(open + close)}\\n]*${escapeRegExp(close)}`,
  ).join("|"),
  "gu",
);
/** Shorter quoted spans are names and terms (「十四五」), not quotations of evidence. */
const MIN_QUOTE_CHARS = 4;
/**
 * A sentence whose fabricated quotation was removed is kept only when at least this many words
 * (a CJK character or a Latin/numeric word each) remain: a lead-in such as 「报道指出」 or
 * "The report says" cannot stand alone, and keeping it would leave a citation for a claim that is
 * no longer there.
 */
const MIN_REMAINING_WORDS = 5;
const EDGE_PUNCTUATION = /^[\s,，.。;；:：!！?？、…]+|[\s,，.。;；:：!！?？、…]+$/gu;

/**
 * Checks a generated answer against the numbered sources it was written from. Every `[n]` naming
 * no source is removed, and a sentence left with no valid marker by that is removed whole; every quotation of 4+ characters (in “”, 「」, "", ‘’ or 『』) must be found
 * in the article of a source cited in the same sentence, or its quote marks and span are removed —
 * and the whole sentence when fewer than 5 words are left, since a bare lead-in asserts nothing.
 * Quotations are matched ignoring whitespace, full-width/half-width forms (，/,) and the style of
 * inner quote marks, because models rewrite those; a verified quotation is then replaced by the
 * article's own characters, so what the reader sees inside the quote marks is exactly the page.
 *
 * Use it on any model output before showing it; when `grounded` is false, show the extractive
 * answer instead.
 */
export function checkCitations(
  answerText: string,
  sources: readonly CitationSource[],
): CitationCheck {
  const removed: CitationRemoval[] = [];
  const finders = sources.map((source) => createQuoteFinder(source.articleText));
  const quoted = new Map<number, string>();

  const segments = splitAnswer(answerText).map((raw) => {
    const cited = validNumbers(raw, sources.length);
    let quoteRemoved = false;
    const text = replaceQuotations(raw, (span, open, inner, close) => {
      const innerMarkers = [...inner.matchAll(MARKER_RUN)].map((m) => m[0]).join("");
      const content = inner.replace(MARKER_RUN, "").trim();
      if ([...content].length < MIN_QUOTE_CHARS) return span;
      for (const n of cited) {
        const exact = finders[n - 1]?.(content);
        if (exact === undefined) continue;
        if (!quoted.has(n)) quoted.set(n, exact);
        return `${open}${exact}${close}${innerMarkers}`;
      }
      removed.push({ kind: "quote", quote: span, sentence: raw.trim() });
      quoteRemoved = true;
      return undefined;
    });
    const keep = !quoteRemoved || countWords(text.replace(MARKER_RUN, "")) >= MIN_REMAINING_WORDS;
    if (!keep) removed.push({ kind: "sentence", sentence: raw.trim() });
    return { raw, text: keep ? (quoteRemoved ? tidy(text) : text) : trailingNewlines(raw), keep };
  });

  // Numbers are assigned in reading order over what survived, so the reader sees [1] first.
  const renumber = new Map<number, number>();
  const citingSentences = new Map<number, string[]>();
  for (const segment of segments) {
    if (!segment.keep) continue;
    for (const n of validNumbers(segment.text, sources.length)) {
      if (!renumber.has(n)) renumber.set(n, renumber.size + 1);
      citingSentences.set(n, [
        ...(citingSentences.get(n) ?? []),
        segment.text.replace(MARKER_RUN, ""),
      ]);
    }
  }

  const text = segments
    .map((segment) => {
      let markerRemoved = false;
      let markerKept = false;
      const rewritten = segment.text.replace(
        SPACES_THEN_MARKER_RUN,
        (_match, spaces: string, run: string) => {
          const numbers = parseMarkerRun(run);
          const invalid = numbers.filter((n) => !isSourceNumber(n, sources.length));
          if (invalid.length > 0)
            removed.push({
              kind: "marker",
              marker: run,
              numbers: invalid,
              sentence: segment.raw.trim(),
            });
          const kept = unique(numbers.filter((n) => isSourceNumber(n, sources.length)));
          if (kept.length > 0) {
            markerKept = true;
            return spaces + kept.map((n) => `[${renumber.get(n) ?? n}]`).join("");
          }
          markerRemoved = true;
          return "";
        },
      );
      // A claim whose every marker named no source is unsupported: it goes with its markers,
      // never stays behind looking like part of the cited answer.
      if (markerRemoved && !markerKept) {
        removed.push({ kind: "sentence", sentence: segment.raw.trim() });
        return trailingNewlines(segment.text);
      }
      return markerRemoved ? tidy(rewritten) : rewritten;
    })
    .join("")
    .replace(/\n{3,}/g, "\n\n")
    .trim();

  const used = [...renumber].map(([source, n]): UsedSource => {
    const quote = quoted.get(source);
    const input = sources[source - 1]!;
    return quote !== undefined
      ? { n, source, quote, quoted: true }
      : { n, source, quote: bestSentence(input, citingSentences.get(source) ?? []), quoted: false };
  });
  return { text, used, removed, grounded: used.length > 0 };
}

/** The numbers in the `[n]` markers of `text`, in order, duplicates removed. */
function citedNumbers(text: string): number[] {
  return unique([...text.matchAll(MARKER_RUN)].flatMap((m) => parseMarkerRun(m[0])));
}

function validNumbers(text: string, count: number): number[] {
  return citedNumbers(text).filter((n) => isSourceNumber(n, count));
}

function isSourceNumber(n: number, count: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= count;
}

function parseMarkerRun(run: string): number[] {
  const numbers: number[] = [];
  const halfWidth = run.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  for (const group of halfWidth.matchAll(/[[【［]([^\]】］]*)[\]】］]/gu)) {
    for (const part of (group[1] ?? "").split(/[,，、;；]/u)) {
      const range = /^\s*(\d+)\s*(?:[-–~～]\s*(\d+)\s*)?$/u.exec(part);
      if (!range) continue;
      const from = Number(range[1]);
      const to = range[2] === undefined ? from : Number(range[2]);
      // A range is expanded only when short: `[1-3]` is a citation, `[2019-2024]` is not.
      if (to - from > 10 || to < from) numbers.push(from, to);
      else for (let n = from; n <= to; n++) numbers.push(n);
    }
  }
  return numbers;
}

/**
 * Splits an answer into sentences whose concatenation is the answer. A sentence ends at 。！？!?
 * (or a `.` not inside a number or abbreviation) outside quotation marks — a quoted source sentence
 * keeps its own 。 — and takes along the markers that follow it (`… first. [1]`), because English
 * answers put the citation after the full stop.
 */
function splitAnswer(text: string): string[] {
  return text.split(/(?<=\n)/u).flatMap((line) => splitLine(line, true) ?? splitLine(line, false)!);
}

function splitLine(line: string, trackQuotes: boolean): string[] | undefined {
  const segments: string[] = [];
  const open: string[] = [];
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (trackQuotes) {
      const pair = QUOTE_PAIRS.find(([o, c]) => ch === o || ch === c);
      if (pair !== undefined) {
        if (open.at(-1) === pair[1] && ch === pair[1]) open.pop();
        else if (ch === pair[0]) open.push(pair[1]);
      }
    }
    if (open.length > 0 || !isTerminator(line, i)) continue;
    let end = i + 1;
    while (end < line.length && isTerminator(line, end)) end++;
    end += LEADING_MARKERS.exec(line.slice(end))?.[0].length ?? 0;
    segments.push(line.slice(start, end));
    start = end;
    i = end - 1;
  }
  // An unclosed quotation mark means the pairing guess was wrong; split without it rather than
  // treat the rest of the paragraph as one quotation.
  if (open.length > 0) return undefined;
  if (start < line.length) segments.push(line.slice(start));
  return segments;
}

function isTerminator(line: string, i: number): boolean {
  const ch = line[i];
  if (ch === "。" || ch === "！" || ch === "？" || ch === "!" || ch === "?") return true;
  // `8.5亿元` and `U.S.` keep their dots; a dot before a space, a marker or the end ends a sentence.
  return ch === "." && !/[\p{L}\p{N}]/u.test(line[i + 1] ?? "");
}

/**
 * Replaces each top-level quotation in `text` with what `decide` returns (`undefined` removes it
 * together with a lead-in colon). Quotations nested inside another are left to the outer one.
 */
function replaceQuotations(
  text: string,
  decide: (span: string, open: string, inner: string, close: string) => string | undefined,
): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(QUOTE_SPAN)) {
    if (m.index < last) continue;
    const span = m[0];
    const open = [...span][0]!;
    const close = span.slice(span.length - 1);
    const replacement = decide(
      span,
      open,
      span.slice(open.length, span.length - close.length),
      close,
    );
    if (replacement === undefined) {
      out += text.slice(last, m.index).replace(/[ \t]*[：:]?[ \t]*$/u, "");
    } else {
      out += text.slice(last, m.index) + replacement;
    }
    last = m.index + span.length;
  }
  return out + text.slice(last);
}

/**
 * What a removal leaves behind: doubled blanks, a blank before punctuation, a comma before the full
 * stop.
 */
function tidy(text: string): string {
  return text
    .replace(/[ \t]{2,}/gu, " ")
    .replace(/[ \t]+(?=[,.;:!?，。；：！？、])/gu, "")
    .replace(DANGLING_CLAUSE_MARK, "");
}

function trailingNewlines(text: string): string {
  return /\n*$/u.exec(text)?.[0] ?? "";
}

function countWords(text: string): number {
  return [...text.matchAll(/\p{Script=Han}|[\p{L}\p{N}][\p{L}\p{N}.%'’]*/gu)].length;
}

/**
 * Finds a quotation in an article: first verbatim, then ignoring whitespace, character width and
 * quote-mark style, then without the punctuation at its edges. Returns the article's own slice.
 */
function createQuoteFinder(articleText: string): (quotation: string) => string | undefined {
  let folded: { text: string; offsets: number[] } | undefined;
  const find = (needle: string): string | undefined => {
    if (needle === "") return undefined;
    if (articleText.includes(needle)) return needle;
    folded ??= fold(articleText);
    const target = fold(needle).text;
    if (target === "") return undefined;
    const at = folded.text.indexOf(target);
    if (at < 0) return undefined;
    return articleText.slice(folded.offsets[at]!, folded.offsets[at + target.length - 1]! + 1);
  };
  return (quotation) => find(quotation) ?? find(quotation.replace(EDGE_PUNCTUATION, ""));
}

/**
 * One char per kept char of `text`, with its offset in `text`: whitespace dropped, width and quote
 * marks folded.
 */
function fold(text: string): { text: string; offsets: number[] } {
  let out = "";
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let ch = text[i]!;
    if (/\s/u.test(ch)) continue;
    if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
    else if ("“”‘’「」『』'".includes(ch)) ch = '"';
    out += ch;
    offsets.push(i);
  }
  return { text: out, offsets };
}

/**
 * The passage sentence sharing most characters with the answer sentences that cite the source:
 * the line a reader should check the claim against. Ties go to the earlier sentence.
 */
function bestSentence(source: CitationSource, citing: readonly string[]): string {
  const fromPassage = sentencesOf(source.passage).filter((s) => source.articleText.includes(s));
  // A passage that is not a slice of its article is a caller bug; the article still gives a true
  // quote.
  const candidates = fromPassage.length > 0 ? fromPassage : sentencesOf(source.articleText);
  let best = candidates[0] ?? "";
  let bestScore = -1;
  for (const candidate of candidates) {
    const score = Math.max(0, ...citing.map((sentence) => sharedCharacters(candidate, sentence)));
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function sentencesOf(text: string): string[] {
  return splitSentences(text)
    .map(({ start, end }) => text.slice(start, end).replace(/[。！？；!?;，,\s]+$/u, ""))
    .filter((s) => s !== "");
}

function sharedCharacters(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const ch of a.match(/[\p{L}\p{N}]/gu) ?? []) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let shared = 0;
  for (const ch of b.match(/[\p{L}\p{N}]/gu) ?? []) {
    const left = counts.get(ch) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(ch, left - 1);
    }
  }
  return shared;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}
