/**
 * What the answer step knows about Chinese words beyond the pages: how common a word is in general,
 * which words only frame a question, which narrow it, which names stand for the same place, and
 * which synonyms the pages use. Loaded once at start from data files (`data/`), never from code.
 */
import { readFile } from "node:fs/promises";
import { dataLines } from "../util/data-lines.js";
import {
  loadGeneralLanguage,
  type GeneralLanguage,
} from "../retrieve/question/general-language.js";
import type { Abbreviations } from "../retrieve/question/abbreviations.js";

export interface QuestionLexicon {
  general: GeneralLanguage;
  isFramingWord(word: string): boolean;
  /** 全省, 出口, 同比…: a sentence without it answers a neighbouring question. */
  isRestrictiveModifier(word: string): boolean;
  /**
   * 增长, 下降…: a change the answer sentence itself must state — a figure without it is a level
   * (`产值1286.1亿元`), not by how much it changed, whatever the sentence before says.
   */
  isStatedChange(word: string): boolean;
  /** The restricting words a text holds, wherever they stand (`出口` in `出口额`). */
  restrictiveModifiersIn(text: string): string[];
  /** Other names of the same place or body (`西宁市` → 西宁, 我市), the word itself excluded. */
  aliases(word: string): string[];
  /** Weaker alternatives (synonyms), best first; the caller keeps those the pages use. */
  synonyms(word: string): WeakerWord[];
  /** The pages' long forms of a short form (`环保` → 环境保护), [] when none or ambiguous. */
  longForms(word: string): string[];
  /**
   * A place named by a place word and a place ending (`甘河园区`, `城北区`; not `工业园区`, whose 工业
   * is a common word), though jieba does not tag it as a place.
   */
  isPlaceName(word: string): boolean;
  /**
   * A place name whose place word jieba itself tags as a place (`城北` of `城北分局`): such a
   * stretch names a place even where jieba cuts it in two.
   */
  isKnownPlaceName(word: string): boolean;
  /**
   * A character that is grammar rather than content: a function word (`上`, `家` as a classifier)
   * or a verb's complement or aspect marker (`完`, `到`, `过`, `data/verb-complements.txt`).
   */
  isGrammaticalChar(char: string): boolean;
  /** A compound directional complement (`进去`, `出来`; `data/verb-complements.txt`): grammar too. */
  isVerbComplement(word: string): boolean;
  /** A noun naming a category a report counts (`问题`, `诉求`; `data/category-words.txt`). */
  isCategoryWord(word: string): boolean;
  /** All of them. */
  categoryWords(): readonly string[];
  /** A noun jieba tags as a verb that heads kinds of itself (`产能`; `data/noun-heads.txt`). */
  isNounHead(word: string): boolean;
  /**
   * What follows a word naming the report rather than a fact of it (`那篇`, `的报道`;
   * `data/article-labels.txt`).
   */
  articleLabels(): readonly string[];
  /**
   * A verb that only says an event took place (`举行`, `召开`; `data/holding-verbs.txt`): the day
   * of the event is the day it names.
   */
  isHoldingVerb(word: string): boolean;
  /**
   * The word with one character swapped for one the OCR confuses it with (`入展` → `人展`;
   * `data/ocr-confusables.txt`): the spellings of it a misread page may print.
   */
  ocrVariants(word: string): string[];
  /**
   * A later part of a message that only asks again about what the part before named (`有关数据是多少`,
   * `相关负责同志是哪位`; `data/back-reference-words.txt`): no question of its own.
   */
  asksNothingNew(part: string): boolean;
  /**
   * A word naming what a figure measures, by its ending (`净利润`, `产能利用率`, `装机容量`;
   * `data/measure-words.txt`), not one too general to say (`数额`).
   */
  namesAMeasure(word: string): boolean;
}

/** A source of synonyms (see src/retrieve/question/synonyms.ts). */
export interface SynonymSource {
  alternatives(word: string): ReadonlyArray<{ word: string; credit: number }>;
}

/** A weaker spelling of a question word (a synonym the pages use): counts at its credit. */
export interface WeakerWord {
  word: string;
  /** 0..1, less than the question's own word. */
  credit: number;
}

const DATA = new URL("../../data/", import.meta.url);

// A place name with its administrative suffix dropped is the same place (青海省 → 青海).
const ADMIN_SUFFIX = /^(\p{Script=Han}{2,})[省市县区州]$/u;

// jieba's tags of a place's own word: a place (ns), another proper noun (nz), a location (s).
const PLACE_TAGS = /^(ns|nz|s)$/u;

export function createQuestionLexicon(options: {
  general: GeneralLanguage;
  /** The normalizer's framing-word test: one reading of data/framing-words.txt serves both. */
  isFramingWord: (word: string) => boolean;
  modifiersText: string;
  aliasesText: string;
  /** data/place-suffixes.txt; none when absent. */
  placeSuffixesText?: string;
  /** data/verb-complements.txt; none when absent. */
  complementsText?: string;
  /** data/category-words.txt; none when absent. */
  categoriesText?: string;
  /** data/article-labels.txt; none when absent. */
  labelsText?: string;
  /** data/noun-heads.txt; none when absent. */
  nounHeadsText?: string;
  /** data/holding-verbs.txt; none when absent. */
  holdingVerbsText?: string;
  /** data/ocr-confusables.txt; none when absent. */
  confusablesText?: string;
  /** data/back-reference-words.txt; none when absent. */
  backReferencesText?: string;
  /** data/measure-words.txt; none when absent. */
  measuresText?: string;
  synonyms?: SynonymSource | null;
  abbreviations?: Abbreviations | null;
}): QuestionLexicon {
  // A line of restricting words may name equivalents (`下降 减少 降低`): any of them restricts alike;
  // `@` marks a change the answer sentence must state itself.
  const marked = dataLines(options.modifiersText);
  const modifierLines = marked.map((line) => line.replace(/^@\s*/u, ""));
  const modifiers = new Set(modifierLines.flatMap((line) => line.split(/\s+/)));
  const changes = new Set(
    marked
      .filter((line) => line.startsWith("@"))
      .flatMap((line) => line.slice(1).trim().split(/\s+/)),
  );
  const groups = new Map<string, string[]>();
  for (const line of [...dataLines(options.aliasesText), ...modifierLines]) {
    const names = line.split(/\s+/);
    for (const name of names)
      groups.set(name, [...(groups.get(name) ?? []), ...names.filter((n) => n !== name)]);
  }
  const suffixLines = dataLines(options.placeSuffixesText ?? "");
  const placeSuffixes = suffixLines.map((line) => line.replace(/^!/u, ""));
  // (`!`: an ending that names a place whatever the word before it, `互助县`)
  const placeWhatever = new Set(
    suffixLines.filter((line) => line.startsWith("!")).map((line) => line.slice(1)),
  );
  // (a word jieba keeps whole, as it keeps 互助县 — not a stretch that happens to end so, `…以县` —
  // nor a pointer or a quantity before it: `哪些县`, `各县`, `这个乡` name no place)
  const namesWhatever = (word: string, stem: string) =>
    placeWhatever.has(word.slice(stem.length)) &&
    options.general.partOfSpeech(word) !== null &&
    !/[哪几各全本该这那每其此些个多少]/u.test(stem) &&
    !options.general.isFunctionWord(stem);
  /** The place word before a place ending (`甘河` of `甘河园区`), or null. */
  const placeStem = (word: string): string | null => {
    const suffix = placeSuffixes.find((s) => word.endsWith(s));
    if (suffix === undefined) return null;
    const stem = word.slice(0, -suffix.length);
    return Array.from(stem).length >= 2 && /^\p{Script=Han}+$/u.test(stem) ? stem : null;
  };
  const complements = new Set(dataLines(options.complementsText ?? ""));
  const categories = new Set(dataLines(options.categoriesText ?? ""));
  const labels = dataLines(options.labelsText ?? "");
  const nounHeads = new Set(dataLines(options.nounHeadsText ?? ""));
  const holdingVerbs = new Set(dataLines(options.holdingVerbsText ?? ""));
  // Longest first, so that 请予提供 goes whole before 请 could leave 予提供.
  const backReferences = dataLines(options.backReferencesText ?? "").sort(
    (a, b) => b.length - a.length,
  );
  const measureLines = dataLines(options.measuresText ?? "");
  const measureEndings = measureLines.filter((l) => !l.startsWith("!"));
  const generalMeasures = new Set(
    measureLines.filter((l) => l.startsWith("!")).map((l) => l.slice(1)),
  );
  const confusable = new Map<string, string[]>();
  for (const line of dataLines(options.confusablesText ?? "")) {
    const chars = line.split(/\s+/u);
    for (const c of chars)
      confusable.set(
        c,
        chars.filter((o) => o !== c),
      );
  }
  return {
    ocrVariants(word) {
      const chars = Array.from(word);
      return chars.flatMap((c, i) =>
        (confusable.get(c) ?? []).map((o) =>
          [...chars.slice(0, i), o, ...chars.slice(i + 1)].join(""),
        ),
      );
    },
    isHoldingVerb: (word) => holdingVerbs.has(word),
    namesAMeasure: (word) =>
      Array.from(word).length >= 2 &&
      !generalMeasures.has(word) &&
      measureEndings.some((e) => word.endsWith(e) && word !== e),
    asksNothingNew(part) {
      const rest = part.replace(/[\p{P}\s]+/gu, "");
      if (rest === "" || backReferences.length === 0) return false;
      for (let at = 0; at < rest.length; ) {
        const word = backReferences.find((w) => rest.startsWith(w, at));
        if (word === undefined) return false;
        at += word.length;
      }
      return true;
    },
    isNounHead: (word) => nounHeads.has(word),
    isGrammaticalChar: (char) => complements.has(char) || options.general.isFunctionWord(char),
    isVerbComplement: (word) => complements.has(word),
    isCategoryWord: (word) => categories.has(word),
    categoryWords: () => [...categories],
    articleLabels: () => labels,
    general: options.general,
    isFramingWord: options.isFramingWord,
    isRestrictiveModifier: (word) => modifiers.has(word),
    isStatedChange: (word) => changes.has(word),
    restrictiveModifiersIn: (text) => [...modifiers].filter((m) => text.includes(m)),
    aliases(word) {
      const out = new Set(groups.get(word) ?? []);
      const bare = ADMIN_SUFFIX.exec(word)?.[1];
      if (bare !== undefined) out.add(bare);
      out.delete(word);
      return [...out];
    },
    synonyms: (word) =>
      options.synonyms
        ? options.synonyms.alternatives(word).map((a) => ({ word: a.word, credit: a.credit }))
        : [],
    longForms: (word) => options.abbreviations?.expansions(word) ?? [],
    isPlaceName(word) {
      const stem = placeStem(word);
      if (stem === null) return false;
      if (namesWhatever(word, stem)) return true;
      const tag = options.general.partOfSpeech(stem);
      return tag === null || PLACE_TAGS.test(tag);
    },
    isKnownPlaceName(word) {
      const stem = placeStem(word);
      if (stem !== null && namesWhatever(word, stem)) return true;
      const tag = stem === null ? null : options.general.partOfSpeech(stem);
      return tag !== null && PLACE_TAGS.test(tag);
    },
  };
}

export async function loadQuestionLexicon(options: {
  isFramingWord: (word: string) => boolean;
  synonyms?: SynonymSource | null;
  abbreviations?: Abbreviations | null;
  /**
   * jieba's general-language table, already loading: it does not depend on the pages, so a
   * process that remakes its lexicon for a new index (live reload) loads it once.
   * @default loaded now
   */
  general?: Promise<GeneralLanguage>;
}): Promise<QuestionLexicon> {
  const [
    general,
    modifiersText,
    aliasesText,
    placeSuffixesText,
    complementsText,
    categoriesText,
    labelsText,
    nounHeadsText,
    holdingVerbsText,
    confusablesText,
    backReferencesText,
    measuresText,
  ] = await Promise.all([
    options.general ?? loadGeneralLanguage(),
    readFile(new URL("restrictive-modifiers.txt", DATA), "utf8"),
    readFile(new URL("place-aliases.txt", DATA), "utf8"),
    readFile(new URL("place-suffixes.txt", DATA), "utf8"),
    readFile(new URL("verb-complements.txt", DATA), "utf8"),
    readFile(new URL("category-words.txt", DATA), "utf8"),
    readFile(new URL("article-labels.txt", DATA), "utf8"),
    readFile(new URL("noun-heads.txt", DATA), "utf8"),
    readFile(new URL("holding-verbs.txt", DATA), "utf8"),
    readFile(new URL("ocr-confusables.txt", DATA), "utf8"),
    readFile(new URL("back-reference-words.txt", DATA), "utf8"),
    readFile(new URL("measure-words.txt", DATA), "utf8"),
  ]);
  return createQuestionLexicon({
    general,
    isFramingWord: options.isFramingWord,
    modifiersText,
    aliasesText,
    placeSuffixesText,
    complementsText,
    categoriesText,
    labelsText,
    nounHeadsText,
    holdingVerbsText,
    confusablesText,
    backReferencesText,
    measuresText,
    synonyms: options.synonyms ?? null,
    abbreviations: options.abbreviations ?? null,
  });
}
