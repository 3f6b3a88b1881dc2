import type { Logger } from "../util/logger.js";
import { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import type { IdentifiedEmbeddings } from "../index/identified-embeddings.js";
import { searchKeywordIndex } from "../index/keyword-index.js";
import type { LoadedIndex } from "../index/load-index.js";
import type { Article, Chunk } from "../ingest/types.js";
import type { RetrievedPassage } from "./types.js";

export interface HybridRetrieverOptions extends BaseRetrieverInput {
  index: LoadedIndex;
  /** The query embedder; null (or an index without vectors) means keyword-only retrieval. */
  embeddings: IdentifiedEmbeddings | null;
  /** Passages returned. @default 6 */
  k?: number;
  /** Candidates taken from each of the dense and keyword searches before fusion. @default 30 */
  depth?: number;
  /**
   * At most this many passages from one article, so a long article does not fill every slot.
   * @default 2
   */
  maxPerArticle?: number;
  /**
   * The reciprocal-rank-fusion constant: larger flattens the advantage of the top ranks. @default
   * 60
   */
  rrfK?: number;
  /** Told once that retrieval runs keyword-only. */
  log?: Pick<Logger, "info">;
}

/**
 * Dense and keyword search fused by reciprocal rank fusion: a passage ranked high by either
 * method comes first, one ranked high by both comes before it. BM25 scores and cosine
 * similarities are not on comparable scales, which is why ranks are fused rather than scores.
 */
export class HybridRetriever extends BaseRetriever {
  lc_namespace = ["xining-news-qa", "retrievers"];
  readonly mode: "hybrid" | "keyword";
  readonly #index: LoadedIndex;
  readonly #embeddings: IdentifiedEmbeddings | null;
  readonly #chunks: Map<string, Chunk>;
  readonly #articles: Map<string, Article>;
  readonly #options: Required<
    Pick<HybridRetrieverOptions, "k" | "depth" | "maxPerArticle" | "rrfK">
  >;

  constructor(options: HybridRetrieverOptions) {
    super(options);
    this.#index = options.index;
    this.#embeddings = options.index.dense === null ? null : options.embeddings;
    this.mode = this.#embeddings === null ? "keyword" : "hybrid";
    this.#chunks = new Map(options.index.chunks.map((c) => [c.id, c]));
    this.#articles = new Map(options.index.articles.map((a) => [a.id, a]));
    this.#options = {
      k: options.k ?? 6,
      depth: options.depth ?? 30,
      maxPerArticle: options.maxPerArticle ?? 2,
      rrfK: options.rrfK ?? 60,
    };
    if (this.mode === "keyword") {
      // The reason (model missing, offline…) was reported where it happened; this says the
      // consequence.
      const why =
        options.index.dense === null && options.index.manifest.dense === null
          ? "the index has no dense vectors"
          : "no embedding model is loaded";
      options.log?.info(`Retrieval is keyword-only: ${why}.`);
    }
  }

  /**
   * The passages for a query. `keywordQuery` replaces the text given to the keyword search (an
   * English question is searched with its Chinese translation); the dense search always sees
   * `query`.
   */
  async retrieve(query: string, keywordQuery: string = query): Promise<RetrievedPassage[]> {
    const { depth, rrfK } = this.#options;
    const fused = new Map<string, Omit<RetrievedPassage, "chunk" | "article">>();
    const entry = (id: string) => {
      let e = fused.get(id);
      if (!e) {
        e = { score: 0, denseRank: null, keywordRank: null, keywordScore: 0, denseScore: null };
        fused.set(id, e);
      }
      return e;
    };
    searchKeywordIndex(this.#index.keyword, keywordQuery, depth).forEach((hit, i) => {
      const e = entry(hit.id);
      e.keywordRank = i + 1;
      e.keywordScore = hit.score;
      e.score += 1 / (rrfK + i + 1);
    });
    if (this.#embeddings !== null && this.#index.dense !== null && query.trim() !== "") {
      const vector = await this.#embeddings.embedQuery(query);
      const hits = await this.#index.dense.similaritySearchVectorWithScore(vector, depth);
      hits.forEach(([doc, similarity], i) => {
        const e = entry(String(doc.metadata.chunkId));
        e.denseRank = i + 1;
        e.denseScore = similarity;
        e.score += 1 / (rrfK + i + 1);
      });
    }
    return this.#diversify(
      [...fused.entries()].sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0])),
    );
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    return (await this.retrieve(query)).map(
      (p) =>
        new Document({
          pageContent: p.chunk.text,
          metadata: {
            chunkId: p.chunk.id,
            source: p.chunk.source,
            title: p.chunk.title,
            articleId: p.article.id,
            score: p.score,
          },
        }),
    );
  }

  #diversify(
    ranked: Array<[string, Omit<RetrievedPassage, "chunk" | "article">]>,
  ): RetrievedPassage[] {
    const { k, maxPerArticle } = this.#options;
    const perArticle = new Map<string, number>();
    const out: RetrievedPassage[] = [];
    for (const [id, e] of ranked) {
      const chunk = this.#chunks.get(id);
      const article = chunk && this.#articles.get(chunk.articleId);
      if (!chunk || !article) continue;
      const count = perArticle.get(article.id) ?? 0;
      if (count >= maxPerArticle) continue;
      perArticle.set(article.id, count + 1);
      out.push({ chunk, article, ...e });
      if (out.length === k) break;
    }
    return out;
  }
}
