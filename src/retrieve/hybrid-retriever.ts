import type { Logger } from "../util/logger.js";
import type { DocumentInterface } from "@langchain/core/documents";
import type { DenseSearch } from "../index/dense-search.js";
import { VectorDatabaseUnavailableError } from "../index/errors/vector-database-unavailable-error.js";
import type { IdentifiedEmbeddings } from "../index/identified-embeddings.js";
import { searchKeywordIndex } from "../index/keyword-index.js";
import type { LoadedIndex } from "../index/load-index.js";
import type { Article } from "../ingest/types.js";
import type { RetrievedPassage } from "./types.js";

export interface HybridRetrieverOptions {
  index: LoadedIndex;
  /** The query embedder; null (or an index without vectors) means keyword-only retrieval. */
  embeddings: IdentifiedEmbeddings | null;
  /** Passages found by the keyword search: exactly what keyword-only retrieval returns. @default 6 */
  k?: number;
  /**
   * Passages the dense search may add after the keyword side's `k`, from those it ranks highest
   * and the keyword side did not return. @default 2
   */
  denseExtra?: number;
  /** Candidates taken from each of the dense and keyword searches. @default 30 */
  depth?: number;
  /**
   * At most this many passages from one article, so a long article does not fill every slot.
   * @default 2
   */
  maxPerArticle?: number;
  /**
   * The reciprocal-rank-fusion constant of the `score` reported with each passage: larger
   * flattens the advantage of the top ranks. @default 60
   */
  rrfK?: number;
  /**
   * Told once that retrieval runs keyword-only, and when the vector database fails (and comes
   * back) while answering.
   */
  log?: Pick<Logger, "info"> & Partial<Pick<Logger, "warn">>;
  /**
   * After a failed dense search (the vector database down), questions are answered keyword-only
   * for this long before the database is tried again: a firewalled host would otherwise hold every
   * question for its connection timeout. @default 30_000
   */
  denseRetryMs?: number;
}

type Ranks = Omit<RetrievedPassage, "chunk" | "article" | "addedByDense">;

/**
 * Keyword search first, the dense search only adding to it (issue 15). The passages are the
 * keyword side's top `k` — the very passages, in the very order, that keyword-only retrieval
 * returns — followed by up to `denseExtra` passages the dense search ranks highest among those
 * the keyword side left out (and, when the keyword side finds fewer than `k`, dense passages
 * filling its empty slots too).
 *
 * Why not reciprocal rank fusion, as before: with equal weights a dense ranking that carries no
 * signal pushed the right passage out of the six the answer step reads — on the golden set facts
 * in the answer fell from 0.97 to 0.44 with bge-small-zh's shape and random weights, 0.60 with the
 * tests' tiny noise model, and even the tiny model that carries lexical signal cost 0.09 (`npm
 * run bench -- dense-modes`, README). Now every figure is keyword-only's in all three. The answer step scores
 * sentences by lexical evidence, so the keyword index's candidates are the ones it can use; what
 * a dense model adds that the keyword side cannot is a passage sharing no words with the question
 * (a paraphrase), and such a passage only needs a slot, not the first one. A score-aware fusion
 * ("keyword dominant when its scores are decisive") would need a decisiveness threshold on BM25
 * scores and another on cosines, which differ from model to model and cannot be calibrated here
 * without the real model; appending needs neither, and cannot lose a keyword candidate by
 * construction.
 *
 * A plain class: LangChain's retriever interface (`invoke`, chains) is {@link LangChainRetriever}
 * in `langchain-retriever.ts`, over this one, so that answering never loads @langchain/core.
 */
export class HybridRetriever {
  readonly mode: "hybrid" | "keyword";
  readonly #index: LoadedIndex;
  readonly #embeddings: IdentifiedEmbeddings | null;
  readonly #articles: Map<string, Article>;
  readonly #options: Required<
    Pick<HybridRetrieverOptions, "k" | "denseExtra" | "depth" | "maxPerArticle" | "rrfK">
  >;
  readonly #log: HybridRetrieverOptions["log"];
  readonly #denseRetryMs: number;
  /** Set while the dense search is failing: when to try it again. */
  #denseDownUntil: number | null = null;

  constructor(options: HybridRetrieverOptions) {
    this.#index = options.index;
    this.#embeddings = options.index.dense === null ? null : options.embeddings;
    this.mode = this.#embeddings === null ? "keyword" : "hybrid";
    this.#articles = new Map(options.index.articles.map((a) => [a.id, a]));
    this.#options = {
      k: options.k ?? 6,
      denseExtra: options.denseExtra ?? 2,
      depth: options.depth ?? 30,
      maxPerArticle: options.maxPerArticle ?? 2,
      rrfK: options.rrfK ?? 60,
    };
    this.#log = options.log;
    this.#denseRetryMs = options.denseRetryMs ?? 30_000;
    if (this.mode === "keyword") {
      // The reason (model missing, offline…) was reported where it happened; this says the
      // consequence.
      const why =
        options.index.dense === null && options.index.manifest.dense === null
          ? "the index has no dense vectors"
          : options.index.denseProblem !== undefined
            ? "the vector database cannot be used"
            : "no embedding model is loaded";
      options.log?.info(`Retrieval is keyword-only: ${why}.`);
    }
  }

  /**
   * The passages for a query: the keyword side's, then the dense side's additions (marked
   * `addedByDense`). `keywordQuery` replaces the text given to the keyword search (an English
   * question is searched with its Chinese translation); the dense search always sees `query`.
   */
  async retrieve(query: string, keywordQuery: string = query): Promise<RetrievedPassage[]> {
    const { depth, rrfK, k, denseExtra } = this.#options;
    const ranks = new Map<string, Ranks>();
    const entry = (id: string) => {
      let e = ranks.get(id);
      if (!e) {
        e = { score: 0, denseRank: null, keywordRank: null, keywordScore: 0, denseScore: null };
        ranks.set(id, e);
      }
      return e;
    };
    const keywordIds = searchKeywordIndex(this.#index.keyword, keywordQuery, depth).map(
      (hit, i) => {
        const e = entry(hit.id);
        e.keywordRank = i + 1;
        e.keywordScore = hit.score;
        e.score += 1 / (rrfK + i + 1);
        return hit.id;
      },
    );
    const denseIds: string[] = [];
    if (this.#embeddings !== null && this.#index.dense !== null && query.trim() !== "") {
      const vector = await this.#embeddings.embedQuery(query);
      const hits = await this.#denseSearch(this.#index.dense, vector, depth);
      hits.forEach(([doc, similarity], i) => {
        const id = String(doc.metadata.chunkId);
        const e = entry(id);
        e.denseRank = i + 1;
        e.denseScore = similarity;
        e.score += 1 / (rrfK + i + 1);
        denseIds.push(id);
      });
    }
    const perArticle = new Map<string, number>();
    const fromKeyword = this.#take(keywordIds, k, ranks, perArticle, false);
    const taken = new Set(fromKeyword.map((p) => p.chunk.id));
    const fromDense = this.#take(
      denseIds.filter((id) => !taken.has(id)),
      k - fromKeyword.length + denseExtra,
      ranks,
      perArticle,
      true,
    );
    return [...fromKeyword, ...fromDense];
  }

  /**
   * The dense hits, or none while the store is failing (the pgvector database down): the
   * question is then answered from the keyword side alone, as when the model is unavailable, and
   * the log says so once per outage.
   */
  async #denseSearch(
    dense: DenseSearch,
    vector: number[],
    depth: number,
  ): Promise<[DocumentInterface, number][]> {
    if (this.#denseDownUntil !== null && Date.now() < this.#denseDownUntil) return [];
    try {
      const hits = await dense.similaritySearchVectorWithScore(vector, depth);
      if (this.#denseDownUntil !== null) {
        this.#denseDownUntil = null;
        this.#log?.info("Dense search works again: answering with semantic + keyword search.");
      }
      return hits;
    } catch (error) {
      if (!(error instanceof VectorDatabaseUnavailableError)) throw error;
      const log = this.#log;
      if (this.#denseDownUntil === null && log !== undefined) {
        const message = `${error.message}. Answering with keyword search only (trying again every ${Math.round(this.#denseRetryMs / 1000)} s).`;
        if (log.warn) log.warn(message);
        else log.info(message);
      }
      this.#denseDownUntil = Date.now() + this.#denseRetryMs;
      return [];
    }
  }

  /**
   * Up to `limit` of `ids`, in order, at most `maxPerArticle` per article counting those taken
   * before (`perArticle` is updated).
   */
  #take(
    ids: readonly string[],
    limit: number,
    ranks: ReadonlyMap<string, Ranks>,
    perArticle: Map<string, number>,
    addedByDense: boolean,
  ): RetrievedPassage[] {
    const out: RetrievedPassage[] = [];
    for (const id of ids) {
      if (out.length >= limit) break;
      const chunk = this.#index.chunks.byId(id);
      const article = chunk && this.#articles.get(chunk.articleId);
      const e = ranks.get(id);
      if (!chunk || !article || !e) continue;
      const count = perArticle.get(article.id) ?? 0;
      if (count >= this.#options.maxPerArticle) continue;
      perArticle.set(article.id, count + 1);
      out.push({ chunk, article, ...e, addedByDense });
    }
    return out;
  }
}
