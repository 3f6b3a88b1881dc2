/**
 * Two questions in one message (`…多少？实际到了多少？`, `A和B分别是多少`, `…，以及…`, `…多少人， …又是多少人`, `…, and how
 * many…`): each part is answered and cited on its own. A later part often leaves out what the first
 * named (`实际到了多少？` — of the same session); the engine lends it the first part's words as weaker
 * context.
 */
import { jieba } from "../index/chinese-tokenizer.js";

/** At most this many parts: a message with more is rarely several questions, more often a list. */
const MAX_PARTS = 3;
const CLAUSE_END = /[？?]+/u;
// 分别/各 over a coordination: `A和B，分别是谁主持的` asks the same of A and of B.
const EACH = /分别|各自|各是|各有|各为|各(?=来了|到了|出席|参加)/u;
const COORDINATION = /和|与|及|跟|、/u;
// (`…, and like when was…`: a filler between `and` and the question word)
const ENGLISH_AND =
  /,?\s+and\s+(?:(?:like|also|then|so|um|uh|just|maybe)\s+)?(?=(?:how|who|what|when|where|which|by how)\b)/iu;
const ENGLISH_VERSUS =
  /^(.*\b(?:on|in|for|at|of|from)\s+)(.+?)\s+(?:vs\.?|versus|compared (?:with|to))\s+(.+?)[?？.]*$/iu;
const HAS_CONTENT = /[\p{Script=Han}A-Za-z\d]{2,}/u;

export function splitQuestion(text: string): string[] {
  const marked = text
    .split(CLAUSE_END)
    .map((p) => p.trim().replace(/^[，,、。；;]+/u, ""))
    .filter((p) => HAS_CONTENT.test(p));
  // What follows the last question mark and asks nothing (`…多少人次？kinda curious`, `…多少万吨？我记得
  // 跟碳纤维写在一块儿的。`) is the reader's remark, not a question to answer on its own.
  if (
    marked.length >= 2 &&
    !CLAUSE_END.test(text.trim().slice(-1)) &&
    !asksAnything(marked.at(-1)!)
  )
    marked.pop();
  const byMark = withoutPointers(marked);
  if (byMark.length >= 2) return byMark.slice(0, MAX_PARTS);
  const single = byMark[0] ?? text;
  const english = single
    .split(ENGLISH_AND)
    .map((p) => p.trim())
    .filter((p) => HAS_CONTENT.test(p));
  if (english.length >= 2) return english.slice(0, MAX_PARTS);
  // `calls on Sept 23 vs Oct 15?`: the same question of each side.
  const versus = ENGLISH_VERSUS.exec(single);
  if (versus !== null) return [`${versus[1]}${versus[2]}?`, `${versus[1]}${versus[3]}?`];
  const asked = splitAsked(single) ?? splitRunOn(single);
  if (asked !== null) return withoutPointers(asked);
  const both = single
    .split(/[，,]?以及|[；;]/u)
    .map((p) => p.trim())
    .filter((p) => HAS_CONTENT.test(p));
  if (both.length === 2 && both.every((p) => /多少|几|谁|哪|什么|何/u.test(p) || p.length >= 4))
    return both;
  return splitEach(single) ?? [single];
}

/**
 * `…依次通过了哪些文件？最后一个是什么`, `…要做哪三种人 第一种是啥`: a part that only points at an
 * item of the list the part before asks for is no question of its own — the list answers it, and
 * the reader reads its last or first item there. It goes, leaving the list question.
 */
function withoutPointers(parts: readonly string[]): string[] {
  return parts.filter((p, i) => i === 0 || !(POINTER.test(p) && ASKS_A_LIST.test(parts[i - 1]!)));
}
const POINTER =
  /^(?:那么?)?(?:最后|第[一二三四五六七八九十\d]+)(?:一)?[个种项张条份位家样]?(?:是|叫)?(?:什么|啥|谁|哪个|哪位|哪样)?(?:呢)?[？?。]*$/u;
const ASKS_A_LIST = /哪些|哪几|哪[一二三四五六七八九十两]|几个|几项|几种|几样|几份|几条/u;

// `多大`/`多高` ask a size (not `多大型企业`, `很多大学`); `几号`, `几月几日` ask a day.
const ASKS =
  /多少|(?<![这那近前好十])几(?!号线)|(?<![很许众诸])多[大高长久远](?![型学家会批众部])|谁|哪|什么|啥|何时|何地|怎么|怎样|咋|是否|有没有/u;

/** A clause that asks: a question word, a final 吗/呢/么, or English asking words. */
function asksAnything(clause: string): boolean {
  return (
    ASKS.test(clause) ||
    /[吗呢么嘛][。.!！\s]*$/u.test(clause) ||
    // (`…九千个银行卡账户？准确数`: the exact figure asked for)
    /(?:准确|具体|确切|精确)的?(?:数|数字|数据)/u.test(clause) ||
    ENGLISH_ASKS.test(clause)
  );
}
const ENGLISH_ASKS =
  /\b(?:how|what|who|whom|whose|when|where|which|why)\b|^\s*(?:and\s+|so\s+|like\s+)?(?:is|are|was|were|do|does|did|can|could|will|would|has|have|had|should)\b/iu;

/**
 * Two questions joined by a comma (or a space), each with its own question word (`第十四次会议出席了多少人，
 * 第十次会议又是多少人`): a part runs up to a clause that asks something.
 */
function splitAsked(text: string): string[] | null {
  // A phone keyboard's space often stands for the comma (`闭幕会在哪儿开的 第十次会议是哪天开的`,
  // `…回访了多少件 10月15号…`).
  const clauses = text
    .split(/[，,；;]|(?<=\p{Script=Han})\s+(?=[\p{Script=Han}\d])/u)
    .map((c) => c.trim())
    .filter((c) => HAS_CONTENT.test(c));
  // `…多少件 10月15号呢`, `…产能多少，电解铝呢`: a later clause ending in 呢 asks the same of it.
  const asks = (c: string, i: number) => ASKS.test(c) || (i > 0 && /呢$/u.test(c));
  if (clauses.filter(asks).length < 2) return null;
  const parts: string[] = [];
  let pending: string[] = [];
  for (const [i, clause] of clauses.entries()) {
    pending.push(clause);
    if (asks(clause, i)) {
      parts.push(pending.join("，"));
      pending = [];
    }
  }
  if (pending.length > 0) parts[parts.length - 1] += `，${pending.join("，")}`;
  return parts.slice(0, MAX_PARTS);
}

/**
 * Two questions run together as voice input writes them, unpunctuated: one asks, then `还有`/`另外`
 * starts the next (`…参加过几次…审议还有…机制是啥时候…提出来的`), or the next asks the same again of
 * something else with 又 (`…留言多少件十月十五号那天微信公众号又是多少件`). The second part begins
 * where its own setting does: the time, place or report named before its 又 (`十月十五号那天`,
 * `在省外`, `化工那篇`), not the nouns the first part's question word counts (`几家省级绿色工厂`).
 */
function splitRunOn(text: string): string[] | null {
  const cue = RUN_ON_CUE.exec(text);
  if (cue !== null) {
    const before = text.slice(0, cue.index).trim();
    const after = text.slice(cue.index + cue[0].length).trim();
    if (ASKS.test(before) && ASKS.test(after) && HAS_CONTENT.test(after)) return [before, after];
  }
  if (!text.includes("又")) return null;
  const tokens: { word: string; tag: string; start: number }[] = [];
  let at = 0;
  for (const { word, tag } of jieba().tag(text, true)) {
    const start = text.indexOf(word, at);
    tokens.push({ word, tag, start });
    at = start + word.length;
  }
  const again = tokens.findIndex(
    (t, i) =>
      t.word === "又" &&
      tokens.slice(0, i).some((b) => ASKS.test(b.word)) &&
      ASKS.test(text.slice(t.start + 1)),
  );
  if (again < 0) return null;
  // What stands between the first part's question word (and what it counts) and 又.
  let first = again;
  while (first > 0) {
    const t = tokens[first - 1]!;
    const counted = /^(?:q|zg)$/u.test(t.tag) && ASKS.test(tokens[first - 2]?.word ?? "");
    if (ASKS.test(t.word) || counted) break;
    first--;
  }
  // The earliest token there that opens a setting: a time or a date's first number, a
  // demonstrative, a preposition, a place word — or the noun a demonstrative follows (`化工` of
  // `化工那篇`).
  const demonstrative = (k: number) =>
    tokens[k] !== undefined && (tokens[k]!.tag === "r" || /^[那这]/u.test(tokens[k]!.word));
  const opens = (i: number) => {
    const t = tokens[i]!;
    return (
      /^(?:t|p|s)$/u.test(t.tag) ||
      (t.tag === "m" && tokens[i + 1]?.word === "月") ||
      demonstrative(i) ||
      (/^n/u.test(t.tag) && demonstrative(i + 1))
    );
  };
  const opening = tokens.slice(first, again).findIndex((_, k) => opens(first + k));
  const start = tokens[opening < 0 ? again : first + opening]!.start;
  const parts = [text.slice(0, start).trim(), text.slice(start).trim()];
  return parts.every((p) => HAS_CONTENT.test(p) && ASKS.test(p)) ? parts : null;
}
// (not at the start: `还有…吗` asks once)
const RUN_ON_CUE = /(?<=\p{Script=Han})(?:还有|另外|此外|再就是|再有)(?=\p{Script=Han})/u;

/** 分别/各 asked of one item: `各有` → `有`, `各是` → `是`, `各为` → `为`, `分别`/`各自` dropped. */
const ofOne = (each: string) =>
  each === "各是" ? "是" : each === "各有" ? "有" : each === "各为" ? "为" : "";

/** `9月23日和10月15日，12345热线分别接到多少群众来电` → one question per coordinated item. */
function splitEach(text: string): string[] | null {
  const each = EACH.exec(text);
  if (each === null) return null;
  const clauses = text.split(/[，,]/u);
  const index = clauses.findIndex((c) => COORDINATION.test(c) && !EACH.test(c));
  if (index < 0) return splitEachInClause(text, each);
  const items = clauses[index]!.split(new RegExp(COORDINATION.source, "gu"))
    .map((s) => s.trim())
    .filter((s) => HAS_CONTENT.test(s));
  if (items.length < 2) return null;
  const frame = (item: string) =>
    clauses
      .map((c, i) => (i === index ? item : c))
      .join("，")
      .replace(EACH, ofOne);
  return items.slice(0, MAX_PARTS).map(frame);
}

/**
 * The items and 各/分别 in one clause (`第十四次会议和第十次会议各有多少人出席`): the items are what
 * comes before 各, the question what follows it.
 */
function splitEachInClause(text: string, each: RegExpExecArray): string[] | null {
  const before = text.slice(0, each.index);
  const start = Math.max(before.lastIndexOf("，"), before.lastIndexOf(",")) + 1;
  const items = before
    .slice(start)
    .split(new RegExp(COORDINATION.source, "gu"))
    .map((s) => s.trim())
    .filter((s) => HAS_CONTENT.test(s));
  if (items.length < 2) return null;
  const asked = text.slice(each.index).replace(EACH, ofOne);
  if (!ASKS.test(asked)) return null;
  return items.slice(0, MAX_PARTS).map((item) => `${text.slice(0, start)}${item}${asked}`);
}
