/**
 * A short, stable name for a quoted sentence: its article and where it starts in the article's
 * text. Conversations remember what they have shown by these keys (`更多` shows what is not yet
 * shown), so they must stay small.
 */
export function citationKey(articleId: string, offset: number): string {
  return `${articleId}@${offset}`;
}

/** The article and offset a {@link citationKey} names. */
export function parseCitationKey(key: string): { articleId: string; offset: number } {
  const at = key.lastIndexOf("@");
  return { articleId: key.slice(0, at), offset: Number(key.slice(at + 1)) };
}
