import type { Article } from "../ingest/types.js";
import { sentencesOf, type SentenceUnit } from "./summarize.js";
import { WORDS, type ConversationWords } from "./words.js";
import { occurrences } from "../util/occurrences.js";

// How far after the name its verb may stand: `罗东川代表省委省政府向…表示欢迎`, `王卫东在讲话中强调`.
const VERB_WINDOW = 10;
const PER_ARTICLE = 3;
const TOTAL = 9;

/**
 * Sentences in which `subject` acts: it is named, not as one of a list (`吴晓军、罗东川、王黎明…`),
 * and a verb of doing follows within a few characters (`罗东川主持召开`, `西宁开发区完成`).
 * Grouped by article in reading order, at most three per article.
 */
export function activitySentences(
  articles: readonly Article[],
  subject: string,
  words: ConversationWords = WORDS,
): SentenceUnit[] {
  const out: SentenceUnit[] = [];
  for (const article of articles) {
    let inArticle = 0;
    for (const unit of sentencesOf(article)) {
      if (inArticle >= PER_ARTICLE || out.length >= TOTAL) break;
      if (acts(unit.text, subject, words)) {
        out.push(unit);
        inArticle++;
      }
    }
  }
  return out;
}

function acts(sentence: string, subject: string, words: ConversationWords): boolean {
  for (const at of occurrences(sentence, subject)) {
    const before = sentence[at - 1];
    const after = sentence.slice(at + subject.length, at + subject.length + VERB_WINDOW);
    if (before === "、" || after.startsWith("、")) continue;
    if (words.activityVerbs.some((v) => after.includes(v))) return true;
  }
  return false;
}
