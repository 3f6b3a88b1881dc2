/**
 * The lexical half of retrieval: BM25 over the terms of {@link tokenize}. Finds what the dense
 * index blurs (names, numbers with units, programme names like `有诉必应马上办`) and keeps the bot
 * answering when no embedding model is available. Pure functions over plain data; reading and
 * writing the serialized form is the caller's job.
 */
import { availableParallelism } from "node:os";
import {
  Bm25Builder,
  buildBm25Index,
  documentFrequency,
  loadTerm,
  scoreBm25,
  termCount,
  termsWithPrefix,
} from "./bm25.js";
import type { Bm25Hit, Bm25Index, Bm25Options } from "./bm25.js";
import { TOKENIZER_VERSION, tokenize } from "./chinese-tokenizer.js";
import {
  checkAllPostings,
  encodeKeywordFile,
  KeywordFileProblem,
  openKeywordFile,
} from "./keyword-index-file.js";
import { tokenizeInWorkers } from "./tokenize-pool.js";

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
 * A built keyword index: the tokenizer its terms came from (questions must be cut the same way to
 * match them) and the BM25 index. Saved as bytes by {@link serializeKeywordIndex}.
 */
export interface KeywordIndexData {
  tokenizer: string;
  bm25: Bm25Index;
}

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
    // Tokenized one passage at a time as the index takes them: no list of every passage's terms.
    bm25: buildBm25Index(
      (function* () {
        for (const { id, text } of docs) yield { id, terms: tokenize(text) };
      })(),
    ),
  };
}

/**
 * Below this much text a build cuts it on this thread: each worker's start (its own jieba
 * dictionary, ~0.35 s, and its modules) would cost about what the other core saves. About 140
 * real pages, ~0.7 s of cutting on one core. Measured when a worker built native jieba; since the
 * tokenizer reads its dictionary from a file (`segmenter/`, ~15 ms) a lower threshold may pay, not
 * measured yet.
 */
const PARALLEL_MIN_CHARS = 2_000_000;

export interface ParallelBuildOptions {
  /**
   * Worker threads cutting the text; 0 cuts it on this thread. @default one per core
   * (`os.availableParallelism()`), or 0 for less than {@link PARALLEL_MIN_CHARS} of text
   */
  workers?: number;
}

/**
 * {@link buildKeywordIndex} with the text cut on every core (tokenize-pool.ts): the same index,
 * byte for byte, in about the time of the cutting divided by the cores.
 */
export async function buildKeywordIndexInParallel(
  docs: ReadonlyArray<{ id: string; text: string }>,
  options: ParallelBuildOptions = {},
): Promise<KeywordIndexData> {
  const workers =
    options.workers ??
    (docs.reduce((n, doc) => n + doc.text.length, 0) >= PARALLEL_MIN_CHARS
      ? availableParallelism()
      : 0);
  if (workers < 1) return buildKeywordIndex(docs);
  const builder = new Bm25Builder();
  await tokenizeInWorkers({
    count: docs.length,
    text: (i) => docs[i]?.text ?? "",
    termNumber: (term) => builder.termNumber(term),
    passage: (i, counted) => builder.addCounted(docs[i]?.id ?? "", counted),
    workers,
  });
  return { tokenizer: TOKENIZER_VERSION, bm25: builder.finish() };
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
  try {
    return scoreBm25(index.bm25, terms, k, { namespaceWeights: DEFAULT_TERM_WEIGHTS, ...options });
  } catch (error) {
    // A loaded index decodes a term's postings on its first use, and refuses damaged ones then.
    return corrupted(error);
  }
}

/** A {@link KeywordFileProblem} as the {@link KeywordIndexError} callers know; others rethrown. */
function corrupted(error: unknown): never {
  if (!(error instanceof KeywordFileProblem)) throw error;
  throw new KeywordIndexError("corrupted", `Keyword index is corrupted: ${error.message}`, {
    cause: error,
  });
}

/**
 * Checks every posting of an index read by {@link deserializeKeywordIndex} now rather than as
 * questions reach them (see keyword-index-file.ts), including that each passage's term
 * frequencies add up to its length. Throws {@link KeywordIndexError} (`corrupted`).
 */
export function verifyKeywordIndex(index: KeywordIndexData): void {
  try {
    checkAllPostings(index.bm25);
  } catch (error) {
    corrupted(error);
  }
}

/** The index as the bytes of `keyword.bin` (see keyword-index-file.ts). */
export function serializeKeywordIndex(index: KeywordIndexData): Buffer {
  return encodeKeywordFile(index.tokenizer, index.bm25);
}

/**
 * Reads bytes written by {@link serializeKeywordIndex} and returns a usable index. Throws {@link
 * KeywordIndexError}: `Keyword index is corrupted: …` when the bytes are not an index of this
 * format or its parts disagree (truncated, a changed byte, another format version, offsets out of
 * range, counts that do not add up), `Keyword index is stale: …` when it was built by a different
 * tokenizer. Either way the remedy is to rebuild it from the chunks. A term's postings are decoded
 * and checked when a search first uses it ({@link searchKeywordIndex} throws the same `corrupted`
 * error for a damaged one); {@link verifyKeywordIndex} checks them all at once.
 */
export function deserializeKeywordIndex(bytes: Uint8Array): KeywordIndexData {
  let opened: ReturnType<typeof openKeywordFile>;
  try {
    opened = openKeywordFile(bytes);
  } catch (error) {
    return corrupted(error);
  }
  const { tokenizer } = opened;
  if (tokenizer !== TOKENIZER_VERSION) {
    throw new KeywordIndexError(
      "stale",
      `Keyword index is stale: built with tokenizer ${tokenizer}, this program tokenizes with ${TOKENIZER_VERSION}; rebuild it`,
    );
  }
  try {
    return { tokenizer, bm25: opened.decode() };
  } catch (error) {
    return corrupted(error);
  }
}

/**
 * Decodes, in the background, the postings a loaded index leaves for a term's first use (see
 * {@link deserializeKeywordIndex}), so that after a second or two of a start no question pays for
 * it. A few milliseconds at a time between other work, on timers that do not keep the process
 * alive (a one-shot `ask` exits without waiting). Resolves when done, or at the first damaged term,
 * which is left for the search that reaches it to report.
 */
export function warmKeywordIndex(index: KeywordIndexData): Promise<void> {
  const { bm25 } = index;
  if (bm25.loadTerm === undefined) return Promise.resolve();
  const terms = termCount(bm25);
  let next = 0;
  return new Promise((resolve) => {
    const step = () => {
      const until = performance.now() + WARM_SLICE_MS;
      try {
        while (next < terms && performance.now() < until) {
          const end = Math.min(terms, next + 16);
          for (; next < end; next++) loadTerm(bm25, next);
        }
      } catch {
        return resolve();
      }
      if (next < terms) setTimeout(step, 0).unref();
      else resolve();
    };
    setTimeout(step, 0).unref();
  });
}

/** How long the background decoding holds the thread at a time: a question waits at most this. */
const WARM_SLICE_MS = 4;

/**
 * The words (`w:` terms) the indexed passages use, each with the number of passages holding it.
 */
export function indexedWords(index: KeywordIndexData): Iterable<[word: string, passages: number]> {
  return (function* () {
    for (const [term, df] of termsWithPrefix(index.bm25, "w:")) yield [term.slice(2), df];
  })();
}

/**
 * How informative a term is across the indexed passages (BM25's idf; 0 for an unknown term). The
 * answer composer weighs a question's terms with it when it picks the sentence that answers.
 */
export function termIdf(index: KeywordIndexData, term: string): number {
  const df = documentFrequency(index.bm25, term);
  if (df === 0) return 0;
  const n = index.bm25.documentCount;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
