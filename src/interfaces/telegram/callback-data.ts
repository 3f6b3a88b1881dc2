import type { QaEngine } from "../../answer/qa-engine.js";
import type { Article, Chunk, Citation, Language } from "../../answer/types.js";

/** Telegram's limit on a button's callback data, in bytes. */
const CALLBACK_DATA_LIMIT = 64;

/**
 * A citation's button: `p:<n>:<chunk id>:<quote offset>:<quote length>`, about 40 bytes. It
 * names the passage by its chunk id (a content hash) instead of a key into server memory, so a
 * button keeps working after a restart, and stops working (with a notice) only when the page
 * it came from has changed.
 */
export function passageButtonData(engine: QaEngine, citation: Citation): string | null {
  const passage = engine.citedPassage(citation);
  if (!passage) return null;
  const at = Math.max(passage.quoteAt, 0);
  const length = passage.quoteAt >= 0 ? citation.quote.length : 0;
  const data = `p:${citation.n}:${passage.chunk.id}:${at}:${length}`;
  return Buffer.byteLength(data) <= CALLBACK_DATA_LIMIT ? data : null;
}

export interface OpenedPassage {
  /** Enough of a citation to label the passage like the answer did. */
  citation: Citation;
  article: Article;
  chunk: Chunk;
  quoteAt: number;
  quoteLength: number;
}

/**
 * The passage a `p:` button names, or null when the data is not ours or the chunk is no longer
 * in the index.
 */
export function openPassage(engine: QaEngine, data: string): OpenedPassage | null {
  const match = /^p:(\d+):([0-9a-f]+):(\d+):(\d+)$/.exec(data);
  if (!match) return null;
  const [, n, chunkId, at, length] = match;
  const passage = engine.passage(chunkId!);
  if (!passage) return null;
  const { chunk, article } = passage;
  const quoteAt = Number(at);
  const quoteLength = Math.min(Number(length), chunk.text.length - quoteAt);
  const quote = chunk.text.slice(quoteAt, quoteAt + quoteLength);
  const citation: Citation = {
    n: Number(n),
    source: article.source,
    title: article.title,
    quote,
    score: 0,
    articleId: article.id,
    date: article.date,
  };
  return { citation, article, chunk, quoteAt: quoteLength > 0 ? quoteAt : -1, quoteLength };
}

/** An example question's button on /start: `q:<lang>:<i>`. */
export function exampleButtonData(language: Language, i: number): string {
  return `q:${language}:${i}`;
}

export function parseExampleData(data: string): { language: Language; i: number } | null {
  const match = /^q:(zh|en):(\d+)$/.exec(data);
  return match ? { language: match[1] as Language, i: Number(match[2]) } : null;
}
