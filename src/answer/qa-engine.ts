import type { LoadedIndex } from "../index/load-index.js";
import { termIdf } from "../index/keyword-index.js";
import { createTermLookup } from "../index/term-lookup.js";
import type { Article, Chunk } from "../ingest/types.js";
import type { HybridRetriever } from "../retrieve/hybrid-retriever.js";
import { rejoinSeparableVerbs } from "./separable-verbs.js";
import { detectLanguage } from "../retrieve/query-language.js";
import type { RetrievedPassage } from "../retrieve/types.js";
import { splitSentences } from "../util/sentences.js";
import type { TypoCorrection } from "../retrieve/question/typos.js";
import { matchArticles } from "./article-match.js";
import { articlePassages } from "./article-passages.js";
import {
  ABSTAIN_THRESHOLD,
  extractAnswer,
  saysActions,
  sentenceCitations,
  type ExtractiveOptions,
  type ExtractiveResult,
  type ScoredSentence,
} from "./extractive.js";
import { buildCatalog, type CatalogPage } from "./catalog.js";
import type { GenerationOptions, LlmAnswerer } from "./llm.js";
import { morePassages } from "./more-passages.js";
import { locateCitation, passageByChunkId, passageFor, type Passage } from "./passage.js";
import {
  CALENDAR_DAY,
  CALENDAR_MONTH,
  chineseQueryWords,
  englishQueryWords,
  type QueryWord,
} from "./query-words.js";
import {
  askedUnits,
  unlikeUnits,
  DAY_IN_TEXT,
  FACT_PATTERNS,
  FIRST_ORDINAL,
  questionKind,
  cleanQuestion,
  MAX_QUESTION_LENGTH,
  questionProblem,
  type QuestionProblem,
} from "./question.js";
import type { QuestionUnderstanding } from "./question-understanding.js";
import { claimNote } from "./claimed-figures.js";
import { splitQuestion } from "./split-question.js";
import { bylineAnswer } from "./byline.js";
import { hasEnglishWords, withEnglishTranslated } from "./mixed-question.js";
import type { Answer, Citation, Language } from "./types.js";

export interface QaEngineOptions {
  index: LoadedIndex;
  retriever: HybridRetriever;
  /**
   * How questions are read (normalization, typos, synonyms…): {@link loadQuestionUnderstanding},
   * once at start.
   */
  understanding: QuestionUnderstanding;
  /** Optional LLM mode; its failures fall back to the extractive answer with a note. */
  llm?: LlmAnswerer | null;
  extractive?: ExtractiveOptions;
}

/**
 * `signal` (from {@link GenerationOptions}) cancels the answer — Ctrl-C in the REPL, a stopping bot,
 * a reader's stop button: the LLM call in hand is aborted and the extractive answer given instead,
 * with a note; `onDraft` watches an LLM answer being written.
 */
export interface AskOptions extends GenerationOptions {
  /**
   * Sentences already shown in this conversation (`citationKey`s): when given, the answer is
   * "more" — the next passages for the question not shown yet, the same articles first.
   */
  exclude?: readonly string[];
  /**
   * Articles the reader points at (`这篇报道里…`, `该活动…` in a conversation): the answer comes from
   * them when they hold one — all their passages are read, retrieved or not — else from the whole
   * index as usual.
   */
  prefer?: readonly string[];
  /** With `prefer`: only those reports may answer (the question points at them by a pronoun). */
  onlyPreferred?: boolean;
  /**
   * What a follow-up put in the last question's place (`那生物经济呢？` → `生物经济`): the question is
   * about it now, so the answer sentence itself must hold it — the frame's own topic (`重点项目`) is
   * shared by every item the frame was asked of.
   */
  topic?: string;
}

/**
 * The one question-answering core every interface (bot, REPL, ask, conversation layer) talks to:
 * a port, not a window — what an interface may know of the pages comes through these methods,
 * never from the index itself (which is free to change shape, or to be swapped while running).
 */
export interface QaEngine {
  /** Every citation of the answer carries its `chunkId` and its quote's offsets. */
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /**
   * The pages in file-name order with their articles (id, headline, date, lead): what /start,
   * /sources, `:sources` and browsing show. See {@link catalogDateRange} for the date range.
   */
  catalog(): CatalogPage[];
  /** An article with its full text, or null when it is not in the index. */
  article(articleId: string): Article | null;
  /** A chunk and its article by chunk id (what a citation button keeps), or null when gone. */
  passage(chunkId: string): { article: Article; chunk: Chunk } | null;
  /**
   * The passage a citation quotes from, with where the quote stands in it; null when its article is
   * gone.
   */
  citedPassage(citation: Citation): Passage | null;
  /**
   * The best passages for a query, without composing an answer (`/search`): one citation per
   * passage, quoting its sentence that best matches the query; [] for a query with no words.
   */
  search(query: string): Promise<Citation[]>;
  /**
   * The Chinese words the pages use for an English word or name (`Luo Dongchuan` → 罗东川), best
   * first.
   */
  englishTerms(phrase: string): Promise<string[]>;
  /** True when some article's headline or text contains `term` (an exact substring test). */
  isKnownTerm(term: string): boolean;
  /**
   * A message as the pages' language reads it — half-width, Simplified, Cantonese words in
   * Mandarin (`記者係邊個` → 记者是谁) — with every word kept: what the conversation layer reads
   * follow-ups and requests from.
   */
  readAs(text: string): string;
  readonly retrievalMode: "hybrid" | "keyword";
  /** When the index answered from was built (ISO time, from its manifest): the operator's "index age". */
  readonly indexBuiltAt: string;
}

/**
 * A later part of a two-part question borrows the first part's words at this share of their weight.
 */
const CONTEXT_WEIGHT = 0.5;
/** A figure (`23`, `12345`, `11%`), which with a calendar day tells two parts apart. */
const FIGURE = /^\d+(?:\.\d+)?%?$/u;
const ASKED_YEAR = /^(?:19|20)\d\d年?$/u;

interface PartResult {
  question: string;
  /** The words the part was scored on (its own and those it borrowed). */
  words: QueryWord[];
  passages: RetrievedPassage[];
  result: ExtractiveResult;
}

/** What a printed homophone of a question's unprinted word earns (a synonym of the list earns 0.8). */
const HOMOPHONE_CREDIT = 0.6;

export function createQaEngine(options: QaEngineOptions): QaEngine {
  const { index, retriever, understanding } = options;
  const { normalizer, lexicon, typos, whichReport, units, claims, english } = understanding;
  // Which translations of an English word the pages actually use: a substring test of the
  // articles, narrowed by the keyword index to the articles holding the term's characters.
  const isKnownTerm = createTermLookup(index);

  /** The question's words, for either language. */
  const wordsOf = async (question: string, language: Language) => {
    if (language === "zh") {
      // The keyword search looks for what the scorer weighs — the content words, their aliases and
      // the synonyms the pages use — not the reader's particles and adverbs (`真正`, `那天`),
      // which only pull in passages that happen to share them.
      const words = chineseQueryWords(question, index.keyword, lexicon);
      // A real word the pages never print may be a slip for one they do that sounds the same
      // (`组建` for `组件`, `新星产业` for `新兴产业`): never corrected, it is read as that word too,
      // for less, and it is no other kind of thing than the printed one.
      const corrector = await typos;
      for (const w of words) {
        // Only where it can matter: the tables it reads are built on first use (typos.ts).
        const unprinted = w.loose === true && w.weaker.length === 0;
        if (w.narrows === undefined && !unprinted) continue;
        const homophones = corrector.pageHomophones(w.alternatives[0]!);
        if (homophones.length === 0) continue;
        delete w.narrows;
        // (`射影作品` for 摄影作品: a slip for a printed noun is no noun the pages never print)
        delete w.unprintedNoun;
        // (`回方量` for 回访量: nor a measure they never give)
        if (w.unprintedMeasure === true) {
          delete w.unprintedMeasure;
          w.required = "none";
        }
        if (unprinted && homophones.length === 1)
          w.weaker = [{ word: homophones[0]!, credit: HOMOPHONE_CREDIT }];
      }
      // Dates and figures as the reader wrote them (`9月23日`), which the index holds as one term.
      const terms = new Set([
        ...words.flatMap((w) => [...w.alternatives, ...w.weaker.map((s) => s.word)]),
        ...(question.match(FIGURES) ?? []),
      ]);
      return { words, query: terms.size > 0 ? [...terms].join(" ") : question };
    }
    const translation = (await english).translate(question, { isKnownTerm });
    return {
      words: englishQueryWords(question, translation, index.keyword, isKnownTerm, lexicon),
      query: translation.terms.join(" "),
    };
  };

  /** Retrieves for one question (or part) and picks the sentences that answer it. */
  const answerPart = async (
    question: string,
    language: Language,
    context: string | null,
    extra: ExtractiveOptions = {},
    prefer: readonly string[] = [],
    topic?: string,
    onlyPreferred = false,
  ): Promise<PartResult> => {
    const own = await wordsOf(question, language);
    let words = topic === undefined ? own.words : withTopic(own.words, topic);
    let query = own.query;
    if (context !== null) {
      // What the first part named and this one leaves out (`实际到了多少？` — of the same session):
      // weaker votes, never its figures, days or ordinals, which are what set the parts apart
      // (`on September 23, and how many on October 15?`).
      const borrowed = await wordsOf(context, language);
      const mine = new Set(words.flatMap((w) => w.alternatives));
      // A part that names its own report or topic (`…那篇…？顺便 同版敬老月活动来了多少人`) is not
      // held to the first part's report.
      const namesOwn = words.some((w) => w.required === "topic" || w.required === "article");
      // A part that names nothing but how it narrows the first (`…2024年新认定几户 累计一共几家`: only
      // 累计) asks about the first part's thing: its topic is this part's too, in full.
      const standsOnFirst =
        words.length > 0 &&
        words.every((w) => w.required === "near" || w.weight < STANDS_ALONE_WEIGHT);
      const lent = borrowed.words
        .filter(
          (w) =>
            w.required !== "near" &&
            !w.alternatives.every(
              (a) => FIGURE.test(a) || CALENDAR_DAY.test(a) || CALENDAR_MONTH.test(a),
            ) &&
            !w.alternatives.some((a) => mine.has(a)),
        )
        .map((w) =>
          standsOnFirst && w.required === "topic"
            ? w
            : {
                ...w,
                weight: w.weight * CONTEXT_WEIGHT,
                // What that part asked (its topic, the action it asked about) is no constraint here.
                required:
                  w.required === "topic" ||
                  w.required === "action" ||
                  w.measure === true ||
                  (namesOwn && w.required === "article")
                    ? "none"
                    : w.required,
                borrowed: true,
              },
        );
      // (`2024年…分了几场，都展示了哪些项目`: a part that names no report or topic and sets no time or
      // limit of its own is of the first part's year — 累计 or 去年 would be its own)
      const years =
        language === "zh" && !namesOwn && !words.some((w) => w.required === "near")
          ? borrowed.words
              .filter(
                (w) => w.required === "near" && w.alternatives.every((a) => ASKED_YEAR.test(a)),
              )
              .map((w) => ({ ...w, weight: w.weight * CONTEXT_WEIGHT, borrowed: true }))
          : [];
      words = [...words, ...lent, ...years];
      // The first part as written: its aliases and synonyms would outweigh this part's own words.
      query = `${query} ${language === "zh" ? context : borrowed.query}`;
    }
    // A later part is retrieved with the first part's words too (`…主办的 近三年办了多少场`: of that
    // event), and on its own words: the first part's words may crowd its answer's chunk out.
    const passages =
      context === null
        ? await retriever.retrieve(question, query)
        : mergePassages(
            await retriever.retrieve(question, query),
            await retriever.retrieve(question, own.query),
          );
    const asked = askedUnits(question, units);
    const unlike = unlikeUnits(asked, units);
    const run = (from: readonly RetrievedPassage[]) =>
      extractAnswer(question, words, from, {
        ...options.extractive,
        askedUnits: asked,
        unlikeUnits: unlike,
        ...extra,
      });
    // `it`: the report in focus before any other the last answer cited.
    if (onlyPreferred && prefer.length > 1) {
      for (const id of prefer) {
        const one = focusPassages(passages, [id]);
        const found = run(one);
        if (found.sentences.length > 0) return { question, words, passages: one, result: found };
      }
    }
    if (prefer.length > 0) {
      const inFocus = focusPassages(passages, prefer);
      const focused = run(inFocus);
      const top = focused.sentences[0];
      // An English where/when answer from the report in focus must state its place or day: its
      // words say little (`held`), while a Chinese question's subject words find the very sentence
      // (`去哪里签名了` → `前往主题签名墙签名`).
      const placed =
        top === undefined ||
        language !== "en" ||
        (focused.kind !== "place" && focused.kind !== "date") ||
        FACT_PATTERNS[focused.kind].test(top.text);
      if (top !== undefined && placed)
        return { question, words, passages: inFocus, result: focused };
      // `where was it held?` of the report in focus: its words say little (`held`), its kind of
      // fact all — the report's own place or day, where it states one, answers.
      const where = placeOrDay(question, words, inFocus);
      if (where !== null) return { question, words, passages: inFocus, result: where };
      if (top !== undefined || onlyPreferred)
        return { question, words, passages: inFocus, result: focused };
    }
    const result = run(passages);
    const top = passages[0]?.article.id;
    // Nothing answers in what was retrieved: a who or when question reads the best-matched report
    // whole, as its answer is often a short sentence in a chunk the question's words do not reach
    // (`刘超主持，李宏亚、何录春出席。` closes the meeting's report, whose name is in the lead). A
    // figure is stated with what it measures, so a 多少 question is not read further.
    if (
      result.sentences.length > 0 ||
      top === undefined ||
      (result.kind !== "person" && result.kind !== "date")
    )
      return { question, words, passages, result };
    const seen = new Set(passages.map((p) => p.chunk.id));
    const whole = [
      ...passages,
      ...articlePassages(index, [top]).filter((p) => !seen.has(p.chunk.id)),
    ];
    if (whole.length === passages.length) return { question, words, passages, result };
    return { question, words, passages: whole, result: run(whole) };
  };

  /** The question as it will be answered: Simplified, typos corrected, framing words kept. */
  const read = async (question: string, language: Language) => {
    if (language === "en") {
      const claimed = claims.read(question.normalize("NFKC"), "en");
      return {
        text: claimed.question,
        corrections: [] as TypoCorrection[],
        claims: claimed.claims,
      };
    }
    // A character spelled in pinyin (`造tan纤维`) is read first: it is no English word.
    const spelled = hasEnglishWords(question)
      ? (await typos).spelledOut(question)
      : { text: question, corrections: [] };
    // English words in a Chinese question are read as the Chinese the pages use for them.
    let chinese = spelled.text;
    if (hasEnglishWords(chinese)) {
      const translator = await english;
      chinese = withEnglishTranslated(
        chinese,
        (phrase) => translator.translate(phrase, { isKnownTerm }),
        isKnownTerm,
      );
    }
    // A figure offered for checking is read before typos are: `我这写的` is no slip for `我这些的`.
    const claimed = claims.read(normalizer.normalize(chinese), "zh");
    // (a slip is looked for in what is asked: `群里有人问` frames the question, its 群里 is no
    // slip for the pages' 群力 — corrections keep lengths, so the framing goes back in place)
    const masked = normalizer.maskFraming(claimed.question);
    const read = (await typos).correct(masked);
    // (UTF-16 units, as the mask was made: an emoji is two of them in both)
    let text = "";
    for (let i = 0; i < read.text.length; i++)
      text += masked[i] === claimed.question[i] ? read.text[i] : claimed.question[i];
    return {
      text: rejoinSeparableVerbs(text, isPrintedVerb),
      corrections: [...spelled.corrections, ...read.corrections],
      claims: claimed.claims,
    };
  };
  /** A verb of Chinese at large that the pages print (`发言`): what `发了言` means. */
  const isPrintedVerb = (word: string) =>
    (lexicon.general.partOfSpeech(word)?.startsWith("v") ?? false) &&
    termIdf(index.keyword, `w:${word}`) > 0;

  /**
   * The passages of the articles in focus: those retrieved first, in their order, then the rest of
   * the articles' chunks in reading order (the answer may sit in a chunk the question's words did
   * not reach).
   */
  const focusPassages = (
    retrieved: readonly RetrievedPassage[],
    prefer: readonly string[],
  ): RetrievedPassage[] => {
    const wanted = new Set(prefer);
    const kept = retrieved.filter((p) => wanted.has(p.article.id));
    const seen = new Set(kept.map((p) => p.chunk.id));
    const rest = articlePassages(index, prefer).filter((p) => !seen.has(p.chunk.id));
    return [...kept, ...rest];
  };

  const catalog = buildCatalog(index);
  const articles = new Map(index.articles.map((a) => [a.id, a]));
  // Lower-cased headline and text of every report, made by the first which-report question that
  // needs them (rare), not at start: for an archive they are as large as the pages.
  let articleTexts: Array<{ id: string; text: string }> | null = null;
  const lowerTexts = () =>
    (articleTexts ??= index.articles.map((a) => ({
      id: a.id,
      text: `${a.title}\n${a.text}`.toLowerCase(),
    })));
  /**
   * A where or when question about the report in focus: the first sentence of the focus that
   * states a place (`在青海会议中心…闭幕`) or a day, or null. When the question asks the day of an
   * event it names (`该会议几号闭幕`: an `action` word), the sentence must say that event: the day
   * the meeting was held is not the day it closed.
   */
  const placeOrDay = (
    question: string,
    words: readonly QueryWord[],
    inFocus: readonly RetrievedPassage[],
  ): ExtractiveResult | null => {
    const kind = questionKind(question);
    if (kind !== "place" && kind !== "date") return null;
    const article = inFocus[0]?.article;
    if (!article) return null;
    for (const span of splitSentences(article.text)) {
      const text = article.text.slice(span.start, span.end);
      if (FACT_PATTERNS[kind].test(text) && saysActions(words, text.toLowerCase())) {
        const sentence = { article, start: span.start, end: span.end, text, coverage: 0, score: 0 };
        return { sentences: [sentence], evidence: 0, kind };
      }
    }
    return null;
  };

  /**
   * The articles whose headline (kicker, title, subtitle) holds the question's words — at least
   * ABSTAIN_THRESHOLD of their weight; a name or place counts where the article prints it at all
   * (`Xining` of a report headed `千亿大手笔!开发区…` on the Xining zone), and must — in page order.
   */
  const headlineMatches = (words: readonly QueryWord[]): Array<{ id: string }> => {
    const own = words.filter((w) => !w.borrowed && !w.background && w.weight > 0);
    const total = own.reduce((sum, w) => sum + w.weight, 0);
    if (total === 0) return [];
    // (the articles' lower-case texts, made once: `lowerTexts` holds them in index order)
    const texts = lowerTexts();
    return index.articles.filter((a, i) => {
      const heading = [a.kicker, a.title, a.subtitle].join(" ").toLowerCase();
      const whole = `${heading}\n${texts[i]!.text}`;
      const named = (w: QueryWord) => w.required === "article" || w.place === true;
      const inHeading = (w: QueryWord) =>
        w.alternatives.some((x) => (named(w) ? whole : heading).includes(x));
      // (pieces of one phrase, `Xining` and `development zone` of 西宁开发区: the headline naming
      // one piece names the phrase, when the article prints the others)
      const holds = (w: QueryWord) =>
        inHeading(w) ||
        (w.alternatives.some((x) => whole.includes(x)) &&
          own.some(
            (o) =>
              o !== w && inHeading(o) && o.alternatives.some((x) => w.alternatives.includes(x)),
          ));
      if (own.some((w) => named(w) && !holds(w))) return false;
      const found = own.reduce((sum, w) => sum + (holds(w) ? w.weight : 0), 0);
      return found / total >= ABSTAIN_THRESHOLD;
    });
  };

  /** The article's sentence holding the most weight of `words` (the first of equals), if any. */
  const tellingSentence = (article: Article, words: readonly QueryWord[]): ScoredSentence[] => {
    let best: ScoredSentence | undefined;
    for (const span of splitSentences(article.text)) {
      const text = article.text.slice(span.start, span.end);
      const lower = text.toLowerCase();
      const held = words
        .filter((w) => w.alternatives.some((a) => lower.includes(a)))
        .reduce((sum, w) => sum + w.weight, 0);
      if (held > 0 && (best === undefined || held > best.score))
        best = { article, start: span.start, end: span.end, text, coverage: held, score: held };
    }
    return best ? [best] : [];
  };

  /**
   * The one article that alone prints the question's rarer words (two characters or more, not
   * borrowed), when every such word printed by only one article is printed by the same one.
   */
  const soleArticle = (
    words: readonly QueryWord[],
  ): { id: string; words: QueryWord[] } | undefined => {
    const owners = new Set<string>();
    const telling: QueryWord[] = [];
    for (const w of words) {
      if (w.borrowed) continue;
      const forms = w.alternatives.filter((a) => Array.from(a).length >= 2);
      if (forms.length === 0) continue;
      const holding = lowerTexts().filter((a) => forms.some((f) => a.text.includes(f)));
      if (holding.length !== 1) continue;
      owners.add(holding[0]!.id);
      telling.push(w);
    }
    return owners.size === 1 ? { id: [...owners][0]!, words: telling } : undefined;
  };

  /** Framing words removed (Chinese only: the English translator drops its own function words). */
  const strip = (text: string, language: Language) =>
    language === "zh" ? normalizer.stripFraming(text) : text;

  /**
   * Every citation with its chunk and offsets: the port's promise, so no interface re-finds a
   * quote.
   */
  const located = (answer: Answer): Answer => ({
    ...answer,
    citations: answer.citations.map((c) => locateCitation(index, c)),
  });

  const engine: QaEngine = {
    retrievalMode: retriever.mode,
    indexBuiltAt: index.manifest.builtAt,
    catalog: () => catalog,
    article: (id) => articles.get(id) ?? null,
    passage: (chunkId) => passageByChunkId(index, chunkId),
    citedPassage: (citation) => passageFor(index, citation),
    async search(raw) {
      const query = raw.trim();
      if (questionProblem(query) !== null) return [];
      const language = detectLanguage(query);
      const { text } = await read(query, language);
      const stripped = strip(text, language);
      const { words, query: keywordQuery } = await wordsOf(stripped, language);
      const passages = await retriever.retrieve(stripped, keywordQuery);
      const best = passages.flatMap(
        (p) =>
          extractAnswer(stripped, words, [p], { threshold: 0, maxSentences: 1, enforce: false })
            .sentences,
      );
      return sentenceCitations(best).map((c) => locateCitation(index, c));
    },
    englishTerms: async (phrase) => (await english).translate(phrase, { isKnownTerm }).terms,
    isKnownTerm,
    readAs: (text) => normalizer.simplify(text),
    async ask(raw, askOptions = {}) {
      const question = cleanQuestion(raw);
      const language = detectLanguage(question);
      const problem = questionProblem(question);
      if (problem !== null) return refusal(raw, problem, language);

      const { text, corrections, claims: claimed } = await read(question, language);
      const note = correctionNote(corrections, language);
      // What the quote says of the reader's own figure, after how the question was read.
      const checked = (answer: Answer): Answer => {
        const check = claimNote(claimed, answer.citations, language);
        if (check === null || !answer.grounded) return answer;
        return { ...answer, note: answer.note === undefined ? check : `${answer.note}；${check}` };
      };
      if (askOptions.exclude && askOptions.exclude.length > 0) {
        // "More": the next passages for the question as understood, those not shown yet.
        const stripped = strip(text, language);
        const { words, query: keywordQuery } = await wordsOf(stripped, language);
        const passages = await retriever.retrieve(stripped, keywordQuery);
        const citations = morePassages({
          question: stripped,
          words,
          passages,
          index,
          exclude: askOptions.exclude,
        });
        if (citations.length === 0)
          return {
            question,
            answer: NO_MORE[language],
            grounded: false,
            mode: "extractive",
            citations: [],
            language,
            intent: "more",
          };
        return {
          question,
          answer: composeText(citations, language),
          grounded: true,
          mode: "extractive",
          citations,
          language,
          intent: "more",
        };
      }

      // `西宁蓝那篇是谁写的`, `who wrote the Xining Blue article`: the byline of the report named, found
      // as a which-report question finds it (none found, the which-report answer declines).
      const signed = whichReport.reporterOf(text);
      if (signed !== null) {
        const which = await engine.ask(
          language === "zh" ? `哪篇报道讲了${signed}` : `Which report is about ${signed}?`,
          askOptions,
        );
        const report = which.grounded
          ? articles.get(which.citations[0]?.articleId ?? "")
          : undefined;
        if (report === undefined) return { ...which, question };
        return {
          ...bylineAnswer(question, report, language),
          ...(which.evidence !== undefined ? { evidence: which.evidence } : {}),
        };
      }
      const topic = whichReport.topic(text);
      if (topic !== null) {
        const about = strip(topic, language);
        // (`有哪些讲西宁开发区的报道`: every report that says it, one sentence each)
        const part = await answerPart(about, language, null, {
          maxSentences: whichReport.plural(text) ? MAX_LISTED_REPORTS : 2,
          distinctArticles: true,
        });
        let sentences = part.result.sentences;
        let evidence = round(part.result.evidence);
        if (sentences.length === 0) {
          // No one sentence says it all: the report that holds the topic's words somewhere, cited
          // by its sentence that holds most of them.
          const matches = matchArticles(part.words, part.passages);
          const threshold = options.extractive?.threshold ?? ABSTAIN_THRESHOLD;
          // A name only one report prints (`…看到连忠辉了，他是我老乡，这个名字在哪篇报道里出现过`):
          // that report, however much else the reader said around it.
          const names = part.words.filter(
            (w) =>
              w.required === "article" ||
              w.alternatives.some(
                (a) => /^\p{Script=Han}{3,}$/u.test(a) && !lexicon.general.isGeneralWord(a),
              ),
          );
          const naming = matches.filter((m) =>
            names.every((w) =>
              w.alternatives.some((a) => `${m.article.title}\n${m.article.text}`.includes(a)),
            ),
          );
          // Else a thing only one report prints (`抖空竹`, `做硼酸的化工企业`): the words of the
          // question that one article alone holds, when they all point to the same one.
          const sole = soleArticle(part.words);
          const covered = matches[0] !== undefined && matches[0].coverage >= threshold;
          const named = !covered && names.length > 0 && naming.length === 1;
          const best = covered
            ? matches[0]
            : named
              ? naming[0]
              : matches.find((m) => m.article.id === sole?.id);
          if (best !== undefined) {
            // Found by words only it prints: the sentence that prints most of them, wherever it is.
            const own = part.passages.filter((p) => p.article.id === best.article.id);
            sentences =
              sole !== undefined && !covered && !named
                ? tellingSentence(best.article, sole.words)
                : extractAnswer(about, part.words, own, {
                    threshold: 0,
                    maxSentences: 1,
                    enforce: false,
                  }).sentences;
            evidence = round(best.coverage);
          }
        }
        // `有哪些讲西宁开发区的报道`: every report whose headline names it is one, wherever the
        // retrieval ranked it — a list by topic is browsing, and must leave none of them out.
        const listing = whichReport.plural(text);
        if (listing) {
          const listed = new Set(sentences.map((s) => s.article.id));
          for (const m of headlineMatches(part.words)) {
            if (listed.size >= MAX_LISTED_REPORTS_BY_HEADLINE) break;
            if (listed.has(m.id)) continue;
            const article = articles.get(m.id);
            if (article === undefined) continue;
            listed.add(m.id);
            sentences = [...sentences, ...tellingSentence(article, part.words).slice(0, 1)];
          }
        }
        const intent = listing ? "browse" : "which";
        if (sentences.length === 0)
          return {
            ...abstain(question, part.passages, language),
            evidence,
            intent,
            ...withNote(note),
          };
        const citations = sentenceCitations(sentences);
        return {
          question,
          answer: composeWhich(citations, language),
          grounded: true,
          mode: "extractive",
          citations,
          language,
          evidence,
          intent,
          ...withNote(note),
        };
      }

      // (`…哪些项目？谢谢`: a part that is only politeness asks nothing; `…是多少？有关数据是多少？`
      // asks again what the part before asked)
      const parts = splitQuestion(text).filter(
        (p, i) =>
          i === 0 ||
          !(
            normalizer.isFramingWord(p.replace(/[\p{P}\s]+/gu, "")) ||
            lexicon.asksNothingNew(normalizer.stripFraming(p))
          ),
      );
      // In turn: a later part is not answered with the sentence an earlier part was.
      const results: PartResult[] = [];
      const answered = new Set<string>();
      for (const [i, written] of parts.entries()) {
        const p = i === 0 ? written : askedAgainOf(written, parts[0]!);
        const result = await answerPart(
          strip(p, language),
          language,
          // (a part asked again of another session stands alone: it is the first, rewritten)
          i === 0 || p !== written ? null : strip(parts[0]!, language),
          { answered },
          askOptions.prefer,
          parts.length === 1 ? askOptions.topic : undefined,
          askOptions.onlyPreferred === true,
        );
        for (const s of result.result.sentences.slice(0, 1))
          answered.add(`${s.article.id}@${s.start}`);
        results.push(result);
      }
      const evidence = round(Math.min(...results.map((r) => r.result.evidence)));
      if (results.every((r) => r.result.sentences.length === 0))
        return {
          ...abstain(question, results[0]!.passages, language),
          evidence,
          intent: "fact",
          ...withNote(note),
        };

      if (results.length > 1)
        return checked(composeParts(question, results, language, evidence, note));

      const only = results[0]!;
      const citations = sentenceCitations(only.result.sentences);
      const extractive: Answer = {
        question,
        answer: composeText(citations, language),
        grounded: true,
        mode: "extractive",
        citations,
        language,
        evidence,
        intent: "fact",
        ...withNote(note),
      };
      if (!options.llm) return checked(extractive);
      // The LLM gets the question as it was understood (Simplified, typos corrected).
      const generated = await options.llm.answer(text, only.passages, language, {
        onDraft: askOptions.onDraft,
        signal: askOptions.signal,
      });
      if (generated.ok)
        return checked({
          ...extractive,
          answer: generated.answer,
          mode: "llm",
          citations: generated.citations,
        });
      const stopped = generated.reason === "stopped";
      return checked({
        ...extractive,
        note: stopped
          ? language === "zh"
            ? "已停止生成，以下为原文摘录。"
            : "Stopped; showing the extracted answer."
          : language === "zh"
            ? `大模型未能作答（${generated.reason}），以下为原文摘录。`
            : `The LLM could not answer (${generated.reason}); showing the extracted answer.`,
      });
    },
  };
  return {
    ...engine,
    ask: async (question, askOptions) => located(await engine.ask(question, askOptions)),
  };
}

const FIGURES = /\d+(?:\.\d+)?[年月日号%]?(?:\d+[日号])?/gu;
const round = (x: number) => Math.round(x * 1000) / 1000;
const withNote = (note: string | null) => (note === null ? {} : { note });

/** How the question was read, when a typo was corrected: the reader can tell if we misread. */
function correctionNote(corrections: readonly TypoCorrection[], language: Language): string | null {
  if (corrections.length === 0) return null;
  return language === "zh"
    ? corrections.map((c) => `按“${c.to}”理解（原文为“${c.from}”）`).join("；")
    : `Read ${corrections.map((c) => `“${c.from}” as “${c.to}”`).join(", ")}.`;
}

/**
 * `第十次会议的呢` after `第十四次会议列席的副省长是谁`: the first part asked again of another
 * session or day — its ordinal or date put in place of the first part's. Any other part as written.
 */
function askedAgainOf(part: string, first: string): string {
  const x = ASKED_AGAIN.exec(part.trim())?.[1];
  if (x === undefined) return part;
  let asked = first;
  let rest = x;
  for (const kind of [FIRST_ORDINAL, DAY_IN_TEXT]) {
    const mine = x.match(kind)?.[0];
    if (mine === undefined) continue;
    rest = rest.replace(mine, "");
    // (a session the first part did not name, beside its day, only repeats which one)
    const theirs = first.match(kind)?.[0];
    if (theirs !== undefined) asked = asked.replace(theirs, mine);
  }
  // (only when it names nothing else: `10月15号的物业管理呢` asks of another category too)
  return asked !== first && rest.replace(/会议|那次|这次|那天|的/gu, "").trim() === ""
    ? asked
    : part;
}
// `X的呢`, `那X呢`: the same question of X.
const ASKED_AGAIN = /^(?:那么?|那)?(.{2,16}?)(?:的)?呢[？?]?$/u;

/** The passages of both lists, each chunk once, in the first list's order, then the second's. */
function mergePassages(
  first: readonly RetrievedPassage[],
  second: readonly RetrievedPassage[],
): RetrievedPassage[] {
  const seen = new Set(first.map((p) => p.chunk.id));
  return [...first, ...second.filter((p) => !seen.has(p.chunk.id))];
}

/** Below this weight a word is said of anything (`一共`, `家`): it names no thing of its own. */
const STANDS_ALONE_WEIGHT = 1;

/** How many reports a `哪些报道…` question lists at most. */
const MAX_LISTED_REPORTS = 5;
/** …and with the reports whose headline names the topic, at most this many in all. */
const MAX_LISTED_REPORTS_BY_HEADLINE = 12;

/** A which-report answer names each article, its page and date, then the sentence that shows it. */
function composeWhich(citations: readonly Citation[], language: Language): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const c of citations) {
    if (!seen.has(c.articleId)) {
      seen.add(c.articleId);
      const where = [c.source, c.date].filter(Boolean).join(language === "zh" ? "，" : ", ");
      lines.push(
        language === "zh" ? `见《${c.title}》（${where}）：` : `See “${c.title}” (${where}):`,
      );
    }
    lines.push(language === "zh" ? `${c.quote}[${c.n}]` : `“${c.quote}” [${c.n}]`);
  }
  return lines.join("\n");
}

/** Each part answered in turn, citations numbered across parts; a part without evidence says so. */
function composeParts(
  question: string,
  results: readonly PartResult[],
  language: Language,
  evidence: number,
  note: string | null,
): Answer {
  const citations: Citation[] = [];
  const lines: string[] = [];
  results.forEach((r, i) => {
    lines.push(`${i + 1}. ${r.question}`);
    if (r.result.sentences.length === 0) {
      lines.push(
        language === "zh"
          ? "没有在已收录的报道中找到这一问的答案。"
          : "Nothing in the collected reports answers this part.",
      );
      return;
    }
    for (const c of sentenceCitations(r.result.sentences)) {
      const existing = citations.find((x) => x.articleId === c.articleId && x.quote === c.quote);
      const cited = existing ?? { ...c, n: citations.length + 1 };
      if (!existing) citations.push(cited);
      lines.push(
        language === "zh" ? `${cited.quote}[${cited.n}]` : `“${cited.quote}” [${cited.n}]`,
      );
    }
  });
  return {
    question,
    answer: lines.join("\n"),
    grounded: true,
    mode: "extractive",
    citations,
    language,
    evidence,
    intent: "fact",
    ...withNote(note),
  };
}

function composeText(citations: readonly Citation[], language: Language): string {
  if (language === "zh") return citations.map((c) => `${c.quote}[${c.n}]`).join("\n");
  return ["According to the reports:", ...citations.map((c) => `“${c.quote}” [${c.n}]`)].join("\n");
}

/** The nearest articles, offered when nothing answers: distinct articles, best first. */
function suggestions(passages: readonly RetrievedPassage[]): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const p of passages) {
    if (seen.has(p.article.id) || out.length === 3) continue;
    seen.add(p.article.id);
    // A taste of the article, not a quote of record: its first sentence, cut at a clause when long
    // (still an exact substring of the article).
    const sentence = p.article.text.slice(0, p.article.text.search(/[。！？!?]|$/) + 1);
    const clause = sentence.slice(0, sentence.slice(0, 80).search(/[，,；;][^，,；;]*$/) + 1);
    const first = sentence.length > 80 && clause.length > 0 ? clause : sentence;
    out.push({
      n: out.length + 1,
      source: p.article.source,
      title: p.article.title,
      quote: first,
      score: 0,
      articleId: p.article.id,
      date: p.article.date,
    });
  }
  return out;
}

function abstain(
  question: string,
  passages: readonly RetrievedPassage[],
  language: Language,
): Answer {
  const nearest = suggestions(passages);
  const titles = nearest.map((c) => `《${c.title}》`).join(language === "zh" ? "、" : ", ");
  const answer =
    language === "zh"
      ? `没有在已收录的报道中找到能回答这个问题的内容。${nearest.length > 0 ? `可能相关的报道：${titles}。` : ""}`
      : `Nothing in the collected reports answers this question.${nearest.length > 0 ? ` Nearest reports: ${titles}.` : ""}`;
  return { question, answer, grounded: false, mode: "extractive", citations: nearest, language };
}

const NO_MORE: Record<Language, string> = {
  zh: "没有更多与这个问题相关的内容了。",
  en: "There is nothing more on this question in the collected reports.",
};

const PROBLEMS: Record<QuestionProblem, Record<Language, string>> = {
  empty: {
    zh: "请输入一个问题，例如：西宁开发区多晶硅出口额是多少？",
    en: "Please type a question, for example: How much polysilicon did the Xining development zone export?",
  },
  no_words: {
    zh: "这条消息里没有可以查询的文字，请用一句话提问。",
    en: "There are no words to search for in this message; please ask a question in a sentence.",
  },
  too_long: {
    zh: `问题太长了（超过${MAX_QUESTION_LENGTH}字），请缩短后再问。`,
    en: `The question is too long (over ${MAX_QUESTION_LENGTH} characters); please shorten it.`,
  },
};

function refusal(question: string, problem: QuestionProblem, language: Language): Answer {
  return {
    question,
    answer: PROBLEMS[problem][language],
    grounded: false,
    mode: "none",
    citations: [],
    language,
  };
}

/**
 * The question's words with the heaviest one inside `topic` held to the answer sentence itself, as
 * an asked action is (see {@link AskOptions.topic}): near it is not enough, since the frame's run
 * of parallel sentences names every item (`新能源…9项；…生物经济产业涉及项目11项`). The frame's own
 * topic becomes a vote. Unchanged when none of the words is in it, or when it is a name, which the
 * article must hold anyway.
 */
const FRAME_WEIGHT = 0.5;

function withTopic(words: readonly QueryWord[], topic: string): QueryWord[] {
  const candidates = words.filter(
    (w) =>
      (w.required === "none" || w.required === "topic") &&
      !w.loose &&
      w.alternatives.some((a) => topic.includes(a)),
  );
  if (candidates.length === 0) return [...words];
  const chosen = candidates.reduce((best, w) => (w.weight > best.weight ? w : best));
  // The frame's other words are what every item was asked of: the sentence about this item may
  // leave them out (`生物经济产业涉及项目11项` names no 对接 nor 千亿计划), so they weigh less.
  return words.map((w) =>
    w === chosen
      ? { ...w, required: "action" }
      : w.required === "none" || w.required === "topic"
        ? { ...w, required: "none", weight: w.weight * FRAME_WEIGHT }
        : w,
  );
}
