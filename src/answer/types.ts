/**
 * The answer shapes shared by every interface. `Answer` is the `ask --json` contract of
 * PRODUCT.md, plus a few extra fields.
 */

export type { Article, Chunk } from "../ingest/types.js";

export type AnswerMode = "extractive" | "llm" | "none";
/**
 * What a reader asked for: a fact, which report…, headlines, a summary, what someone did, more, the
 * full text.
 */
export type Language = "zh" | "en";

export interface Citation {
  /** Matches the `[n]` markers in `Answer.answer`. */
  n: number;
  /** The seed file's name. */
  source: string;
  /** The article's headline. */
  title: string;
  /** An exact substring of the article's normalized text (`Article.text`). */
  quote: string;
  /** Retrieval evidence for this citation, 0..1, higher is better. */
  score: number;
  articleId: string;
  date: string | null;
  /**
   * The chunk that holds the quote (what a citation button opens); set on every citation the engine
   * returns.
   */
  chunkId?: string;
  /**
   * Where the quote stands in its article's text, as the scorer found it: `text.slice(start, end)
   * === quote`.
   */
  start?: number;
  end?: number;
}

export interface Answer {
  question: string;
  answer: string;
  /** false when nothing in the pages answers the question (then citations are suggestions). */
  grounded: boolean;
  mode: AnswerMode;
  citations: Citation[];
  language: Language;
  /** A short remark for the reader, e.g. that the LLM failed and the extractive answer is shown. */
  note?: string;
  /** How strongly the best sentence matched (what abstention compares with its threshold). */
  evidence?: number;
  /** What was asked for; absent means a fact. */
  intent?: AnswerIntent;
  /** The standalone question answered, when a follow-up was read in its conversation's context. */
  resolvedQuestion?: string;
}

export type AnswerIntent =
  | "fact"
  | "which"
  | "browse"
  | "summary"
  | "activity"
  | "more"
  | "fulltext";
