/**
 * Everything that reads a question as the reader meant it, created once at start by whoever wires
 * the engine (converters, dictionaries and vocabularies load asynchronously here, never on the
 * first question): Traditional → Simplified and framing words, typo correction against the pages'
 * own words, general-language weights, restricting words, aliases and synonyms, which-report
 * wording, asked units.
 */
import { readFile } from "node:fs/promises";
import type { LoadedIndex } from "../index/load-index.js";
import { loadEnglishIndex, pinyinSyllables } from "../retrieve/english/english-index.js";
import { loadQuestionNormalizer, type QuestionNormalizer } from "../retrieve/question/normalize-question.js";
import { pageVocabulary, type PageVocabulary } from "../retrieve/question/page-vocabulary.js";
import { loadSynonyms } from "../retrieve/question/synonyms.js";
import { createTypoCorrector, loadFuzzyPinyin, type TypoCorrector } from "../retrieve/question/typos.js";
import { loadQuestionLexicon, type QuestionLexicon, type SynonymSource } from "./question-lexicon.js";
import { loadWhichReport, type WhichReport } from "./which-report.js";

export interface QuestionUnderstanding {
  normalizer: QuestionNormalizer;
  lexicon: QuestionLexicon;
  typos: TypoCorrector;
  whichReport: WhichReport;
  /** The question's measure word or noun → the units of a figure that answer it (`data/question-units.json`). */
  units: Readonly<Record<string, readonly string[]>>;
}

export interface UnderstandingOptions {
  /** Where synonyms come from; by default the hand list and CC-CEDICT's shared glosses ({@link loadSynonyms}). */
  synonyms?: (vocabulary: PageVocabulary) => Promise<SynonymSource>;
}

export async function loadQuestionUnderstanding(index: Pick<LoadedIndex, "keyword">, options: UnderstandingOptions = {}): Promise<QuestionUnderstanding> {
  // CC-CEDICT's readings (for homophones) come with the English reverse index: loaded here, at
  // start, so neither the first English nor the first misspelt question waits for it.
  loadEnglishIndex();
  return startQuestionUnderstanding(options)(index);
}

/**
 * Starts, now, every load that does not need the index (converters, fuzzy pinyin, which-report
 * wording, units), and returns what finishes the understanding once the index is there: the
 * composition root calls this first so those reads run while the index is built or opened.
 * The caller loads the English index (CC-CEDICT's readings, for homophones) itself.
 */
export function startQuestionUnderstanding(options: UnderstandingOptions = {}): (index: Pick<LoadedIndex, "keyword">) => Promise<QuestionUnderstanding> {
  const independent = Promise.all([
    loadQuestionNormalizer(),
    loadFuzzyPinyin(),
    loadWhichReport(),
    readFile(new URL("../../data/question-units.json", import.meta.url), "utf8"),
  ]);
  // Not left unhandled while the index loads: the failure surfaces when the understanding is finished.
  independent.catch(() => undefined);
  return (index) => finishQuestionUnderstanding(index, independent, options);
}

async function finishQuestionUnderstanding(
  index: Pick<LoadedIndex, "keyword">,
  independent: Promise<[QuestionNormalizer, Awaited<ReturnType<typeof loadFuzzyPinyin>>, WhichReport, string]>,
  options: UnderstandingOptions,
): Promise<QuestionUnderstanding> {
  const vocabulary = pageVocabulary(index.keyword);
  const [[normalizer, fuzzy, whichReport, unitsText], synonyms] = await Promise.all([
    independent,
    (options.synonyms ?? ((v: PageVocabulary) => loadSynonyms({ vocabulary: v })))(vocabulary),
  ]);
  const lexicon = await loadQuestionLexicon({ isFramingWord: normalizer.isFramingWord, synonyms });
  const typos = createTypoCorrector({ vocabulary, syllables: pinyinSyllables(), isGeneralWord: lexicon.general.isGeneralWord, fuzzy });
  const units = (JSON.parse(unitsText) as { units: Record<string, string[]> }).units;
  return { normalizer, lexicon, typos, whichReport, units };
}
