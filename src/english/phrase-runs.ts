import type { Token } from "./question-tokens.js";
import { singulars } from "./word-forms.js";

/**
 * Calls `visit` for runs of unclaimed word tokens, longest runs first, left to right, with the
 * run's key (`committee members`) and, if that is not taken, its key with the last word singular
 * (`committee member`). `visit` returns true when it claimed the run.
 */
export function forEachPhrase(
  tokens: readonly Token[],
  used: readonly boolean[],
  longest: number,
  shortest: number,
  visit: (start: number, end: number, key: string, words: readonly string[]) => boolean,
): void {
  for (let length = longest; length >= shortest; length--) {
    for (let start = 0; start + length <= tokens.length; start++) {
      const end = start + length - 1;
      let free = true;
      for (let i = start; i <= end; i++) {
        if (used[i] || tokens[i]?.kind !== "word" || tokens[i]?.norm === "") free = false;
      }
      if (!free) continue;
      const words = tokens.slice(start, end + 1).map((token) => token.norm);
      if (visit(start, end, words.join(" "), words)) continue;
      const last = words[words.length - 1] ?? "";
      for (const singular of singulars(last)) {
        const variant = [...words.slice(0, -1), singular];
        if (visit(start, end, variant.join(" "), variant)) break;
      }
    }
  }
}
