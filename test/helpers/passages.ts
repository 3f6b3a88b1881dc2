import type { QueryWord } from "../../src/answer/query-words.js";
import type { Article } from "../../src/ingest/types.js";
import type { RetrievedPassage } from "../../src/retrieve/types.js";

/** A hand-built article: only the text matters unless a test says otherwise. */
export function article(text: string, fields: Partial<Article> = {}): Article {
  return {
    id: "p.txt#0",
    source: "p.txt",
    index: 0,
    title: "",
    subtitle: null,
    kicker: null,
    date: null,
    reporter: null,
    byline: null,
    text,
    start: 0,
    end: text.length,
    ...fields,
  };
}

/** The passage a retriever would return for `article`: by default one chunk covering all of it. */
export function passage(
  of: Article,
  span: { start: number; end: number } = { start: 0, end: of.text.length },
): RetrievedPassage {
  return {
    article: of,
    chunk: {
      id: `${of.id}/${span.start}`,
      articleId: of.id,
      source: of.source,
      title: of.title,
      text: of.text.slice(span.start, span.end),
      start: span.start,
      end: span.end,
      ordinal: 0,
    },
    score: 1,
    denseRank: null,
    keywordRank: 1,
    keywordScore: 1,
    denseScore: null,
    addedByDense: false,
  };
}

/** A question word as query-words.ts would make it, weight 1 and no requirement unless given. */
export function word(alternatives: string | string[], fields: Partial<QueryWord> = {}): QueryWord {
  return {
    alternatives: [alternatives].flat(),
    weaker: [],
    weight: 1,
    required: "none",
    ...fields,
  };
}
