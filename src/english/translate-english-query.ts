/**
 * {@link translateEnglishQuery}: the passes over an English question, in the order that lets each
 * one take what it reads best (see `english-translator.ts` for where the Chinese comes from).
 */
import { addCompounds } from "./compound-words.js";
import type { EnglishDictionary } from "./dictionary.js";
import { glossaryPool } from "./glossary.js";
import { readNumbers } from "./numbers-and-dates.js";
import { forEachPhrase } from "./phrase-runs.js";
import { readNames, spellsPinyin } from "./pinyin-names.js";
import { englishOf, tokenizeQuestion } from "./question-tokens.js";
import type { Claim, Match } from "./question-tokens.js";
import { MAX_KEY_WORDS } from "./reverse-index.js";
import { isStopWord } from "./stop-words.js";
import type { Pool } from "./reverse-index.js";
import { choose, joinable, MAX_CANDIDATES, phrasePool, wordPool } from "./word-candidates.js";

/** What {@link translateEnglishQuery} found in a question. */
export interface EnglishQueryTranslation {
  /** Chinese words and numbers to search for, in question order, without repetitions. */
  terms: string[];
  /**
   * Each English phrase, word, number or name that was translated, with the Chinese chosen for it.
   */
  matched: Array<{ english: string; chinese: string[] }>;
  /** Content words (or capitalised names) with no translation, as written in the question. */
  unknown: string[];
  /**
   * The unknown capitalised words inside a sentence that cannot even be read as pinyin (`Golmud`,
   * `Delingha`): names of places or bodies the pages never mention. Absent when there are none.
   */
  foreignNames?: string[];
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

/**
 * Chinese search terms for an English question, read with a loaded dictionary (`EnglishTranslator`
 * binds the two): about a millisecond, a few more when pinyin names are resolved.
 */
export function translateEnglishQuery(
  dictionary: EnglishDictionary,
  question: string,
  options: EnglishQueryOptions = {},
): EnglishQueryTranslation {
  const isKnown = options.isKnownTerm;
  const tokens = tokenizeQuestion(question);
  const used = new Array<boolean>(tokens.length).fill(false);
  const matches: Match[] = [];
  const unknown: Array<{ at: number; text: string }> = [];
  const foreignNames: string[] = [];
  const claim: Claim = (start, end, english, chinese, composable, join) => {
    for (let i = start; i <= end; i++) used[i] = true;
    matches.push({
      start,
      end,
      english,
      chinese: [...chinese],
      composable,
      ...(join === undefined ? {} : { joinable: [...join] }),
    });
  };
  /**
   * A word or phrase translated from a pool: its chosen words and, when capitalised like a name
   * (`Green Bookmark`, `Xining Blue`), the pages' single characters it may join its neighbours with
   * (绿 + 书签 = 绿书签). Lower-case words join only through their chosen words: their single
   * characters fit inside too many longer words by chance (quality + action → 质行动 of 提质行动).
   */
  const claimPool = (start: number, end: number, english: string, pool: Pool) => {
    const named = tokens.slice(start, end + 1).every((token) => /^[A-Z]/.test(token.text));
    claim(
      start,
      end,
      english,
      choose(pool, isKnown),
      true,
      isKnown === undefined || !named ? undefined : joinable(pool, isKnown),
    );
  };

  // 1. Chinese already in the question is searched as written.
  tokens.forEach((token, i) => {
    if (token.kind === "han") claim(i, i, token.text, [token.text], false);
  });

  // 2. Numbers and dates, before words: `March` and `million` are read here, not as words.
  readNumbers(tokens, used, claim, dictionary.numbers);

  // 3. The glossary, longest phrase first.
  forEachPhrase(tokens, used, MAX_KEY_WORDS, 1, (start, end, key) => {
    const pool = glossaryPool(dictionary.glossary, key);
    if (pool === undefined) return false;
    claimPool(start, end, englishOf(tokens, start, end), pool);
    return true;
  });

  // 4. Pinyin names, only confirmable with the pages' vocabulary.
  readNames(dictionary, tokens, used, isKnown, claim, (at, text) => unknown.push({ at, text }));

  // 5. CC-CEDICT phrases, longest first; a phrase neither starts nor ends with a stop word or a
  // word that frames the question (`what date`, `gave a speech`).
  const isFiller = (word: string) => isStopWord(word) || dictionary.questionWords.has(word);
  forEachPhrase(tokens, used, MAX_KEY_WORDS, 2, (start, end, key, words) => {
    if (isFiller(words[0] ?? "") || isFiller(words[words.length - 1] ?? "")) return false;
    const pool = phrasePool(dictionary, key);
    if (pool === undefined) return false;
    // CC-CEDICT's sense of the phrase may not be the pages' word for it (`family education` → 家教,
    // where the pages print 家庭教育): the words' own translations, joined in order, may be.
    const composed =
      isKnown === undefined || choose(pool, isKnown).some(isKnown)
        ? []
        : joinedTranslations(dictionary, words, isKnown);
    if (composed.length > 0) {
      claim(start, end, englishOf(tokens, start, end), composed, false);
      return true;
    }
    claimPool(start, end, englishOf(tokens, start, end), pool);
    return true;
  });

  // 6. Single content words; the glossary has already claimed every word it knows.
  tokens.forEach((token, i) => {
    if (used[i] || token.kind !== "word" || token.norm === "" || isFiller(token.norm)) return;
    const pool = wordPool(dictionary, token.norm);
    if (pool === undefined) {
      unknown.push({ at: i, text: token.text });
      if (
        /^[A-Z][a-z]{2,}$/u.test(token.text) &&
        !token.sentenceStart &&
        !spellsPinyin(token.norm, dictionary.syllables)
      )
        foreignNames.push(token.text);
      return;
    }
    claimPool(i, i, token.text, pool);
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
    matched: matches
      .filter((match) => match.chinese.length > 0)
      .map(({ english, chinese }) => ({ english, chinese })),
    unknown: unknown.sort((a, b) => a.at - b.at).map(({ text }) => text),
    ...(foreignNames.length > 0 ? { foreignNames } : {}),
  };
}

/**
 * The pages' words made by joining, in order, a translation of each word of a phrase (`family` →
 * 家庭, `education` → 教育: 家庭教育), each of two characters or more; [] when the pages print none.
 */
function joinedTranslations(
  dictionary: EnglishDictionary,
  words: readonly string[],
  isKnown: (zh: string) => boolean,
): string[] {
  let joined = [""];
  for (const word of words) {
    const pool = wordPool(dictionary, word);
    if (pool === undefined) return [];
    // Words of two characters or more: a single character joins into a known string by chance
    // (门 + 教育 inside 部门教育).
    const candidates = [...pool.exact, ...pool.head]
      .map((c) => c.word)
      .filter((w) => Array.from(w).length >= 2)
      .slice(0, JOIN_CANDIDATES);
    joined = joined.flatMap((left) => candidates.map((right) => left + right));
  }
  return joined.filter((word) => isKnown(word)).slice(0, MAX_CANDIDATES);
}

// Candidates per word tried in a join: a phrase of three words tries at most 8³ joins.
const JOIN_CANDIDATES = 8;
