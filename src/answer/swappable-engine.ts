import type { QaEngine } from "./qa-engine.js";

/** A {@link QaEngine} whose index can be replaced while it answers. */
export interface SwappableEngine {
  /** The port the interfaces hold on to for the whole run: it always answers from the latest index. */
  engine: QaEngine;
  /**
   * Makes `next` answer every call from now on. A call already started keeps the engine it began
   * with (its closures hold that index), so an answer in flight finishes on the old index and the
   * next question sees the new one; nothing is locked and no call waits.
   */
  swap(next: QaEngine): void;
  /** The engine calls go to now. */
  current(): QaEngine;
}

export function createSwappableEngine(initial: QaEngine): SwappableEngine {
  let current = initial;
  const engine: QaEngine = {
    ask: (question, options) => current.ask(question, options),
    catalog: () => current.catalog(),
    article: (id) => current.article(id),
    // A citation button from before a swap: found when the chunk (named by its content hash) is
    // still in the new index, else null, which the interfaces answer with "the page changed".
    passage: (chunkId) => current.passage(chunkId),
    citedPassage: (citation) => current.citedPassage(citation),
    search: (query) => current.search(query),
    englishTerms: (phrase) => current.englishTerms(phrase),
    isKnownTerm: (term) => current.isKnownTerm(term),
    readAs: (text) => current.readAs(text),
    get retrievalMode() {
      return current.retrievalMode;
    },
    get indexBuiltAt() {
      return current.indexBuiltAt;
    },
  };
  return {
    engine,
    swap: (next) => {
      current = next;
    },
    current: () => current,
  };
}
