import { readArticleMetadata } from "./article-metadata.js";
import {
  assignHeadlines,
  bigrams,
  type HeadlineMatch,
  isPlausibleMatch,
  matchHeadline,
  matchScore,
} from "./headline-match.js";
import { BYLINE_AT_END, DATELINE, layoutPage, type Unit } from "./page-layout.js";
import type { Article } from "./types.js";

/** What one page holds once read. */
export interface PageSegmentation {
  source: string;
  /** The page's normalized text; every article's `text` is a slice of it. */
  text: string;
  articles: Article[];
  /** Heading lines that head no article: slogans and section banners (`辉煌十四五 改革谱新篇`). */
  furniture: string[];
}

// A report box opens with its date once a heading stands above it: `10月15日,12345政务服务…`.
const REPORT_OPENING = /^\d{1,2}月\d{1,2}日[，,]/;

type StartKind = "dateline" | "report" | "headed" | "untitled";

interface Span {
  first: number;
  lastBody: number;
  kind: StartKind;
  /** Heading units that belong to this article, in page order. */
  headlines: number[];
}

/**
 * Splits one page into its articles, in reading order, each with the headline that belongs to
 * it. Pure: `raw` is the decoded page text.
 *
 * An article starts at a dateline (`本报讯（记者 …）`), at a dated report box under a heading,
 * or — for features without a dateline — at a heading whose text runs to a closing byline
 * (`（记者 樊娅楠）`). Headings inside an article are its sub-heads and stay in its text; the
 * remaining headings are matched to articles by content.
 */
export function segmentPage(source: string, raw: string): PageSegmentation {
  const units = layoutPage(raw);
  const offsets = unitOffsets(units);
  const text = units.map((u) => u.text).join("\n");
  const spans = findSpans(units);
  const furniture = assignLooseHeadlines(units, spans);

  const articles = spans.map((span, index): Article => {
    const start = offsets[span.first]!;
    const end = offsets[span.lastBody]! + units[span.lastBody]!.text.length;
    const body = text.slice(start, end);
    const head = headlineParts(span.headlines.map((i) => units[i]!));
    return {
      id: `${source}#${index}`,
      source,
      index,
      ...head,
      ...readArticleMetadata(body),
      text: body,
      start,
      end,
    };
  });
  return { source, text, articles, furniture: furniture.map((i) => units[i]!.lines.join(" ")) };
}

function unitOffsets(units: Unit[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const unit of units) {
    offsets.push(at);
    at += unit.text.length + 1;
  }
  return offsets;
}

function findSpans(units: Unit[]): Span[] {
  const spans: Span[] = [];
  // A feature opened by a heading stays open, its later headings being sub-heads, until its byline.
  let openFeature = false;
  units.forEach((unit, i) => {
    if (unit.kind !== "body") return;
    const current = spans.at(-1);
    const run = headingRunBefore(units, i);
    const kind = startKind(
      units,
      i,
      run,
      current === undefined || (!openFeature && bylineAhead(units, i)),
    );
    if (kind !== null) {
      spans.push({
        first: i,
        lastBody: i,
        kind,
        headlines: kind === "headed" ? run.filter((j) => units[j]!.kind === "heading") : [],
      });
      openFeature = kind === "headed";
    } else if (current) {
      current.lastBody = i;
    }
    if (openFeature && BYLINE_AT_END.test(unit.text)) openFeature = false;
  });
  return spans;
}

function startKind(
  units: Unit[],
  i: number,
  run: number[],
  mayOpenFeature: boolean,
): StartKind | null {
  const text = units[i]!.text;
  if (DATELINE.test(text)) return "dateline";
  const underHeading = run.some((j) => units[j]!.kind === "heading");
  if (underHeading && REPORT_OPENING.test(text)) return "report";
  if (underHeading && mayOpenFeature) return "headed";
  return i === units.findIndex((u) => u.kind === "body") ? "untitled" : null;
}

/** Indexes of the headings and credits directly above unit i. */
function headingRunBefore(units: Unit[], i: number): number[] {
  const run: number[] = [];
  for (let j = i - 1; j >= 0 && units[j]!.kind !== "body"; j--) run.unshift(j);
  return run;
}

/** Does a closing byline come before the next dateline? Then a heading here opens a feature. */
function bylineAhead(units: Unit[], i: number): boolean {
  for (let j = i; j < units.length; j++) {
    const unit = units[j]!;
    if (unit.kind !== "body") continue;
    if (j > i && DATELINE.test(unit.text)) return false;
    if (BYLINE_AT_END.test(unit.text)) return true;
  }
  return false;
}

/**
 * Gives each article still without a headline the loose heading that speaks of it: best content
 * match first; the neighbours of a matched heading that speak of the same article join it as
 * kicker or sub-headline; an article no heading speaks of takes the nearest one left, a report
 * box preferring a `…日报` heading. Returns the headings left over (page furniture).
 */
function assignLooseHeadlines(units: Unit[], spans: Span[]): number[] {
  const inArticle = new Set<number>();
  for (const span of spans) {
    for (let i = span.first; i <= span.lastBody; i++) inArticle.add(i);
    for (const i of span.headlines) inArticle.add(i);
  }
  const loose = units.flatMap((u, i) => (u.kind === "heading" && !inArticle.has(i) ? [i] : []));
  const waiting = spans.flatMap((s, k) => (s.headlines.length === 0 ? [k] : []));
  const bodyGrams = new Map(
    waiting.map((k) => {
      const s = spans[k]!;
      const text = units
        .slice(s.first, s.lastBody + 1)
        .map((u) => u.text)
        .join("");
      return [k, bigrams(text)] as const;
    }),
  );
  const headGrams = loose.map((h) => bigrams(units[h]!.text));
  // Each heading is compared with the articles near it only (MATCH_WINDOW on either side): a
  // page prints an article's headline close to it, and comparing every heading with every
  // article made a large page quadratic. Real pages hold far fewer articles than the window.
  const matches = loose.map((u, h) => {
    const at = firstAtOrAfter(waiting, (k) => spans[k]!.first > u);
    const row = new Map<number, HeadlineMatch>();
    const from = Math.max(0, at - MATCH_WINDOW);
    const to = Math.min(waiting.length, at + MATCH_WINDOW);
    for (let w = from; w < to; w++)
      row.set(w, matchHeadline(headGrams[h]!, bodyGrams.get(waiting[w]!)!));
    return row;
  });
  const matchOf = (h: number, w: number): HeadlineMatch =>
    matches[h]!.get(w) ?? matchHeadline(headGrams[h]!, bodyGrams.get(waiting[w]!)!);

  const assigned = assignHeadlines(
    matches.map((row) => new Map([...row].map(([w, m]) => [w, matchScore(m)]))),
    (h, w) => isPlausibleMatch(matchOf(h, w)),
  );
  const used = new Set<number>();
  for (const [h, w] of assigned) {
    const span = spans[waiting[w]!]!;
    span.headlines.push(loose[h]!);
    used.add(h);
    // Kicker and sub-headline lines printed as separate blocks around the main headline.
    for (const step of [-1, 1]) {
      for (
        let n = h + step;
        n >= 0 && n < loose.length && loose[n] === loose[n - step]! + step;
        n += step
      ) {
        if (used.has(n) || assigned.has(n) || !isPlausibleMatch(matchOf(n, w), 0.3)) break;
        span.headlines.push(loose[n]!);
        used.add(n);
      }
    }
    span.headlines.sort((a, b) => a - b);
  }

  for (const k of waiting) {
    const span = spans[k]!;
    if (span.headlines.length > 0) continue;
    // The free headings near the article (the same window as for matching), nearest first.
    const at = firstAtOrAfter(loose, (u) => u > span.first);
    const free: Array<{ h: number; u: number }> = [];
    const to = Math.min(loose.length, at + MATCH_WINDOW);
    for (let h = Math.max(0, at - MATCH_WINDOW); h < to; h++)
      if (!used.has(h)) free.push({ h, u: loose[h]! });
    const distance = (u: number) => (u < span.first ? span.first - u : u - span.lastBody);
    const prefers = (u: number) => (span.kind === "report" && /日报$/.test(units[u]!.text) ? 0 : 1);
    free.sort((a, b) => prefers(a.u) - prefers(b.u) || distance(a.u) - distance(b.u));
    const pick = free[0];
    if (pick) {
      span.headlines.push(pick.u);
      used.add(pick.h);
    }
  }
  return loose.filter((_, h) => !used.has(h));
}

/** How many articles on either side of a heading it is compared with. */
const MATCH_WINDOW = 16;

/** The first index whose item satisfies `after` (items are in page order, `after` monotonic). */
function firstAtOrAfter<T>(items: readonly T[], after: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(items[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Names the parts of a headline group. A markdown-marked line is the headline; otherwise in
 * three lines the middle one is (kicker above, sub-headline below), and in two lines the first
 * is, unless it ends with a colon (`每月一地:`), which marks a kicker.
 */
function headlineParts(group: Unit[]): Pick<Article, "title" | "subtitle" | "kicker"> {
  const lines = group.flatMap((u) => u.lines.map((line) => ({ line, level: u.level })));
  if (lines.length === 0) return { title: "", subtitle: null, kicker: null };
  const levels = lines.flatMap((l) => (l.level === null ? [] : [l.level]));
  let at: number;
  if (levels.length > 0) at = lines.findIndex((l) => l.level === Math.min(...levels));
  else if (lines.length >= 3) at = 1;
  else at = /[：:]$/.test(lines[0]!.line) && lines.length === 2 ? 1 : 0;
  const join = (ls: typeof lines) =>
    ls.length === 0 ? null : ls.map((l) => l.line.replace(/[：:]$/, "")).join(" ");
  return {
    title: lines[at]!.line,
    kicker: join(lines.slice(0, at)),
    subtitle: join(lines.slice(at + 1)),
  };
}
