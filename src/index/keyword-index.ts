/**
 * The lexical half of retrieval: BM25 over the terms of {@link tokenize}. Finds what the dense
 * index blurs (names, numbers with units, programme names like `有诉必应马上办`) and keeps the bot
 * answering when no embedding model is available. Pure functions over plain data; reading and
 * writing the serialized form is the caller's job.
 */
import { z } from "zod";
import { bm25IndexSchema, buildBm25Index, scoreBm25 } from "./bm25.js";
import type { Bm25Hit, Bm25Options } from "./bm25.js";
import { TOKENIZER_VERSION, tokenize } from "./chinese-tokenizer.js";
import { describeIssues } from "./stored-json.js";

/** Version of the serialized layout; bump it when the shape of {@link KeywordIndexData} changes. */
const KEYWORD_INDEX_FORMAT_VERSION = 1;

/**
 * Weights of the tokenizer's namespaces in the score. A whole word or a number with its unit is
 * the strongest evidence; a bigram match may straddle two words (`区多`), and one shared character
 * says little, so it mainly serves one-character questions and breaks ties.
 */
const DEFAULT_TERM_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  w: 1,
  n: 1,
  b: 0.5,
  c: 0.2,
});

/**
 * `keyword.json`, as {@link serializeKeywordIndex} writes it: the format version, the tokenizer the
 * terms came from (questions must be cut the same way to match them), and the BM25 index.
 */
const keywordIndexFileSchema = z.object({
  version: z.literal(KEYWORD_INDEX_FORMAT_VERSION),
  tokenizer: z.string(),
  bm25: bm25IndexSchema,
});

/**
 * A built keyword index: plain data, safe to `JSON.stringify` through {@link
 * serializeKeywordIndex}.
 */
export type KeywordIndexData = Omit<z.infer<typeof keywordIndexFileSchema>, "version">;

/**
 * A passage found by {@link searchKeywordIndex}: the id it was indexed under and its BM25 score.
 */
export type KeywordHit = Bm25Hit;

/**
 * Ranking knobs for {@link searchKeywordIndex}; `namespaceWeights` defaults to {@link
 * DEFAULT_TERM_WEIGHTS}.
 */
export type KeywordSearchOptions = Bm25Options;

/**
 * Thrown by {@link deserializeKeywordIndex} when saved data cannot be used; rebuilding the index
 * fixes it.
 */
export class KeywordIndexError extends Error {
  override name = "KeywordIndexError";

  constructor(
    /**
     * `corrupted`: not a keyword index, or one whose parts disagree. `stale`: well-formed, but
     * built by another tokenizer, so questions would be cut into terms the index does not hold.
     */
    readonly kind: "corrupted" | "stale",
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Indexes passages (typically chunks: `id` is the chunk id, `text` its text). Ids must be unique.
 * Tokenizing is the cost: about the time jieba needs to read the text, plus its one-off start.
 */
export function buildKeywordIndex(
  docs: ReadonlyArray<{ id: string; text: string }>,
): KeywordIndexData {
  return {
    tokenizer: TOKENIZER_VERSION,
    bm25: buildBm25Index(docs.map(({ id, text }) => ({ id, terms: tokenize(text) }))),
  };
}

/**
 * The `k` passages that best match `query` by BM25, best first, scores > 0. A query with no
 * searchable term (empty, only punctuation, only stop words like `的`) returns `[]`, not an error:
 * the caller decides how to tell the user. Scores are comparable only within one result list.
 */
export function searchKeywordIndex(
  index: KeywordIndexData,
  query: string,
  k: number,
  options: KeywordSearchOptions = {},
): KeywordHit[] {
  const terms = tokenize(query);
  if (terms.length === 0) return [];
  return scoreBm25(index.bm25, terms, k, { namespaceWeights: DEFAULT_TERM_WEIGHTS, ...options });
}

/**
 * The index as plain JSON data with a `version` field, ready for `JSON.stringify`. The returned
 * object shares arrays with `index`; treat it as read-only.
 */
export function serializeKeywordIndex(index: KeywordIndexData): unknown {
  return { version: KEYWORD_INDEX_FORMAT_VERSION, tokenizer: index.tokenizer, bm25: index.bm25 };
}

/**
 * Validates data produced by {@link serializeKeywordIndex} (after a JSON round trip) and returns a
 * usable index. Throws {@link KeywordIndexError}: `Keyword index is corrupted: …` when the data is
 * not an index of this format or its parts disagree (truncated postings, lengths that do not add
 * up), `Keyword index is stale: …` when it was built by a different tokenizer. Either way the
 * remedy is to rebuild it from the chunks.
 */
export function deserializeKeywordIndex(data: unknown): KeywordIndexData {
  const parsed = keywordIndexFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new KeywordIndexError(
      "corrupted",
      `Keyword index is corrupted: ${describeIssues(parsed.error)}`,
      { cause: parsed.error },
    );
  }
  const { tokenizer, bm25 } = parsed.data;
  if (tokenizer !== TOKENIZER_VERSION) {
    throw new KeywordIndexError(
      "stale",
      `Keyword index is stale: built with tokenizer ${tokenizer}, this program tokenizes with ${TOKENIZER_VERSION}; rebuild it`,
    );
  }
  return { tokenizer, bm25 };
}

/**
 * How informative a term is across the indexed passages (BM25's idf; 0 for an unknown term). The
 * answer composer weighs a question's terms with it when it picks the sentence that answers.
 */
export function termIdf(index: KeywordIndexData, term: string): number {
  const df = Object.hasOwn(index.bm25.postings, term)
    ? (index.bm25.postings[term]?.length ?? 0)
    : 0;
  if (df === 0) return 0;
  const n = index.bm25.documentCount;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
