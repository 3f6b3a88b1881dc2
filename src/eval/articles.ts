import type { QaEngine } from "../answer/qa-engine.js";
import type { Article } from "../answer/types.js";

/**
 * Every article the engine knows, with its full text, pages in file-name order: what the evaluation
 * sets are checked against.
 */
export function engineArticles(engine: Pick<QaEngine, "catalog" | "article">): Article[] {
  return engine
    .catalog()
    .flatMap((page) => page.articles.map((a) => engine.article(a.id)))
    .filter((a): a is Article => a !== null);
}
