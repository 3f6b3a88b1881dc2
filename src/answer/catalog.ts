import type { LoadedIndex } from "../index/load-index.js";
import { splitSentences } from "../util/sentences.js";

/** One article as a reader browses it: headline, date, and its first sentence as printed. */
export interface CatalogArticle {
  id: string;
  source: string;
  /** Position on its page, 0-based, in reading order. */
  index: number;
  title: string;
  subtitle: string | null;
  date: string | null;
  reporter: string | null;
  byline: string | null;
  /** The article's first sentence: an exact substring of its text. */
  lead: string;
}

/** One page file, with its articles in reading order. */
export interface CatalogPage {
  source: string;
  /**
   * 1-based position in file-name order: what 第N版 / page N means (the pages print no page numbers).
   */
  number: number;
  /** The latest date any of its articles carries (`11月23日`), or null when none does. */
  date: string | null;
  articles: CatalogArticle[];
}

/**
 * The pages print dates without a year, so dates compare by month, then day, as within one year.
 * Returns a sortable number (1123 for 11月23日), or null for no date.
 */
export function dateOrder(date: string | null): number | null {
  const m = date === null ? null : /(\d{1,2})月(\d{1,2})日/.exec(date);
  return m ? Number(m[1]) * 100 + Number(m[2]) : null;
}

/** The index as pages and articles, pages in file-name order: what browsing and /sources show. */
export function buildCatalog(index: Pick<LoadedIndex, "articles" | "manifest">): CatalogPage[] {
  const sources = [
    ...new Set([
      ...index.manifest.pages.map((p) => p.source),
      ...index.articles.map((a) => a.source),
    ]),
  ].sort();
  return sources.map((source, i) => {
    const articles = index.articles
      .filter((a) => a.source === source)
      .sort((a, b) => a.index - b.index)
      .map((a) => {
        const first = splitSentences(a.text)[0];
        return {
          id: a.id,
          source: a.source,
          index: a.index,
          title: a.title,
          subtitle: a.subtitle,
          date: a.date,
          reporter: a.reporter,
          byline: a.byline,
          lead: first ? a.text.slice(first.start, first.end) : "",
        };
      });
    const dated = articles
      .filter((a) => dateOrder(a.date) !== null)
      .sort((a, b) => dateOrder(b.date)! - dateOrder(a.date)!);
    return { source, number: i + 1, date: dated[0]?.date ?? null, articles };
  });
}

/**
 * The earliest and latest printed dates (`1月21日 – 11月23日`), or null when no article is dated; the
 * pages print no year.
 */
export function catalogDateRange(catalog: readonly CatalogPage[]): string | null {
  const dated = catalog
    .flatMap((p) => p.articles)
    .map((a) => /^(\d{1,2})月(\d{1,2})日$/.exec(a.date ?? ""))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ text: m[0], key: Number(m[1]) * 100 + Number(m[2]) }))
    .sort((a, b) => a.key - b.key);
  const first = dated[0];
  const last = dated[dated.length - 1];
  if (!first || !last) return null;
  return first.key === last.key ? first.text : `${first.text} – ${last.text}`;
}

/** How many articles the catalog lists. */
export function catalogArticleCount(catalog: readonly CatalogPage[]): number {
  return catalog.reduce((sum, p) => sum + p.articles.length, 0);
}

/**
 * The pages newest first: by the latest date each carries (month and day, the pages print no
 * year), undated pages last, ties in file-name order.
 */
export function pagesNewestFirst(catalog: readonly CatalogPage[]): CatalogPage[] {
  return [...catalog].sort(
    (a, b) =>
      (dateOrder(b.date) ?? -1) - (dateOrder(a.date) ?? -1) || a.source.localeCompare(b.source),
  );
}
