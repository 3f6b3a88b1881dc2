import {
  jieba,
  normalizeForSearch,
  properNouns,
  taggedWords,
  tokenize,
} from "../index/chinese-tokenizer.js";
import { termIdf, type KeywordIndexData } from "../index/keyword-index.js";
import type { EnglishQueryTranslation } from "../english/english-translator.js";
import type { QuestionLexicon, WeakerWord } from "./question-lexicon.js";
import { chineseNumeral, chineseNumeralValue } from "../util/chinese-numerals.js";
import { ORDINAL } from "./question.js";
import { escapeRegExp } from "../util/escape-reg-exp.js";
import { occurrences } from "../util/occurrences.js";

export type { WeakerWord } from "./question-lexicon.js";

/**
 * Where a word must be found for a sentence to answer the question:
 * - `none`: a vote — the more of the question's words a sentence holds, the better;
 * - `article`: a name (person, place, organisation, a Latin word, a topic the pages never mention):
 *   an article without it is about something else;
 * - `near`: a figure, year, ordinal or restricting modifier (`2023`, `第三次`, `全省`, `进口`): the
 *   answer sentence, its headline, its lead or the sentence before it must hold it, or the sentence
 *   answers a neighbouring question;
 * - `topic`: the question's heaviest specific noun that the pages print (`多晶硅` in
 *   `多晶硅产能占全省的比重`): when the article prints it, it must be near the answer (a long form or
 *   synonym counts too). A sentence away from what the question is mainly about answers a
 *   neighbouring question of the same article, however many of its lighter words it shares;
 * - `action`: what a 谁/哪些 question asks someone did (`主持` in `是谁主持的`, `发言` in
 *   `哪些单位发言了`), or a change a 多少 question asks about (`增长了多少`): the answer sentence
 *   must say it (or a synonym the pages use) — a sentence naming other people doing other things,
 *   or a level instead of a change, answers another question.
 */
export type Requirement = "none" | "article" | "near" | "topic" | "action";

/** One thing the question asks about, as the words that may stand for it in the pages. */
export interface QueryWord {
  /**
   * Spellings that count as finding it: one Chinese word (and its aliases), or an English word's
   * translations.
   */
  alternatives: string[];
  /** Synonyms the pages use, counted at their credit; never enough to meet a requirement. */
  weaker: WeakerWord[];
  /** How much finding it counts: rare in the pages and in Chinese at large is strong evidence. */
  weight: number;
  required: Requirement;
  /**
   * The pages never print the word (a reader's own wording: 还给 for 返还, 整治 for 防治): a sentence
   * holding some of its characters earns a little credit, as Chinese compounds that share a
   * morpheme often say the same thing. Never enough to meet a requirement.
   */
  loose?: boolean;
  /**
   * Borrowed from the question's other part (`实际到了多少？` after naming the session): found, it
   * counts; missing, it does not count against, as this part never asked it.
   */
  borrowed?: boolean;
  /**
   * A place named by its ending (`甘河园区`, see `QuestionLexicon.isPlaceName`): an article that
   * never mentions it is about another place, whatever else the word requires (as the topic, it
   * must also be near the answer).
   */
  place?: boolean;
  /**
   * The question's next word, when this one names a kind of it (`油画` of `油画作品`, `燃气` of
   * `燃气问题`). A sentence listing other kinds of the same head without this one
   * (`书法篆刻作品342幅、国画作品221幅`, `小区物业、消防安全等问题`) gives another kind's figure.
   */
  narrows?: string;
  /**
   * When `narrows` is a category a report counts (`问题`, `诉求`), all such categories
   * (data/category-words.txt): `供暖方面的诉求` is none of a report's `小区物业、消防安全等问题`.
   */
  categories?: readonly string[];
  /**
   * `narrows` is a head whose kinds a report lists item by item across sentences (`多晶硅出口…；单晶硅棒
   * …出口…；锂离子蓄电池出口…`; data/noun-heads.txt): an item of another kind gives its figure.
   */
  itemized?: boolean;
  /**
   * `narrows` is set and this word names the kind as a noun does (`氢能` of `氢能产业`; not
   * `参加锻炼` of `参加锻炼活动`, a doing): a report that names other kinds of the head, sentence
   * after sentence (`新能源产业…`, `新材料产业…`), and never this one does not give it. Also a noun
   * the pages never print, only its tail (`钠离子` of `锂离子`): the tail is no spelling of it.
   */
  nounKind?: boolean;
  /**
   * A word the pages never print, said only in a clause of the question that asks nothing (`我家
   * 老伴儿天天在广场抖空竹，…，还表演了哪些？`): the reader's own story around the question. Found, it
   * counts; missing, it does not count against, as the question never asked it.
   */
  background?: boolean;
  /**
   * What the question counts (`多少吨油菜籽`), a noun the pages never print nor any synonym of it:
   * in a sentence that lists figures item by item (`年加工沙棘5万吨、枸杞8万吨…`), it is none of the
   * items.
   */
  unprintedNoun?: boolean;
  /**
   * A measure asked that the pages never print (`净利润多少`): required in the article, so that no
   * report answers — unless it is a slip for a printed word (qa-engine's homophones).
   */
  unprintedMeasure?: boolean;
  /**
   * The measure a 多少 question asks (`回访` of `回访量多少`), required in the answering article: what
   * another part of the question borrows of it is no requirement there.
   */
  measure?: boolean;
  /**
   * The topic's synonyms the pages print (`涉诈`, `诈骗` for `反诈`): the topic is near a sentence
   * that says it in their words — not votes, only where the topic may be found.
   */
  related?: readonly string[];
}

// Question words say what is asked, not what about: they are never evidence (哪天, 几个, 第几轮).
// `叫什么名字` asks for a name: 名字 says what is asked, not what about; so does 职务 of
// `担任什么职务` (the title printed before the name answers it).
const TRAILING_QUESTION_WORD =
  /(?<=\p{Script=Han})(?:多少|多大|多高|多长|多久|什么|哪些|哪个|几)$/u;
/** `多大`, `有多高`, `多长`: a size asked; the question's only use of the character `w` is in it. */
function asksSizeWith(w: string, normalized: string): boolean {
  const asking = ASKS_SIZE.exec(normalized)?.[0];
  return (
    asking !== undefined &&
    asking.includes(w) &&
    normalized.split(w).length - 1 === asking.split(w).length - 1
  );
}
const ASKS_SIZE = /有?多[大高长久远重](?![型学家会批众部])/u;
const QUESTION_WORD =
  /^(几|哪|第几|多少|多大|多高|多长|多久|什么|怎|谁|由谁|是否|有没有|请问|百分之几|时候|那天|这次|吗|呢|由|名字|名称|叫什么|职务|职位|头衔)/u;

/**
 * General-language weighting: jieba's idf of a word (≈3.5 for 公司, ≈6 for 名字, ≈8.5 for 多晶硅)
 * mapped onto a factor. At or below COMMON_IDF a word is what anybody says about anything, and
 * counts at MIN_GENERAL_FACTOR; from SPECIFIC_IDF on it counts fully.
 */
const COMMON_IDF = 3.5;
const SPECIFIC_IDF = 7;
const MIN_GENERAL_FACTOR = 0.4;
/** A word jieba's table lacks is rare in general (a name, a term of art, an OCR form). */
const UNKNOWN_IDF = SPECIFIC_IDF;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
export const generalFactor = (idf: number | null) =>
  clamp(((idf ?? UNKNOWN_IDF) - COMMON_IDF) / (SPECIFIC_IDF - COMMON_IDF), MIN_GENERAL_FACTOR, 1);

function rarest(keyword: KeywordIndexData): number {
  // A word no passage holds is as informative as the rarest one: its absence is evidence against.
  return Math.log(1 + (keyword.bm25.documentCount - 1 + 0.5) / 1.5);
}

function pageIdf(keyword: KeywordIndexData, word: string): number {
  return termIdf(keyword, `w:${word}`) || termIdf(keyword, `n:${word}`);
}

function weightOf(keyword: KeywordIndexData, alternatives: readonly string[]): number {
  const known = alternatives.map((a) => pageIdf(keyword, a)).filter((x) => x > 0);
  return known.length > 0 ? Math.max(...known) : rarest(keyword);
}

/**
 * The stretches jieba's hidden Markov model glued into a word of its own guessing (tagged `x`: in
 * no dictionary) that neither the pages nor the synonym list know: `聊完`, `定到`, `上印`, `起电诈`.
 * When one of its characters is grammar (a complement, an aspect marker, a classifier: `完`,
 * `到`, `上`, `起`), such a guess is the reader's phrasing, not a term: weighed whole, as a word
 * the pages never print, it would count as strong evidence against every sentence. A guess of
 * content characters only (`号线`) may well be a term the pages lack, and stays whole; names are
 * no such guesses either: jieba's tagger marks an unknown name as a noun (`褚平俊`, `尼玛卓玛`).
 */
function hmmGuesses(
  tagged: ReadonlyArray<{ word: string; tag: string }>,
  keyword: KeywordIndexData,
  lexicon: QuestionLexicon,
): Set<string> {
  return new Set(
    tagged
      .filter(
        (t) =>
          t.tag === "x" &&
          /^\p{Script=Han}{2,}$/u.test(t.word) &&
          pageIdf(keyword, t.word) === 0 &&
          !lexicon.general.isGeneralWord(t.word) &&
          !listed(t.word, keyword, lexicon) &&
          Array.from(t.word).some((c) => lexicon.isGrammaticalChar(c)),
      )
      .map((t) => t.word),
  );
}

/** True when the synonym list offers the word an equivalent the pages print. */
function listed(word: string, keyword: KeywordIndexData, lexicon: QuestionLexicon): boolean {
  return lexicon
    .synonyms(word)
    .some((a) => a.credit >= LISTED_SYNONYM_CREDIT && pageIdf(keyword, a.word) > 0);
}

/**
 * A guessed word cut into the longest words that are known — to the pages, to Chinese at large,
 * or to the synonym list — else single characters: `起电诈` → `起` `电诈`, `聊完` → `聊` `完`.
 */
function knownPieces(word: string, keyword: KeywordIndexData, lexicon: QuestionLexicon): string[] {
  const chars = Array.from(word);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; ) {
    let n = chars.length - i;
    for (; n >= 2; n--) {
      const piece = chars.slice(i, i + n).join("");
      if (
        pageIdf(keyword, piece) > 0 ||
        lexicon.general.isGeneralWord(piece) ||
        listed(piece, keyword, lexicon)
      )
        break;
    }
    const len = Math.max(1, n);
    pieces.push(chars.slice(i, i + len).join(""));
    i += len;
  }
  return pieces;
}

/** True when `word` and `span` overlap in the question, neither holding the other. */
function straddles(question: string, word: string, span: string): boolean {
  if (word.includes(span) || span.includes(word)) return false;
  const spans = occurrences(question, span);
  return occurrences(question, word).some((a) =>
    spans.some((b) => a < b + span.length && b < a + word.length),
  );
}

/** The longest stretch of the question read as one word of the pages or the synonym list. */
const MAX_RECUT = 10;

/**
 * The question's words re-cut where jieba cut it otherwise than the pages: a page word of three
 * or more characters that straddles two of the question's words (`打柔力/球` holds `柔力球`) replaces
 * those of them the pages never print. So does a word of the synonym list whose equivalent the
 * pages print (`铝/水有` holds `铝水`, the pages' `铝液`): jieba does not know the reader's word,
 * the list does.
 */
function recut(
  question: string,
  words: readonly string[],
  keyword: KeywordIndexData,
  lexicon: QuestionLexicon,
): string[] {
  const chars = Array.from(question);
  const found: string[] = [];
  const known = (candidate: string, n: number) =>
    (n >= 3 && pageIdf(keyword, candidate) > 0) || listed(candidate, keyword, lexicon);
  for (let n = MAX_RECUT; n >= 2; n--) {
    for (let i = 0; i + n <= chars.length; i++) {
      const candidate = chars.slice(i, i + n).join("");
      if (!/^\p{Script=Han}+$/u.test(candidate) || !known(candidate, n)) continue;
      if (words.some((w) => w.includes(candidate)) || found.some((f) => f.includes(candidate)))
        continue;
      found.push(candidate);
    }
  }
  // A place word and a place ending jieba cut apart (`城北/分局`): one name, which the pages may
  // not print (they print `城中分局`), whatever its halves are.
  const places: string[] = [];
  for (let n = 6; n >= 3; n--) {
    for (let i = 0; i + n <= chars.length; i++) {
      const candidate = chars.slice(i, i + n).join("");
      if (
        /^\p{Script=Han}+$/u.test(candidate) &&
        !words.includes(candidate) &&
        !found.includes(candidate) &&
        !places.some((p) => p.includes(candidate)) &&
        lexicon.isKnownPlaceName(candidate) &&
        // (not the tail of a longer word of the question and the start of the next: `雪豹之都|城市`
        // holds no place `都城市`)
        !words.some((w) => Array.from(w).length >= 3 && straddles(question, w, candidate))
      )
        places.push(candidate);
    }
  }
  if (found.length === 0 && places.length === 0) return [...words];
  const overlaps = (w: string, f: string) => {
    const at = question.indexOf(w);
    const from = question.indexOf(f);
    return at >= 0 && from >= 0 && at < from + f.length && from < at + w.length;
  };
  // Only where it replaces a word the pages never print and Chinese does not know, across its
  // edge: else the question's own cut stands (`表决/通过` is two words, not the list's `表决通过`;
  // `油画/作品` holds no `画作`).
  const straddling = found.filter((f) =>
    words.some(
      (w) =>
        overlaps(w, f) &&
        !f.includes(w) &&
        pageIdf(keyword, w) === 0 &&
        !lexicon.general.isGeneralWord(w),
    ),
  );
  // A phrase of the list made of common words of the question, each printed (`找到/工作` → the
  // list's `找到工作` → 就业): one thing asked, which the pages say in one word. Not when a word
  // inside is one the pages never print (`表决/通过`: that absence is evidence), nor when a word
  // inside is specific (`生态/环境保护`, `锂离子/蓄电池` are found as they are) — unless the phrase
  // is a long one of three words or more (`信息化/和/工业化/融合`, the list's long form of the pages'
  // `两化融合`): a term of its own, which its words only spell out.
  const phrases = found.filter((f) => {
    const inside = words.filter((w) => overlaps(w, f));
    const term = inside.length >= 3;
    return (
      pageIdf(keyword, f) === 0 &&
      inside.length >= 2 &&
      inside.every(
        (w) =>
          f.includes(w) &&
          // (a single character, `到/账`, `拿到/手`, says too little to be evidence on its own)
          (Array.from(w).length === 1 ||
            term ||
            (pageIdf(keyword, w) > 0 && generalFactor(lexicon.general.idf(w) ?? UNKNOWN_IDF) < 1)),
      )
    );
  });
  const kept = words.filter(
    (w) =>
      !places.some((p) => p.includes(w)) &&
      !phrases.some((f) => f.includes(w) && overlaps(w, f)) &&
      (pageIdf(keyword, w) > 0 || !straddling.some((f) => overlaps(w, f))),
  );
  return [...kept, ...straddling, ...phrases, ...places];
}

// The hand-written list's credits (0.7 one way, 0.8 both ways); CC-CEDICT's are lower.
const LISTED_SYNONYM_CREDIT = 0.7;

/**
 * Chinese turns many two-character words around without changing their sense (`盯紧`/`紧盯`,
 * `外省`/`省外`, `互相`/`相互`); a reader's order the pages never print stands for theirs, for
 * less — a pair that means two things (`事故`/`故事`) is a risk only where the pages never print the
 * reader's word, and it never meets a requirement.
 */
const REVERSED_CREDIT = 0.6;

function reversedWord(word: string, keyword: KeywordIndexData): string | null {
  const chars = Array.from(word);
  if (chars.length !== 2 || chars[0] === chars[1]) return null;
  const reversed = `${chars[1]}${chars[0]}`;
  return pageIdf(keyword, reversed) > 0 ? reversed : null;
}

/** A printed tail counts this much of the word: `贷款` is said of 银行贷款, but not only of it. */
const TAIL_CREDIT = 0.6;

/**
 * The longest tail of a 3+-character word that the pages print and that is at least half of it
 * (`贷款` of `银行贷款`; not `电池` of `氢燃料电池`, which names another thing), or null.
 */
function printedTail(word: string, keyword: KeywordIndexData): string | null {
  const chars = Array.from(word);
  for (let n = chars.length - 1; n >= 2 && n * 2 >= chars.length; n--) {
    const tail = chars.slice(-n).join("");
    if (pageIdf(keyword, tail) > 0) return tail;
  }
  return null;
}

/** True when some 2+-character head or tail of the word is a page word (`出口额` → `出口`). */
function partlyInPages(word: string, keyword: KeywordIndexData): boolean {
  const chars = Array.from(word);
  for (let n = chars.length - 1; n >= 2; n--) {
    if (
      pageIdf(keyword, chars.slice(0, n).join("")) > 0 ||
      pageIdf(keyword, chars.slice(-n).join("")) > 0
    )
      return true;
  }
  return false;
}

/**
 * A Chinese question's words: jieba's longest words (its shorter sub-words would count a phrase
 * several times), its bare numbers and its ordinals, each weighed by how rare it is in the pages
 * and in Chinese at large, with the synonyms the pages use, and with what must be found for a
 * sentence to answer (see {@link Requirement}).
 */
export function chineseQueryWords(
  question: string,
  keyword: KeywordIndexData,
  lexicon: QuestionLexicon,
): QueryWord[] {
  const terms = tokenize(question);
  // The question as the index reads text (half-width, spaces between Han characters dropped).
  const normalized = normalizeForSearch(question);
  // Question words, framing words and function words (这回, 往, 那家) say how the reader asks, not
  // what about; a restricting word keeps its force whatever jieba tags it.
  const spoken = (w: string) =>
    lexicon.isFramingWord(w) ||
    (lexicon.general.isFunctionWord(w) &&
      !lexicon.isRestrictiveModifier(w) &&
      // (a preposition with an aspect particle is the verb: `通过了哪些` asks what was passed)
      !(Array.from(w).length >= 2 && normalized.includes(`${w}了`))) ||
    // (`哪三种`, `哪两个`: how many the answer lists, asked with 哪 — the asking, not a topic)
    (normalized.includes(`哪${w}`) && lexicon.general.partOfSpeech(w) === "m") ||
    (Array.from(w).length === 2 && lexicon.isVerbComplement(w));
  // jieba may glue a question word to the verb before it (`占多大`, `有几`): a light verb of one
  // character is the question's grammar, a longer word (`提供了多少`) the reader's own.
  // So may a 得 or 地 typed for the particle 的 (`在哪开得？`): at a clause's end it cannot be the
  // complement's 得 (`开得好`) nor the adverb's 地, which need a word after them, and elsewhere a
  // word the pages never print is no word of theirs either — unless it is a common word (`获得`,
  // `各地`).
  const clauseEnds = [
    ...normalized.matchAll(/(\p{Script=Han}+)(?=\s*(?:[？?！!。，,；;]|$))/gu),
  ].map((m) => m[1]!);
  const unglued = (w: string) => {
    let stem = w.replace(TRAILING_QUESTION_WORD, "");
    if (
      stem === w &&
      /[得地]$/u.test(w) &&
      lexicon.general.idf(w) === null &&
      (pageIdf(keyword, w) === 0 || clauseEnds.some((run) => run.endsWith(w)))
    )
      stem = w.slice(0, -1);
    // So may the 时 of `主持时说…` (when hosting, said…) glue to the next word: jieba's `时说` is
    // no word of the pages, and the reader's `说` only frames what was said.
    if (stem === w && /^时\p{Script=Han}$/u.test(w) && pageIdf(keyword, w) === 0) stem = w.slice(1);
    return stem !== w && Array.from(stem).length < 2 ? "" : stem;
  };
  const words = [
    ...new Set(
      terms
        .filter((t) => t.startsWith("w:"))
        .map((t) => unglued(t.slice(2)))
        .filter((w) => Array.from(w).length >= 1),
    ),
  ]
    .filter((w) => !QUESTION_WORD.test(w) && !spoken(w))
    // (`情景剧叫什么名字`: jieba cuts 叫/什么/名字, and the 叫 of asking a name is no evidence)
    .filter((w) => !(w === "叫" && ASKS_A_NAME.test(normalized)))
    // (`总量有多大`: jieba cuts 有/多/大, the asking of a size, no evidence of one)
    .filter((w) => !(Array.from(w).length === 1 && asksSizeWith(w, normalized)))
    // (`要当好什么角色`: the kind of answer asked, in the reader's word — the pages name the thing
    // itself, `联络员和服务员`, never the kind. A kind the pages print, `什么文件`, stays evidence.)
    .filter((w) => !asksForKind(w, normalized, keyword, lexicon));
  // jieba's tags of the question, once: its guessed words and its names are both read off them.
  const tagged = taggedWords(question);
  const guesses = hmmGuesses(tagged, keyword, lexicon);
  const longest = [
    ...new Set(
      recut(
        normalized,
        words.filter((w) => !words.some((other) => other !== w && other.includes(w))),
        keyword,
        lexicon,
      ).flatMap((w) =>
        guesses.has(w)
          ? knownPieces(w, keyword, lexicon)
              .map(unglued)
              .filter((p) => p !== "" && !QUESTION_WORD.test(p) && !spoken(p))
          : [w],
      ),
    ),
  ];
  const numbers = [
    ...new Set(terms.filter((t) => /^n:\d+(\.\d+)?%?$/.test(t)).map((t) => t.slice(2))),
  ];
  // The numbers of a day or a month (`10月15日`, `去年9月`) name the report, which prints its date
  // once, in the lead.
  const dayNumbers = new Set(
    [...normalized.matchAll(/(?<![\d至到-])(\d{1,2})月(?:(\d{1,2})[日号])?/gu)]
      .flatMap((m) => [m[1]!, m[2]!])
      .filter((n) => n !== undefined),
  );
  const names = new Set(
    properNouns(tagged).filter(
      (w) =>
        !startsWithCommonNoun(w, lexicon) &&
        !commonInGeneral(w, lexicon) &&
        !commonAsPerson(w, tagged, lexicon) &&
        !new RegExp(`${w}${ASPECT_AFTER_VERB}`, "u").test(normalized) &&
        !afterAdverb(w, tagged) &&
        !verbBeforeVerb(w, tagged, lexicon) &&
        // (a word of the synonym list is a word, whatever jieba tags it: Taiwan's `瓦斯` is 燃气)
        !listed(w, keyword, lexicon),
    ),
  );
  const ordinals = [...new Set(normalized.match(ORDINAL) ?? [])];
  // A session named without 第 (`十四次那个会上`, `三次会`): the pages print it with or without
  // (`第十四次会议`, `十三届三次会议`), so it is looked for as the number with its meeting.
  const bareSessions = [...normalized.matchAll(BARE_SESSION)].map((m) => ({
    from: m.index,
    // (with the 会 it counts: `会上` is the session's, no word of its own)
    to: m.index + m[0].length + 1,
    number: m[1]!,
  }));
  const inBareSession = (w: string) =>
    occurrences(normalized, w).some((at) =>
      bareSessions.some((b) => at < b.to && b.from < at + w.length),
    );
  // What the question asks whether it exists (`有太极拳吗`, `是不是也有华为的`, `有没有门球`): a thing
  // the pages never print is not there — a sentence about its neighbours answers another question.
  const askedToExist = askedExistence(question.normalize("NFKC").toLowerCase());
  // A word of general Chinese that names a kind (a noun, or a verb used as one: `停车问题`) right
  // before a word the pages print: the head it narrows. A reader's own coinage (`城市游`) or a
  // phrase with 的 between (`拍照片的作品`) narrows nothing this strictly.
  const narrowedHead = (w: string): string | undefined => {
    if (!/^\p{Script=Han}{2,}$/u.test(w) || lexicon.general.idf(w) === null) return undefined;
    // A category word names no kind (`方面的诉求` is any 诉求).
    if (lexicon.isCategoryWord(w)) return undefined;
    // A place or body (`开发区`, which has other names) is the setting, not a kind of thing.
    if (lexicon.aliases(w).length > 0) return undefined;
    const tag = lexicon.general.partOfSpeech(w) ?? "";
    // A verb the pages print before a noun is its object's verb (`参加体育活动`), no kind of it.
    if (!KIND_TAGS.has(tag) || (tag === "v" && pageIdf(keyword, w) > 0)) return undefined;
    const at = tagged.findIndex((t) => t.word === w);
    // `关于供暖的诉求`, `交通出行类诉求`: a category word (data/category-words.txt) may follow after
    // 的 or 类.
    const after = at < 0 ? undefined : tagged[at + 1];
    const category = after?.word === "的" || after?.word === "类" ? tagged[at + 2] : undefined;
    if (category !== undefined && lexicon.isCategoryWord(category.word)) return category.word;
    // A verb with its complement (`弄完`) says how, not what kind.
    if (tag === "v" && lexicon.isGrammaticalChar(Array.from(w).at(-1)!)) return undefined;
    const head = after;
    return head !== undefined &&
      (HEAD_TAGS.test(head.tag) || lexicon.isNounHead(head.word)) &&
      Array.from(head.word).length >= 2 &&
      pageIdf(keyword, head.word) > 0
      ? head.word
      : undefined;
  };

  const result: QueryWord[] = [];
  for (const w of longest) {
    if (ordinals.some((o) => o.includes(w) || w.includes(o))) continue;
    if (inBareSession(w)) continue;
    // One character (卖, 钱, 弄) is the commonest stuff of Chinese; jieba's idf table leaves single
    // characters out, which would make them look as rare as a name.
    const general =
      Array.from(w).length === 1 ? MIN_GENERAL_FACTOR : generalFactor(lexicon.general.idf(w));
    const latin = /^[a-z]{2,}$/.test(w);
    // (the page's misread spelling of the word, `人展` for `入展`, is the word as the page prints it)
    const misread = Array.from(w).length >= 2 ? lexicon.ocrVariants(w) : [];
    const aliases = [...lexicon.aliases(w), ...misread.filter((v) => pageIdf(keyword, v) > 0)];
    const printed = [w, ...aliases].some((a) => pageIdf(keyword, a) > 0);
    const long = longForms(w, printed, lexicon);
    const alternatives = [
      w,
      ...aliases.filter((a) => pageIdf(keyword, a) > 0),
      ...(printed ? [] : long),
    ];
    // A place name the pages never print (`城北分局`, `城东开发区`) is another place than theirs.
    const unprintedPlace = !printed && Array.from(w).length >= 3 && lexicon.isKnownPlaceName(w);
    if (names.has(w) || latin || unprintedPlace) {
      // A name counts fully however common its characters: 西宁 is what the question is about.
      result.push({
        alternatives,
        weaker: [],
        weight: weightOf(keyword, alternatives),
        required: "article",
      });
      continue;
    }
    const required: Requirement = lexicon.isStatedChange(w)
      ? "action"
      : lexicon.isRestrictiveModifier(w)
        ? "near"
        : "none";
    if (printed || long.length > 0) {
      const weaker = printed
        ? long.map((word) => ({ word, credit: PRINTED_LONG_FORM_CREDIT }))
        : [];
      const place = printed && lexicon.isPlaceName(w);
      result.push({
        alternatives,
        weaker,
        // A place counts fully however common its characters, as a name does.
        // (a restricting word weighs as itself: `全省` is no rarer for also being found as `青海省`)
        weight:
          weightOf(keyword, lexicon.isRestrictiveModifier(w) ? [w] : alternatives) *
          (place ? 1 : general),
        required,
        ...(place ? { place } : {}),
      });
      continue;
    }
    // The pages never print the word itself: its printed tail (`贷款` of `银行贷款`, the thing a
    // Chinese compound names) and its synonyms stand in, for less.
    const tail = printedTail(w, keyword);
    const reversed = reversedWord(w, keyword);
    const weaker = [
      ...(tail === null ? [] : [{ word: tail, credit: TAIL_CREDIT }]),
      ...lexicon.synonyms(w).filter((s) => pageIdf(keyword, s.word) > 0),
      ...(reversed === null ? [] : [{ word: reversed, credit: REVERSED_CREDIT }]),
    ];
    if (weaker.length === 0 && partlyInPages(w, keyword)) {
      // Its head is printed (`出口` of `出口额`): the sentence match credits the head.
      result.push({
        alternatives,
        weaker,
        weight: weightOf(keyword, alternatives) * general,
        required,
      });
      continue;
    }
    // `剪纸作品` of a report listing 书法篆刻作品342幅、国画作品221幅: a kind (`剪纸`) of the printed
    // tail, which no other kind's figure answers.
    const kind = tail === null ? "" : w.slice(0, w.length - tail.length);
    const kindOfTail =
      tail !== null && KIND_TAGS.has(lexicon.general.partOfSpeech(kind) ?? "") && kind.length >= 2;
    if (weaker.length > 0) {
      result.push({
        alternatives,
        weaker,
        weight:
          weightOf(
            keyword,
            weaker.map((s) => s.word),
          ) * general,
        required,
        loose: true,
        ...(kindOfTail ? { narrows: tail } : {}),
        // (`钠离子` of `锂离子`: its printed tail is the ending it shares with its fellows)
        // (not `管理方面`: 方面 is a category word, which names no kind's spelling)
        ...(tail !== null &&
        weaker.length === 1 &&
        !lexicon.isCategoryWord(tail) &&
        isNoun(w, lexicon)
          ? { nounKind: true }
          : {}),
      });
      continue;
    }
    // `净利润多少`, `装机容量是多少`, `刑期为何`: a measure the pages never print is one they do not
    // give, whatever figure stands beside the thing.
    // (not a word the pages print cut otherwise: every character pair of `回访量` is theirs)
    // (three characters at least: `方量` of a slip `回方量` is a word of two, and of a short word the
    // reader's slip is likelier than a measure the pages lack)
    const asIs = escapeRegExp(w);
    const measureAsked =
      ((Array.from(w).length >= 3 &&
        lexicon.namesAMeasure(w) &&
        new RegExp(
          `${asIs}的?(?:是|有|为|达|达到)?(?:多少|几|多高|多大|多长|为何|是什么|啥)`,
          "u",
        ).test(normalized)) ||
        // (`门票多少钱`: the price of a thing the pages never print is none they give)
        (isNoun(w, lexicon) &&
          new RegExp(`${asIs}(?:的)?(?:价格|价钱|多少钱|收费)`, "u").test(normalized))) &&
      !Array.from(w).every((c, i, cs) => i === 0 || termIdf(keyword, `b:${cs[i - 1]}${c}`) > 0);
    // A word the pages never print, with no synonym they do: evidence against every sentence, as
    // strong as the word is rare in Chinese at large (`粮食` weighs more than a colloquial `弄`).
    result.push({
      alternatives,
      weaker: [],
      weight: rarest(keyword) * general,
      required:
        required === "none" &&
        ((askedToExist.some((span) => span.includes(w) || w.includes(span)) &&
          isThing(w, tagged)) ||
          measureAsked)
          ? "article"
          : required,
      ...(measureAsked ? { unprintedMeasure: true } : {}),
      loose: true,
      // (only what the question counts, right after its 多少吨/几个: `光是` is a noun to jieba too)
      ...(isNoun(w, lexicon) &&
      new RegExp(`(?:多少|几)\\p{Script=Han}{0,2}${w}`, "u").test(normalized)
        ? { unprintedNoun: true }
        : {}),
    });
  }
  for (const w of result) {
    const head = w.required === "article" ? undefined : narrowedHead(w.alternatives[0]!);
    if (head !== undefined) w.narrows = head;
    if (head !== undefined && lexicon.isNounHead(head)) w.itemized = true;
    if (head !== undefined && lexicon.isCategoryWord(head)) w.categories = lexicon.categoryWords();
    if (head === undefined) delete w.nounKind;
    else if (lexicon.general.partOfSpeech(w.alternatives[0]!) === "n" && w.weaker.length === 0)
      w.nounKind = true;
  }
  // `交通出行方面的诉求` (交通/出行 to jieba): each word of a category named before 方面/类 of what a
  // report counts names it, however many words it takes — the report's own categories decide.
  for (const m of normalized.matchAll(CATEGORY_PHRASE)) {
    const [, kindText, head] = m as unknown as [string, string, string];
    if (!COUNTED_CATEGORY_HEADS.test(head) && head !== "问题") continue;
    for (const w of result) {
      const word = w.alternatives[0]!;
      if (w.narrows !== undefined || w.required !== "none" || w.weaker.length > 0) continue;
      if (Array.from(word).length < 2 || !kindText.includes(word) || lexicon.isCategoryWord(word))
        continue;
      w.narrows = head;
      w.categories = lexicon.categoryWords();
    }
  }
  // A restricting word inside a longer word (`出口` of `出口额`, `全省` of `全省的`) still restricts.
  const covered = new Set(result.flatMap((w) => w.alternatives));
  // …but not one read from inside a word across into the next (`今年|来西宁` holds no 年来), though
  // one inside a word (`冬春季` holds 春季) or starting one (`市|人大常委会` holds 市人大) counts.
  let cut: number[] | undefined;
  const withinWords = (m: string) => {
    // (cut only when a question holds such a word: most hold none)
    if (cut === undefined) {
      cut = [0];
      for (const piece of jieba().cut(normalized, true)) cut.push(cut.at(-1)! + piece.length);
    }
    const boundaries = cut;
    return occurrences(normalized, m).some(
      (i) => boundaries.includes(i) || !boundaries.some((b) => b > i && b < i + m.length),
    );
  };
  for (const m of lexicon.restrictiveModifiersIn(normalized)) {
    if (!covered.has(m) && withinWords(m))
      // (its equivalents as printed, whatever jieba makes of them: `省十四届人大` for `省人大`; they
      // are only looked for near the answer, never votes)
      result.push({
        alternatives: [m, ...lexicon.aliases(m)],
        weaker: [],
        weight: 0,
        required: lexicon.isStatedChange(m) ? "action" : "near",
      });
  }
  markArticleLabels(normalized, result, lexicon);
  markTopic(result, keyword, lexicon);
  markAskedAction(normalized, result, keyword, lexicon);
  markDayOfWhat(normalized, result, lexicon);
  markMeasureAsked(normalized, result, keyword, lexicon);
  markSaidBy(normalized, result, keyword, lexicon);
  markCountedPart(normalized, result);
  markBackground(question.normalize("NFKC").toLowerCase(), result);
  // The action asked about may be done in the pages' other words (`表演了哪些` of `重点展示了…等项目`):
  // its synonyms they print meet it, at their lower credit.
  for (const w of result)
    if (
      w.required === "action" &&
      w.weaker.length === 0 &&
      !lexicon.isStatedChange(w.alternatives[0]!)
    )
      w.weaker = lexicon
        .synonyms(w.alternatives[0]!)
        .filter((s) => pageIdf(keyword, s.word) > 0 && !w.alternatives.includes(s.word));
  // A year inside a name (`护苗2025绿书签行动`, no 年 after it) labels the event: it names the
  // article, as the rest of the name does, not the year of the answer's figure.
  const labels = new Set(
    [...normalized.matchAll(/(?<=\p{Script=Han})((?:19|20)\d\d)(?=\p{Script=Han})(?!年)/gu)].map(
      (m) => m[1]!,
    ),
  );
  // A figure the reader only half remembers (`大概3000万`, `130多亿`, `八九千个吧`) is no constraint
  // and no vote: the printed one differs from it by design.
  const approximate = (n: string) =>
    new RegExp(
      `(?:${APPROXIMATELY_BEFORE})${escapeRegExp(n)}|(?<!\\d)${escapeRegExp(n)}(?:${APPROXIMATELY_AFTER})`,
      "u",
    ).test(normalized);
  for (const n of numbers)
    if (!approximate(n) || dayNumbers.has(n))
      result.push({
        alternatives: [n],
        weaker: [],
        weight: weightOf(keyword, [n]),
        required: dayNumbers.has(n) || labels.has(n) ? "article" : "near",
      });
  // A whole day (`10月15日`, `10月15号`) names the report by its date: its two numbers anywhere in
  // another report (`1月至10月`, `1583起`) do not. No vote, only a requirement.
  // So does a month on its own (`12月到位了多少`): a report that never prints it has no figure of it.
  for (const m of normalized.matchAll(
    /(?<![\d至到-])(\d{1,2})月(?:(\d{1,2})[日号]|(?![\d至到-]|份?[至到-]))/gu,
  ))
    result.push({
      alternatives: [m[2] === undefined ? `${m[1]}月` : `${m[1]}月${m[2]}日`],
      weaker: [],
      weight: 0,
      required: "article",
    });
  // A span of months (`1到9月`, `1-9月`) is the period the figure is of: a report of another period
  // (`1月至10月`) has no figure of it, however the span is written.
  for (const m of normalized.matchAll(MONTH_SPAN))
    result.push({
      alternatives: monthSpanSpellings(m[1]!, m[2]!),
      weaker: [],
      weight: 0,
      required: "article",
    });
  for (const { number } of bareSessions) {
    const value = /^\d+$/u.test(number) ? Number(number) : chineseNumeralValue(number);
    const spellings = [
      ...new Set(
        [number, String(value), chineseNumeral(value)].filter((n) => n !== "" && n !== "0"),
      ),
    ];
    result.push({
      alternatives: sessionSpellings(spellings.map((n) => `${n}次`)),
      weaker: [],
      weight: rarest(keyword),
      required: "near",
    });
  }
  for (const o of ordinals) {
    // `第一个发言的是谁`, `第四项要求`: an item's place in what the report lists (`吴汉忠、胡达忠…先后
    // 发言`, `四要坚持…`) — no ordinal the answer prints.
    if (ITEM_ORDINAL.test(o)) continue;
    result.push({
      // (`第十五次会议`: the 15th session of a meeting — not `省第十五次工代会`)
      alternatives: MEETING_AFTER.test(normalized.slice(normalized.indexOf(o) + o.length))
        ? sessionSpellings(ordinalSpellings(o))
        : ordinalSpellings(o),
      weaker: [],
      weight: rarest(keyword),
      required: "near",
    });
  }
  return result;
}
// An ordinal counting items (`第一个`, `第四项`), not sessions or batches (`第十四次`, `第二批`).
const ITEM_ORDINAL = /^第[一二三四五六七八九十\d]+[个项]$/u;

/**
 * A long form of a word the pages also print as typed (`锂电池`, also printed `锂离子蓄电池`) counts
 * nearly as much: the same thing, but the shorter form may have meant something narrower.
 */
const PRINTED_LONG_FORM_CREDIT = 0.9;

/**
 * The long forms the pages print for a short form (see abbreviations.ts). Two characters abbreviate
 * only when jieba calls the word an abbreviation (`环保`/j), or does not know it and the pages never
 * print it: a common two-character word (`打算`) is not short for `打造算力`.
 */
function longForms(word: string, printed: boolean, lexicon: QuestionLexicon): string[] {
  const length = Array.from(word).length;
  if (
    length === 2 &&
    lexicon.general.partOfSpeech(word) !== "j" &&
    (printed || lexicon.general.isGeneralWord(word))
  )
    return [];
  return lexicon.longForms(word);
}

/**
 * jieba tags some everyday words as places or people (`东西` "things" is `ns`): a name is rare in
 * Chinese at large (西宁 8.8, 海东 11.4, 大通 7.9), such a word is not (东西 4.8).
 */
function commonInGeneral(word: string, lexicon: QuestionLexicon): boolean {
  const idf = lexicon.general.idf(word);
  return idf !== null && idf < COMMON_NAME_IDF;
}
const COMMON_NAME_IDF = 6;

/**
 * A word jieba tags as a person's name that general Chinese uses often (`师傅` 7.3, `谢谢` 7.4,
 * `张罗` 8.4, `蓝天` 8.8): a common word its dictionary files as a name. The people the pages name
 * are rarely in jieba's dictionary at all; the famous ones it has are far rarer (`王卫东` 11.3).
 */
function commonAsPerson(
  word: string,
  tagged: ReadonlyArray<{ word: string; tag: string }>,
  lexicon: QuestionLexicon,
): boolean {
  if (tagged.find((t) => t.word === word)?.tag !== "nr") return false;
  const idf = lexicon.general.idf(word);
  return idf !== null && idf < COMMON_PERSON_IDF;
}
const COMMON_PERSON_IDF = 10;

/**
 * An adverb before a word makes it a verb (`都上台发言`: jieba's dictionary has 上台 as a place), as
 * a name is never modified by 都, 也, 还.
 */
function afterAdverb(word: string, tagged: ReadonlyArray<{ word: string; tag: string }>): boolean {
  const at = tagged.findIndex((t) => t.word === word);
  return at > 0 && tagged[at - 1]!.tag === "d";
}

/**
 * A word of a directional verb and its object (`上台`, `上门`: jieba's dictionary has them as places)
 * is a verb when a verb or a count follows it (`上台发言`, `上门多少次`).
 */
function verbBeforeVerb(
  word: string,
  tagged: ReadonlyArray<{ word: string; tag: string }>,
  lexicon: QuestionLexicon,
): boolean {
  const chars = Array.from(word);
  if (chars.length !== 2 || !lexicon.isGrammaticalChar(chars[0]!)) return false;
  // …and a common noun or a measure word for its object (`台`, `门`), not a name's (`上饶`, `上虞`).
  const object = lexicon.general.partOfSpeech(chars[1]!) ?? "";
  if (!/^(?:n|ng|q)$/u.test(object)) return false;
  const at = tagged.findIndex((t) => t.word === word);
  const next = at < 0 ? undefined : tagged[at + 1];
  return next !== undefined && (next.tag.startsWith("v") || /^(?:多少|几)/u.test(next.word));
}

/** An aspect particle after a word makes it a verb (`扎堆了`), never a name (not 了解, 了不起). */
const ASPECT_AFTER_VERB = "(?:了(?!解|不起|结)|着(?!力|手|眼|重))";

/**
 * jieba tags many compounds of plain words as names (`银行卡`, `贡献率`, `博士后` are `nr` in its
 * dictionary). A word whose first two or more characters are a common noun of Chinese at large
 * (`银行`, `贡献`) is such a compound: a person's or place's name starts with a surname or a
 * name of its own, never with a noun like `银行`.
 */
function startsWithCommonNoun(word: string, lexicon: QuestionLexicon): boolean {
  const chars = Array.from(word);
  for (let n = chars.length - 1; n >= 2; n--) {
    const tag = lexicon.general.partOfSpeech(chars.slice(0, n).join(""));
    if (tag === "n" || tag === "vn") return true;
  }
  return false;
}

/**
 * A word the reader names the report by (`反诈那篇`, `化工那篇`, `老人运动会的报道`) tells which
 * article, as a name does: required there, never the topic the answer sentence must stand near —
 * the report may print it once, in its headline or a banner.
 */
function markArticleLabels(question: string, words: QueryWord[], lexicon: QuestionLexicon): void {
  const labels = lexicon.articleLabels();
  if (labels.length === 0) return;
  for (const w of words) {
    if (w.required !== "none" || w.loose) continue;
    if (
      w.alternatives.some((a) => {
        const at = question.indexOf(a);
        return at >= 0 && labels.some((l) => question.startsWith(l, at + a.length));
      })
    )
      w.required = "article";
  }
}

/**
 * Marks the heaviest plain word the pages print as the question's topic (see {@link Requirement}).
 */
function markTopic(words: QueryWord[], keyword: KeywordIndexData, lexicon: QuestionLexicon): void {
  let topic: QueryWord | undefined;
  for (const w of words) {
    if (w.required !== "none" || w.loose || !w.alternatives.some((a) => pageIdf(keyword, a) > 0))
      continue;
    // Only a thing specific in Chinese at large names a topic (`多晶硅`, `涉诈`; not `会议`, `工作`,
    // nor a verb such as `整治`, which a paraphrase may well put otherwise).
    const word = w.alternatives[0]!;
    const tag = lexicon.general.partOfSpeech(word);
    if (
      Array.from(word).length < 2 ||
      // (a fixed expression names a thing too: `固定资产` is tagged l)
      (tag !== null && !tag.startsWith("n") && tag !== "l") ||
      generalFactor(lexicon.general.idf(word)) < 1
    )
      continue;
    if (topic === undefined || w.weight > topic.weight) topic = w;
  }
  if (topic === undefined) return;
  topic.required = "topic";
  const related = lexicon
    .synonyms(topic.alternatives[0]!)
    .map((s) => s.word)
    .filter((r) => pageIdf(keyword, r) > 0 && !topic!.alternatives.includes(r));
  if (related.length > 0) topic.related = related;
}

/** Who or which (person, unit, company) is asked for: the answer names the doer of an action. */
const WHO_OR_WHICH = /谁|哪位|哪些|哪家|哪个|哪几/u;

/**
 * In a 谁/哪些 question, marks the verb nearest after the question word in its clause (`主持` in
 * `是谁主持的`; before it only in `主持的是谁`) as the action asked about (see {@link Requirement}). Only a verb the pages print
 * (a reader's own `在场` may be put otherwise there), and a specific one: `达到`, `完成`, `参加`
 * are said of anything, by anyone.
 */
function markAskedAction(
  question: string,
  words: QueryWord[],
  keyword: KeywordIndexData,
  lexicon: QuestionLexicon,
): void {
  const asked = WHO_OR_WHICH.exec(question);
  if (asked === null) return;
  // The clause holding the question word: `罗东川看望港澳委员那次，统战部部长是谁` asks who the
  // minister is, not who paid the visit.
  const from = Math.max(...[...CLAUSE_END].map((p) => question.lastIndexOf(p, asked.index))) + 1;
  const ends = [...CLAUSE_END].map((p) => question.indexOf(p, asked.index)).filter((i) => i >= 0);
  const to = ends.length > 0 ? Math.min(...ends) : question.length;
  // `谁当的主持人`, `发言人是谁`: the one who does what the pages print as a verb (主持, 发言) —
  // the doer's noun is asked as the deed.
  for (const w of words) {
    const word = w.alternatives[0]!;
    const deed = word.slice(0, -1);
    if (
      w.required === "none" &&
      /^\p{Script=Han}{2,}人$/u.test(word) &&
      pageIdf(keyword, word) === 0 &&
      pageIdf(keyword, deed) > 0 &&
      /^vn?$/u.test(lexicon.general.partOfSpeech(deed) ?? "")
    ) {
      w.alternatives = [deed];
      w.weaker = [];
      delete w.loose;
    }
  }
  const action = nearest(words, (w) => {
    const word = w.alternatives[0]!;
    if (w.required !== "none" || w.loose || pageIdf(keyword, word) === 0) return null;
    const tag = lexicon.general.partOfSpeech(word);
    if ((tag !== "v" && tag !== "vn") || (lexicon.general.idf(word) ?? 0) < ACTION_IDF) return null;
    const at = question.indexOf(word, from);
    if (at < 0 || at + word.length > to) return null;
    // The doer's verb follows the question word (`谁主持`, `哪些单位承办`); one before it only in
    // `主持会议的是谁`: `展示活动是哪个单位主办的` asks who 主办, not who 展示.
    if (at < asked.index && !DOER_LAST.test(question)) return null;
    return at >= asked.index ? at - asked.index : question.length + asked.index - at;
  });
  if (action !== undefined) action.required = "action";
}

/**
 * The word nearest the asking, by `distance` (null, or no finite distance, where a word is not
 * the one asked of); the first of equals. The question word's action, day and measure are each
 * found so.
 */
function nearest(
  words: readonly QueryWord[],
  distance: (w: QueryWord) => number | null,
): QueryWord | undefined {
  let best: QueryWord | undefined;
  let min = Number.POSITIVE_INFINITY;
  for (const w of words) {
    const d = distance(w) ?? Number.POSITIVE_INFINITY;
    if (d < min) [best, min] = [w, d];
  }
  return best;
}

/**
 * `几号闭幕的`, `展期到哪天结束`, `开幕是哪天`: the day of what — the verb right after the day asked
 * (or right before it). The answer sentence must say it (or a synonym the pages use): the day of
 * another event of the same report (`3月25日…会议举行` for its 闭幕, `11月16日…开展` for the
 * exhibition's end) answers a neighbouring question. A verb the pages never print, with no synonym
 * they do, is an event they do not report.
 */
function markDayOfWhat(question: string, words: QueryWord[], lexicon: QuestionLexicon): void {
  const asked = DAY_ASKED.exec(question);
  if (asked === null) return;
  const end = asked.index + asked[0].length;
  const event = nearest(words, (w) => {
    const word = w.alternatives[0]!;
    if (w.required !== "none" || w.borrowed || w.background || Array.from(word).length < 2)
      return null;
    if (lexicon.isHoldingVerb(word)) return null;
    // (a verb jieba does not know, `闭展`, is a verb there too: what a day is asked of)
    const tag = lexicon.general.partOfSpeech(word) ?? "x";
    if (tag !== "v" && tag !== "vn" && tag !== "x") return null;
    const after = question.indexOf(word, end);
    const before = question.lastIndexOf(word, asked.index);
    return Math.min(
      after >= 0 && DAY_GAP_AFTER.test(question.slice(end, after)) ? after - end : Infinity,
      before >= 0 && DAY_GAP_BEFORE.test(question.slice(before + word.length, asked.index))
        ? // (after it first: `办到几号闭展` asks the day of the closing)
          asked.index - before - word.length + 0.5
        : Infinity,
    );
  });
  if (event === undefined) return;
  if (!event.loose) event.required = "action";
  else if (event.weaker.length === 0) event.required = "article";
}
const DAY_ASKED = /哪天|哪一天|何时|什么时候|啥时候|几月几[日号]|几号|哪日/u;
const DAY_GAP_AFTER = /^(?:的|是|在|就|才|正式|要|会|能|\s)*$/u;
const DAY_GAP_BEFORE = /^(?:的|是|在|到|于|日期|时间|\s)*$/u;

/**
 * `10月15号热线回访量多少`: the measure a 多少/几 question asks (the word right before the question
 * word, past 的, 是, 有, 量…), when the pages print it. A report that never mentions it (the 10月15日
 * 日报 counts calls, not 回访) does not give it, whatever other figure it prints: the measure is
 * needed in the answering article, as a name is.
 */
function markMeasureAsked(
  question: string,
  words: QueryWord[],
  keyword: KeywordIndexData,
  lexicon: QuestionLexicon,
): void {
  const asked = /多少|几/u.exec(question);
  if (asked === null) return;
  const measure = nearest(words, (w) => {
    const word = w.alternatives[0]!;
    if (w.required !== "none" || w.loose || w.borrowed || pageIdf(keyword, word) === 0) return null;
    if (Array.from(word).length < 2 || (lexicon.general.idf(word) ?? 0) < MEASURE_IDF) return null;
    if (!/^(?:n|vn|v)$/u.test(lexicon.general.partOfSpeech(word) ?? "")) return null;
    const before = question.lastIndexOf(word, asked.index);
    if (before < 0) return null;
    const gap = question.slice(before + word.length, asked.index);
    return MEASURE_GAP.test(gap) ? gap.length : null;
  });
  if (measure !== undefined) {
    measure.required = "article";
    measure.measure = true;
  }
}
/** A measure said of few things (`回访` 10.4; not `产能` 6.2, `人数`, `投资` 3.9, which any report gives). */
const MEASURE_IDF = 9;
const MEASURE_GAP = /^(?:量|数|的|是|有|为|了|一共|共|总共|现在|目前|大概|大约|\s)*$/u;

/**
 * `段发达强调了什么`, `罗东川在讲话中指出了哪些`: what a person named said or did. The verb is the action
 * asked about, and the person must be its doer — named in the answer sentence or just before it
 * (`王卫东指出…。强调，要…` goes on with his words), not only somewhere in the article: a sentence
 * where someone else 强调 is another person's words, and a list of attendees says nothing they did.
 */
function markSaidBy(
  question: string,
  words: QueryWord[],
  keyword: KeywordIndexData,
  lexicon: QuestionLexicon,
): void {
  // The doer: a name (jieba's or one it does not know, `段发达`), or the topic it makes of it.
  const doers = words.filter(
    (w) =>
      (w.required === "article" || w.required === "topic") &&
      Array.from(w.alternatives[0]!).length >= 2 &&
      pageIdf(keyword, w.alternatives[0]!) > 0 &&
      !(lexicon.general.partOfSpeech(w.alternatives[0]!) ?? "nr").startsWith("v"),
  );
  for (const name of doers) {
    const spelled = name.alternatives[0]!;
    const at = question.indexOf(spelled);
    if (at < 0) continue;
    const rest = question.slice(at + spelled.length);
    const said = SAID_BY.exec(rest);
    if (said === null) continue;
    const verb = words.find(
      (w) =>
        w.alternatives[0] === said[1] &&
        pageIdf(keyword, said[1]!) > 0 &&
        (lexicon.general.partOfSpeech(said[1]!) ?? "v").startsWith("v"),
    );
    if (verb === undefined) continue;
    verb.required = "action";
    name.required = "near";
  }
}

// After the name: an optional setting (`在讲话中`), the verb, then what is asked (`了什么`).
const SAID_BY =
  /^(?:同志)?(?:还|又|都|也|曾|在[^，,。？?]{1,8}?(?:中|上|时))?(\p{Script=Han}{2,4}?)(?:了|过)?(?:些)?(?:什么|哪些|啥)/u;

/**
 * Marks {@link QueryWord.background} the words the pages never print that only a clause asking
 * nothing holds, when another clause asks.
 */
function markBackground(question: string, words: QueryWord[]): void {
  // (a phone keyboard's space stands for the comma: `我住城西区 天天灰蒙蒙的 …`)
  const clauses = question.split(/[，,。；;！!？?\s]+/u).filter((c) => c.trim() !== "");
  const asking = clauses.filter((c) => ASKING.test(c));
  if (asking.length === 0 || asking.length === clauses.length) return;
  // The reader's own circumstances (`我住城西区，天天灰蒙蒙的，…`): a clause about them names no
  // place or body the answer must be in.
  const own = clauses.filter((c) => !ASKING.test(c) && FIRST_PERSON.test(c.trim()));
  for (const w of words) {
    const word = w.alternatives[0]!;
    if (asking.some((c) => c.includes(word))) continue;
    if (w.required === "article" && own.some((c) => c.includes(word))) {
      w.required = "none";
      w.background = true;
      delete w.place;
      continue;
    }
    if (!w.loose || w.required !== "none") continue;
    // (a word jieba made across two clauses, `没叫` of `来讲话没 叫啥名`, belongs to neither; nor is
    // what a clause asks exists, `有太极拳(吗)`, the reader's story)
    const told = clauses.filter((c) => c.includes(word));
    if (told.length === 0 || told.some((c) => c.includes(`有${word}`))) continue;
    w.background = true;
  }
}
// A clause about the reader (`我住…`, `我妈去年…`, `我家小区…`).
const FIRST_PERSON = /^(?:我|俺|咱|我们|我家)/u;
// What makes a clause ask: a question word or particle.
const ASKING =
  /哪|什么|多少|几|谁|吗|怎么|怎样|如何|为何|为什么|啥|咋|是否|有没有|呢|多大|多高|多长|多久|(?:没有?|不|否)$/u;

/**
 * `新增就业人员里有多少是高校毕业生`: how many of them are X. X is what is counted, and the answer
 * sentence must say it (or a synonym the pages use) — the whole's figure (`新增就业人员11331人`) is
 * no count of the part.
 */
function markCountedPart(question: string, words: QueryWord[]): void {
  const part = COUNTED_PART.exec(question)?.[1];
  if (part === undefined) return;
  for (const w of words)
    if (w.required === "none" && part.includes(w.alternatives[0]!)) w.required = "action";
}

const COUNTED_PART = /(?:里|中|当中|其中)有?多少(?:个|人|名|家|项|位)?是(\p{Script=Han}{2,8})/u;

const DOER_LAST = /的(?:人|领导|单位)?是(?:谁|哪)/u;
const CLAUSE_END = new Set(Array.from(",，;；。?？!！"));
/** jieba's idf below which a verb is said of anything (`达到` 4.6, `参加` 5.1; `召开` 5.6). */
const ACTION_IDF = 5.5;

/** The same translations, whatever their order or repeats: a phrase's one word, keyed. */
const translationKey = (chinese: Iterable<string>) => [...new Set(chinese)].sort().join("|");

/** Words around a figure that say the reader only half remembers it. */
const APPROXIMATELY_BEFORE = "大概|大约|约|差不多|将近|接近|估计|好像是";
const APPROXIMATELY_AFTER = "多|余|来|左右|上下|出头";
const ROUGHLY_EN =
  /\b(?:around|about|roughly|approximately|nearly|almost|some|over|more than|under|less than|up to|close to)\s+([\d][\d,.]*)/giu;

/** jieba's tags of a word that can name a kind of thing before a noun (`油画作品`, `停车问题`). */
const KIND_TAGS = new Set(["n", "nz", "vn", "v"]);
/** …and of the noun it narrows (`作品`, `问题`, `游客`; not a verb: `负责人发言`). */
const HEAD_TAGS = /^(?:n|nz|vn|ng)$/u;
/** `叫什么`, `叫啥`: the question asks what something is called. */
const ASKS_A_NAME = /叫(?:什么|啥)/u;

/** A word right after 什么/啥/哪种/哪个 that the pages print nowhere, nor its synonyms. */
function asksForKind(
  word: string,
  question: string,
  keyword: KeywordIndexData,
  lexicon: QuestionLexicon,
): boolean {
  // (one character, `啥字`, is too many things to be only the kind: `印有“反诈先锋”等字样`; and a
  // word Chinese does not know, `小厂所`, may be a slip for a printed one, `小场所`)
  if (Array.from(word).length < 2 || lexicon.general.idf(word) === null) return false;
  // (a noun, as kinds are; and not after 为: `因为啥缺席` asks why, and 缺席 is what happened)
  if (!(lexicon.general.partOfSpeech(word) ?? "").startsWith("n")) return false;
  if (
    !new RegExp(
      `(?<!为)(?:什么|啥|哪种|哪类|何种|哪样|哪个|哪些|哪项|哪几个|哪几项|哪一个|哪一项)的?${escapeRegExp(word)}`,
      "u",
    ).test(question)
  )
    return false;
  return [word, ...lexicon.aliases(word), ...lexicon.synonyms(word).map((s) => s.word)].every(
    (a) => !printedWithin(keyword, a),
  );
}

/**
 * Whether the pages may print a word, even inside a longer one (`分局` of `城中分局`): each of its
 * character pairs is indexed. (`哪个分局` asks for a 分局 the answer names in full.)
 */
function printedWithin(keyword: KeywordIndexData, word: string): boolean {
  const chars = Array.from(word);
  if (chars.length < 2) return pageIdf(keyword, word) > 0;
  for (let i = 0; i + 1 < chars.length; i++)
    if (termIdf(keyword, `b:${chars[i]}${chars[i + 1]}`) === 0) return false;
  return true;
}

/** A category of what a report counts, named before 方面/类 (`交通出行方面的诉求`, `噪音类问题`). */
const CATEGORY_PHRASE = /(\p{Script=Han}{2,8}?)(?:方面|类)的?(\p{Script=Han}{2})/gu;

/**
 * The stretches of a question that ask whether something exists: what follows 有 (有没有, 是否有,
 * 也有, 还有…) up to the end of its clause (`有太极拳吗`, `是不是也有华为的` — 吗 and 是不是 already
 * stripped as framing), unless it asks how many or which (`有多少家`, `有哪些`).
 */
function askedExistence(question: string): string[] {
  return [...question.matchAll(EXISTENCE_ASKED)]
    .map((m) => m[1]!)
    .filter((span) => !ASKS_WHICH_OR_HOW_MANY.test(span));
}
const EXISTENCE_ASKED =
  /(?:有没有|是否有|有无|包不包括|包括不包括|有)(\p{Script=Han}{2,10}?)(?=的?(?:吗|么|呢)?(?:[\s，,。？?！!；;]|$))/gu;
const ASKS_WHICH_OR_HOW_MANY = /多少|几|多大|多高|多长|什么|哪|啥|谁/u;

/** A noun or a name as jieba tags it in the question (`太极拳`/n, `华为`/nr), two characters or more. */
function isThing(word: string, tagged: ReadonlyArray<{ word: string; tag: string }>): boolean {
  return (
    /^\p{Script=Han}{2,}$/u.test(word) &&
    tagged.some((t) => t.word === word && /^(?:n|nz|nr|ns|nt|nrt)$/u.test(t.tag))
  );
}

/** A thing's name in jieba's dictionary (`油画` n, `钠离子` nz): not a verb, a place or a person. */
function isNoun(word: string, lexicon: QuestionLexicon): boolean {
  return (
    /^\p{Script=Han}{2,}$/u.test(word) &&
    /^(?:n|nz)$/u.test(lexicon.general.partOfSpeech(word) ?? "")
  );
}

// English adjective endings (`annual`, `electrolytic`, `active`): a modifier, not a kind.
const ENGLISH_ADJECTIVE = /(?:al|ic|ive|ous|ful|less|able|ible|ary|ly)$/iu;

const WHOLE_ORDINAL = new RegExp(`^(?:${ORDINAL.source})$`, "u");
const SESSION = /^第?[一二三四五六七八九十百零两〇\d]+届$/u;

const MONTH_SPAN = /(?<![\d.])(\d{1,2})月?份?(?:至|到|-|—|－|~|～)(\d{1,2})月(?!\d)/gu;

/** `1月至9月`, `1-9月`…: the ways a page prints a span of months. */
function monthSpanSpellings(from: string, to: string): string[] {
  return ["至", "到", "-", "—", "~"].flatMap((dash) => [
    `${from}月${dash}${to}月`,
    `${from}${dash}${to}月`,
  ]);
}

/** `第十四次` and `第14次`: the pages print both styles. */
function ordinalSpellings(ordinal: string): string[] {
  if (!ordinal.startsWith("第")) return [ordinal];
  const inner = ordinal.slice(1, -1);
  const unit = ordinal.slice(-1);
  if (/^\d+$/.test(inner)) return [ordinal];
  const value = chineseNumeralValue(inner);
  return value > 0 ? [ordinal, `第${value}${unit}`] : [ordinal];
}

/**
 * A session without 第 before its meeting (`十四次会上`, `三次会`), not a count (`开了3次会`) nor a
 * question (`哪一次全体会议`).
 */
const BARE_SESSION =
  /(?<![第\d一二三四五六七八九十百两届每了过开办行哪几多])([一二三四五六七八九十两]{1,3}|\d{1,3})次(?:那个|这个|那次|这次)?(?=会|全会|全体会)/gu;

/** A meeting noun after a session's ordinal (`第十五次会议`, `第十四次全体会议`). */
const MEETING_AFTER = /^(?:会|全体会议|全会)/u;

/**
 * The spellings of a session's ordinal with the meeting it counts (`第十五次` → `第十五次会`,
 * `第十五次全体会议`…, found in `第十五次会议`): the same number of another body's congress (`省第
 * 十五次工代会`) is another ordinal. Forms that are no session (`十五届`, a term) are dropped; none
 * left, the spellings as they were.
 */
function sessionSpellings(spellings: readonly string[]): string[] {
  const sessions = [
    ...spellings
      .filter((a) => /次$/u.test(a))
      .flatMap((a) => [`${a}会`, `${a}全体会议`, `${a}全会`]),
    ...spellings.filter((a) => /次会议$/u.test(a)),
  ];
  return sessions.length > 0 ? [...new Set(sessions)] : [...spellings];
}

/** A month of the calendar, alone (`11月`): it sets a part of a question apart as a day does. */
export const CALENDAR_MONTH = /^\d{1,2}月$/u;

/** A day of the calendar, alone (`10月16日`). */
export const CALENDAR_DAY = /^\d{1,2}月\d{1,2}[日号]$/u;

/**
 * An English question's words: each English content word with every Chinese translation of the
 * phrases it is part of (`party` → 党组, 市政府党组, 党组会议…), so one word counts once however
 * many phrases cover it. An untranslated word counts as missing evidence (only half, as it may be a
 * spelling the dictionary lacks); a capitalised name or acronym whose translation the pages never
 * mention (`Haidong` → 海东市, `GDP`) marks the question as about something else.
 */
// `how many <what is counted> are/did/in…`: the noun phrase before the verb or preposition.
const COUNTED =
  /\bhow (?:many|much) ((?:[a-z][a-z'-]* ){0,3}?[a-z][a-z'-]*)(?= (?:are|is|was|were|did|does|do|has|have|had|will|can|could|in|on|at|of|for|among|from|by|got|get|were)\b|\s*[?.!]|\s*$)/iu;

export function englishQueryWords(
  question: string,
  translation: EnglishQueryTranslation,
  keyword: KeywordIndexData,
  isKnownTerm: (zh: string) => boolean,
  lexicon?: Pick<QuestionLexicon, "longForms" | "isRestrictiveModifier" | "isStatedChange"> &
    Partial<
      Pick<
        QuestionLexicon,
        "isNounHead" | "isCategoryWord" | "categoryWords" | "aliases" | "general"
      >
    >,
): QueryWord[] {
  // A Chinese name the conversation put in (`What did 段发达 stress?`) is a token too; not a
  // report's title in 《》, which names the report in focus (the conversation looks there first).
  const hanOutsideTitles = new Set(
    question.replace(/《[^》]*》/gu, " ").match(/\p{Script=Han}+/gu) ?? [],
  );
  const tokens = (text: string) =>
    (text.match(/[A-Za-z0-9][A-Za-z0-9.'%-]*|\p{Script=Han}+/gu) ?? []).filter(
      (t) => !/\p{Script=Han}/u.test(t) || hanOutsideTitles.has(t),
    );
  const firstWord = tokens(question)[0];
  const words = new Map<string, Set<string>>();
  for (const { english, chinese } of translation.matched) {
    for (const token of tokens(english)) {
      const set = words.get(token) ?? new Set<string>();
      for (const c of chinese) set.add(c);
      words.set(token, set);
    }
  }
  // `Who chaired …?`: the verb right after `who` is the action asked about, as 主持 in `是谁主持的`.
  // (`who is host the meeting`, `who was the host`: a doer's noun after who is/was is the deed)
  const asked =
    /\bwho\s+(?:is|was)\s+(?:the\s+)?(host|chair|chairman|chairperson|organi[sz]er|speaker)\b/i.exec(
      question,
    )?.[1] ?? /\bwho\s+([a-z]+)/i.exec(question)?.[1];
  // `What did Luo Dongchuan stress?`: the verb is the action, and the person its doer, named in the
  // answer sentence or just before it (as `罗东川强调了什么`).
  const saidBy =
    /\b[Ww]hat\s+(?:did|does|do|has|have)\s+((?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+|\p{Script=Han}{2,4})\s+([a-z]+)\b/u.exec(
      question,
    );
  const doers = new Set(saidBy ? tokens(saidBy[1]!) : []);
  const said = saidBy?.[2];
  // A phrase of several words translated as one (`18th Party Congress` → 十八大, `handed over` →
  // 赠送) is one thing the question asks about, not one per English word; it is kept as its last
  // word, the head of an English noun phrase (`ski resorts` is what `how many` counts).
  const translatedAs = new Map<string, string>();
  for (const [token, set] of words) {
    if (set.size === 0) continue;
    const key = translationKey(set);
    const earlier = translatedAs.get(key);
    // …unless its first word is the verb asked about (`who spoke at` → 发言 is asked, not `at`).
    if (earlier !== undefined && (earlier === asked || earlier === said)) {
      words.delete(token);
      continue;
    }
    if (earlier !== undefined) words.delete(earlier);
    translatedAs.set(key, token);
  }
  // A translation the pages never print whose head they do (`goji` → 枸杞子; the pages print 枸杞)
  // is found by its head.
  for (const set of words.values()) {
    if ([...set].some(isKnownTerm)) continue;
    for (const a of [...set]) {
      const head = Array.from(a).slice(0, -1).join("");
      if (/^\p{Script=Han}{2,}$/u.test(head) && isKnownTerm(head)) set.add(head);
    }
  }
  // `How many ski resorts…`, `how many drones…`: what is counted. When the pages print no word for
  // it, no sentence of theirs counts it, however many of the question's other words it holds.
  const countedPhrase = COUNTED.exec(question)?.[1];
  const counted = countedPhrase ? tokens(countedPhrase).at(-1) : undefined;
  // `around 30 million`: a figure the reader only half remembers counts for nothing, as neither
  // constraint nor vote — the printed figure differs from it by design.
  const roughly = new Set([...question.matchAll(ROUGHLY_EN)].map((m) => m[1]!.replace(/,/g, "")));
  const approximations = new Set(
    translation.matched
      .filter(({ english }) => roughly.has(tokens(english)[0] ?? ""))
      .map(({ chinese }) => translationKey(chinese)),
  );
  for (const [token, set] of words)
    if (approximations.has(translationKey(set))) words.delete(token);
  // A phrase kept as its last word (`Chengdong district` as `district`) is a name when it starts
  // with a capital inside the sentence.
  const namedPhrases = new Set(
    translation.matched
      .filter(({ english }) => /^[A-Z]/.test(english) && tokens(english)[0] !== firstWord)
      .map(({ chinese }) => translationKey(chinese)),
  );
  const tokenKeys = [...words.keys()];
  const result: QueryWord[] = [...words].map(([token, set]) => {
    const alternatives = [...set];
    if ((token === asked || token === said) && alternatives.length > 0)
      return {
        alternatives,
        weaker: [],
        weight: weightOf(keyword, alternatives),
        required: "action",
      };
    const named =
      (token !== firstWord && /^[A-Z]/.test(token)) || namedPhrases.has(translationKey(set));
    const figure = /^\d/.test(token);
    const specific = (named || figure) && !alternatives.some(isKnownTerm);
    // Which session or year is asked about narrows the question as in Chinese: near the answer.
    // (`second session` → 第二次/二届; `13th` → 第十三/十三届)
    const ordinal = alternatives.some((a) => WHOLE_ORDINAL.test(a) || SESSION.test(a));
    const year = /^(19|20)\d\d$/.test(token);
    // A day of the calendar (`October 16` → 10月16日) names the report, which prints its date, as in
    // Chinese: a report of another day answers for another day.
    // So does a month on its own (`in November alone` → 11月), as in Chinese.
    const day =
      alternatives.length > 0 &&
      alternatives.every((a) => CALENDAR_DAY.test(a) || CALENDAR_MONTH.test(a));
    // A word every translation of which restricts (`grow` → 增长 增速 增幅) restricts in English too.
    const restricting =
      lexicon?.isRestrictiveModifier !== undefined &&
      alternatives.length > 0 &&
      alternatives.every((a) => lexicon.isRestrictiveModifier(a));
    const change = restricting && alternatives.every((a) => lexicon.isStatedChange(a));
    const doer = doers.has(token) && (named || /\p{Script=Han}/u.test(token));
    // A translation's printed head is among them already (`goji` → 枸杞子 → 枸杞, above).
    const unprintedCount =
      token === counted && alternatives.length > 0 && !alternatives.some(isKnownTerm);
    const required: Requirement = change
      ? "action"
      : ordinal || year || restricting || doer
        ? "near"
        : specific || day || unprintedCount
          ? "article"
          : "none";
    // (`15th session` → 第十五次会议…: a session of a meeting, not `省第十五次工代会`, nor a term, 届)
    const forms = ordinal ? [...new Set(alternatives.flatMap(ordinalSpellings))] : alternatives;
    const spellings =
      ordinal && alternatives.some((a) => /会议$/u.test(a)) ? sessionSpellings(forms) : forms;
    // The pages' long forms of a translation (lithium battery → 锂电池 → 锂离子蓄电池), nearly as good.
    const long =
      ordinal || !lexicon
        ? []
        : [
            ...new Set(
              alternatives
                .filter((a) => Array.from(a).length >= 3)
                .flatMap((a) => lexicon.longForms(a)),
            ),
          ].filter((l) => !spellings.includes(l));
    const weaker = long.map((word) => ({ word, credit: PRINTED_LONG_FORM_CREDIT }));
    return { alternatives: spellings, weaker, weight: weightOf(keyword, spellings), required };
  });
  // `hydrogen production capacity`: a word right before a head that counts kinds of itself (产能,
  // 问题) names one kind, as `氢气` of `氢气产能` does in Chinese.
  // Only where the question writes them side by side (`battery exports`), and not a place or body
  // (`zone export`), which is the setting, as in Chinese.
  const tokenOf = [...words.keys()];
  const headEnglish = (head: string) =>
    translation.matched.find(({ chinese }) => chinese.includes(head))?.english.toLowerCase();
  for (let k = 1; k < result.length && k < tokenOf.length; k++) {
    const head = result[k]!.alternatives.find(
      (a) => lexicon?.isNounHead?.(a) === true || lexicon?.isCategoryWord?.(a) === true,
    );
    const kind = result[k - 1]!;
    const adjacent =
      head !== undefined &&
      question.toLowerCase().includes(`${tokenOf[k - 1]!.toLowerCase()} ${headEnglish(head)}`);
    const place = kind.alternatives.some((a) => (lexicon?.aliases?.(a).length ?? 0) > 0);
    // A kind is a thing the pages print (`氢能`), a noun: not an adjective (`annual` → 年度) nor a
    // translation nobody prints (`drawing` → 绘画), which may be the dictionary's other sense.
    const thing =
      !ENGLISH_ADJECTIVE.test(tokenOf[k - 1]!) &&
      kind.alternatives.some(
        (a) =>
          Array.from(a).length >= 2 &&
          isKnownTerm(a) &&
          /^(?:n|nz|vn)$/u.test(lexicon?.general?.partOfSpeech(a) ?? ""),
      );
    // (`heating complaints`: a kind the pages never print of what a report counts by category —
    // complaints, requests, reports — is none of its categories)
    const unprintedCategory =
      !thing &&
      head !== undefined &&
      COUNTED_CATEGORY_HEADS.test(head) &&
      kind.weaker.length === 0 &&
      !kind.alternatives.some(isKnownTerm);
    if (
      head !== undefined &&
      adjacent &&
      (thing || unprintedCategory) &&
      !place &&
      kind.required === "none" &&
      !kind.alternatives.includes(head)
    ) {
      kind.narrows = head;
      if (lexicon?.isNounHead?.(head) === true) kind.itemized = true;
      if (unprintedCategory) kind.categories = lexicon?.categoryWords?.() ?? [];
    }
  }
  // `how many complaints were about heating`: what the complaints were about is a category of them
  // (`供暖方面的诉求` in Chinese); one the pages never print is none of a report's counted categories.
  const about = ENGLISH_CATEGORY_ABOUT.exec(question);
  const isCategory = lexicon?.isCategoryWord;
  if (about && isCategory !== undefined) {
    const categoryWord = result.find((w) => w.alternatives.some((a) => isCategory(a)));
    const head = categoryWord?.alternatives.find((a) => isCategory(a));
    // (`about heating on Sept 23`: the phrase may be one word or two)
    const phrase = about[1]!.toLowerCase();
    const forms = [phrase, phrase.split(/\s+/u)[0]!];
    const kindKey = translation.matched.find(({ english }) =>
      forms.includes(english.toLowerCase()),
    );
    const kind =
      kindKey === undefined
        ? undefined
        : result.find((w) => w.alternatives.some((a) => kindKey.chinese.includes(a)));
    if (
      head !== undefined &&
      kind !== undefined &&
      kind !== categoryWord &&
      kind.required === "none"
    ) {
      kind.narrows = head;
      kind.categories = lexicon?.categoryWords?.() ?? [];
    }
  }
  for (const word of translation.unknown) {
    result.push({
      alternatives: [word.toLowerCase()],
      weaker: [],
      weight: 0.5 * rarest(keyword),
      // A capitalised word inside a sentence that no dictionary or glossary knows and that is not
      // even pinyin (`Golmud`) names a place or body the pages never mention: the question is about
      // something else, as an unprinted Chinese name is. (Unread pinyin, `Ganhe`, may be theirs.)
      required: translation.foreignNames?.includes(word) ? "article" : "none",
    });
  }
  // `fixed-asset investment growth`, `growth of exports`: the thing whose change is asked must be
  // near the answer, as a Chinese topic is — another indicator's growth (规上工业增加值同比增长4.8%)
  // answers another question.
  if (result.some((w) => w.required === "action")) {
    const grown = ENGLISH_GROWTH_OF.exec(question)?.[1] ?? ENGLISH_GROWTH_AFTER.exec(question)?.[1];
    const source = grown
      ? translation.matched.find(({ english }) =>
          tokens(english).some((t) => t.toLowerCase() === grown.toLowerCase()),
        )
      : undefined;
    const key = source ? translationKey(source.chinese) : null;
    const thing = result.find(
      (w) =>
        key !== null &&
        w.required === "none" &&
        translationKey(w.alternatives) === key &&
        w.alternatives.some(isKnownTerm),
    );
    if (thing) thing.required = "topic";
  }
  // A code quoted as printed (`the '1+3+X' green computing setup`): the pages' own term, searched as
  // it is — its pieces' translations (X → 叉) say nothing.
  for (const m of question.matchAll(QUOTED_CODE)) {
    const code = m[1]!.trim();
    if (!isKnownTerm(code)) continue;
    const pieces = new Set(tokens(code).map((p) => p.toLowerCase()));
    for (let k = Math.min(result.length, tokenKeys.length) - 1; k >= 0; k--)
      if (pieces.has(tokenKeys[k]!.toLowerCase())) result.splice(k, 1);
    result.push({
      alternatives: [code.toLowerCase()],
      weaker: [],
      weight: weightOf(keyword, [code]),
      required: "article",
    });
  }
  return result;
}
// What a report counts by category (`1.物业服务76件`): its complaints, requests and reports (and, in
// Chinese, its 问题: `噪音问题45件`; in English `issues` are any questions' matter).
const COUNTED_CATEGORY_HEADS = /^(?:诉求|投诉|举报)$/u;
// `complaints were about heating`, `calls on noise`: what a counted category was about.
const ENGLISH_CATEGORY_ABOUT =
  /\b(?:complaints?|calls?|issues?|problems?|requests?|appeals?|reports?|cases?)\s+(?:(?:that\s+)?(?:were|was)\s+)?(?:about|on|over|regarding|concerning)\s+([a-z]+(?:\s+[a-z]+)?)\b/iu;
// The word before `growth` (`investment growth`) or after `growth of` (`growth of exports`).
const ENGLISH_GROWTH_AFTER =
  /\b([a-z][a-z-]*)\s+(?:growth|grew|increase|increased|rise|rose|decline|declined|drop|dropped|fell)\b/iu;
const ENGLISH_GROWTH_OF =
  /\b(?:growth|increase|rise|decline|drop|fall)\s+(?:in|of)\s+(?:the\s+)?(?:[a-z'-]+\s+){0,2}?([a-z][a-z-]*)\b(?=\s+(?:in|of|for|at|from|by|on)\b|\s*[?.,]|$)/iu;
// `'1+3+X'`, "A+B": a code in quotes, letters, digits and + or - only.
const QUOTED_CODE = /['"‘“]([A-Za-z0-9+-]{2,20})['"’”]/gu;
