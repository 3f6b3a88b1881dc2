import data from "./data/conversation-words.json" with { type: "json" };

/**
 * The trigger words, pronouns and intent patterns of `data/conversation-words.json`, compiled
 * once. Kept as data so that a new way of saying "more" is a line in a JSON file.
 */
export interface ConversationWords {
  more: ReadonlySet<string>;
  /** Words that ask for more (`更多`, `细节`, `details`), whatever request words surround them. */
  moreCore: readonly string[];
  /** Request words around them (`给我`, `说说`, `一点`, `tell me`): nothing else may be left. */
  moreFillers: readonly string[];
  fulltext: ReadonlySet<string>;
  /** Words that ask for the whole article (`全文`, `完整报道`), whatever request words surround them. */
  fulltextCore: readonly string[];
  /** Request words around them (`给我看`, `这篇`, `show me the`): nothing else may be left. */
  fulltextFillers: readonly string[];
  /**
   * Full-text words strong enough to carry a description of the article (`他主持的这个会 全文发我`,
   * `开发区化工那篇全文`): what is left is the article asked for, when it asks nothing.
   */
  fulltextDescribed: readonly string[];
  browse: RegExp;
  browseFillers: readonly string[];
  summary: RegExp;
  summaryWords: readonly string[];
  summaryFillers: readonly string[];
  activity: RegExp;
  activityEn: RegExp;
  activityVerbs: readonly string[];
  personTitles: readonly string[];
  personPronouns: readonly string[];
  referencePronouns: readonly string[];
  /**
   * The people or things the last answer was about, as a group (`他们表示要当好什么`, `大家…`): no
   * one name stands for them, so the question is not rewritten; the report in focus is read first.
   */
  groupPronouns: readonly string[];
  /**
   * A message that says it changes the subject (`换个话题 …`, `Another question: …`): what follows
   * stands on its own, and the words saying so are no part of the question (nor of the frame the
   * next ellipsis re-asks).
   */
  topicChange: RegExp;
  reporter: RegExp;
  ellipsis: RegExp;
  ellipsisEn: RegExp;
  questionWords: RegExp;
  topicCut: readonly string[];
  genericWords: ReadonlySet<string>;
  attributeSuffixes: readonly string[];
  /**
   * Nouns naming what a report counts by kind (`诉求`, `问题`): `消费维权呢` after `物业管理的诉求…`
   * names another kind of them, in the place of the kind before 的.
   */
  categoryHeads: readonly string[];
  /** English words that name nothing in a request (`can u send the whole thing`, `abt it`). */
  requestFunctionWordsEn: ReadonlySet<string>;
  /** What an English ellipsis asks of the same item (`and the exports?` → 出口), not an item. */
  attributeWords: ReadonlySet<string>;
  /** What a Chinese ellipsis asks of the same figure (`同比呢`, `增速呢`): how it changed. */
  changeWords: ReadonlySet<string>;
  /** A question asking which company (`哪家`, `which firm`): its answer names one. */
  organisationQuestion: RegExp;
  /** How a company's name ends (`有限公司`, `集团`), longest first. */
  organisationSuffixes: readonly string[];
}

/** Longest first, so that `总结一下` is removed before `总结` leaves `一下` behind. */
const longestFirst = (xs: readonly string[]) => [...xs].sort((a, b) => b.length - a.length);

export const WORDS: ConversationWords = {
  more: new Set(data.more),
  moreCore: longestFirst(data.moreCore),
  moreFillers: longestFirst(data.moreFillers),
  fulltext: new Set(data.fulltext),
  fulltextCore: longestFirst(data.fulltextCore),
  fulltextFillers: longestFirst(data.fulltextFillers),
  fulltextDescribed: data.fulltextDescribed,
  browse: new RegExp(data.browsePattern, "iu"),
  browseFillers: longestFirst(data.browseFillers),
  summary: new RegExp(data.summaryPattern, "iu"),
  summaryWords: longestFirst(data.summaryWords),
  summaryFillers: longestFirst(data.summaryFillers),
  activity: new RegExp(data.activityPattern, "u"),
  activityEn: new RegExp(data.activityPatternEn, "iu"),
  activityVerbs: data.activityVerbs,
  personTitles: longestFirst(data.personTitles),
  personPronouns: data.personPronouns,
  referencePronouns: longestFirst(data.referencePronouns),
  groupPronouns: data.groupPronouns,
  topicChange: new RegExp(data.topicChangePattern, "iu"),
  reporter: new RegExp(data.reporterPattern, "iu"),
  ellipsis: new RegExp(data.ellipsisPattern, "u"),
  ellipsisEn: new RegExp(data.ellipsisPatternEn, "iu"),
  questionWords: new RegExp(data.questionWords, "iu"),
  topicCut: data.topicCut,
  genericWords: new Set(data.genericWords),
  attributeSuffixes: data.attributeSuffixes,
  categoryHeads: data.categoryHeads,
  requestFunctionWordsEn: new Set(data.requestFunctionWordsEn),
  attributeWords: new Set(data.attributeWords),
  changeWords: new Set(data.changeWords),
  organisationQuestion: new RegExp(data.organisationQuestion, "iu"),
  organisationSuffixes: longestFirst(data.organisationSuffixes),
};

/**
 * The message without surrounding blanks and closing punctuation, lower case: how triggers compare.
 */
export function bare(text: string): string {
  return text
    .normalize("NFKC")
    .trim()
    .replace(/[\s？?！!。.，,、~～…]+$/u, "")
    .replace(/^[\s，,]+/u, "")
    .toLowerCase();
}
