import type { Article } from "../ingest/types.js";
import { occurrences } from "../util/occurrences.js";

/**
 * Which word of the last question an ellipsis replaces, read from how the pages use the words:
 * `那新材料呢？` after `新能源产业到2025年规上工业产值要到多少？` puts 新材料 where 新能源 stands,
 * because the pages print both in the same places (`新能源产业…`, `新材料产业…`, after `,` or `、`),
 * while they never print 新材料 where 规上 or 工业产值 stand. Two words that fill the same slots of
 * the pages' sentences are items of one list (industries, districts, sessions), whatever their
 * characters.
 */
export interface SlotFinder {
  /**
   * The candidate (or a head of one: `新能源` of `新能源产业`) the pages use most like `word`
   * (shared left and right neighbours), or null when none is used enough alike.
   */
  sibling(word: string, candidates: readonly string[]): string | null;
}

// One shared neighbour is chance (a comma); two (a comma and `产业`) make a slot.
const MIN_SHARED = 2;
// Cosine of the two words' neighbour sets below which they are not items of one list.
const MIN_SCORE = 0.2;
// Neighbours read on the right: two characters tell `产业` from `产值`.
const RIGHT = 2;
const PUNCTUATION = /[^\p{Script=Han}\p{L}\p{N}]/u;

/** A word and its heads of two characters or more: `新能源` of `新能源产业` is the item. */
function withHeads(word: string): string[] {
  const chars = Array.from(word);
  const heads: string[] = [];
  for (let n = chars.length - 1; n >= 2; n--) heads.push(chars.slice(0, n).join(""));
  return [word, ...heads];
}

export function createSlotFinder(articles: readonly Pick<Article, "text">[]): SlotFinder {
  const text = articles.map((a) => a.text).join("\n");
  const cache = new Map<string, Set<string>>();
  /** The word's neighbours in the pages: `L:x` for the character before, `R:xy` for those after. */
  const neighbours = (word: string): Set<string> => {
    let found = cache.get(word);
    if (found !== undefined) return found;
    found = new Set<string>();
    for (const at of occurrences(text, word)) {
      const before = Array.from(text.slice(Math.max(0, at - 2), at)).at(-1);
      const after = Array.from(text.slice(at + word.length, at + word.length + 4)).slice(0, RIGHT);
      // Punctuation is one neighbour, whichever mark: a list item stands after `,`, `、` or `;`.
      const right = after[0] !== undefined && PUNCTUATION.test(after[0]) ? ["P"] : after;
      if (before !== undefined) found.add(`L:${PUNCTUATION.test(before) ? "P" : before}`);
      if (right.length === RIGHT || right[0] === "P") found.add(`R:${right.join("")}`);
    }
    cache.set(word, found);
    return found;
  };
  return {
    sibling(word, candidates) {
      const own = neighbours(word);
      if (own.size === 0) return null;
      let best: { candidate: string; score: number } | null = null;
      for (const candidate of new Set(candidates.flatMap(withHeads))) {
        if (candidate === word || candidate.includes(word) || word.includes(candidate)) continue;
        const theirs = neighbours(candidate);
        let shared = 0;
        for (const n of theirs) if (own.has(n)) shared++;
        // Shared neighbours against all the two have: a word printed everywhere (`产业`) shares
        // some with anything.
        const score = shared / Math.sqrt(own.size * theirs.size);
        if (shared >= MIN_SHARED && score >= MIN_SCORE && (best === null || score > best.score))
          best = { candidate, score };
      }
      return best?.candidate ?? null;
    },
  };
}
