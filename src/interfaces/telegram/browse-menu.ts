import { InlineKeyboard } from "grammy";
import { pagesNewestFirst, type CatalogArticle, type CatalogPage } from "../../answer/catalog.js";
import type { Article, Citation } from "../../answer/types.js";
import { escapeHtml, formatPassageHtml, htmlParagraph, packMessages } from "./format-html.js";
import type { Texts } from "./texts.js";

/**
 * The browse menu (/latest, /pages): pages → a page's articles → an article's card → its full
 * text. Every button carries where it leads (`b:…`, at most 64 bytes), never a key into memory,
 * so a menu keeps working after a restart; a button whose article left the index says so.
 *
 *   b:l | b:c                       the page list, newest first (/latest) | in page order (/pages)
 *   b:p:<l|c>:<page number>         a page's articles (back: that list)
 *   b:a:<l|c>:<article id>          an article's card (back: its page)
 *   b:f:<article id>                the full text, sent as new messages
 */
export type ListOrder = "l" | "c";

export interface MenuView {
  html: string;
  keyboard: InlineKeyboard;
}

const CALLBACK_DATA_LIMIT = 64;
/** A button shows about this many characters on a phone before the client cuts it. */
const BUTTON_TEXT = 28;

const clip = (text: string, length: number) =>
  text.length <= length ? text : `${text.slice(0, length - 1)}…`;

const fits = (data: string) => Buffer.byteLength(data) <= CALLBACK_DATA_LIMIT;

const ordered = (catalog: readonly CatalogPage[], order: ListOrder) =>
  order === "l" ? pagesNewestFirst(catalog) : [...catalog];

/** The list of pages, one button each. */
export function pageList(catalog: readonly CatalogPage[], order: ListOrder, t: Texts): MenuView {
  const keyboard = new InlineKeyboard();
  for (const page of ordered(catalog, order))
    keyboard
      .text(
        t.pageButton(page.number, page.date, page.articles.length),
        `b:p:${order}:${page.number}`,
      )
      .row();
  return { html: order === "l" ? t.latestHeading : t.pagesHeading, keyboard };
}

/** A page's articles, one button each, and a way back to the list. */
export function pageMenu(page: CatalogPage, order: ListOrder, t: Texts): MenuView {
  const keyboard = new InlineKeyboard();
  for (const article of page.articles) {
    const data = `b:a:${order}:${article.id}`;
    if (!fits(data)) continue;
    keyboard
      .text(clip(`${article.index + 1}. ${article.title || t.untitled}`, BUTTON_TEXT), data)
      .row();
  }
  keyboard.text(t.backToPages, `b:${order}`);
  const lines = [
    t.pageHeading(page.number, escapeHtml(page.source), page.date && escapeHtml(page.date)),
    ...page.articles.map((a) => escapeHtml(`${a.index + 1}. 《${a.title || t.untitled}》`)),
  ];
  return { html: lines.join("\n"), keyboard };
}

/** An article's card: headline, sub-headline, source and date, its lead; full text and back. */
export function articleCard(
  article: CatalogArticle,
  page: CatalogPage,
  order: ListOrder,
  t: Texts,
): MenuView {
  const keyboard = new InlineKeyboard();
  const full = `b:f:${article.id}`;
  if (fits(full)) keyboard.text(t.fullTextButton, full);
  keyboard.text(t.backToPage(page.number), `b:p:${order}:${page.number}`);
  const where = [article.source, article.date, article.byline ?? article.reporter]
    .filter(Boolean)
    .join(" · ");
  const [html] = packMessages([
    ...htmlParagraph(`《${article.title || t.untitled}》`, "b", 1_000),
    ...(article.subtitle ? htmlParagraph(article.subtitle, "i", 500) : []),
    ...htmlParagraph(where, undefined, 500),
    ...(article.lead ? htmlParagraph(article.lead, "blockquote expandable", 2_500) : []),
  ]);
  return { html: html!, keyboard };
}

/** An article's whole text as messages, headed by its source like a citation. */
export function fullTextMessages(article: Article): string[] {
  const citation: Citation = {
    n: article.index + 1,
    source: article.source,
    title: article.title,
    quote: "",
    score: 0,
    articleId: article.id,
    date: article.date,
  };
  return formatPassageHtml(citation, article.text, -1, 0);
}
