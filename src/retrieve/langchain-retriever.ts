import { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import type { HybridRetriever } from "./hybrid-retriever.js";

/**
 * The hybrid retriever behind LangChain's retriever interface (`invoke`, use in a chain): each
 * passage a `Document` with its chunk id, page file, headline, article id and fused score. Kept
 * apart from {@link HybridRetriever} because @langchain/core's retriever module costs about 0.4 s
 * of start-up that the bot, the REPL and `ask` do not need: only code that wants LangChain
 * imports this file.
 */
export class LangChainRetriever extends BaseRetriever {
  lc_namespace = ["xining-news-qa", "retrievers"];
  readonly #retriever: HybridRetriever;

  constructor(retriever: HybridRetriever, fields?: BaseRetrieverInput) {
    super(fields);
    this.#retriever = retriever;
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    return (await this.#retriever.retrieve(query)).map(
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
}
