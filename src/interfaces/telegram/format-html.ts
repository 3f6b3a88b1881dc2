import type { Answer, Citation, Language } from "../../answer/types.js";
import { sentencePieces } from "../../util/sentences.js";
import { citationLabel } from "../format-text.js";

/** Telegram's limit on one message's text. */
export const MESSAGE_LIMIT = 4096;

/**
 * Escapes text for Telegram's HTML parse mode. Every string that comes from a user or a page goes
 * through here: a headline or question holding `<b>` or `&` must show as typed, not as markup.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * What a reader would see of an HTML message: tags dropped, entities decoded. Used to resend a
 * message as plain text when Telegram rejects its markup, so the words stay the same.
 */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|quot|amp|#\d+|#x[0-9a-f]+);/gi, (entity, name: string) => {
      const lower = name.toLowerCase();
      if (lower === "lt") return "<";
      if (lower === "gt") return ">";
      if (lower === "quot") return '"';
      if (lower === "amp") return "&";
      const code = lower.startsWith("#x")
        ? parseInt(lower.slice(2), 16)
        : parseInt(lower.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    });
}

/**
 * The tags a paragraph may be wrapped in. `blockquote expandable` is Telegram's collapsed block
 * quote (an `expandable_blockquote` entity): a citation's quote folded under the answer.
 */
export type ParagraphTag = "b" | "i" | "blockquote expandable";

/**
 * One paragraph of plain text as escaped HTML pieces, each at most `limit` characters including
 * the `tag` wrapped around it. Pieces break at sentence ends; only a single sentence longer than
 * the limit is cut inside (between characters, never inside an entity or a surrogate pair). Each
 * piece is wrapped on its own, so a split never falls inside a tag.
 */
export function htmlParagraph(text: string, tag?: ParagraphTag, limit = MESSAGE_LIMIT): string[] {
  const open = tag ? `<${tag}>` : "";
  const close = tag ? `</${tag.split(" ")[0]}>` : "";
  const room = limit - open.length - close.length;
  const pieces: string[] = [];
  let current = "";
  const flush = () => {
    if (current !== "") pieces.push(`${open}${current}${close}`);
    current = "";
  };
  for (const sentence of sentencePieces(text)) {
    const escaped = escapeHtml(sentence);
    if (current.length + escaped.length <= room) {
      current += escaped;
      continue;
    }
    flush();
    if (escaped.length <= room) {
      current = escaped;
      continue;
    }
    for (const char of sentence) {
      const e = escapeHtml(char);
      if (current.length + e.length > room) flush();
      current += e;
    }
  }
  flush();
  return pieces;
}

/**
 * Packs blocks (each balanced HTML, each within the limit) into as few messages as fit, in
 * order, joined by line breaks. `""` is a blank line; blank lines never open or close a message.
 */
export function packMessages(blocks: readonly string[], limit = MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let lines: string[] = [];
  let length = 0;
  const flush = () => {
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    if (lines.length > 0) messages.push(lines.join("\n"));
    lines = [];
    length = 0;
  };
  for (const block of blocks) {
    if (block.length > limit)
      throw new RangeError(
        `A block of ${block.length} characters cannot fit a message of ${limit}; split it with htmlParagraph first`,
      );
    const added = lines.length === 0 ? block.length : length + 1 + block.length;
    if (added > limit) flush();
    if (lines.length === 0 && block === "") continue;
    length = lines.length === 0 ? block.length : length + 1 + block.length;
    lines.push(block);
  }
  flush();
  return messages;
}

/** Escaped blocks of a multi-line text: one paragraph per line, blank lines kept. */
function htmlLines(text: string, tag?: ParagraphTag, limit = MESSAGE_LIMIT): string[] {
  return text
    .split("\n")
    .flatMap((line) => (line.trim() === "" ? [""] : htmlParagraph(line, tag, limit)));
}

/** The headings over an answer's citations, in the reply's interface language. */
export interface CitationHeadings {
  /** Over the sources of a grounded answer (`出处：`). */
  sources: string;
  /** Over the nearest reports when the bot abstains (`相关报道：`). */
  related: string;
}

const HEADINGS: Record<Language, CitationHeadings> = {
  zh: { sources: "出处：", related: "相关报道：" },
  en: { sources: "Sources:", related: "Related reports:" },
};

/**
 * A citation in place: its quote as an expandable block quote (folded to a few lines until the
 * reader taps it), then `[1] 《标题》 · 页面文件 · 日期` under it, so the source can be read
 * without leaving the chat. A quote longer than a message becomes several block quotes.
 */
export function citationBlocks(citation: Citation, limit = MESSAGE_LIMIT): string[] {
  const quote = citation.quote.trim();
  return [
    ...(quote === "" ? [] : htmlLines(quote, "blockquote expandable", limit)),
    ...htmlParagraph(citationLabel(citation), undefined, limit),
  ].filter((block) => block !== "");
}

/**
 * An answer as Telegram HTML messages: the answer, the note in italics, then each citation's
 * quote in an expandable block quote with its source under it (see {@link citationBlocks}; a
 * browse answer, which prints every lead it cites, lists the sources only).
 * Usually one message; more only when the text is longer than Telegram allows, split between
 * sentences and between blocks, never inside a tag.
 */
export function formatAnswerHtml(
  answer: Answer,
  limit = MESSAGE_LIMIT,
  headings: CitationHeadings = HEADINGS[answer.language],
): string[] {
  const blocks = [...htmlLines(answer.answer, undefined, limit)];
  if (answer.note) blocks.push("", ...htmlLines(answer.note, "i", limit));
  if (answer.citations.length > 0) {
    const heading = answer.grounded ? headings.sources : headings.related;
    // A browse answer is itself the list of every article with its lead, the very quotes: a
    // second copy of each would triple a one-message answer for nothing.
    const inPlace = answer.intent !== "browse";
    blocks.push(
      "",
      `<b>${escapeHtml(heading)}</b>`,
      ...answer.citations.flatMap((c) =>
        inPlace ? citationBlocks(c, limit) : htmlParagraph(citationLabel(c), undefined, limit),
      ),
    );
  }
  return packMessages(blocks, limit);
}

/**
 * The full passage a citation quotes, with the quoted sentence in bold so the reader finds it. A
 * passage too long for one message is split between sentences and shown without the highlight.
 */
export function formatPassageHtml(
  citation: Citation,
  passage: string,
  quoteAt: number,
  quoteLength: number,
  limit = MESSAGE_LIMIT,
): string[] {
  const header = htmlParagraph(citationLabel(citation), "b", limit);
  if (quoteAt >= 0) {
    const body = `${escapeHtml(passage.slice(0, quoteAt))}<b>${escapeHtml(passage.slice(quoteAt, quoteAt + quoteLength))}</b>${escapeHtml(passage.slice(quoteAt + quoteLength))}`;
    const single = [...header, "", body].join("\n");
    if (single.length <= limit) return [single];
  }
  return packMessages([...header, "", ...htmlLines(passage, undefined, limit)], limit);
}
