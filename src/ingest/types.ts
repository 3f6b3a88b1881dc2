/**
 * The shapes that flow out of ingest and into the indexes. Plain data only: every stage after
 * ingest can be tested with hand-built values of these types. Each is a zod schema and the
 * TypeScript type is inferred from it; the index stores them in `chunks.bin`
 * (src/index/chunk-store.ts), which checks what quoting relies on itself.
 */
import * as z from "zod";

const offset = z.number().int().nonnegative();

/** One article as printed on a page, its text normalized but never rewritten. */
export const articleSchema = z.object({
  /** `${source}#${index}`, stable while the page's article order is unchanged. */
  id: z.string().min(1),
  /** The seed file's name, e.g. `003_bcfb9783f9e97214.txt`. */
  source: z.string().min(1),
  /** Position of the article on its page, 0-based, in reading order. */
  index: z.number().int().nonnegative(),
  /** The headline that belongs to this article ("" when the page prints none). */
  title: z.string(),
  /** Line printed under the headline (`罗东川主持`), or null. */
  subtitle: z.string().nullable(),
  /** Line printed above the headline (`每月一地`), or null. */
  kicker: z.string().nullable(),
  /** The date as printed in the dateline or lead (`3月25日`), or null. */
  date: z.string().nullable(),
  /** Reporter name(s) as printed (`田得乾 石成砚`), or null. */
  reporter: z.string().nullable(),
  /** The whole byline as printed inside its brackets (`记者 宁亚琴 通讯员 刘海军`), or null. */
  byline: z.string().nullable(),
  /** Normalized article text: paragraphs separated by "\n", the dateline and sub-heads included. */
  text: z.string(),
  /**
   * Offsets of `text` inside the page's normalized text: `page.text.slice(start, end) === text`.
   */
  start: offset,
  end: offset,
});
export type Article = z.infer<typeof articleSchema>;

/** A retrievable passage: a sentence-aligned slice of one article. */
export const chunkSchema = z.object({
  /** Stable id: a hash of the source file name and the chunk text. */
  id: z.string().min(1),
  articleId: z.string().min(1),
  source: z.string().min(1),
  title: z.string(),
  /** Exactly `article.text.slice(start, end)`. */
  text: z.string(),
  start: offset,
  end: offset,
  /** Position of the chunk within its article, 0-based. */
  ordinal: z.number().int().nonnegative(),
});
export type Chunk = z.infer<typeof chunkSchema>;
