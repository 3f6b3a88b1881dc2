import type { InlineQueryResultArticle } from "grammy/types";
import type { CatalogArticle } from "../../answer/catalog.js";
import { pagesNewestFirst } from "../../answer/catalog.js";
import type { QaEngine } from "../../answer/qa-engine.js";
import type { Citation } from "../../answer/types.js";
import {
  escapeHtml,
  formatAnswerHtml,
  htmlParagraph,
  MESSAGE_LIMIT,
  packMessages,
} from "./format-html.js";
import type { Texts } from "./texts.js";
import { fnv1a } from "../../util/fnv1a.js";

/** Telegram shows a handful of cards above the keyboard; five fit without scrolling. */
export const INLINE_RESULTS = 5;
/** A card's grey second line: longer is cut by the client anyway. */
const DESCRIPTION_LENGTH = 120;

const clip = (text: string, length: number) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
};

/**
 * An article as a card: what is posted is its headline, the passage that matched (or its lead)
 * folded in a block quote, and its page file and date.
 */
function articleCard(citation: Citation, texts: Texts): InlineQueryResultArticle {
  const title = `《${citation.title || texts.untitled}》`;
  const where = [citation.source, citation.date].filter(Boolean).join(" · ");
  // A passage longer than 3,000 characters keeps its first piece: the card points to the
  // article, and must stay one message with its source line.
  const [html] = packMessages([
    ...htmlParagraph(title, "b", 500),
    ...htmlParagraph(citation.quote, "blockquote expandable", 3_000).slice(0, 1),
    ...htmlParagraph(where, undefined, 500).slice(0, 1),
  ]);
  return {
    type: "article",
    id: resultId(citation.articleId),
    title,
    description: clip(`${where} — ${citation.quote}`, DESCRIPTION_LENGTH),
    input_message_content: {
      message_text: html!,
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    },
  };
}

/** A card's id (≤ 64 bytes): the article id, or its hash when a long file name makes it longer. */
function resultId(articleId: string): string {
  const id = `article:${articleId}`;
  return Buffer.byteLength(id) <= 64 ? id : `article#${fnv1a(articleId)}`;
}

const asCitation = (a: CatalogArticle, n: number): Citation => ({
  n,
  source: a.source,
  title: a.title,
  quote: a.lead,
  score: 0,
  articleId: a.id,
  date: a.date,
});

/**
 * The cards for `@bot 问题`: the answer with its citations (when the pages answer it), then the
 * best-matching articles not cited yet, at most {@link INLINE_RESULTS}. An empty query gets the
 * latest headlines. The same for everyone who types the same query (no conversation, no user
 * data), so Telegram may cache them for all (`is_personal: false`).
 */
export async function inlineResults(
  engine: QaEngine,
  query: string,
  texts: Texts,
): Promise<InlineQueryResultArticle[]> {
  if (query === "") return latestHeadlines(engine, texts);
  const [answer, hits] = await Promise.all([engine.ask(query), engine.search(query)]);
  const cards: InlineQueryResultArticle[] = [];
  if (answer.grounded) {
    const heading = texts.inlineQuestion(escapeHtml(query));
    const [html] = formatAnswerHtml(answer, MESSAGE_LIMIT - heading.length - 1);
    cards.push({
      type: "article",
      id: "answer",
      title: texts.inlineAnswerTitle(query),
      description: clip(answer.answer, DESCRIPTION_LENGTH),
      input_message_content: {
        message_text: `${heading}\n${html!}`,
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
      },
    });
  }
  // The cited articles first (the answer's evidence), then what else matched; each article once.
  const seen = new Set<string>();
  for (const hit of [...answer.citations, ...hits]) {
    if (cards.length >= INLINE_RESULTS) break;
    if (seen.has(hit.articleId)) continue;
    seen.add(hit.articleId);
    cards.push(articleCard(hit, texts));
  }
  return cards;
}

/** The newest pages' articles, in reading order: what an empty inline query offers. */
function latestHeadlines(engine: QaEngine, texts: Texts): InlineQueryResultArticle[] {
  return pagesNewestFirst(engine.catalog())
    .flatMap((p) => p.articles)
    .slice(0, INLINE_RESULTS)
    .map((a, i) => articleCard(asCitation(a, i + 1), texts));
}
