/**
 * CC-CEDICT's candidates for a question's word or phrase, and the choice among them: which forms of
 * a word are looked up, and which few headwords are kept as search terms.
 */
import type { EnglishDictionary } from "./dictionary.js";
import { TIERS } from "./reverse-index.js";
import type { Candidate, Pool, Tier } from "./reverse-index.js";
import { singulars, stems } from "./word-forms.js";

/** Most Chinese candidates kept per English word or phrase. */
export const MAX_CANDIDATES = 3;

/**
 * The candidates of a single word. The word as typed and its singular (`exports` → `export`) are
 * one form: CC-CEDICT glosses are mostly singular, and a plural gloss is often figurative or narrow
 * (`exports` → 出口货 "goods for export", `victims` → 鱼肉 "victims of oppression"), so both candidate
 * lists are merged by score, the singular's a little behind. Other stems (`attended` → `attend`,
 * `met` → `meet`) are tried only when that form has no candidate in a tier. Tiers first: a sense
 * that is the word beats one that starts with it, which beats one that contains it.
 *
 * CC-CEDICT only: the glossary pass runs first and claims every word the glossary knows.
 */
export function wordPool({ lookup }: EnglishDictionary, word: string): Pool | undefined {
  const typed = lookup(word);
  const singularPools = singulars(word)
    .map((form) => lookup(form))
    .filter((pool): pool is Pool => pool !== undefined);
  const merged = singularPools.length === 0 ? typed : mergePools(typed, singularPools);
  const others = stems(word)
    .filter((form) => !singulars(word).includes(form))
    .map((form) => lookup(form));
  for (const tier of TIERS) {
    if (merged !== undefined && merged[tier].length > 0) return merged;
    const other = others.find((pool) => pool !== undefined && pool[tier].length > 0);
    if (other !== undefined) return other;
  }
  return undefined;
}

/**
 * The candidates of a phrase of two or more words, if CC-CEDICT has a sense that is the phrase or
 * starts with it. A sense that merely contains the words (`weak`) does not translate them together.
 */
export function phrasePool({ lookup }: EnglishDictionary, key: string): Pool | undefined {
  const pool = lookup(key);
  return pool === undefined || pool.exact.length + pool.head.length === 0
    ? undefined
    : { ...pool, weak: [] };
}

/**
 * The typed word's pool merged with its singulars' (scores lowered by 3, so the typed form wins
 * ties).
 */
function mergePools(typed: Pool | undefined, singular: readonly Pool[]): Pool {
  const merge = (tier: Tier): Candidate[] => {
    const all = [
      ...(typed?.[tier] ?? []),
      ...singular.flatMap((pool) =>
        pool[tier].map(({ word, score }) => ({ word, score: score - 3 })),
      ),
    ];
    const best = new Map<string, number>();
    for (const { word, score } of all)
      if ((best.get(word) ?? -Infinity) < score) best.set(word, score);
    return [...best].map(([word, score]) => ({ word, score })).sort((a, b) => b.score - a.score);
  };
  const exact = merge("exact");
  const inExact = new Set(exact.map(({ word }) => word));
  const head = merge("head").filter(({ word }) => !inExact.has(word));
  const inStrong = new Set([...inExact, ...head.map(({ word }) => word)]);
  return { exact, head, weak: merge("weak").filter(({ word }) => !inStrong.has(word)) };
}

/**
 * At most {@link MAX_CANDIDATES} headwords. With `isKnown`, words of the pages come first: those of
 * several characters from the strong tiers (`exact`, `head`), then from the weak one; when the
 * strong tiers offer the pages only a single character, that character alone (`water` → 水, rather
 * than 水质 or 成立, whose senses merely contain "water": the character is found inside them anyway),
 * preferring the character of the word's best translation (`blue` → 蓝 of 蓝色, not 青). Several
 * characters before single ones: a single character is "in the pages" almost always, which says
 * little. If none is known, the best-ranked candidates are kept anyway, since the predicate may be
 * partial. Without `isKnown`, the best tier's first candidates.
 */
export function choose(pool: Pool, isKnown: ((zh: string) => boolean) | undefined): string[] {
  const best = TIERS.map((tier) => pool[tier]).find((list) => list.length > 0) ?? [];
  const fallback = best.slice(0, MAX_CANDIDATES).map(({ word }) => word);
  if (isKnown === undefined) return fallback;
  const knownOf = (tiers: readonly Tier[]) =>
    tiers
      .flatMap((tier) => pool[tier].map(({ word }) => word))
      .filter((word, i, all) => all.indexOf(word) === i && isKnown(word));
  const isMulti = (word: string) => Array.from(word).length > 1;
  const strong = knownOf(["exact", "head"]);
  const weak = knownOf(["weak"]);
  // Among single characters, the one inside the word's best translation is its core (`blue` → 蓝色,
  // so 蓝 before 青, which is as much green and is in every 青海).
  const top = [...pool.exact, ...pool.head][0]?.word ?? "";
  const singles = strong
    .filter((word) => !isMulti(word))
    .sort((a, b) => Number(top.includes(b)) - Number(top.includes(a)));
  const picked = strong.some(isMulti)
    ? [...strong.filter(isMulti), ...weak.filter(isMulti)]
    : singles.length > 0
      ? singles.slice(0, 1)
      : weak.some(isMulti)
        ? weak.filter(isMulti)
        : weak;
  return picked.length === 0 ? fallback : picked.slice(0, MAX_CANDIDATES);
}

/**
 * The pages' words among a pool's strong candidates, single characters included (`green` → 绿色,
 * 绿, 青): what a neighbour may join with into a longer word of the pages (`Green Bookmark` → 绿书签),
 * where a single character is no longer ambiguous.
 */
export function joinable(pool: Pool, isKnown: (zh: string) => boolean): string[] {
  return [...pool.exact, ...pool.head]
    .map(({ word }) => word)
    .filter((word, i, all) => all.indexOf(word) === i && isKnown(word))
    .slice(0, MAX_JOINABLE);
}

/**
 * Most candidates per match tried when joining neighbours: enough for the pages' single characters
 * among common words.
 */
const MAX_JOINABLE = 8;
