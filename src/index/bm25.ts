/**
 * Okapi BM25 over plain data. Nothing here knows about Chinese, jieba or files: documents arrive as
 * lists of terms, the index is a JSON-ready object, and scoring is a pure function of both. That
 * keeps the ranking maths testable with hand-made term lists and lets the caller decide where the
 * index lives.
 */
import { z } from "zod";

/** One document to index: its id and its terms, repeated as often as they occur. */
export interface Bm25Document {
  id: string;
  terms: readonly string[];
}

const count = z.number().int().nonnegative();

/**
 * A built BM25 index, plain and JSON-serializable (no Maps, no classes, no functions).
 * Document frequencies are not stored separately: a term's df is the length of its posting list,
 * so the two can never disagree.
 *
 * Parsing checks, beyond shapes, the invariants scoring relies on: posting ordinals in range and
 * increasing, positive term frequencies that add up to each document's length, unique ids, and an
 * average length that matches the lengths. Each problem is reported where it is in the data
 * (`postings["w:算力"][2]`), for the caller to wrap.
 */
export const bm25IndexSchema = z
  .object({
    /** Number of documents (N). */
    documentCount: count,
    /** Mean of `lengths`; 0 for an empty index. */
    averageLength: z.number(),
    /** Document ids by ordinal; postings refer to documents by their position here. */
    ids: z.array(z.string()),
    /** Number of terms in each document, by ordinal (the `|D|` of BM25). */
    lengths: z.array(count),
    /**
     * term → `[documentOrdinal, termFrequency]` pairs, ordinals strictly increasing. Look terms up
     * with `Object.hasOwn`: after `JSON.parse` this object has a prototype, and a term such as
     * `constructor` must not find `Object.prototype.constructor`.
     */
    postings: z.record(z.string(), z.array(z.tuple([count, count.positive()])).min(1)),
  })
  .superRefine(({ documentCount, averageLength, ids, lengths, postings }, ctx) => {
    const problem = (path: PropertyKey[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    if (new Set(ids).size !== ids.length) return problem(["ids"], "ids must be unique");
    if (documentCount !== ids.length)
      return problem(["documentCount"], `is ${documentCount} but there are ${ids.length} ids`);
    if (lengths.length !== ids.length)
      return problem(["lengths"], `must be ${ids.length} lengths, got ${lengths.length}`);
    const total = lengths.reduce((sum, length) => sum + length, 0);
    const expectedAverage = ids.length === 0 ? 0 : total / ids.length;
    if (Math.abs(averageLength - expectedAverage) > 1e-9 * Math.max(1, expectedAverage)) {
      return problem(["averageLength"], `is ${averageLength}, expected ${expectedAverage}`);
    }
    const termCounts = new Array<number>(ids.length).fill(0);
    for (const [term, list] of Object.entries(postings)) {
      let previous = -1;
      for (const [i, [ordinal, tf]] of list.entries()) {
        if (ordinal >= ids.length || ordinal <= previous) {
          return problem(
            ["postings", term, i],
            `refers to document ${ordinal}, out of order or out of range`,
          );
        }
        previous = ordinal;
        termCounts[ordinal] = (termCounts[ordinal] ?? 0) + tf;
      }
    }
    const wrong = termCounts.findIndex((n, ordinal) => n !== lengths[ordinal]);
    if (wrong >= 0)
      problem(
        ["lengths", wrong],
        `document ${wrong} has length ${lengths[wrong]} but its postings hold ${termCounts[wrong]} terms`,
      );
  });
export type Bm25Index = z.infer<typeof bm25IndexSchema>;

/** A scored document, as returned by {@link scoreBm25}. */
export interface Bm25Hit {
  id: string;
  score: number;
}

/** Tuning for {@link scoreBm25}. The defaults are the textbook values (Robertson & Zaragoza). */
export interface Bm25Options {
  /**
   * Term-frequency saturation: how quickly repeating a term stops adding to the score.
   * @default 1.2
   */
  k1?: number;
  /**
   * Length normalization: 0 ignores document length, 1 divides fully by relative length.
   * @default 0.75
   */
  b?: number;
  /**
   * Multiplier per term namespace, the part of a term before its first `:` (`w:算力` → `w`).
   * Lets one index hold several kinds of terms that deserve different trust, e.g. whole words 1.0
   * and character bigrams 0.5, because a bigram match is weaker evidence than a word match.
   * Namespaces not listed, and terms without a `:`, weigh 1.
   * @default {}
   */
  namespaceWeights?: Readonly<Record<string, number>>;
}

/**
 * Builds the index from documents given as term lists. Term order is irrelevant; repetitions
 * count (they are the term frequencies). Throws on a duplicate id, since a search result could then
 * not say which document it means.
 */
export function buildBm25Index(documents: readonly Bm25Document[]): Bm25Index {
  const ids: string[] = [];
  const lengths: number[] = [];
  const seen = new Set<string>();
  // A Map, not an object, while building: terms are arbitrary strings, `__proto__` included.
  const postings = new Map<string, Array<[number, number]>>();
  let total = 0;

  documents.forEach((document, ordinal) => {
    if (seen.has(document.id))
      throw new Error(`Duplicate document id in BM25 input: ${document.id}`);
    seen.add(document.id);
    ids.push(document.id);
    lengths.push(document.terms.length);
    total += document.terms.length;

    const counts = new Map<string, number>();
    for (const term of document.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    // Ordinals are visited in increasing order, so every posting list stays sorted.
    for (const [term, count] of counts) {
      const list = postings.get(term);
      if (list === undefined) postings.set(term, [[ordinal, count]]);
      else list.push([ordinal, count]);
    }
  });

  return {
    documentCount: ids.length,
    averageLength: ids.length === 0 ? 0 : total / ids.length,
    ids,
    lengths,
    // fromEntries defines own properties, so even a `__proto__` term is stored as data.
    postings: Object.fromEntries(postings),
  };
}

/**
 * Scores every document that shares at least one term with the query and returns the best `k`,
 * highest score first (ties in index order). A term repeated in the query counts once: saying a
 * word twice in a question does not make it more important. Terms absent from the index are
 * ignored, so an empty or all-unknown query returns `[]`.
 */
export function scoreBm25(
  index: Bm25Index,
  queryTerms: readonly string[],
  k: number,
  options: Bm25Options = {},
): Bm25Hit[] {
  const { k1 = 1.2, b = 0.75, namespaceWeights = {} } = options;
  if (!(k1 >= 0) || !Number.isFinite(k1))
    throw new RangeError(`BM25 k1 must be a finite number ≥ 0, got ${k1}`);
  if (!(b >= 0 && b <= 1)) throw new RangeError(`BM25 b must be between 0 and 1, got ${b}`);
  const limit = Math.floor(k);
  if (!(limit > 0) || index.documentCount === 0) return [];

  const n = index.documentCount;
  const scores = new Float64Array(n);
  // avgdl is 0 only when every document is empty, and then no posting exists to divide by it.
  const averageLength = index.averageLength > 0 ? index.averageLength : 1;

  for (const term of new Set(queryTerms)) {
    if (!Object.hasOwn(index.postings, term)) continue;
    const list = index.postings[term];
    if (list === undefined || list.length === 0) continue;
    const weight = termWeight(term, namespaceWeights);
    if (weight === 0) continue;
    // Lucene's idf: like Robertson–Spärck Jones but never negative, so a term found in more than
    // half the documents still counts a little instead of penalising the documents that hold it.
    const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
    for (const [ordinal, tf] of list) {
      const length = index.lengths[ordinal] ?? 0;
      const norm = k1 * (1 - b + (b * length) / averageLength);
      scores[ordinal] = (scores[ordinal] ?? 0) + (weight * idf * (tf * (k1 + 1))) / (tf + norm);
    }
  }

  const hits: Array<{ ordinal: number; score: number }> = [];
  for (let ordinal = 0; ordinal < n; ordinal++) {
    const score = scores[ordinal] ?? 0;
    if (score > 0) hits.push({ ordinal, score });
  }
  hits.sort((x, y) => y.score - x.score || x.ordinal - y.ordinal);
  return hits
    .slice(0, limit)
    .map(({ ordinal, score }) => ({ id: index.ids[ordinal] ?? "", score }));
}

function termWeight(term: string, weights: Readonly<Record<string, number>>): number {
  const colon = term.indexOf(":");
  if (colon < 0) return 1;
  const namespace = term.slice(0, colon);
  return Object.hasOwn(weights, namespace) ? (weights[namespace] ?? 1) : 1;
}
