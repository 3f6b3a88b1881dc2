import type { LoadedIndex } from "../index/load-index.js";
import { translateEnglishQuery } from "../retrieve/english-query.js";
import type { Article, Chunk } from "../ingest/types.js";
import type { HybridRetriever } from "../retrieve/hybrid-retriever.js";
import { detectLanguage } from "../retrieve/query-language.js";
import type { RetrievedPassage } from "../retrieve/types.js";
import { extractAnswer, sentenceCitations, type ExtractiveOptions } from "./extractive.js";
import { buildCatalog, type CatalogPage } from "./catalog.js";
import type { LlmAnswerer } from "./llm.js";
import { morePassages } from "./more-passages.js";
import { passageByChunkId } from "./passage.js";
import { chineseQueryWords, englishQueryWords } from "./query-words.js";
import { MAX_QUESTION_LENGTH, questionProblem, type QuestionProblem } from "./question.js";
import type { Answer, Citation, Language } from "./types.js";

export interface QaEngineOptions {
  index: LoadedIndex;
  retriever: HybridRetriever;
  /** Optional LLM mode; its failures fall back to the extractive answer with a note. */
  llm?: LlmAnswerer | null;
  extractive?: ExtractiveOptions;
}

export interface AskOptions {
  /**
   * Sentences already shown in this conversation (`citationKey`s): when given, the answer is
   * "more" — the next passages for the question not shown yet, the same articles first.
   */
  exclude?: readonly string[];
}

/** The one question-answering core every interface (bot, REPL, ask) talks to. */
export interface QaEngine {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** The pages in file-name order with their articles (id, headline, date, lead). */
  catalog(): CatalogPage[];
  /** An article with its full text, or null when it is not in the index. */
  article(articleId: string): Article | null;
  /** A chunk and its article by chunk id, or null when gone. */
  passage(chunkId: string): { article: Article; chunk: Chunk } | null;
  /**
   * The best passages for a query, without composing an answer (`/search`): one citation per
   * passage, quoting its sentence that best matches the query; [] for a query with no words.
   */
  search(query: string): Promise<Citation[]>;
  readonly index: LoadedIndex;
  readonly retrievalMode: "hybrid" | "keyword";
}

export function createQaEngine(options: QaEngineOptions): QaEngine {
  const { index, retriever } = options;
  // Every article's text in one string: enough to tell which translations of an English word
  // the pages actually use (a substring test over ~25k characters per word).
  const corpus = index.articles.map((a) => `${a.title}\n${a.text}`).join("\n");
  const isKnownTerm = (term: string) => corpus.includes(term);

  /** Passages and the question's words, for either language. */
  const lookUp = async (question: string, language: Language) => {
    const translation = language === "en" ? translateEnglishQuery(question, { isKnownTerm }) : null;
    const keywordQuery = translation ? translation.terms.join(" ") : question;
    const passages = await retriever.retrieve(question, keywordQuery);
    const words = translation ? englishQueryWords(question, translation, index.keyword, isKnownTerm) : chineseQueryWords(question, index.keyword);
    return { passages, words, keywordQuery };
  };

  const catalog = buildCatalog(index);
  const articles = new Map(index.articles.map((a) => [a.id, a]));

  return {
    index,
    retrievalMode: retriever.mode,
    catalog: () => catalog,
    article: (id) => articles.get(id) ?? null,
    passage: (chunkId) => passageByChunkId(index, chunkId),
    async search(raw) {
      const query = raw.trim();
      if (questionProblem(query) !== null) return [];
      const { passages, words } = await lookUp(query, detectLanguage(query));
      const best = passages.flatMap((p) => extractAnswer(query, words, [p], { threshold: 0, maxSentences: 1 }).sentences);
      return sentenceCitations(best);
    },
    async ask(raw, askOptions = {}) {
      const question = raw.trim();
      const language = detectLanguage(question);
      const problem = questionProblem(question);
      if (problem !== null) return refusal(raw, problem, language);

      const { passages, words, keywordQuery } = await lookUp(question, language);
      if (askOptions.exclude && askOptions.exclude.length > 0) {
        const citations = morePassages({ question, words, passages, keywordQuery, index, exclude: askOptions.exclude });
        if (citations.length === 0) return { question, answer: NO_MORE[language], grounded: false, mode: "extractive", citations: [], language, intent: "more" };
        return { question, answer: composeText(citations, language), grounded: true, mode: "extractive", citations, language, intent: "more" };
      }
      const result = extractAnswer(question, words, passages, options.extractive);
      const evidence = Math.round(result.evidence * 1000) / 1000;
      if (result.sentences.length === 0) return { ...abstain(question, passages, language), evidence };

      const citations = sentenceCitations(result.sentences);
      const extractive: Answer = {
        question,
        answer: composeText(citations, language),
        grounded: true,
        mode: "extractive",
        citations,
        language,
        evidence,
      };
      if (!options.llm) return extractive;
      const generated = await options.llm.answer(question, passages, language);
      if (generated.ok) return { question, answer: generated.answer, grounded: true, mode: "llm", citations: generated.citations, language, evidence };
      return { ...extractive, note: language === "zh" ? `大模型未能作答（${generated.reason}），以下为原文摘录。` : `The LLM could not answer (${generated.reason}); showing the extracted answer.` };
    },
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
    out.push({ n: out.length + 1, source: p.article.source, title: p.article.title, quote: first, score: 0, articleId: p.article.id, date: p.article.date });
  }
  return out;
}

function abstain(question: string, passages: readonly RetrievedPassage[], language: Language): Answer {
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
  return { question, answer: PROBLEMS[problem][language], grounded: false, mode: "none", citations: [], language };
}
