/**
 * Who wrote a report (`记者是谁`, `西宁蓝那篇是谁写的`, `who wrote the Xining Blue article`): its
 * byline, quoted where the page prints it. The conversation asks it of the report in focus; the
 * engine of the report the question names.
 */
import type { Article } from "../ingest/types.js";
import { splitSentences } from "../util/sentences.js";
import type { Answer, Citation, Language } from "./types.js";

const UNSIGNED: Record<Language, string> = {
  zh: "这篇报道没有署名。",
  en: "This report carries no byline.",
};

// A byline sentence longer than this is not quoted whole: the byline alone is.
const MAX_QUOTE = 120;

export function bylineAnswer(question: string, article: Article, language: Language): Answer {
  const byline = article.byline ?? article.reporter;
  const at = byline ? article.text.indexOf(byline) : -1;
  if (!byline || at < 0)
    return {
      question,
      answer: UNSIGNED[language],
      grounded: false,
      mode: "none",
      citations: [],
      language,
      intent: "fact",
    };
  // The sentence holding the byline when it is short enough to read, else the byline alone.
  const span = splitSentences(article.text).find((s) => s.start <= at && at < s.end);
  const sentence = span ? article.text.slice(span.start, span.end) : "";
  const quote = sentence !== "" && sentence.length <= MAX_QUOTE ? sentence : byline;
  const citation: Citation = {
    n: 1,
    source: article.source,
    title: article.title,
    quote,
    score: 1,
    articleId: article.id,
    date: article.date,
  };
  const answer =
    language === "zh"
      ? `《${article.title}》的署名：${byline}。\n${quote}[1]`
      : `《${article.title}》 is signed ${byline}.\n“${quote}” [1]`;
  return {
    question,
    answer,
    grounded: true,
    mode: "extractive",
    citations: [citation],
    language,
    intent: "fact",
  };
}
