/**
 * Okapi BM25 over plain data, laid out for an archive. Nothing here knows about Chinese, jieba or
 * files: documents arrive as lists of terms, the index is a handful of typed arrays, and scoring is
 * a pure function of both.
 *
 * Layout (why: at 10,000 pages the index holds ~5·10⁷ postings; as `[ordinal, tf]` arrays each cost
 * ~70 bytes of heap, here 5):
 * - the term dictionary is every term's UTF-8 bytes back to back, sorted by bytes, with offsets —
 *   no string or object per term; a term is found by binary search;
 * - a term's postings are one slice of `docs` (document ordinals, increasing) and of `tfs` (term
 *   frequencies), the slice given by `postingStarts`;
 * - document lengths are stored once, by ordinal.
 *
 * {@link scoreBm25} returns exactly what scoring every document would ({@link scoreBm25Exhaustive},
 * kept as the reference), but prunes with per-term score bounds (MaxScore): the terms that cannot
 * lift a document into the top k on their own — typically the single characters and common bigrams
 * that every passage holds — are never walked, only looked up for the few documents still in
 * contention.
 */
import { U32List } from "./u32-list.js";

/** One document to index: its id and its terms, repeated as often as they occur. */
export interface Bm25Document {
  id: string;
  terms: readonly string[];
}

/**
 * A built BM25 index. Document frequencies are not stored separately: a term's df is the length of
 * its posting slice, so the two can never disagree. Treat every array as read-only.
 */
export interface Bm25Index {
  /** Number of documents (N). */
  documentCount: number;
  /** Mean of `lengths`; 0 for an empty index. */
  averageLength: number;
  /** Document ids by ordinal; postings refer to documents by their position here. */
  ids: readonly string[];
  /** Number of terms in each document, by ordinal (the `|D|` of BM25). */
  lengths: Uint32Array;
  /** Every term's UTF-8 bytes, back to back, terms in increasing byte order. */
  termBytes: Buffer;
  /** Term t is `termBytes[termOffsets[t], termOffsets[t + 1])`; termCount + 1 entries. */
  termOffsets: Uint32Array;
  /** Term t's postings are `docs`/`tfs` over `[postingStarts[t], postingStarts[t + 1])`. */
  postingStarts: Uint32Array;
  /** Document ordinals, strictly increasing within each term's slice. */
  docs: Uint32Array;
  /** Term frequencies, parallel to `docs`; {@link TF_ESCAPE} means "see `tfOverflow`". */
  tfs: Uint8Array;
  /** Posting position → term frequency, for the rare frequencies ≥ {@link TF_ESCAPE}. */
  tfOverflow: ReadonlyMap<number, number>;
  /** Per term: its highest frequency in any document, and the shortest document holding it. */
  maxTf: Uint32Array;
  minLength: Uint32Array;
  /**
   * Present when the postings are decoded on demand (an index read from its file): makes term t's
   * `docs`, `tfs`, `tfOverflow`, `maxTf` and `minLength` readable, at once when they already are.
   * Call {@link loadTerm}, which does nothing for a built index. May throw when the term's stored
   * postings are damaged.
   */
  loadTerm?: (t: number) => void;
}

/** Makes term t's postings and bounds readable (see {@link Bm25Index.loadTerm}). */
export function loadTerm(index: Bm25Index, t: number): void {
  index.loadTerm?.(t);
}

/** A one-byte tf holds 1…254; this value says the real one is in `tfOverflow`. */
export const TF_ESCAPE = 255;

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

/** Compares two byte ranges the way `Buffer.compare` does (bytes, then length). */
function compareBytes(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const d = (a[aStart + i] as number) - (b[bStart + i] as number);
    if (d !== 0) return d;
  }
  return aEnd - aStart - (bEnd - bStart);
}

/**
 * Builds the index from documents given as term lists, in ordinal order. Term order is irrelevant; repetitions
 * count (they are the term frequencies). Throws on a duplicate id, since a search result could then
 * not say which document it means. Linear in the number of postings: each (term, document) pair is
 * appended once, then placed by a counting sort on the term.
 */
export function buildBm25Index(documents: Iterable<Bm25Document>): Bm25Index {
  const builder = new Bm25Builder();
  // An iterable, so that a caller can tokenize one document at a time instead of holding every
  // document's terms at once (at 10,000 pages, ~10⁸ strings).
  for (const document of documents) builder.addTerms(document.id, document.terms);
  return builder.finish();
}

/** A document's terms counted (see {@link Bm25Builder.addCounted}). */
export interface CountedTerms {
  length: number;
  terms: Uint32Array;
  frequencies: Uint32Array;
  from: number;
  to: number;
}

/**
 * {@link buildBm25Index} one document at a time, for callers whose documents arrive as term
 * numbers (the parallel tokenizer: each worker sends its terms once, then numbers). The index is
 * the same whatever numbers the terms got: the dictionary is sorted by bytes at the end.
 */
export class Bm25Builder {
  private readonly ids: string[] = [];
  private readonly lengthList = new U32List();
  private readonly seen = new Set<string>();
  // A Map, not an object: terms are arbitrary strings, `__proto__` included.
  private readonly termIds = new Map<string, number>();
  private readonly postingTerm = new U32List();
  private readonly postingDoc = new U32List();
  private readonly postingTf = new U32List();
  private total = 0;
  private counts = new Uint32Array(1024);
  private readonly docTerms: number[] = [];

  /** The term's number, given on first sight; numbers are dense from 0. */
  termNumber(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      if (id === this.counts.length) {
        const bigger = new Uint32Array(this.counts.length * 2);
        bigger.set(this.counts);
        this.counts = bigger;
      }
    }
    return id;
  }

  /** The next document, as terms. */
  addTerms(id: string, terms: readonly string[]): void {
    this.startDocument(id, terms.length);
    // Counted by term number in one reused array: no Map per document, one lookup per term.
    for (const term of terms) this.count(this.termNumber(term));
    this.endDocument();
  }

  /**
   * The next document, already counted: `length` terms in all, its distinct terms as the numbers
   * {@link termNumber} gave them, `terms[from, to)`, each occurring `frequencies[i]` times.
   */
  addCounted(id: string, { length, terms, frequencies, from, to }: CountedTerms): void {
    this.startDocument(id, length);
    const ordinal = this.ids.length - 1;
    for (let i = from; i < to; i++) {
      this.postingTerm.push(terms[i] as number);
      this.postingDoc.push(ordinal);
      this.postingTf.push(frequencies[i] as number);
    }
  }

  private startDocument(id: string, length: number): void {
    if (this.seen.has(id)) throw new Error(`Duplicate document id in BM25 input: ${id}`);
    this.seen.add(id);
    this.ids.push(id);
    this.lengthList.push(length);
    this.total += length;
    this.docTerms.length = 0;
  }

  private count(term: number): void {
    const before = this.counts[term] as number;
    if (before === 0) this.docTerms.push(term);
    this.counts[term] = before + 1;
  }

  private endDocument(): void {
    const ordinal = this.ids.length - 1;
    for (const term of this.docTerms) {
      this.postingTerm.push(term);
      this.postingDoc.push(ordinal);
      this.postingTf.push(this.counts[term] as number);
      this.counts[term] = 0;
    }
  }

  /** The index of every document added. The builder is spent. */
  finish(): Bm25Index {
    const { ids, termIds, postingTerm, postingDoc, postingTf } = this;
    const lengths = this.lengthList.done();

    // The dictionary in byte order, so that lookups can binary-search the bytes directly.
    const encoded = [...termIds.keys()].map((term) => Buffer.from(term, "utf8"));
    const sorted = encoded
      .map((_, id) => id)
      .sort((x, y) => Buffer.compare(encoded[x]!, encoded[y]!));
    const rank = new Uint32Array(sorted.length);
    sorted.forEach((id, position) => {
      rank[id] = position;
    });
    const termBytes = Buffer.concat(sorted.map((id) => encoded[id]!));
    const termOffsets = new Uint32Array(sorted.length + 1);
    sorted.forEach((id, position) => {
      termOffsets[position + 1] = (termOffsets[position] as number) + encoded[id]!.length;
    });

    // Counting sort on the term; stable, so each term's documents stay in increasing order.
    const postingStarts = new Uint32Array(sorted.length + 1);
    for (let p = 0; p < postingTerm.length; p++) {
      const t = (rank[postingTerm.data[p] as number] as number) + 1;
      postingStarts[t] = (postingStarts[t] as number) + 1;
    }
    for (let t = 0; t < sorted.length; t++)
      postingStarts[t + 1] = (postingStarts[t + 1] as number) + (postingStarts[t] as number);
    const next = postingStarts.slice(0, sorted.length);
    const docs = new Uint32Array(postingTerm.length);
    const tfs = new Uint8Array(postingTerm.length);
    const tfOverflow = new Map<number, number>();
    for (let p = 0; p < postingTerm.length; p++) {
      const t = rank[postingTerm.data[p] as number] as number;
      const at = next[t] as number;
      next[t] = at + 1;
      docs[at] = postingDoc.data[p] as number;
      const tf = postingTf.data[p] as number;
      tfs[at] = Math.min(tf, TF_ESCAPE);
      if (tf >= TF_ESCAPE) tfOverflow.set(at, tf);
    }
    return assembleIndex({
      ids,
      lengths,
      averageLength: ids.length === 0 ? 0 : this.total / ids.length,
      termBytes,
      termOffsets,
      postingStarts,
      docs,
      tfs,
      tfOverflow,
    });
  }
}

/** The index with its per-term bounds, which are derived from the postings and never stored. */
export function assembleIndex(
  parts: Omit<Bm25Index, "documentCount" | "maxTf" | "minLength">,
  /** The bounds, when the caller computed them on its own pass over the postings. */
  bounds?: Pick<Bm25Index, "maxTf" | "minLength">,
): Bm25Index {
  if (bounds !== undefined) return { ...parts, documentCount: parts.ids.length, ...bounds };
  const termCount = parts.termOffsets.length - 1;
  const maxTf = new Uint32Array(termCount);
  const minLength = new Uint32Array(termCount);
  for (let t = 0; t < termCount; t++) {
    let most = 0;
    let shortest = 0xffffffff;
    const end = parts.postingStarts[t + 1] as number;
    for (let p = parts.postingStarts[t] as number; p < end; p++) {
      let tf = parts.tfs[p] as number;
      if (tf === TF_ESCAPE) tf = parts.tfOverflow.get(p) ?? tf;
      if (tf > most) most = tf;
      const length = parts.lengths[parts.docs[p] as number] as number;
      if (length < shortest) shortest = length;
    }
    maxTf[t] = most;
    minLength[t] = shortest;
  }
  return { ...parts, documentCount: parts.ids.length, maxTf, minLength };
}

/** Number of distinct terms. */
export function termCount(index: Bm25Index): number {
  return index.termOffsets.length - 1;
}

/** The term's number in the dictionary, or -1 when no document holds it. */
export function findTerm(index: Bm25Index, term: string): number {
  const key = Buffer.from(term, "utf8");
  const { termBytes, termOffsets } = index;
  let lo = 0;
  let hi = termOffsets.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareBytes(
      termBytes,
      termOffsets[mid] as number,
      termOffsets[mid + 1] as number,
      key,
      0,
      key.length,
    );
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** In how many documents the term occurs (0 when none). */
export function documentFrequency(index: Bm25Index, term: string): number {
  const t = findTerm(index, term);
  return t < 0 ? 0 : (index.postingStarts[t + 1] as number) - (index.postingStarts[t] as number);
}

/**
 * Every term starting with `prefix`, with its document frequency, in byte order. The dictionary is
 * sorted, so they are one run: found by binary search, decoded one at a time.
 */
export function* termsWithPrefix(
  index: Bm25Index,
  prefix: string,
): Generator<[term: string, documentFrequency: number]> {
  const key = Buffer.from(prefix, "utf8");
  const { termBytes, termOffsets, postingStarts } = index;
  const count = termOffsets.length - 1;
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = termOffsets[mid] as number;
    if (compareBytes(termBytes, start, termOffsets[mid + 1] as number, key, 0, key.length) < 0)
      lo = mid + 1;
    else hi = mid;
  }
  for (let t = lo; t < count; t++) {
    const start = termOffsets[t] as number;
    const end = termOffsets[t + 1] as number;
    if (
      end - start < key.length ||
      compareBytes(termBytes, start, start + key.length, key, 0, key.length) !== 0
    )
      return;
    yield [
      termBytes.toString("utf8", start, end),
      (postingStarts[t + 1] as number) - (postingStarts[t] as number),
    ];
  }
}

/** One query term, resolved against the index. */
interface QueryTerm {
  start: number;
  end: number;
  /** weight × idf: the factor of the term's tf component. */
  factor: number;
  /** The most this term can add to any document's score. */
  bound: number;
}

/** The query's distinct terms that the index holds and that weigh something, in query order. */
function resolveTerms(
  index: Bm25Index,
  queryTerms: readonly string[],
  k1: number,
  b: number,
  namespaceWeights: Readonly<Record<string, number>>,
  averageLength: number,
): QueryTerm[] {
  const n = index.documentCount;
  const terms: QueryTerm[] = [];
  for (const term of new Set(queryTerms)) {
    const t = findTerm(index, term);
    if (t < 0) continue;
    loadTerm(index, t);
    const start = index.postingStarts[t] as number;
    const end = index.postingStarts[t + 1] as number;
    if (end === start) continue;
    const weight = termWeight(term, namespaceWeights);
    if (weight === 0) continue;
    const df = end - start;
    // Lucene's idf: like Robertson–Spärck Jones but never negative, so a term found in more than
    // half the documents still counts a little instead of penalising the documents that hold it.
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    // tf·(k1+1)/(tf+norm) grows with tf and shrinks with the length, so the highest tf and the
    // shortest document bound it, even when they are not the same document.
    const tf = index.maxTf[t] as number;
    const norm = k1 * (1 - b + (b * (index.minLength[t] as number)) / averageLength);
    terms.push({
      start,
      end,
      factor: weight * idf,
      bound: (weight * idf * (tf * (k1 + 1))) / (tf + norm),
    });
  }
  return terms;
}

/**
 * What both scorers start from: the depth asked, the query's terms with their bounds, k1 and every
 * document's length norm; null when nothing can be returned (k < 1, an empty index).
 */
function prepareScoring(
  index: Bm25Index,
  queryTerms: readonly string[],
  k: number,
  options: Bm25Options,
): { limit: number; terms: QueryTerm[]; k1: number; norm: Float64Array } | null {
  const { k1, b, namespaceWeights } = checkOptions(options);
  const limit = Math.floor(k);
  if (!(limit > 0) || index.documentCount === 0) return null;
  // avgdl is 0 only when every document is empty, and then no posting exists to divide by it.
  const averageLength = index.averageLength > 0 ? index.averageLength : 1;
  const terms = resolveTerms(index, queryTerms, k1, b, namespaceWeights, averageLength);
  return { limit, terms, k1, norm: documentNorms(index, k1, b, averageLength) };
}

function checkOptions(options: Bm25Options) {
  const { k1 = 1.2, b = 0.75, namespaceWeights = {} } = options;
  if (!(k1 >= 0) || !Number.isFinite(k1))
    throw new RangeError(`BM25 k1 must be a finite number ≥ 0, got ${k1}`);
  if (!(b >= 0 && b <= 1)) throw new RangeError(`BM25 b must be between 0 and 1, got ${b}`);
  return { k1, b, namespaceWeights };
}

function tfAt(index: Bm25Index, p: number): number {
  const tf = index.tfs[p] as number;
  return tf === TF_ESCAPE ? (index.tfOverflow.get(p) ?? tf) : tf;
}

/**
 * Each document's `k1·(1 − b + b·|D|/avgdl)`, the same expression per document as scoring it in
 * place would evaluate (so the same number), computed once per index and (k1, b).
 */
const norms = new WeakMap<Bm25Index, { k1: number; b: number; values: Float64Array }>();
function documentNorms(
  index: Bm25Index,
  k1: number,
  b: number,
  averageLength: number,
): Float64Array {
  const cached = norms.get(index);
  if (cached !== undefined && cached.k1 === k1 && cached.b === b) return cached.values;
  const values = new Float64Array(index.documentCount);
  for (let d = 0; d < values.length; d++)
    values[d] = k1 * (1 - b + (b * (index.lengths[d] as number)) / averageLength);
  norms.set(index, { k1, b, values });
  return values;
}

/** The term's contribution for the posting at `p`: the one formula both scorers share. */
function contribution(
  index: Bm25Index,
  term: QueryTerm,
  p: number,
  k1: number,
  norm: Float64Array,
): number {
  const tf = tfAt(index, p);
  return (term.factor * (tf * (k1 + 1))) / (tf + (norm[index.docs[p] as number] as number));
}

/**
 * Scores every document that shares at least one term with the query and returns the best `k`,
 * highest score first (ties in index order). A term repeated in the query counts once: saying a
 * word twice in a question does not make it more important. Terms absent from the index are
 * ignored, so an empty or all-unknown query returns `[]`.
 *
 * Exact, and usually far cheaper than scoring every document (MaxScore): terms are taken in order
 * of the most they can add; once the k-th best partial score exceeds what all the remaining terms
 * together could give a document none of the taken terms reached, the remaining terms are only
 * looked up (galloping search) for the documents already in contention, and a document is dropped
 * as soon as even the remaining terms' bounds cannot bring it to the k-th score. The survivors'
 * scores are then summed again in query order, so every score is bit for bit the one
 * {@link scoreBm25Exhaustive} gives, and so is the order of ties.
 */
export function scoreBm25(
  index: Bm25Index,
  queryTerms: readonly string[],
  k: number,
  options: Bm25Options = {},
): Bm25Hit[] {
  const scoring = prepareScoring(index, queryTerms, k, options);
  if (scoring === null || scoring.terms.length === 0) return [];
  const { limit, terms, k1, norm } = scoring;

  const byBound = [...terms].sort((x, y) => y.bound - x.bound);
  // rest[i]: the most the terms from byBound[i] on can add together.
  const rest = new Float64Array(byBound.length + 1);
  for (let i = byBound.length - 1; i >= 0; i--)
    rest[i] = (rest[i + 1] as number) + (byBound[i] as QueryTerm).bound;
  // Partial sums are taken in another order than the final ones: allow for rounding.
  const SLACK = 1 - 1e-9;

  // One score per document, all 0 between queries (the touched ones are zeroed again below):
  // allocating and clearing them per query cost ~1 MB at 10,000 pages, and the garbage.
  const { scores, touched, copied } = scratchFor(index);
  let touchedCount = 0;
  let best = 0;
  let taken = 0;
  // Phase 1: walk whole posting lists, best bound first, until no unseen document can make it.
  for (; taken < byBound.length; taken++) {
    const remaining = rest[taken] as number;
    // Stop when the k-th best partial score θ is above what the remaining terms can give
    // (remaining < θ·SLACK): when k passages score above remaining / SLACK. Counted, not ranked,
    // and usually over after the first few passages.
    if (
      touchedCount >= limit &&
      remaining < best &&
      atLeast(scores, touched, touchedCount, remaining / SLACK, limit)
    )
      break;
    const term = byBound[taken] as QueryTerm;
    for (let p = term.start; p < term.end; p++) {
      const doc = index.docs[p] as number;
      const before = scores[doc] as number;
      if (before === 0) touched[touchedCount++] = doc;
      const after = before + contribution(index, term, p, k1, norm);
      scores[doc] = after;
      if (after > best) best = after;
    }
  }

  // A copy, in an array of its own: `touched` is kept as it is to clear the scores with.
  let candidates: Uint32Array = copied.subarray(0, touchedCount);
  candidates.set(touched.subarray(0, touchedCount));
  if (taken < byBound.length) {
    // Phase 2: the remaining terms only for the documents that can still reach the top k.
    let theta = kthLargest(scores, candidates, candidates.length, limit);
    // The k-th partial score is a low bar when many terms remain: every passage that shares one
    // walked term stays in contention. The leaders' complete scores set a higher one at once,
    // since the k-th best complete score can only be higher still.
    theta = Math.max(
      theta,
      leadersThreshold(index, byBound, taken, scores, candidates, theta, limit, k1, norm),
    );
    candidates = keepReaching(candidates, scores, rest[taken] as number, theta * SLACK);
    // In document order, so that each remaining term's postings are searched forward only.
    candidates.sort();
    for (; taken < byBound.length; taken++) {
      const term = byBound[taken] as QueryTerm;
      let p = term.start;
      for (const doc of candidates) {
        p = gallop(index.docs, p, term.end, doc);
        if (p === term.end) break;
        if (index.docs[p] === doc)
          scores[doc] = (scores[doc] as number) + contribution(index, term, p, k1, norm);
      }
      theta = Math.max(theta, kthLargest(scores, candidates, candidates.length, limit));
      const after = rest[taken + 1] as number;
      candidates = keepReaching(candidates, scores, after, theta * SLACK);
    }
  }

  // The top k by the partial sums, with anything rounding could have swapped into it.
  let survivors: Uint32Array = candidates;
  if (candidates.length > limit) {
    const theta = kthLargest(scores, candidates, candidates.length, limit);
    survivors = keepReaching(candidates, scores, 0, theta * SLACK);
  }
  const hits = Array.from(survivors, (ordinal) => ({
    ordinal,
    score: exactScore(index, terms, ordinal, k1, norm),
  }));
  for (let i = 0; i < touchedCount; i++) scores[touched[i] as number] = 0;
  hits.sort((x, y) => y.score - x.score || x.ordinal - y.ordinal);
  return hits
    .slice(0, limit)
    .map(({ ordinal, score }) => ({ id: index.ids[ordinal] ?? "", score }));
}

/**
 * The k-th best complete score among the passages whose partial score (the terms walked so far)
 * reaches `partialTheta`, 0 when there are too many of them to be worth it (ties) or fewer than k.
 * A lower bound of the final k-th score, summed in `byBound` order like the partial scores (the
 * callers allow for the rounding).
 */
function leadersThreshold(
  index: Bm25Index,
  byBound: readonly QueryTerm[],
  taken: number,
  scores: Float64Array,
  candidates: Uint32Array,
  partialTheta: number,
  k: number,
  k1: number,
  norm: Float64Array,
): number {
  const leaders: number[] = [];
  for (const doc of candidates) {
    if ((scores[doc] as number) < partialTheta) continue;
    leaders.push(doc);
    if (leaders.length > 4 * k) return 0;
  }
  if (leaders.length < k) return 0;
  const complete = new Float64Array(leaders.length);
  leaders.forEach((doc, i) => {
    let score = scores[doc] as number;
    for (let t = taken; t < byBound.length; t++) {
      const term = byBound[t] as QueryTerm;
      const p = gallop(index.docs, term.start, term.end, doc);
      if (p < term.end && index.docs[p] === doc) score += contribution(index, term, p, k1, norm);
    }
    complete[i] = score;
  });
  return kthLargest(
    complete,
    Uint32Array.from(leaders, (_, i) => i),
    leaders.length,
    k,
  );
}

/** Per index, what {@link scoreBm25} reuses from query to query. */
interface Scratch {
  /** One score per document, all 0 when handed out. */
  scores: Float64Array;
  /** Room for every document's ordinal: the documents a query touched. */
  touched: Uint32Array;
  /** As much room again: those still in contention. */
  copied: Uint32Array;
}
const scratch = new WeakMap<Bm25Index, Scratch>();
function scratchFor(index: Bm25Index): Scratch {
  let found = scratch.get(index);
  if (found === undefined) {
    found = {
      scores: new Float64Array(index.documentCount),
      touched: new Uint32Array(index.documentCount),
      copied: new Uint32Array(index.documentCount),
    };
    scratch.set(index, found);
  }
  return found;
}

/** The document's score summed in query order, as {@link scoreBm25Exhaustive} sums it. */
function exactScore(
  index: Bm25Index,
  terms: readonly QueryTerm[],
  doc: number,
  k1: number,
  norm: Float64Array,
): number {
  let score = 0;
  for (const term of terms) {
    const p = gallop(index.docs, term.start, term.end, doc);
    if (p < term.end && index.docs[p] === doc) score += contribution(index, term, p, k1, norm);
  }
  return score;
}

/** The first position in `[from, end)` whose document is ≥ `doc` (`end` when none). */
function gallop(docs: Uint32Array, from: number, end: number, doc: number): number {
  if (from >= end || (docs[from] as number) >= doc) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < end && (docs[hi] as number) < doc) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > end) hi = end;
  // docs[lo] < doc, and docs[hi] ≥ doc or hi = end.
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if ((docs[mid] as number) < doc) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The documents whose score plus `add` reaches `bar`, kept in place (the lists are the scorer's
 * own): no new array per term, and no call per document.
 */
function keepReaching(
  docs: Uint32Array,
  scores: Float64Array,
  add: number,
  bar: number,
): Uint32Array {
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as number;
    if ((scores[doc] as number) + add >= bar) docs[n++] = doc;
  }
  return docs.subarray(0, n);
}

/** Whether at least k of the listed documents score above `bar`. */
function atLeast(
  scores: Float64Array,
  docs: Uint32Array,
  count: number,
  bar: number,
  k: number,
): boolean {
  let above = 0;
  for (let i = 0; i < count; i++) {
    if ((scores[docs[i] as number] as number) > bar && ++above >= k) return true;
  }
  return false;
}

/** The k-th largest score among the listed documents (0 when fewer). A min-heap of size k. */
function kthLargest(scores: Float64Array, docs: Uint32Array, count: number, k: number): number {
  if (count < k) return 0;
  const heap = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < count; i++) {
    const s = scores[docs[i] as number] as number;
    if (size < k) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if ((heap[parent] as number) <= s) break;
        heap[at] = heap[parent] as number;
        at = parent;
      }
      heap[at] = s;
    } else if (s > (heap[0] as number)) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= k) break;
        const right = left + 1;
        const child = right < k && (heap[right] as number) < (heap[left] as number) ? right : left;
        if ((heap[child] as number) >= s) break;
        heap[at] = heap[child] as number;
        at = child;
      }
      heap[at] = s;
    }
  }
  return heap[0] as number;
}

/**
 * The reference scorer: every posting of every query term, added into one score per document.
 * What {@link scoreBm25} must return exactly; kept for the tests and the bench that prove it.
 */
export function scoreBm25Exhaustive(
  index: Bm25Index,
  queryTerms: readonly string[],
  k: number,
  options: Bm25Options = {},
): Bm25Hit[] {
  const scoring = prepareScoring(index, queryTerms, k, options);
  if (scoring === null) return [];
  const { limit, terms, k1, norm } = scoring;
  const scores = new Float64Array(index.documentCount);
  for (const term of terms) {
    for (let p = term.start; p < term.end; p++) {
      const doc = index.docs[p] as number;
      scores[doc] = (scores[doc] as number) + contribution(index, term, p, k1, norm);
    }
  }
  const hits: Array<{ ordinal: number; score: number }> = [];
  scores.forEach((score, ordinal) => {
    if (score > 0) hits.push({ ordinal, score });
  });
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
