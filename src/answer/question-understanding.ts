/**
 * Everything that reads a question as the reader meant it, created once at start by whoever wires
 * the engine (converters, dictionaries and vocabularies load asynchronously here, never on the
 * first question): Traditional → Simplified and framing words, typo correction against the pages'
 * own words, general-language weights, restricting words, aliases and synonyms, which-report
 * wording, asked units, figures offered for checking.
 */
import { readFile } from "node:fs/promises";
import type { LoadedIndex } from "../index/load-index.js";
import {
  loadEnglishTranslator,
  type EnglishTranslator,
  type EnglishTranslatorOptions,
} from "../english/english-translator.js";
import { loadPinyinReadings } from "../english/load-reverse-index.js";
import { onDemand } from "../util/on-demand.js";
import { jieba } from "../index/chinese-tokenizer.js";
import { createAbbreviations } from "../retrieve/question/abbreviations.js";
import {
  loadGeneralLanguage,
  type GeneralLanguage,
} from "../retrieve/question/general-language.js";
import {
  loadQuestionNormalizer,
  type QuestionNormalizer,
} from "../retrieve/question/normalize-question.js";
import { pageVocabulary, type PageVocabulary } from "../retrieve/question/page-vocabulary.js";
import { loadSynonyms } from "../retrieve/question/synonyms.js";
import {
  createTypoCorrector,
  loadFuzzyPinyin,
  type TypoCorrector,
} from "../retrieve/question/typos.js";
import {
  loadQuestionLexicon,
  type QuestionLexicon,
  type SynonymSource,
} from "./question-lexicon.js";
import { loadWhichReport, type WhichReport } from "./which-report.js";
import { parseClaimReader, type ClaimReader } from "./claimed-figures.js";

export interface QuestionUnderstanding {
  normalizer: QuestionNormalizer;
  lexicon: QuestionLexicon;
  /**
   * Resolves once CC-CEDICT's readings are in (from their own file, not the English index's).
   */
  typos: Promise<TypoCorrector>;
  /** Loaded when first awaited (an English question); until then nothing of it is read. */
  english: Promise<EnglishTranslator>;
  whichReport: WhichReport;
  /**
   * The question's measure word or noun → the units of a figure that answer it
   * (`data/question-units.json`).
   */
  units: Readonly<Record<string, readonly string[]>>;
  /** A figure offered for checking, read as the question it stands for (data/claim-words.json). */
  claims: ClaimReader;
}

export interface UnderstandingOptions {
  /**
   * Where synonyms come from; by default the hand list and CC-CEDICT's shared glosses ({@link
   * loadSynonyms}).
   */
  synonyms?: (vocabulary: PageVocabulary) => Promise<SynonymSource>;
  /**
   * The English translator, already loading.
   * @default loadEnglishTranslator(englishOptions), started by the first question that awaits it
   */
  english?: Promise<EnglishTranslator>;
  /** Options of the default translator (where it caches its dictionary…). */
  englishOptions?: EnglishTranslatorOptions;
}

export async function loadQuestionUnderstanding(
  index: Pick<LoadedIndex, "keyword" | "articles">,
  options: UnderstandingOptions = {},
): Promise<QuestionUnderstanding> {
  return startQuestionUnderstanding(options)(index);
}

/**
 * Starts, now, every load that does not need the index (converters, fuzzy pinyin, which-report
 * wording, units, the English translator), and returns what finishes the understanding once the
 * index is there: the composition root calls this first so those reads run while the index is
 * built or opened.
 */
export function startQuestionUnderstanding(
  options: UnderstandingOptions = {},
): (index: Pick<LoadedIndex, "keyword" | "articles">) => Promise<QuestionUnderstanding> {
  // CC-CEDICT's readings (for homophones), from their own small file (or, on a first start, from
  // the English index's build, whose readings come first): all a Chinese question needs of it.
  // The English index itself loads when an English question first awaits it, so that a process
  // answering Chinese questions never reads it nor holds it.
  const english =
    options.english ?? onDemand(() => loadEnglishTranslator({ ...options.englishOptions }));
  const readings = options.english
    ? options.english.then((translator) => translator.syllables)
    : loadPinyinReadings(options.englishOptions);
  // A rejection (a malformed glossary) surfaces with the first question that awaits it, not as an
  // unhandled rejection while nobody does.
  english.catch(() => {});
  readings.catch(() => {});
  const independent = Promise.all([
    loadQuestionNormalizer(),
    loadFuzzyPinyin(),
    loadWhichReport(),
    readFile(new URL("../../data/question-units.json", import.meta.url), "utf8"),
    readFile(new URL("../../data/claim-words.json", import.meta.url), "utf8"),
    // Loaded once however many indexes are opened: building jieba's idf table holds the event
    // loop ~150 ms, which a live reload would otherwise spend while the bot answers.
    loadGeneralLanguage(),
  ]);
  // Not left unhandled while the index loads: the failure surfaces when the understanding is
  // finished.
  independent.catch(() => undefined);
  return (index) => finishQuestionUnderstanding(index, independent, options, english, readings);
}

async function finishQuestionUnderstanding(
  index: Pick<LoadedIndex, "keyword" | "articles">,
  independent: Promise<
    [
      QuestionNormalizer,
      Awaited<ReturnType<typeof loadFuzzyPinyin>>,
      WhichReport,
      string,
      string,
      GeneralLanguage,
    ]
  >,
  options: UnderstandingOptions,
  english: Promise<EnglishTranslator>,
  readings: Promise<Readonly<Record<string, string>>>,
): Promise<QuestionUnderstanding> {
  const vocabulary = pageVocabulary(index.keyword);
  const [[normalizer, fuzzy, whichReport, unitsText, claimsText, general], synonyms] =
    await Promise.all([
      independent,
      (options.synonyms ?? ((v: PageVocabulary) => loadSynonyms({ vocabulary: v })))(vocabulary),
    ]);
  // Short forms are looked up in the pages' own text, cut as the index cuts it.
  const abbreviations = createAbbreviations(
    index.articles.map((a) => `${a.title}\n${a.text}`),
    { cut: (text) => jieba().cut(text, true) },
  );
  const lexicon = await loadQuestionLexicon({
    general: Promise.resolve(general),
    isFramingWord: normalizer.isFramingWord,
    synonyms,
    abbreviations,
  });
  const typos = readings.then((syllables) =>
    createTypoCorrector({
      vocabulary,
      syllables,
      isGeneralWord: lexicon.general.isGeneralWord,
      fuzzy,
    }),
  );
  typos.catch(() => {});
  const units = (JSON.parse(unitsText) as { units: Record<string, string[]> }).units;
  const claims = parseClaimReader(claimsText, [...new Set(Object.values(units).flat())]);
  return { normalizer, lexicon, typos, whichReport, units, claims, english };
}
