import { jieba } from "../index/chinese-tokenizer.js";
import { bare, WORDS, type ConversationWords } from "./words.js";

export type ReaderIntent =
  | { intent: "more" }
  | { intent: "fulltext"; target: string }
  | { intent: "browse" }
  | { intent: "summary"; target: string }
  | { intent: "activity"; subject: string }
  | { intent: "fact" };

const FACT_QUESTION =
  /多少|几[个家项人件次名户座场所条年倍月日号]|谁|哪天|哪里|哪个|哪位|哪家|哪所|何时|是否|how (much|many)|who|when|where|which/iu;

/**
 * What a message asks for, from its wording alone: more of the same, the full text, headlines
 * (browse), a summary, what someone did (activity), or a fact (everything else, answered by the
 * engine; the engine tells "which report…" questions apart itself).
 */
export function classifyIntent(text: string, words: ConversationWords = WORDS): ReaderIntent {
  const b = bare(text);
  if (words.more.has(b) || onlyWordsOf(b, words.moreCore, words.moreFillers, words))
    return { intent: "more" };
  const fulltext = fulltextTarget(b, words);
  if (fulltext !== null) return { intent: "fulltext", target: fulltext };

  if (words.summary.test(b) && !FACT_QUESTION.test(b.replace(/什么|what/giu, ""))) {
    const target = strip(b, words.summaryWords);
    // `这篇大概讲啥 总结下呗`: what is left names no other topic than the one in focus.
    const rest = strip(target, [...words.summaryFillers, ...words.referencePronouns]);
    const person = words.personPronouns.some((p) => rest.includes(p));
    return { intent: "summary", target: namesNothing(rest, words) && !person ? "" : target };
  }
  // Browsing is a short request made only of browsing words: `最新的报道有哪些` is, `最新的多晶硅出口额` is not.
  if (words.browse.test(b) && !FACT_QUESTION.test(b.replace(/哪些|what/giu, ""))) {
    const leftover = strip(
      b.replace(/第[一二三四五六七八九十\d]+版|page \d+/giu, ""),
      words.browseFillers,
    ).replace(/[\s'’'?？!！,，.。]+/gu, "");
    if (leftover.length === 0) return { intent: "browse" };
  }
  // The English subject keeps its capitals: they tell a name (`Luo Dongchuan`) from a word.
  const activity =
    words.activity.exec(b) ??
    words.activityEn.exec(
      text
        .normalize("NFKC")
        .trim()
        .replace(/[\s?？!！.。]+$/u, ""),
    );
  if (activity?.[1]) return { intent: "activity", subject: activity[1].trim() };
  return { intent: "fact" };
}

/**
 * `全文`, `给我看原文`, `show me the full article`, `《标题》全文`: the article asked for ("" = the
 * one in focus), else null. A request made of nothing but request words around a full-text word.
 */
function fulltextTarget(b: string, words: ConversationWords): string | null {
  if (words.fulltext.has(b)) return "";
  if (onlyWordsOf(b, words.fulltextCore, words.fulltextFillers, words)) return "";
  const titled = /^《(.+)》的?(全文|原文)$/u.exec(b);
  if (titled?.[1]) return `《${titled[1]}》`;
  // `把这篇原文给我看看吧，我想自己从头读一遍`: a full-text request and a remark that asks nothing.
  // (`Can you paste the whole article? I need to check it against our draft.`: a question mark
  // closes the request too)
  const clauses = b.split(/[，,。.;；!！?？]+/u).filter((c) => c.trim() !== "");
  const requests = clauses.map((c) => clauses.length > 1 && fulltextTarget(c.trim(), words) === "");
  if (requests.some(Boolean) && clauses.every((c, i) => requests[i] || !asks(c, words))) return "";
  // `这篇原文麻烦全文发我一下 写论文要引用`: a space may stand for the comma before such a remark (a
  // description before the request, `他主持的这个会 全文发我看看`, names the report: below).
  const spaced = b.split(/\s+/u).filter((c) => c !== "");
  if (
    spaced.length > 1 &&
    fulltextTarget(spaced[0]!, words) === "" &&
    spaced.slice(1).every((c) => !asks(c, words) && fulltextTarget(c, words) === null)
  )
    return "";
  // `他主持的这个会 全文发我看看`: a strong full-text word, and a description that asks nothing.
  if (words.fulltextDescribed.some((w) => b.includes(w))) {
    const rest = cover(b, [...words.fulltextCore, ...words.fulltextFillers]);
    if (rest !== "" && !asks(rest, words)) return rest;
  }
  return null;
}

/** True when a clause asks something (a question word, or a question mark). */
function asks(clause: string, words: ConversationWords): boolean {
  return /[?？]/u.test(clause) || FACT_QUESTION.test(clause) || words.questionWords.test(clause);
}

/**
 * True when the message holds one of the core words (`全文`, `更多`) and nothing but them and
 * request words around them (`给我看下原文`, `更多细节`, `说详细点`) or a reference to what is in
 * focus, which asks about nothing else (`这个方案接着往下讲讲`).
 */
function onlyWordsOf(
  b: string,
  core: readonly string[],
  fillers: readonly string[],
  words: ConversationWords,
): boolean {
  if (!core.some((w) => b.includes(w))) return false;
  const all = [...core, ...fillers, ...words.referencePronouns].sort((x, y) => y.length - x.length);
  return namesNothing(cover(b, all), words);
}

/**
 * What is left of `text` once listed words are removed so that they cover as many characters as
 * possible. Unlike {@link strip}, overlapping words do not shadow each other: in `给我发过来看看`
 * removing `给我发` first would leave `过来`, a verb; the cover is `给我` `发过来` `看看`, nothing left.
 */
function cover(text: string, list: readonly string[]): string {
  const latin = list.filter((w) => /^[a-z' ]+$/i.test(w));
  const han = list.filter((w) => !/^[a-z' ]+$/i.test(w) && !/[\^(]/u.test(w));
  const s = Array.from(strip(text, latin));
  // best[i]: fewest characters left over in s[i…]; take[i]: the word's length taken at i (0: none).
  const best = new Array<number>(s.length + 1).fill(0);
  const take = new Array<number>(s.length + 1).fill(0);
  for (let i = s.length - 1; i >= 0; i--) {
    best[i] = best[i + 1]! + 1;
    for (const w of han) {
      const n = Array.from(w).length;
      if (n <= s.length - i && best[i + n]! < best[i]! && s.slice(i, i + n).join("") === w) {
        best[i] = best[i + n]!;
        take[i] = n;
      }
    }
  }
  let out = "";
  for (let i = 0; i < s.length; ) {
    if (take[i]! > 0) {
      out += " ";
      i += take[i]!;
    } else out += s[i++];
  }
  return out.replace(/\s+/g, " ").trim();
}

/**
 * True when what is left of a request once its listed words are gone names nothing: particles,
 * adverbs, pronouns, single characters (`往下`, `后面`, `甩我一下呗`), English function words
 * (`abt it`) — the reader's way of asking, not a topic (`多晶硅`, `出口`).
 */
export function namesNothing(rest: string, words: ConversationWords = WORDS): boolean {
  const text = rest.replace(/[\s'’?？!！,，.。:：~～…]+/gu, " ").trim();
  if (text === "") return true;
  const latin = text.match(/[a-z]+/giu) ?? [];
  if (latin.some((w) => !words.requestFunctionWordsEn.has(w.toLowerCase()))) return false;
  const han = text.replace(/[a-z]+/giu, " ").replace(/\s+/gu, "");
  return jieba()
    .tag(han, true)
    .every((t) => Array.from(t.word).length === 1 || !CONTENT_TAG.test(t.tag));
}

/** jieba's tags of words that name something (nouns, verbs, adjectives, names, numbers). */
const CONTENT_TAG = /^(?:n|v|a|m|i|l|j|t|s|eng)/u;

/** Removes each listed word (longest first) wherever it occurs, then trims. */
export function strip(text: string, list: readonly string[]): string {
  let out = ` ${text} `;
  for (const w of list) {
    if (/^[a-z' ]+$/i.test(w))
      out = out.replace(
        new RegExp(`(?<=[\\s'’]|^)${w.replace(/'/g, "['’]")}(?=[\\s?!.,]|$)`, "giu"),
        " ",
      );
    else out = out.split(w).join(" ");
  }
  return out.replace(/\s+/g, " ").trim();
}
