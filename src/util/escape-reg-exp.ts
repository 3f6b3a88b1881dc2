/** The text as a regular expression that matches it literally (`1+3+X` → `1\+3\+X`). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
