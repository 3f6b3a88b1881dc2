/**
 * Reads a question as the reader meant it when a pinyin input method slipped one character:
 * `锂点池` → `锂电池`, `光扶` → `光伏`, `碳达锋` → `碳达峰`. Phone keyboards offer every character of
 * a spelling, so the usual slip is a homophone of the right character; the pages' own words tell
 * which one was meant.
 *
 * A wrong correction is worse than none: without it the bot honestly says it found nothing, with
 * it the bot answers a question nobody asked. So a stretch of the question is rewritten only when
 * every one of these holds:
 *
 * 1. The stretch (2–6 Han characters) is neither a page word nor a word of general Chinese. A
 *    general word (`光复`, `扶贫`, `电场`) was probably typed on purpose.
 * 2. The character to be replaced belongs to no known word (page or general, two characters or
 *    more) in the question. Otherwise the reader typed a real word there, and the "typo" is only a
 *    stretch that straddles two correct words: `区多` in `开发区多晶硅` is `开发区` + `多晶硅`.
 * 3. No known word crosses the stretch's edges: the stretch must be a unit of the question, not
 *    half of one word and half of the next (`做任` in `做任务` is not a slip for the page's `作任`).
 * 4. Exactly one page word fits: same length, one character different, and that character reads
 *    like the typed one (shares a toneless syllable: 点/电 `dian`). Two candidates (`市常` →
 *    `市场` or `市长`) mean the reader's intent is unknown: nothing is changed. Fuzzy readings that
 *    input methods offer (z/zh, n/l, an/ang…, `data/fuzzy-pinyin.json`) are tried only when no
 *    exact homophone fits, and only for stretches long enough to make a chance match unlikely.
 * 5. The character to be replaced is not a function character (`的`, `是`, `在`, numerals…): those
 *    are the question's grammar, typed on purpose (`是在` is not a slip for `实在`).
 * 6. At the stretch's edge, the character to be replaced does not stand beside a whole known word
 *    filling the rest of the stretch, unless the pages hardly use that word outside the correction:
 *    `工业源` reads as `工业` + `源` (the pages list 工业源 among pollution sources), not as a slip
 *    for `工业园`; `省能源` is `省` + `能源`, not `新能源`; but `罗东穿` is `罗东川` (the pages
 *    print `罗东` only in that name). The price: `锂电迟` is left alone, since the pages use `锂电`
 *    on its own far more than `锂电池`.
 * 7. The characters kept are not all function characters: `察有` → `查有` would rest on the sound
 *    of one character and a particle — unless the correction is a word of general Chinese too
 *    (`就页` → `就业`): a reader types common words, and a page word that is one is no accident.
 *
 * Guards 2, 3, 5 and 7 stop a character from being replaced, not from being the slip: the reader
 * may have slipped on a function character (`省为` for `省委`) or made an accidental word (`省政写有`
 * for `省政协有`: `写有` is a word). So the page words such characters would give are still looked
 * up, and count as rival readings under guard 4: `省为` is not "corrected" to `行为`, nor `省政` to
 * `行政`. A stretch left in doubt this way also keeps the shorter stretches inside it from being
 * corrected: they would only pick one of its readings by accident.
 *
 * Longer stretches are tried first (`西宁开发曲` → `西宁开发区` before `开发曲` → `开发区`), and
 * corrections never overlap.
 */
import { readFile } from "node:fs/promises";
import type { PageVocabulary } from "./page-vocabulary.js";

export interface TypoCorrection {
  from: string;
  to: string;
}

export interface TypoCorrector {
  correct(question: string): { text: string; corrections: TypoCorrection[] };
  /**
   * The words the pages print that sound like this one but for one character (`新兴` for `新星`,
   * `组件` for `组建`): a word of Chinese at large is never corrected, yet it may still be a slip.
   */
  pageHomophones(word: string): string[];
  /**
   * A character typed in pinyin between Han characters (`造tan纤维` → `造碳纤维`), read before any
   * English is: `tan` is no English word. The text's length changes.
   */
  spelledOut(question: string): { text: string; corrections: TypoCorrection[] };
}

/** Syllable pairs an input method may confuse (`data/fuzzy-pinyin.json`): `[["z", "zh"], …]`. */
export interface FuzzyPinyin {
  initials: ReadonlyArray<readonly [string, string]>;
  finals: ReadonlyArray<readonly [string, string]>;
}

export interface TypoCorrectorOptions {
  /** The words the pages print: the only words a correction may produce. */
  vocabulary: PageVocabulary;
  /** Toneless pinyin syllable → the characters read that way (CC-CEDICT), e.g. { dian: "电点店典…" } */
  syllables: Readonly<Record<string, string>>;
  /**
   * true when the string is a word of general Chinese (jieba's dictionary) — such a window was
   * probably typed on purpose
   */
  isGeneralWord: (word: string) => boolean;
  /**
   * Fuzzy-pinyin pairs ({@link loadFuzzyPinyin}); without them only exact homophones are corrected.
   */
  fuzzy?: FuzzyPinyin;
}

/** Shortest stretch considered: a single character has no context to tell a slip from intent. */
const MIN_WINDOW = 2;

/**
 * Longest stretch considered. The pages' long terms (`零碳产业园`, `确吉洛智嘉措`) reach six
 * characters; longer page "words" are rare phrases where one differing character is as likely a
 * different phrase as a slip.
 */
const MAX_WINDOW = 6;

/**
 * Longest known word looked for when marking which question characters are already part of a word
 * (guards 2 and 3). Beyond the windows' six: the pages' `有诉必应马上办` and jieba's longer idioms and
 * names are words too, and a stretch inside one must not be "corrected" into a shorter page word.
 */
const MAX_KNOWN_WORD = 8;

/**
 * Shortest stretch for a fuzzy (not exact) homophone. A two-character page word differing in one
 * character is matched by chance often enough with exact homophones; letting z/zh, n/l, an/ang…
 * stand in as well multiplies the readings of every character by up to four, and two-character
 * windows then hit words the reader never meant. Three characters pin the word down.
 */
const MIN_FUZZY_WINDOW = 3;

/**
 * How many passages may use a word on its own before guard 6 takes a character beside it for a
 * separate word. One, not zero: the pages use `开发` alone once besides `开发区` (31 vs 30
 * passages), `常委` once besides `常委会` (14 vs 13), and `开发曲`/`常委汇` are still slips; `工业`
 * (15 vs `工业园` 4) and `能源` (23 vs `新能源` 11) are words of their own, so `工业源` stays.
 */
const STANDALONE_PASSAGES = 1;

/**
 * Characters a reader types on purpose: particles, the copula, prepositions, conjunctions,
 * pronouns, question words, common adverbs and auxiliaries, numerals. They are an input method's
 * first candidates and the grammar of every question, so one that happens to sound like part of a
 * page word (`是在` → `实在`, `开的` → `开得`, `的一次` → `第一次`) is the reader's grammar, not a slip. They are
 * never replaced (guard 5). Numerals are here too: a "corrected" number would change the question's
 * fact (`十四` → `时四`…).
 */
const FUNCTION_CHARACTERS: ReadonlySet<string> = new Set(
  Array.from(
    "的地得了着过是在有和与及或而并且也都就还又再才很最更太不没别" +
      "把被将对于从向以为由给让使到往跟同比按据" +
      "这那哪谁什么怎几多少吗呢吧啊呀嘛个些每各其之所等" +
      "我你您他她它们自己" +
      "会能要可该已曾正" +
      "一二三四五六七八九十百千万亿零两第",
  ),
);

/** Initials of Mandarin syllables, two-letter ones first so that `zh` is not read as `z` + `h…`. */
const INITIALS: readonly string[] = [
  "zh",
  "ch",
  "sh",
  "b",
  "p",
  "m",
  "f",
  "d",
  "t",
  "n",
  "l",
  "g",
  "k",
  "h",
  "j",
  "q",
  "x",
  "r",
  "z",
  "c",
  "s",
  "y",
  "w",
];

const HAN_RUN = /\p{Script=Han}+/gu;
/** A page word the corrector may produce: Han characters only, as long as a window. */
const PAGE_WORD = new RegExp(`^\\p{Script=Han}{${MIN_WINDOW},${MAX_WINDOW}}$`, "u");

/** The page words filed under one homophone key. */
type Entries = string[];

/**
 * What a window's character may be, for the homophone lookup: `doubt` (what it gives only counts
 * against other readings) or `slip` (may be replaced; beside `edgeWord` only under guard 6's
 * exception).
 */
/**
 * How a character of a stretch may be read: `doubt` gives rival readings only; `slip` may be
 * replaced, beside `edgeWord` (guard 6) and, next to function characters only (guard 7), only by a
 * word of general Chinese (`就页` → `就业`, not `察有` → `查有`).
 */
type Position = { kind: "doubt" } | { kind: "slip"; edgeWord: string | null; generalOnly: boolean };

/**
 * A correction inside one run of Han characters: characters [start, end) become `to`, changing the
 * one at `at`.
 */
interface Span {
  start: number;
  end: number;
  to: string[];
  at: number;
}

/**
 * Reads `data/fuzzy-pinyin.json` (the pairs input methods offer as 模糊音). Rejects when the file is
 * missing or malformed: it ships with the repository, so either is a packaging error.
 */
export async function loadFuzzyPinyin(): Promise<FuzzyPinyin> {
  const text = await readFile(new URL("../../../data/fuzzy-pinyin.json", import.meta.url), "utf8");
  const data = JSON.parse(text) as { initials?: unknown; finals?: unknown };
  return { initials: pairs(data.initials, "initials"), finals: pairs(data.finals, "finals") };
}

function pairs(value: unknown, field: string): Array<[string, string]> {
  if (!Array.isArray(value)) throw new Error(`data/fuzzy-pinyin.json: "${field}" is not a list`);
  return value.map((pair) => {
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      !pair.every((s) => typeof s === "string" && /^[a-z]+$/.test(s))
    ) {
      throw new Error(
        `data/fuzzy-pinyin.json: "${field}" holds ${JSON.stringify(pair)}, not a pair of lower-case spellings`,
      );
    }
    return [pair[0] as string, pair[1] as string];
  });
}

/**
 * Builds the homophone index of the page words once (the five pages' ~3k words: ~10 ms warm, 15–40
 * ms cold on the project's shared 2-core machine; 50–70 ms with its garbage in a cold `npm run
 * ask`), when the first question has a stretch to look up: about half the questions have none (each
 * of their stretches is a known word, or only function characters), and a process answering only
 * such questions never builds it nor holds its keys. Each {@link TypoCorrector.correct} call then
 * only looks keys up (~0.1–0.25 ms for a 30-character question).
 */
export function createTypoCorrector(options: TypoCorrectorOptions): TypoCorrector {
  const { vocabulary, isGeneralWord } = options;
  const canonical = options.fuzzy === undefined ? null : fuzzyCanonicalizer(options.fuzzy);
  let tables: HomophoneTables | undefined;
  const homophones = (): HomophoneTables =>
    (tables ??= homophoneTables(vocabulary, options.syllables, canonical));

  const isKnown = (word: string): boolean => vocabulary.has(word) || isGeneralWord(word);

  const pageHomophones = (word: string): string[] => {
    const { readings, exact } = homophones();
    const found = new Set<string>();
    lookUpKeys(
      word,
      Array.from(word),
      exact,
      (char) => readings.get(char) ?? [],
      (w) => {
        if (w !== word) found.add(w);
      },
    );
    return [...found];
  };

  /**
   * The page words a stretch may have meant (guard 4), exact homophones first, each with whether it
   * may be the correction: a word reached through a position marked `doubt` only counts against the
   * others.
   */
  const candidatesOf = (
    chars: readonly string[],
    text: string,
    positions: readonly Position[],
  ): Map<string, boolean> => {
    const found = new Map<string, boolean>();
    const { readings, fuzzyReadingsOf, exact, fuzzy, skeletons } = homophones();
    const lookUp = (
      index: Map<string, Entries>,
      readingsOf: (char: string) => readonly string[],
    ): void =>
      lookUpKeys(
        text,
        chars,
        index,
        readingsOf,
        (word, i) => {
          const position = positions[i]!;
          const accepted =
            position.kind === "slip" &&
            (!position.generalOnly || isGeneralWord(word)) &&
            (position.edgeWord === null || standsOnlyInside(position.edgeWord, word));
          found.set(word, accepted || (found.get(word) ?? false));
        },
        (prefix, suffix, i) =>
          positions[i] !== undefined && skeletons.has(keyOf(prefix, "", suffix)),
      );
    lookUp(exact, (char) => readings.get(char) ?? []);
    if (found.size === 0 && canonical !== null && chars.length >= MIN_FUZZY_WINDOW)
      lookUp(fuzzy, fuzzyReadingsOf);
    return found;
  };

  /**
   * Guard 6's exception: the pages hardly use `part` outside `word` (`罗东` only in `罗东川`,
   * `电解铜` only in `电解铜箔`), so a reader typing `罗东穿` is not writing `罗东` + `穿`. Every
   * passage holding `word` also holds `part` (jieba's search mode adds a long word's sub-words), so
   * the difference of the passage counts is how many passages at least use `part` on its own.
   */
  const standsOnlyInside = (part: string, word: string): boolean => {
    const own = vocabulary.passageCount(part);
    return own > 0 && own - vocabulary.passageCount(word) <= STANDALONE_PASSAGES;
  };

  /** The corrections of one run of Han characters, as spans of its characters, in order. */
  const correctRun = (run: string, chars: readonly string[]): Span[] => {
    const n = chars.length;
    // offsets[k]: where character k starts in `run`, in UTF-16 units, so that stretches are slices.
    const offsets: number[] = [0];
    for (const char of chars) offsets.push((offsets.at(-1) ?? 0) + char.length);
    // Every known word of the run, as [start, end): guards 2 and 3 read them.
    const known: Array<[number, number]> = [];
    const covered = new Array<boolean>(n).fill(false);
    for (let start = 0; start < n; start++) {
      for (let end = start + 2; end <= Math.min(n, start + MAX_KNOWN_WORD); end++) {
        if (!isKnown(run.slice(offsets[start], offsets[end]))) continue;
        known.push([start, end]);
        for (let i = start; i < end; i++) covered[i] = true;
      }
    }
    // Characters corrected: no other correction may overlap them.
    const taken = new Array<boolean>(n).fill(false);
    // Characters inside a stretch whose reading is in doubt: they are not replaced by any stretch
    // of the same length or shorter (though their readings still count as rivals), since that would
    // pick one reading by accident (`总书给`: 给 → 记 gives 总书记, so `总书` → `总数` is no sure reading).
    const doubted = new Array<boolean>(n).fill(false);
    const corrections: Span[] = [];

    for (let length = Math.min(MAX_WINDOW, n); length >= MIN_WINDOW; length--) {
      const found: Span[] = [];
      const inDoubt: Array<[number, number]> = [];
      for (let start = 0; start + length <= n; start++) {
        const end = start + length;
        if (taken.slice(start, end).some(Boolean)) continue;
        const text = run.slice(offsets[start], offsets[end]);
        if (isKnown(text)) continue; // guard 1
        const window = chars.slice(start, end);
        const positions = window.map((char, i): Position => {
          // Guard 2 (part of a known word), or inside a longer stretch left in doubt.
          if (covered[start + i] || doubted[start + i]) return { kind: "doubt" };
          // Guard 5: a function character is never replaced.
          if (FUNCTION_CHARACTERS.has(char)) return { kind: "doubt" };
          // Guard 7: a slip next to particles only (`察有` → `查有`) matches page words by sound
          // alone, unless what it gives is a word of Chinese at large, not of the pages only
          // (`就页` → `就业`): such a word is what a reader types.
          const generalOnly = window.every((other, j) => j === i || FUNCTION_CHARACTERS.has(other));
          // Guard 6: at an edge, beside a whole known word, the character may be a word of its own.
          const rest = i === 0 ? window.slice(1) : i === length - 1 ? window.slice(0, -1) : [];
          return {
            kind: "slip",
            edgeWord: rest.length >= 2 && isKnown(rest.join("")) ? rest.join("") : null,
            generalOnly,
          };
        });
        if (!positions.some((p) => p.kind === "slip")) continue;
        // Guard 3: a stretch that cuts through a known word is not a unit of the question, so what
        // it gives is never the correction; but a page word it gives (`省政写` → `省政协`, though `写有` is
        // a word) is a reading that the stretches inside it must not overrule.
        const crosses = known.some(([a, b]) => a < end && b > start && (a < start || b > end));
        const candidates = candidatesOf(
          window,
          text,
          crosses ? positions.map((p) => (p.kind === "slip" ? { kind: "doubt" } : p)) : positions,
        );
        if (candidates.size === 0) continue;
        const [only] = candidates;
        if (candidates.size === 1 && only !== undefined && only[1]) {
          const to = Array.from(only[0]);
          found.push({ start, end, to, at: start + to.findIndex((char, i) => char !== window[i]) });
        } else {
          // Guard 4 (two page words fit) or a reading this stretch may not take.
          inDoubt.push([start, end]);
        }
      }
      for (const [start, end] of inDoubt) doubted.fill(true, start, end);
      // Overlapping stretches of one length (`锂点` → `锂电`, `点池` → `电池`) must agree on every
      // shared character; if they disagree, neither is trusted.
      const proposals = new Map<number, Set<string>>();
      for (const f of found) {
        f.to.forEach((char, i) => {
          const set = proposals.get(f.start + i) ?? new Set<string>();
          set.add(char);
          proposals.set(f.start + i, set);
        });
      }
      const agreed = found.filter(
        (f) =>
          !doubted[f.at] && f.to.every((_, i) => (proposals.get(f.start + i)?.size ?? 0) === 1),
      );
      for (const f of found) {
        if (agreed.includes(f)) {
          corrections.push(f);
          taken.fill(true, f.start, f.end);
        } else {
          doubted.fill(true, f.start, f.end);
        }
      }
    }

    // Report agreeing overlaps as one correction over their union.
    corrections.sort((a, b) => a.start - b.start);
    const merged: Span[] = [];
    for (const c of corrections) {
      const last = merged.at(-1);
      if (last !== undefined && c.start < last.end) {
        const to = [...last.to, ...c.to.slice(last.end - c.start)];
        merged[merged.length - 1] = { ...last, end: Math.max(last.end, c.end), to };
      } else {
        merged.push({ ...c });
      }
    }
    return merged;
  };

  /**
   * `造tan纤维`, `攻jian行动`: a character the reader could not type, spelled in pinyin between
   * Han characters. It is the character of that reading that makes, with its neighbours, a word
   * the pages print — the longest such word, and only when one character does (guard 4 again).
   */
  const spelledOut = (question: string): { text: string; corrections: TypoCorrection[] } => {
    const corrections: TypoCorrection[] = [];
    const text = question.replace(SPELLED, (syllable: string, at: number) => {
      if (options.syllables[syllable] === undefined) return syllable;
      const before = Array.from(question.slice(0, at).match(/\p{Script=Han}{0,5}$/u)![0]);
      const after = Array.from(
        question.slice(at + syllable.length).match(/^\p{Script=Han}{0,5}/u)![0],
      );
      const { exact } = homophones();
      for (let size = MAX_WINDOW; size >= MIN_WINDOW; size--) {
        // (the character read → the page word it makes and its place there)
        const found = new Map<string, { word: string; i: number }>();
        for (
          let i = Math.max(0, size - 1 - after.length);
          i <= Math.min(before.length, size - 1);
          i++
        ) {
          const prefix = before.slice(before.length - i).join("");
          const suffix = after.slice(0, size - 1 - i).join("");
          for (const word of exact.get(keyOf(prefix, syllable, suffix)) ?? [])
            found.set(Array.from(word)[i]!, { word, i });
        }
        if (found.size > 1) return syllable;
        const [char, made] = [...found][0] ?? [];
        if (char !== undefined && made !== undefined) {
          // (said as the word it makes: 按“碳纤维”理解（原文为“tan纤维”）)
          const from = Array.from(made.word);
          from.splice(made.i, 1, syllable);
          corrections.push({ from: from.join(""), to: made.word });
          return char;
        }
      }
      return syllable;
    });
    return { text, corrections };
  };

  return {
    correct(question) {
      const corrections: TypoCorrection[] = [];
      const text = question.replace(HAN_RUN, (run) => {
        const chars = Array.from(run);
        const spans = correctRun(run, chars);
        if (spans.length === 0) return run;
        // Same length in, same length out: the spans' positions stay valid while replacing.
        const out = [...chars];
        for (const span of spans) {
          out.splice(span.start, span.to.length, ...span.to);
          corrections.push({
            from: chars.slice(span.start, span.end).join(""),
            to: span.to.join(""),
          });
        }
        return out.join("");
      });
      return { text, corrections };
    },
    pageHomophones,
    spelledOut,
  };
}

/** The homophone index of the page words (see {@link createTypoCorrector}). */
interface HomophoneTables {
  /** Character → its toneless readings. */
  readings: Map<string, string[]>;
  /** Character → its readings spelled by their fuzzy class (none without fuzzy pinyin). */
  fuzzyReadingsOf: (char: string) => readonly string[];
  /**
   * Key: the word with one character replaced by one of its readings, `锂[dian]池`. A question
   * stretch `锂点池` produces the same key from `点`'s reading, so the lookup finds `锂电池` in one
   * step. The exact and fuzzy indexes differ only in how the reading is spelled.
   */
  exact: Map<string, Entries>;
  fuzzy: Map<string, Entries>;
  /**
   * The same without the reading, `锂[]池`: most stretches of a question match no page word even
   * that far, and one lookup per character rules them out before their readings are tried.
   */
  skeletons: Set<string>;
}

function homophoneTables(
  vocabulary: PageVocabulary,
  syllables: Readonly<Record<string, string>>,
  canonical: ((syllable: string) => string) | null,
): HomophoneTables {
  const readings = invertSyllables(syllables);
  const exact = new Map<string, Entries>();
  const fuzzy = new Map<string, Entries>();
  const skeletons = new Set<string>();
  const add = (index: Map<string, Entries>, key: string, word: string): void => {
    const entries = index.get(key);
    if (entries === undefined) index.set(key, [word]);
    else if (!entries.includes(word)) entries.push(word);
  };
  const fuzzyReadings = new Map<string, string[]>();
  const fuzzyReadingsOf = (char: string): readonly string[] => {
    if (canonical === null) return [];
    let found = fuzzyReadings.get(char);
    if (found === undefined) {
      found = [...new Set((readings.get(char) ?? []).map(canonical))];
      fuzzyReadings.set(char, found);
    }
    return found;
  };
  for (const word of vocabulary.words()) {
    if (!PAGE_WORD.test(word)) continue;
    const chars = Array.from(word);
    let offset = 0; // of chars[i] in word (UTF-16 units: a rare character takes two)
    for (const char of chars) {
      const prefix = word.slice(0, offset);
      const suffix = word.slice(offset + char.length);
      offset += char.length;
      skeletons.add(keyOf(prefix, "", suffix));
      for (const reading of readings.get(char) ?? [])
        add(exact, keyOf(prefix, reading, suffix), word);
      if (chars.length >= MIN_FUZZY_WINDOW) {
        for (const reading of fuzzyReadingsOf(char))
          add(fuzzy, keyOf(prefix, reading, suffix), word);
      }
    }
  }
  return { readings, fuzzyReadingsOf, exact, fuzzy, skeletons };
}

/**
 * Visits the page words of `index` that `text` (its characters `chars`) reaches with one character
 * read otherwise: each character in turn replaced by each of its readings. `keep` can pass over a
 * position before its readings are tried.
 */
function lookUpKeys(
  text: string,
  chars: readonly string[],
  index: ReadonlyMap<string, Entries>,
  readingsOf: (char: string) => readonly string[],
  visit: (word: string, position: number) => void,
  keep: (prefix: string, suffix: string, position: number) => boolean = () => true,
): void {
  let offset = 0; // of chars[i] in text (UTF-16 units: a rare character takes two)
  chars.forEach((char, i) => {
    const prefix = text.slice(0, offset);
    const suffix = text.slice(offset + char.length);
    offset += char.length;
    if (!keep(prefix, suffix, i)) return;
    for (const reading of readingsOf(char))
      for (const word of index.get(keyOf(prefix, reading, suffix)) ?? []) visit(word, i);
  });
}

/** A pinyin syllable typed for a character, with a Han character on at least one side. */
const SPELLED = /(?<=\p{Script=Han})[a-z]{1,6}(?![a-z])|(?<![a-z])[a-z]{1,6}(?=\p{Script=Han})/gu;

function keyOf(prefix: string, reading: string, suffix: string): string {
  // Readings are ASCII letters, the rest Han characters: the brackets cannot be confused with
  // either.
  return `${prefix}[${reading}]${suffix}`;
}

/** Character → its toneless readings (`长` → `chang`, `zhang`), from syllable → characters. */
function invertSyllables(syllables: Readonly<Record<string, string>>): Map<string, string[]> {
  const readings = new Map<string, string[]>();
  for (const [syllable, chars] of Object.entries(syllables)) {
    for (const char of chars) {
      const list = readings.get(char);
      if (list === undefined) readings.set(char, [syllable]);
      else if (!list.includes(syllable)) list.push(syllable);
    }
  }
  return readings;
}

/**
 * A function spelling every syllable in one representative of its fuzzy class: with z/zh and
 * an/ang, `zhang`, `zang`, `zhan` and `zan` all become `zan`. Two characters are fuzzy homophones
 * when their readings share a representative.
 */
function fuzzyCanonicalizer(fuzzy: FuzzyPinyin): (syllable: string) => string {
  const initialOf = new Map(
    fuzzy.initials.flatMap(
      ([a, b]) =>
        [
          [a, a],
          [b, a],
        ] as Array<[string, string]>,
    ),
  );
  const finalOf = new Map(
    fuzzy.finals.flatMap(
      ([a, b]) =>
        [
          [a, a],
          [b, a],
        ] as Array<[string, string]>,
    ),
  );
  return (syllable) => {
    const initial =
      INITIALS.find((i) => syllable.startsWith(i) && syllable.length > i.length) ?? "";
    const final = syllable.slice(initial.length);
    return (initialOf.get(initial) ?? initial) + (finalOf.get(final) ?? final);
  };
}
