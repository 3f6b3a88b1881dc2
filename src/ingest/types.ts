/**
 * The shapes that flow out of ingest and into the indexes. Plain data only: every stage after
 * ingest can be tested with hand-built values of these types.
 */

/** One article as printed on a page, its text normalized but never rewritten. */
export interface Article {
  /** `${source}#${index}`, stable while the page's article order is unchanged. */
  id: string;
  /** The seed file's name, e.g. `003_bcfb9783f9e97214.txt`. */
  source: string;
  /** Position of the article on its page, 0-based, in reading order. */
  index: number;
  /** The headline that belongs to this article ("" when the page prints none). */
  title: string;
  /** Line printed under the headline (`罗东川主持`), or null. */
  subtitle: string | null;
  /** Line printed above the headline (`每月一地`), or null. */
  kicker: string | null;
  /** The date as printed in the dateline or lead (`3月25日`), or null. */
  date: string | null;
  /** Reporter name(s) as printed (`田得乾 石成砚`), or null. */
  reporter: string | null;
  /** The whole byline as printed inside its brackets (`记者 宁亚琴 通讯员 刘海军`), or null. */
  byline: string | null;
  /** Normalized article text: paragraphs separated by "\n", the dateline and sub-heads included. */
  text: string;
  /** Offsets of `text` inside the page's normalized text: `page.text.slice(start, end) === text`. */
  start: number;
  end: number;
}

/** A retrievable passage: a sentence-aligned slice of one article. */
export interface Chunk {
  /** Stable id: a hash of the source file name and the chunk text. */
  id: string;
  articleId: string;
  source: string;
  title: string;
  /** Exactly `article.text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** Position of the chunk within its article, 0-based. */
  ordinal: number;
}
