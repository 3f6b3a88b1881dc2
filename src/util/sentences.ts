/**
 * Sentence spans over normalized text: where chunks are cut, what answers quote, and where a long
 * Telegram message may be split — one definition of a sentence for all three. A sentence is always
 * an exact slice of the text it came from.
 */

export interface Span {
  start: number;
  end: number;
}

// A sentence ends at 。！？；(or their ASCII forms on pages typed with half-width punctuation),
// together with the closing quotes and brackets that follow it (`…表示。”`).
const SENTENCE = /[^\n。！？；!?;]*(?:[。！？；!?;]+[”’"」』）)]*|(?=\n)|$)/gu;

/** Splits text into sentence spans; paragraph breaks always end a sentence; blanks are skipped. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(SENTENCE)) {
    const raw = m[0];
    if (raw.length === 0) continue;
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed === "") continue;
    spans.push({ start: m.index + lead, end: m.index + lead + trimmed.length });
  }
  return spans;
}

/**
 * The text cut after each sentence, every character kept (`pieces.join("") === text`): white space
 * and line breaks between sentences go with the sentence that follows. For splitting a message
 * where a reader would pause.
 */
export function sentencePieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const { end } of splitSentences(text)) {
    pieces.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

/**
 * Cuts a span longer than `max` at clause punctuation (，、：), and as a last resort at `max`,
 * so that no piece exceeds `max`. Shorter spans come back unchanged.
 */
export function splitLongSpan(text: string, span: Span, max: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > max) {
    const window = text.slice(start, start + max);
    const cut = Math.max(...[...window.matchAll(/[，、：,:]/gu)].map((m) => m.index + 1), 0);
    const end = start + (cut > max / 3 ? cut : max);
    pieces.push({ start, end });
    start = end;
  }
  pieces.push({ start, end: span.end });
  return pieces;
}
