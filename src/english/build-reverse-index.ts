/**
 * Builds the reverse index's text from CC-CEDICT's entries: every English gloss (and the head and
 * words of short glosses) becomes a key, offered the headwords it translates, ranked by
 * `headword-score.ts`. The slow part of a cold start (one to a few seconds), which is why
 * `load-reverse-index.ts` caches its result under {@link buildRulesFingerprint}.
 */
import { fnv1a } from "../util/fnv1a.js";
import type { RawEntry } from "./cedict-data.js";
import {
  GLOSS_PLACEHOLDERS,
  GLOSS_PREPOSITIONS,
  MARKED_REGISTER,
  SKIP_SENSE,
  glossWords,
  isList,
  stripNotes,
} from "./cedict-glosses.js";
import {
  EXTRA_WORD_PENALTY,
  PROPER_MISMATCH_PENALTY,
  SCORING_VERSION,
  entryScore,
  readFrequencies,
  senseScore,
} from "./headword-score.js";
import {
  CACHE_FORMAT,
  MAX_KEY_WORDS,
  TIERS,
  TIER_EXACT,
  TIER_HEAD,
  TIER_WEAK,
} from "./reverse-index.js";
import type { Tier } from "./reverse-index.js";
import { STOP_WORDS, isStopWord } from "./stop-words.js";

/** Longest sense whose words are each indexed as `weak` keys: longer ones are descriptions. */
const MAX_CONTAINING_WORDS = 4;
/**
 * Candidates kept per key and tier: enough for `isKnownTerm` to find the pages' word among common
 * ones.
 */
const MAX_POOL: Readonly<Record<Tier, number>> = { exact: 40, head: 24, weak: 24 };
/**
 * Headwords worth indexing: Han characters, possibly with Latin letters, digits or a middle dot
 * (`T恤`, `卡拉OK`).
 */
const HAN_HEADWORD = /^(?=.*\p{Script=Han})[\p{Script=Han}A-Za-z0-9·]+$/u;

/**
 * A fingerprint of every rule that shapes the index text, part of the cache file's name: a cache
 * built under other rules is never read.
 */
export function buildRulesFingerprint(): string {
  return fnv1a(
    [
      CACHE_FORMAT,
      SCORING_VERSION,
      MAX_KEY_WORDS,
      MAX_CONTAINING_WORDS,
      JSON.stringify(MAX_POOL),
      SKIP_SENSE.source,
      MARKED_REGISTER.source,
      [...GLOSS_PREPOSITIONS].join(","),
      [...GLOSS_PLACEHOLDERS].join(","),
      [...STOP_WORDS].join(","),
    ].join("\n"),
  );
}

/**
 * Builds the index text from CC-CEDICT's entries, in the layout `parseIndexText` reads. Pure but
 * for reading jieba's word counts. The slow part of a cold start (one to a few seconds), which is
 * why its result is cached.
 */
export function buildIndexText(
  entries: readonly RawEntry[],
  syllables: Readonly<Record<string, string>> = pinyinSyllables(entries),
): string {
  // How many headwords contain each 2–4 character headword, and every headword's corpus count.
  const productivity = new Map<string, number>();
  const frequency = new Map<string, number>();
  for (const entry of entries) {
    const length = entry[1].length;
    if (length >= 2 && length <= 4) productivity.set(entry[1], 0);
    frequency.set(entry[1], 0);
  }
  for (const entry of entries) {
    const word = entry[1];
    for (let start = 0; start < word.length - 1; start++) {
      for (let length = 2; length <= 4 && start + length <= word.length; length++) {
        if (length === word.length) continue;
        const piece = word.slice(start, start + length);
        const count = productivity.get(piece);
        if (count !== undefined) productivity.set(piece, count + 1);
      }
    }
  }
  readFrequencies(frequency);

  // key → flat [tier, headword, score, tier, headword, score, …]; duplicates resolved when ranking.
  const pools = new Map<string, Array<string | number>>();
  const offer = (key: string, tier: number, headword: string, score: number): void => {
    const pool = pools.get(key);
    if (pool === undefined) pools.set(key, [tier, headword, score]);
    else pool.push(tier, headword, score);
  };
  for (const entry of entries) {
    const [, headword, pinyin, rawSenses, variantOf] = entry;
    if (!HAN_HEADWORD.test(headword)) continue;
    const length = Array.from(headword).length;
    const senses = typeof rawSenses === "string" ? [rawSenses] : rawSenses;
    const proper = pinyin.charCodeAt(0) >= 65 && pinyin.charCodeAt(0) <= 90;
    const base = entryScore(
      length,
      frequency.get(headword) ?? 0,
      productivity.get(headword) ?? 0,
      variantOf.length > 0,
    );

    for (let senseIndex = 0; senseIndex < senses.length; senseIndex++) {
      const sense = senses[senseIndex] ?? "";
      if (SKIP_SENSE.test(sense)) continue;
      const score =
        base + senseScore(senseIndex, sense.includes("(") && MARKED_REGISTER.test(sense));
      // A proper noun (capitalised pinyin) serves a lower-case English word only by accident.
      const capitalised = proper
        ? (sense.match(/\b[A-Z][A-Za-z]*/g) ?? []).map((word) => word.toLowerCase())
        : [];
      const mismatch = (first: number, last: number, words: readonly string[]): number => {
        if (!proper) return 0;
        for (let i = first; i < last; i++) if (capitalised.includes(words[i] ?? "")) return 0;
        return PROPER_MISMATCH_PENALTY;
      };

      // Within a `;` part, a comma introduces either a description (`people's congress, a
      // legislative body…`: only the first segment translates the headword) or a list of short
      // items (`red, orange, yellow, green, blue…`: none does).
      for (const part of stripNotes(sense).split(";")) {
        const comma = part.indexOf(",");
        const list = comma >= 0 && isList(part);
        const first = list ? [] : glossWords(comma >= 0 ? part.slice(0, comma) : part);
        if (first.length > 0 && first.length <= MAX_KEY_WORDS)
          offer(first.join(" "), TIER_EXACT, headword, score - mismatch(0, first.length, first));
        for (let i = 1; i < first.length && i <= MAX_KEY_WORDS; i++) {
          if (!GLOSS_PREPOSITIONS.has(first[i] ?? "")) continue;
          offer(first.slice(0, i).join(" "), TIER_HEAD, headword, score - mismatch(0, i, first));
          break;
        }
        const all = comma >= 0 ? glossWords(part) : first;
        if (all.length >= 2 && all.length <= MAX_CONTAINING_WORDS) {
          const weak = score - EXTRA_WORD_PENALTY * (all.length - 1);
          for (let i = 0; i < all.length; i++) {
            const word = all[i] ?? "";
            if (!isStopWord(word) && all.indexOf(word) === i)
              offer(word, TIER_WEAK, headword, weak - mismatch(i, i + 1, all));
          }
        }
      }
    }
  }

  const lines: string[] = [];
  for (const key of [...pools.keys()].sort(compareText))
    lines.push(`${key}\t${poolLine(pools.get(key) ?? [])}\n`);
  return `${JSON.stringify({ format: CACHE_FORMAT, syllables })}\n${lines.join("")}`;
}

/**
 * Toneless pinyin syllable (`ü` as `v`, and also as `u`) → the single characters CC-CEDICT reads
 * that way, in dictionary order. A fraction of the build's time: the loader hands these to the typo
 * corrector before the rest of the index is done.
 */
export function pinyinSyllables(entries: readonly RawEntry[]): Record<string, string> {
  const syllables = new Map<string, string>();
  for (const [, headword, pinyin] of entries) {
    if (Array.from(headword).length !== 1 || !HAN_HEADWORD.test(headword)) continue;
    const reading = pinyin.toLowerCase().replace(/[1-5]$/, "");
    const spellings = reading.includes("u:")
      ? [reading.replace("u:", "v"), reading.replace("u:", "u")]
      : [reading];
    for (const spelling of spellings) {
      if (!/^[a-z]*[aeiouv][a-z]*$/.test(spelling)) continue;
      const chars = syllables.get(spelling) ?? "";
      if (!chars.includes(headword)) syllables.set(spelling, chars + headword);
    }
  }
  return Object.fromEntries(syllables);
}

/**
 * One key's pool as its line's `exact;head;weak` cells: best first, each headword once (at its best
 * score, in its best tier), ties broken by headword so the file is the same on every machine.
 */
function poolLine(flat: ReadonlyArray<string | number>): string {
  // Most keys have a single candidate: no sorting needed.
  if (flat.length === 3) {
    const cell = `${flat[1] as string}:${Math.round(flat[2] as number)}`;
    return flat[0] === TIER_EXACT ? `${cell};;` : flat[0] === TIER_HEAD ? `;${cell};` : `;;${cell}`;
  }
  const order: number[] = [];
  for (let i = 0; i < flat.length; i += 3) order.push(i);
  order.sort(
    (a, b) =>
      (flat[a] as number) - (flat[b] as number) ||
      (flat[b + 2] as number) - (flat[a + 2] as number) ||
      compareText(flat[a + 1] as string, flat[b + 1] as string),
  );
  const seen = new Set<string>();
  const cells: string[][] = [[], [], []];
  for (const i of order) {
    const tier = flat[i] as number;
    const word = flat[i + 1] as string;
    const cell = cells[tier];
    if (cell === undefined || seen.has(word) || cell.length >= MAX_POOL[TIERS[tier] ?? "weak"])
      continue;
    seen.add(word);
    cell.push(`${word}:${Math.round(flat[i + 2] as number)}`);
  }
  return cells.map((cell) => cell.join(",")).join(";");
}

/** Code-unit order, as `<` gives it: the same on every machine, unlike `localeCompare`. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
