import { DAY_IN_TEXT, FIRST_ORDINAL } from "../answer/question.js";
import { jieba, normalizeForSearch, tokenize } from "../index/chinese-tokenizer.js";
import type { TurnContext } from "./state.js";
import type { SlotFinder } from "./siblings.js";
import { bare, WORDS, type ConversationWords } from "./words.js";
import { occurrences } from "../util/occurrences.js";

export type ResolutionRule =
  | "standalone"
  | "ellipsis"
  | "pronoun"
  | "implicit-topic"
  | "no-context";

export interface Resolution {
  /** The question to answer, standing on its own. */
  question: string;
  rewritten: boolean;
  rule: ResolutionRule;
  /** For an ellipsis: the word put into the frame (it becomes the next context's `topic`). */
  topic: string | null;
  /**
   * The article the question points at (`这篇报道里…`, `该活动…`, or a question with no topic of
   * its own): its answer is looked for there first. null when the question names its own topic.
   */
  focus: string | null;
  /**
   * The question points at the report in focus by a pronoun only (`how many proposals were filed at
   * it?`): another report cannot answer it, so nothing found there is "not found".
   */
  onlyFocus?: boolean;
}

export interface ResolveOptions {
  /** Text the reader highlighted in the answer replied to: it becomes the focus. */
  quote?: string | undefined;
  /** Tells a person's name from other text (built from the pages: see people.ts). */
  isPerson?: (text: string) => boolean;
  /** The headline of an article, for words that only name the article's context. */
  titleOf?: (articleId: string) => string | null;
  words?: ConversationWords;
  /** Tells which word of the last question an ellipsis replaces, from the pages (siblings.ts). */
  slots?: SlotFinder;
  /** Whether the pages print a text: a topic jieba cut in two (`博士后|工作站`) is replaced whole. */
  isPrinted?: (text: string) => boolean;
  /**
   * Whether an article's text holds a word: a question all of whose words the report in focus holds
   * goes on with it.
   */
  articleHolds?: (articleId: string, word: string) => boolean;
}

const FUNCTION_CHARS = "的了是在由和与及对给把将为于共有";
/** One-character adverbs that start what follows a noun (`铝液|就地`, `多晶硅|都`), never end it. */
const ADVERB_CHARS = "就都也还又再已才均全仅只";

/**
 * Turns a follow-up into the standalone question it means, conservatively: only a message that
 * cannot stand on its own is rewritten.
 * - ellipsis: `那锂电池呢？` / `what about X` re-asks the last question with X in place of its topic;
 * - pronouns and references: 他/她/he → the person in focus; 这篇报道/该会议/它/this report → what
 *   the last question was about;
 * - a question with no topic words of its own (`谁主持的？`, `出席人数是多少？`) gets the last
 *   question's subject in front.
 * A question with its own topic words and no pronoun is never rewritten: a new topic.
 */
export function resolveFollowUp(
  text: string,
  context: TurnContext | null,
  options: ResolveOptions = {},
): Resolution {
  const words = options.words ?? WORDS;
  const question = text.trim();
  const asIs = (rule: ResolutionRule): Resolution => ({
    question,
    rewritten: false,
    rule,
    topic: null,
    focus: null,
  });
  const focus = context?.articles[0] ?? null;
  const quote = options.quote?.trim() || undefined;
  if (context === null && quote === undefined) return asIs("no-context");
  const person =
    quote !== undefined && (options.isPerson?.(quote) ?? false) ? quote : (context?.person ?? null);
  // A person is no stand-in for 该会议/这篇报道: those mean the report in focus.
  const contextSubject =
    context?.subject && !(options.isPerson?.(context.subject) ?? false) ? context.subject : null;
  const subject =
    quote !== undefined && person !== quote
      ? quote
      : (contextSubject ?? (context ? titleOfFocus(context, options) : null));

  // 1. Ellipsis: `那X呢`, `X呢`, `what about X`.
  if (context !== null) {
    const x = chineseEllipsisItem(question, words);
    if (x !== null) {
      // After an English question the frame is English (`那锂电池呢？` → `How much 锂电池 did…`).
      // A share of another whole (`那占全省呢` after `…占全市多少`) puts the whole in its place.
      const share = /^占/u.test(x) && SHARE_OF_WHOLE.test(context.q);
      // `同比呢？` after `…锂离子蓄电池出口多少？`: how the same figure changed, its topic kept.
      const change = words.changeWords.has(x) ? askChange(context.q, x) : null;
      const frame = share
        ? context.q.replace(SHARE_OF_WHOLE, x)
        : (change ??
          (/\p{Script=Han}/u.test(context.q)
            ? substitute(context.q, x, context, options, words, KIND_ELLIPSIS.test(bare(question)))
            : substituteEnglish(context.q, x, context.topic)));
      if (frame !== null)
        return {
          question: frame,
          rewritten: true,
          rule: "ellipsis",
          // (a change asked is of the same thing: the topic the next ellipsis replaces stays)
          topic: change !== null ? context.topic : x,
          focus: null,
        };
    }
    const en = words.ellipsisEn.exec(question.replace(/[?？!.]+$/u, "").trim());
    // `and who chaired it?` asks anew; `and aluminium deep processing?` puts X in the frame.
    if (en?.[1] && !ENGLISH_QUESTION_WORD.test(en[1])) {
      // (`and the little giants?`: the article is no part of the thing put in the frame)
      const thing = en[1].trim().replace(/^(?:the|a|an)\s+/iu, "");
      const frame = substituteEnglish(context.q, thing, context.topic);
      if (frame !== null)
        return {
          question: frame,
          rewritten: true,
          rule: "ellipsis",
          topic: thing,
          focus: null,
        };
    }
  }

  // 2. Pronouns and references.
  let rewritten = question;
  if (person !== null) rewritten = replacePersonPronouns(rewritten, person, words);
  const withPerson = rewritten;
  // An English question's `it` / `this report` stays as written: a Chinese subject or headline
  // put into English words is read by neither language; the report in focus is read first
  // instead (rule 4).
  const english = !/\p{Script=Han}/u.test(question);
  if (subject !== null && !(english && focus !== null))
    rewritten = replaceReferences(
      rewritten,
      subject,
      words,
      context ? titleOfFocus(context, options) : null,
    );
  if (rewritten !== question)
    return {
      question: rewritten,
      rewritten: true,
      rule: "pronoun",
      topic: null,
      // A report or event referred to is the one in focus; a person may appear in any report,
      // but an English question about them goes on from the last answer (rule 4), which is read
      // first: its words are translated one by one, and the report is what they lack.
      focus: rewritten !== withPerson || english ? focus : null,
    };

  // 2b. `他们表示要当好什么角色`, `大家说要做什么`: a group the last answer was about — the
  // report in focus holds the answer, however many words of its own the question has.
  if (focus !== null && !english && words.groupPronouns.some((p) => question.includes(p)))
    return { ...asIs("pronoun"), focus };

  // 3. No topic of its own: the last question's subject in front.
  if (
    subject !== null &&
    /\p{Script=Han}/u.test(question) &&
    topicWords(question, words).length === 0
  ) {
    const body = question.replace(/^(那么|那|请问|那请问)/u, "");
    // `占全市多少` after `…完成固定资产投资多少`: the share of that very figure — the last question
    // without its question word, not only its subject.
    const figure =
      /^占/u.test(body) && context !== null && /\p{Script=Han}/u.test(context.q)
        ? context.q.replace(ASKED_FIGURE, "")
        : null;
    // (the thing the last ellipsis put in the frame, `光伏组件`, must be in the answer: another
    // item's share beside it is not its)
    if (figure !== null && figure !== context?.q && figure.length > 0)
      return {
        question: `${figure}${body}`,
        rewritten: true,
        rule: "implicit-topic",
        topic: context?.topic ?? null,
        focus,
      };
    return {
      question: `${subject}${body}`,
      rewritten: true,
      rule: "implicit-topic",
      topic: null,
      focus,
    };
  }
  // 3b. `and how fast did they grow?` after `How much were the zone's lithium-ion battery exports?`:
  // `they` is the thing the last English question asked about, named in its words.
  // `what share of the province is that?` after `How many innovative SMEs did the zone newly
  // certify in 2024?`: the share of that very figure, asked with the last question's words.
  if (
    english &&
    context !== null &&
    context.lang === "en" &&
    ENGLISH_SHARE_OF_THAT.test(question)
  ) {
    const last = context.q.trim().replace(/[?？.!]+$/u, "");
    return {
      question: `${last} - ${question.replace(/^\s*(?:and|so)\s+/iu, "")}`,
      rewritten: true,
      rule: "pronoun",
      topic: null,
      focus,
    };
  }
  // `what about polysilicon exports, how much did they grow?`: `they` is the X it names.
  if (english && context !== null && context.lang === "en") {
    const about = ENGLISH_ABOUT_THEN_ASKS.exec(question);
    const named = about ? about[1]!.trim() : englishSubject(context.q);
    const plural = /\b(?:they|them|their)\b/iu;
    if (named !== null && plural.test(about ? about[2]! : question)) {
      const own = (about ? about[2]! : question).replace(/^\s*(?:and|so|also|then)\s+/iu, "");
      return {
        question: own
          .replace(/\btheir\b/iu, `${named}'s`)
          .replace(/\b(?:they|them)\b/iu, named)
          .replace(/^./u, (c) => c.toUpperCase()),
        rewritten: true,
        rule: "pronoun",
        topic: null,
        // (a question that names its X is about X wherever the pages give it, as an ellipsis is)
        focus: about ? null : focus,
      };
    }
  }
  // 4. An English follow-up that goes on from the last answer (`And how much money was frozen?`,
  // `What did they say about it?`) reads the report in focus first; it is not rewritten — English
  // questions are translated word by word, and the report is what they lack.
  if (
    focus !== null &&
    !/\p{Script=Han}/u.test(question) &&
    (ENGLISH_GOING_ON.test(question) ||
      ENGLISH_IT.test(question) ||
      pointsBackInEnglish(question, words))
  )
    return {
      ...asIs("standalone"),
      focus,
      onlyFocus: ENGLISH_IT.test(question) || pointsBackInEnglish(question, words),
    };
  // 5. `座谈会谁主持的` after the report on a 座谈会: every word the question names is in the report
  // in focus, so it is read first (another report holding the same words answers only when this
  // one does not). A question naming anything the report lacks is a new topic, as it was.
  if (focus !== null && !english && options.articleHolds !== undefined) {
    const own = topicWords(question, words);
    if (own.length > 0 && own.every((w) => options.articleHolds!(focus, w)))
      return { ...asIs("standalone"), focus };
  }
  return asIs("standalone");
}

/**
 * The X of a Chinese ellipsis (`那锂电池呢`, `咁新能源嗰個呢`, `生物经济的呢`): what the last
 * question is asked again of; null when the message is none, or asks something of its own (a
 * question word) or about someone (`他说这个会开得怎么样` is a question about him).
 */
export function chineseEllipsisItem(
  question: string,
  words: ConversationWords = WORDS,
): string | null {
  const x = words.ellipsis.exec(bare(question))?.[1]?.trim();
  if (!x || words.questionWords.test(x) || Array.from(x).length > 16) return null;
  return words.personPronouns.some((p) => personPronoun(p, "u").test(x)) ? null : x;
}

/**
 * What an English question asks about, in its words: the noun phrase after the question word and
 * its verb (`How much were | the zone's lithium-ion battery exports in 2024`, `What's | the zone's
 * battery capacity`); null when the verb is a doing (`Who chaired the meeting?`: `they` after it is
 * people, not the meeting).
 */
export function englishSubject(question: string): string | null {
  const q = question.trim().replace(/[?？.!]+$/u, "");
  // (`and the exports?`, itself a follow-up: the thing it names)
  const m = ENGLISH_ASKS_ABOUT.exec(q) ?? ENGLISH_AND_X.exec(q);
  const named = m?.[1]?.trim();
  return named && /^(?:the|this|that|these|those)\b|'s\b/iu.test(named) ? named : null;
}
// `what share of the province is that?`, `what percentage of the city does it make?`
const ENGLISH_SHARE_OF_THAT =
  /^\s*(?:and |so )?(?:what|which) (?:share|proportion|percentage|percent) of (?:the )?(?:whole )?(?:province|city|country|nation|national total|provincial total|city's total|province's total)(?:'s total)? (?:is|was|does|did) (?:that|it|this)(?: make| represent| account for)?\s*\??\s*$/iu;
const ENGLISH_AND_X = /^(?:and|(?:and\s+)?(?:what|how)\s+about)\s+([^,]+)$/iu;
const ENGLISH_ABOUT_THEN_ASKS = /^\s*(?:and\s+)?(?:what|how)\s+about\s+([^,]+),\s*(.+)$/iu;
const ENGLISH_ASKS_ABOUT =
  /^(?:(?:and|so|also|then)\s+)?(?:how\s+(?:much|fast|big|large|high|far)|what|which\s+\w+)(?:'s|\s+(?:is|are|was|were|did|do|does|has|have|had))\s+(.+)$/iu;

/** `the handover`, `the meeting`: an English reference (conversation-words' referencePronouns). */
function pointsBackInEnglish(question: string, words: ConversationWords): boolean {
  const q = ` ${question.toLowerCase().replace(/[^a-z ]+/gu, " ")} `;
  return words.referencePronouns.some((r) => /^[a-z ]+$/u.test(r) && q.includes(` ${r} `));
}

// `it`, `this report`, `who spoke there?`: the report in focus itself (not `and…`, which may go on
// to another day's; not `is there…`, which asks whether something exists).
const ENGLISH_IT = /\b(?:it|its|this|that)\b|\bthere\s*[?.!]*\s*$/iu;

// `And…`, `Also…`, or a pronoun standing for what the last answer was about (with ENGLISH_IT's).
const ENGLISH_GOING_ON = /^\s*(?:and|also|so|then)\b|\b(?:they|them|their|these|those)\b/iu;

/**
 * The question's own topic words: its content words that are neither question words nor generic,
 * nor bare verbs (`是谁提出的？` names no topic: 提出 is what was done, not what about).
 */
export function topicWords(question: string, words: ConversationWords = WORDS): string[] {
  return contentWords(question).filter(
    (w) =>
      !words.questionWords.test(w) &&
      !isGeneric(w, words) &&
      !words.personPronouns.includes(w) &&
      !isBareVerb(w),
  );
}

/** A generic word, or one made of two (`主办单位` = 主办 + 单位): it names no topic either. */
function isGeneric(word: string, words: ConversationWords): boolean {
  if (words.genericWords.has(word)) return true;
  const chars = Array.from(word);
  for (let i = 1; i < chars.length; i++) {
    if (
      words.genericWords.has(chars.slice(0, i).join("")) &&
      words.genericWords.has(chars.slice(i).join(""))
    )
      return true;
  }
  return false;
}

function isBareVerb(word: string): boolean {
  const tags = jieba().tag(word, true);
  return tags.length === 1 && tags[0]!.tag === "v";
}

/** The longest jieba words of a text (no sub-words), plus its numbers and dates. */
function contentWords(text: string): string[] {
  const terms = tokenize(text);
  const ws = [...new Set(terms.filter((t) => t.startsWith("w:")).map((t) => t.slice(2)))].filter(
    (w) => Array.from(w).length >= 2 || /[a-z]/.test(w),
  );
  const longest = ws.filter((w) => !ws.some((o) => o !== w && o.includes(w)));
  const numbers = [
    ...new Set(terms.filter((t) => /^n:\d+(\.\d+)?$/.test(t)).map((t) => t.slice(2))),
  ];
  return [...longest, ...numbers];
}

/**
 * What a question is about: its beginning, up to the first word that starts the asking
 * (`全市生态环境保护大会是哪天召开的` → `全市生态环境保护大会`). Null when that leaves too little.
 */
export function subjectOf(question: string, words: ConversationWords = WORDS): string | null {
  const q = question.trim().replace(/[？?！!。]+$/u, "");
  // An English question is cut by no Chinese words, even with a name in Chinese in it (`What did
  // 段发达 stress?`): its subject is the report in focus.
  if (!/\p{Script=Han}/u.test(q) || /[A-Za-z]+\s+[A-Za-z]+/u.test(q)) return null;
  let cut = q.length;
  for (const w of words.topicCut) {
    const at = q.indexOf(w);
    if (at >= 2 && at < cut) cut = at;
  }
  let subject = q
    .slice(0, cut)
    .replace(/^(请问|那么|那)/u, "")
    .replace(/[的，,、\s]+$/u, "");
  // What was asked of it is no part of it: `护苗绿书签行动的主题` is about 护苗绿书签行动, and
  // `那个活动` after it means the campaign, not its theme.
  const of = subject.lastIndexOf("的");
  if (of >= 2 && words.attributeSuffixes.includes(subject.slice(of + 1))) {
    subject = subject.slice(0, of);
  }
  return Array.from(subject).length >= 2 && topicWords(subject, words).length > 0 ? subject : null;
}

function titleOfFocus(context: TurnContext, options: ResolveOptions): string | null {
  const id = context.articles[0];
  const title = id ? options.titleOf?.(id) : null;
  return title ? `《${title}》` : null;
}

/** A day written in digits or in Chinese numerals (`3月25日`, `三月二十五号`). */
const ANY_DAY =
  /(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号]/gu;

/** The last question with X in place of its topic, or null when no slot fits X. */
function substitute(
  frame: string,
  x: string,
  context: TurnContext,
  options: ResolveOptions,
  words: ConversationWords,
  kind = false,
): string | null {
  // A date replaces a date (`那9月23日呢`), however the last question wrote it (`10/15`); a date
  // with a thing (`那9月23日那天的物业呢`) replaces the date, and the thing then its own slot — none
  // when the frame names it already (`物业` of `物业管理`).
  if (DAY_IN_TEXT.test(x) && FRAMED_DAY.test(frame)) {
    const day = DAY_IN_TEXT.exec(x)![0];
    const dated = frame.replace(FRAMED_DAY, day);
    const rest = x
      .replace(DAY_IN_TEXT, "")
      .replace(/^(?:那天|当天|这天|那日)?的?/u, "")
      .replace(/的$/u, "")
      .trim();
    if (Array.from(rest).length < 2 || dated.includes(rest)) return dated;
    return substitute(dated, rest, context, options, words, kind) ?? dated;
  }
  // An ordinal replaces an ordinal, with what it counts (`第十四次会议呢` after `…人大常委会第十次
  // 会议…`): the body it belongs to stays.
  const asked = FIRST_ORDINAL.exec(x);
  const framed = FIRST_ORDINAL.exec(frame);
  if (asked !== null && framed !== null && asked.index === 0) {
    const counted = x.slice(asked[0].length);
    const after = frame.slice(framed.index + framed[0].length);
    // (another session is another day: `三月二十五号…第十四次会议` asked of 第十次 drops the day)
    if (counted === "" || after.startsWith(counted))
      return (frame.slice(0, framed.index) + x + after.slice(counted.length))
        .replace(ANY_DAY, "")
        .trim();
  }
  // X with a deed of its own (`冻结的涉诈资金` after `西宁公安今年以来成功破获了多少起电诈案件`): it
  // takes the place of the frame's deed and what it counts — the setting before them stays.
  const deedAndThing = doneThing(frame, x);
  if (deedAndThing !== null) return deedAndThing;
  // X the frame already names (`国画` of `…书法篆刻国画摄影作品展，书法篆刻入展多少幅`) stands in a
  // name or a list of its siblings there: the slot is in another clause, where the question asks.
  const xClauses = clausesHolding(frame, x);
  const outsideX = (at: number) => !xClauses.some(([from, to]) => at >= from && at < to);
  const firstOutsideX = (word: string) => occurrences(frame, word).find(outsideX) ?? -1;
  const all = wordSpans(frame);
  // (`复合肥的产能呢` after `…铝液就地转化率多少`: X names its own attribute, which takes the place
  // of the frame's too)
  const through = (end: number) => attributeEnd(frame, all, end, x, words);
  // The word the last ellipsis put there.
  if (context.topic && frame.includes(context.topic)) {
    const at = firstOutsideX(context.topic);
    if (at >= 0)
      return joinWithout(frame.slice(0, at), x, frame.slice(through(at + context.topic.length)));
  }
  // …and its neighbours there are its siblings (`书法篆刻`, `摄影`): where the question names one
  // again, X takes its place (`…，国画入展多少幅`).
  if (xClauses.length > 0) {
    const beside = all.flatMap((s, i) => {
      if (outsideX(s.start)) return [];
      const next = all[i + 1];
      const previous = all[i - 1];
      const nextAfter = all[i + 2];
      return [
        // (two words jieba cut apart before X, `书法|篆刻`, are one sibling)
        ...(next &&
        nextAfter &&
        nextAfter.word === x &&
        next.start === s.end &&
        nextAfter.start === next.end
          ? [frame.slice(s.start, next.end)]
          : []),
        ...(next?.word === x && next.start === s.end ? [s.word] : []),
        ...(previous?.word === x && previous.end === s.start ? [s.word] : []),
      ];
    });
    for (const sibling of beside.sort((a, b) => b.length - a.length)) {
      const at = firstOutsideX(sibling);
      if (at >= 0) return joinWithout(frame.slice(0, at), x, frame.slice(at + sibling.length));
    }
  }
  const spans = all.filter(
    (s) => !words.questionWords.test(s.word) && s.word !== x && outsideX(s.start),
  );
  // `那供暖的呢` after `…物业管理的诉求有多少件`: X的 names another kind of the same thing, so it
  // takes the place of the kind before the frame's 的 — not of the place, body or day that may stand
  // there (`开发区的多晶硅…`: the report's setting, in its headline). Not of whom a 谁 question asks
  // (`列席的副省长是谁` → `那省法院的呢`: the court's one, in the title's place).
  // (`消费维权呢` too, when what follows the frame's 的 is a kind a report counts: `…的诉求`)
  const categoryAfter = (s: Span) =>
    words.categoryHeads.some((h) => frame.startsWith(`的${h}`, s.end));
  if ((kind || spans.some(categoryAfter)) && !PERSON_ASKED.test(frame)) {
    const title = context.articles[0] ? (options.titleOf?.(context.articles[0]) ?? "") : "";
    const kinds = spans.filter(
      (s) =>
        frame.startsWith("的", s.end) &&
        (kind || categoryAfter(s)) &&
        spans.some((t) => t.start === s.end + 1) &&
        !/\d/u.test(s.word) &&
        !words.genericWords.has(s.word) &&
        !title.includes(s.word) &&
        !/^(?:ns|nt|nr|t)/u.test(jieba().tag(s.word)[0]?.tag ?? "ns"),
    );
    const slot = kinds.at(-1);
    if (slot !== undefined) return frame.slice(0, slot.start) + x + frame.slice(slot.end);
  }
  const xChars = Array.from(x);
  // A word of the same kind: one sharing X's last two characters or more (`新材料产业` for `新能源产业`,
  // `单晶硅` for `多晶硅`), widened leftwards over modifiers until as long as X.
  let best: { span: Span; shared: number } | null = null;
  for (const span of spans) {
    const shared = commonSuffix(Array.from(span.word), xChars);
    if (shared >= 2 && (best === null || shared >= best.shared)) best = { span, shared };
  }
  if (best !== null) {
    let { start } = best.span;
    const end = best.span.end;
    while (end - start < x.length) {
      const before = spans.find((s) => s.end === start);
      if (before) {
        if (/\d/.test(before.word) || words.genericWords.has(before.word)) break;
        start = before.start;
        continue;
      }
      // A one-character modifier jieba left on its own (`新` of `新材料产业`), never a function word.
      const char = frame[start - 1];
      if (
        char === undefined ||
        !/\p{Script=Han}/u.test(char) ||
        FUNCTION_CHARS.includes(char) ||
        spans.some((s) => s.start < start && s.end > start - 1)
      )
        break;
      start -= 1;
    }
    return joinWithout(frame.slice(0, start), x, frame.slice(through(end)));
  }
  // A word the pages print in the same places as X (`新能源` for `新材料`: both stand before 产业,
  // after a comma): an item of the same list.
  // (two words jieba cut apart, `光伏|电池`, are one item where the pages print them together:
  // `切片` takes the place of `光伏电池`, not of `光伏`)
  const items = spans.filter((s) => !/\d/.test(s.word) && !words.genericWords.has(s.word));
  const compounds = items.flatMap((s) => {
    const next = items.find((o) => o.start === s.end);
    return next ? [frame.slice(s.start, next.end)] : [];
  });
  const single = options.slots?.sibling(
    x,
    items.map((s) => s.word),
  );
  // (the word found widened to the compound the pages print it in, `光伏` to `光伏电池`; never a
  // compound on its own, which may be the frame's setting: `千亿|投资计划`)
  const widened = compounds.filter((c) => single && c.includes(single));
  const sibling = (widened.length > 0 ? options.slots?.sibling(x, widened) : null) ?? single;
  if (sibling) {
    // A sibling found as the head of one word (`主席` of `主席台`) that another word of the frame
    // ends with (`副主席`): that word is the item, its modifier included (`秘书长呢` → 秘书长 in
    // 副主席's place, not in 主席台's).
    const whole = spans.some((s) => s.word === sibling);
    const tail = whole
      ? undefined
      : spans.find((s) => s.word !== sibling && s.word.endsWith(sibling));
    if (tail !== undefined) return frame.slice(0, tail.start) + x + frame.slice(through(tail.end));
    // Where the frame has it as a word of its own (`副|主席`), not as the head of another (`主席台`),
    // with a one-character modifier jieba left on its own (`副`): `秘书长呢` asks of the 秘书长, not
    // of a 副秘书长.
    const free =
      occurrences(frame, sibling).find(
        (i) =>
          outsideX(i) &&
          !all.some((s) => s.word !== sibling && s.start <= i && i + sibling.length <= s.end),
      ) ?? -1;
    const before = free > 0 ? frame[free - 1] : undefined;
    const at =
      free < 0
        ? firstOutsideX(sibling)
        : before !== undefined &&
            /\p{Script=Han}/u.test(before) &&
            !FUNCTION_CHARS.includes(before) &&
            !all.some((s) => s.start <= free - 1 && s.end > free - 1)
          ? free - 1
          : free;
    const own = free < 0 ? undefined : spans.find((s) => s.start === free && s.word === sibling);
    if (at >= 0) {
      const span = own ?? spans.find((s) => s.start === at && s.word === sibling);
      const end = span
        ? trailingChar(frame, spans, span, words).end
        : (free < 0 ? at : free) + sibling.length;
      return frame.slice(0, at) + x + frame.slice(through(end));
    }
  }
  // Else the topic: the last content word that is neither the frame's attribute (`出口额`) nor
  // part of the focus article's headline (`西宁开发区`: the setting, not the topic).
  const title = context.articles[0] ? (options.titleOf?.(context.articles[0]) ?? "") : "";
  const candidates = spans.filter(
    (s) =>
      Array.from(s.word).length >= 2 &&
      !/\d/.test(s.word) &&
      !words.genericWords.has(s.word) &&
      // (nor how it changed: `增长` of `…出口同比增长多少` is asked of the topic)
      !words.changeWords.has(s.word) &&
      !words.attributeSuffixes.some((suffix) => s.word.endsWith(suffix)) &&
      !title.includes(s.word),
  );
  // (a word sharing two characters in a row with X is of its kind, wherever it stands: `单晶硅棒呢`
  // after `…多晶硅出口占全国同类产品出口的比重…` puts it in 多晶硅's place, not in 同类产品's)
  // (not a word X holds whole, `光伏` of `光伏组件`: that is X's modifier, standing in a compound)
  const last =
    candidates.findLast((s) => !x.includes(s.word) && sharesTwoInARow(s.word, x)) ??
    candidates.at(-1);
  if (!last) return null;
  const slot = { ...trailingChar(frame, spans, last, words) };
  // `新增博士后工作站几个` → `专精特新的呢`: the pages print `博士后工作站` whole, so it is one topic,
  // not its last word.
  for (;;) {
    const before = spans.find((s) => s.end === slot.start);
    if (
      before === undefined ||
      /\d/.test(before.word) ||
      words.genericWords.has(before.word) ||
      // (a verb before it is the question's own: `新增`; a place or body is the setting:
      // `西宁开发区` of `西宁开发区多晶硅出口额`)
      /^(?:v|ns|nt)/u.test(jieba().tag(before.word)[0]?.tag ?? "v") ||
      title.includes(before.word) ||
      !(options.isPrinted?.(frame.slice(before.start, slot.end)) ?? false)
    )
      break;
    slot.start = before.start;
  }
  // X names its own attribute (`循环经济工业产值比重呢？` after `…铝液就地转化率是多少？`): it takes
  // the place of the topic and the frame's attribute both.
  const attribute = spans.find(
    (s) => s.start >= slot.end && words.attributeSuffixes.some((suffix) => s.word.endsWith(suffix)),
  );
  if (attribute && words.attributeSuffixes.some((suffix) => x.endsWith(suffix)))
    return frame.slice(0, slot.start) + x + frame.slice(attribute.end);
  return joinWithout(frame.slice(0, slot.start), x, frame.slice(slot.end));
}

/**
 * Where X's replacement ends when X names its own attribute (`复合肥的产能`, `…比重`): after the
 * frame's attribute that follows the slot in the same clause (`就地转化率` of `铝液就地转化率多少`),
 * else at the slot's end.
 */
function attributeEnd(
  frame: string,
  spans: readonly Span[],
  end: number,
  x: string,
  words: ConversationWords,
): number {
  const isAttribute = (w: string) => words.attributeSuffixes.some((suffix) => w.endsWith(suffix));
  if (!isAttribute(x)) return end;
  const clause = frame.slice(end).search(/[，,。？?！!；;\s]/u);
  const limit = clause < 0 ? frame.length : end + clause;
  const attribute = spans.find(
    (s) =>
      s.start >= end && s.end <= limit && !words.questionWords.test(s.word) && isAttribute(s.word),
  );
  return attribute?.end ?? end;
}

/**
 * `冻结的涉诈资金呢` after `…今年以来成功破获了多少起电诈案件`: X is a thing named by what was done
 * to it (a verb, 的, a noun); the frame's own verb before its question word, with its adverbs
 * (`成功`), and all after it give way to X, asked as the frame asks (多少 → 是多少).
 */
function doneThing(frame: string, x: string): string | null {
  const m = /^(\p{Script=Han}{2})的\p{Script=Han}{2,}$/u.exec(x);
  if (m === null || !/^v/u.test(jieba().tag(m[1]!)[0]?.tag ?? "")) return null;
  const asked = /多少|几/u.exec(frame);
  if (asked === null || frame.includes(m[1]!)) return null;
  const tags = jieba().tag(frame.slice(0, asked.index));
  let k = tags.findLastIndex((t) => /^v/u.test(t.tag) && Array.from(t.word).length >= 2);
  if (k < 0) return null;
  // (the adverbs right before the verb, `成功`, `共`, are the frame's deed's)
  while (k > 0 && /^(?:d|ad|a)$/u.test(tags[k - 1]!.tag)) k--;
  const start = tags.slice(0, k).reduce((at, t) => at + t.word.length, 0);
  return `${frame.slice(0, start)}${x}是多少`;
}

const PERSON_ASKED = /谁|哪位/u;
/** `X的呢`: an ellipsis naming a kind (`供暖的呢`, `国画的呢`). */
const KIND_ELLIPSIS = /的\s*(?:呢|怎么样|如何)$/u;

/** The [start, end) of each clause of the frame that names X. */
function clausesHolding(frame: string, x: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of frame.matchAll(/[^，,；;。？?！!\s]+/gu))
    if (m[0].includes(x)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/**
 * `before + x + after`, without saying twice what X ends with and the frame goes on with
 * (`创新型中小企业` in place of `小巨人` before `企业`: one `企业`).
 */
function joinWithout(before: string, x: string, after: string): string {
  const chars = Array.from(x);
  for (let n = chars.length - 1; n >= 2; n--) {
    const tail = chars.slice(-n).join("");
    if (after.startsWith(tail)) return before + x + after.slice(tail.length);
  }
  return before + x + after;
}

// A day in the last question: as the pages print it, or as a reader types it (`10/15`).
const FRAMED_DAY = new RegExp(`${DAY_IN_TEXT.source}|(?<![\\d/])\\d{1,2}/\\d{1,2}(?![\\d/])`, "u");

/**
 * The last question asking how its figure changed (`…出口多少？` + `同比` → `…出口同比增长多少？`; a
 * frame that asks a change already gets X before it: `…增长了多少` → `…同比增长了多少`); null for a
 * frame that asks no figure.
 */
function askChange(frame: string, x: string): string | null {
  if (!/\p{Script=Han}/u.test(frame)) return null;
  const asked = CHANGE_ASKED.exec(frame);
  if (asked !== null)
    return BASE_ONLY.test(x) ? frame.slice(0, asked.index) + x + frame.slice(asked.index) : frame;
  const figure = ASKED_FIGURE.exec(frame);
  if (figure === null) return null;
  const change = BASE_ONLY.test(x) ? `${x}增长` : x;
  return `${frame.slice(0, figure.index)}${change}多少？`;
}
// A change already asked (`增长了多少`, `增速`), and a change word that names only the base it is
// taken against (`同比`, `较上年`), which needs a verb.
const CHANGE_ASKED = /增长|下降|增速|增幅|降幅|涨幅/u;
const BASE_ONLY = /^(?:同比|环比|较上年)$/u;

// `占全市`, `占全省的`: the whole a question takes a share of.
const SHARE_OF_WHOLE =
  /占(?:全国|全省|全市|全区|全县|全州|\p{Script=Han}{1,3}?省|\p{Script=Han}{1,3}?市)/u;
// `…是多少？`, `…有多少`, `…多少亿元`: how a question asks for a figure, at its end.
const ASKED_FIGURE = /(?:是|有|为|达到|达)?(?:多少|几)\p{Script=Han}{0,2}?[？?。]*$/u;

export const ENGLISH_QUESTION_WORD = /\b(?:how|what|who|whom|when|where|which|why)\b/iu;

/**
 * The span with a one-character word jieba left after it (`单晶硅/棒`: no word of two characters or
 * more starts there), never a function word.
 */
function trailingChar(
  frame: string,
  spans: readonly Span[],
  span: Span,
  words: ConversationWords,
): Span {
  const next = frame[span.end];
  return next !== undefined &&
    /\p{Script=Han}/u.test(next) &&
    !spans.some((s) => s.start <= span.end && s.end > span.end) &&
    !FUNCTION_CHARS.includes(next) &&
    !ADVERB_CHARS.includes(next) &&
    !new RegExp(`^(?:${words.questionWords.source})`, "iu").test(frame.slice(span.end))
    ? { word: span.word + next, start: span.start, end: span.end + 1 }
    : span;
}

interface Span {
  word: string;
  start: number;
  end: number;
}

/** The frame's content words where they stand in it, left to right. */
function wordSpans(frame: string): Span[] {
  const normalized = normalizeForSearch(frame);
  // normalizeForSearch keeps offsets when the text has no spaces between Han characters and no
  // full-width forms, which is how questions arrive; a word not found is skipped.
  const same = normalized.length === frame.length;
  const spans: Span[] = [];
  const source = same ? normalized : frame;
  // Every place a word stands (`书法篆刻` in the exhibition's name and again where it is asked), a
  // longer word first where two overlap.
  const found = contentWords(frame).sort((a, b) => b.length - a.length);
  for (const word of found)
    for (const at of occurrences(source, word)) {
      const end = at + word.length;
      if (spans.some((s) => s.start < end && at < s.end)) continue;
      spans.push({ word: frame.slice(at, end), start: at, end });
    }
  return spans.sort((a, b) => a.start - b.start);
}

function sharesTwoInARow(a: string, b: string): boolean {
  const chars = Array.from(a);
  for (let i = 0; i + 1 < chars.length; i++) if (b.includes(chars[i]! + chars[i + 1]!)) return true;
  return false;
}

function commonSuffix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

const EN_TOPIC = [
  /\bhow (?:much|many) (.+?) (?:did|does|do|is|are|was|were|has|have|will|can)\b/i,
  // The noun phrase after `of`, up to the verb or preposition that goes on (`share of the tech
  // little giants | are in the zone`), else to the end.
  /\b(?:of|for|about|on) (?:the )?(.+?)(?= (?:are|is|was|were|did|does|do|has|have|will|in|at|by|from|to|with|since|during)\b|$)/i,
];

const EN_FUNCTION =
  /^(?:the|a|an|of|in|on|at|to|for|by|and|or|how|what|which|who|when|where|much|many|did|does|do|is|are|was|were|has|have)$/iu;

function substituteEnglish(frame: string, x: string, previous: string | null): string | null {
  const put = substituteEnglishWords(frame, x, previous);
  // (`of the` + `the national rank` is one `the`)
  return put === null ? null : put.replace(/\b(the|its|their) (?:the|its|their) /giu, "$1 ");
}

function substituteEnglishWords(frame: string, x: string, previous: string | null): string | null {
  const q = frame.replace(/[?？]+$/u, "");
  // `and in 2023?`: another year in place of the frame's.
  const year = /^(?:in |for )?((?:19|20)\d\d)$/iu.exec(x.trim())?.[1];
  if (year !== undefined && /\b(?:19|20)\d\d\b/u.test(q))
    return `${q.replace(/\b(?:19|20)\d\d\b/u, year)}?`;
  if (previous && q.includes(previous)) return `${q.replace(previous, x)}?`;
  // A phrase of the frame as long as X that shares its first or last word (`new energy` for `new
  // materials`, `fresh milk` for `skimmed milk`): an item of the same list.
  const xs = x.split(/\s+/u);
  const fs = q.split(/\s+/u);
  const same = (a: string | undefined, b: string | undefined) =>
    a !== undefined &&
    b !== undefined &&
    a.toLowerCase() === b.toLowerCase() &&
    !EN_FUNCTION.test(a);
  if (xs.length >= 2) {
    for (let i = 0; i + xs.length <= fs.length; i++) {
      const window = fs.slice(i, i + xs.length);
      if (window.join(" ").toLowerCase() === x.toLowerCase()) break;
      if (same(window[0], xs[0]) || same(window.at(-1), xs.at(-1)))
        return `${[...fs.slice(0, i), x, ...fs.slice(i + xs.length)].join(" ")}?`;
    }
  }
  for (const pattern of EN_TOPIC) {
    const m = pattern.exec(q);
    if (m?.[1] && m.index !== undefined) {
      const at = q.indexOf(m[1], m.index);
      return `${q.slice(0, at)}${x}${q.slice(at + m[1].length)}?`;
    }
  }
  return null;
}

function replacePersonPronouns(question: string, person: string, words: ConversationWords): string {
  let out = question;
  for (const p of words.personPronouns) out = out.replace(personPronoun(p, "gu"), person);
  return out;
}

/** Where `p` stands for one person: an English one as a whole word; 其他/他们/她们/吉他 are not. */
function personPronoun(p: string, flags: string): RegExp {
  return /^[a-z]+$/i.test(p)
    ? new RegExp(`\\b${p}\\b`, `i${flags}`)
    : new RegExp(`(?<![其吉])${p}(?![们人])`, flags);
}

/**
 * What a reference needs its stand-in to name: a meeting (该会议) a 会, an event (这次活动) an
 * activity, a plan (该方案) a 方案…; null for a report (这篇报道, 它), which any subject can stand for.
 */
function referenceKind(reference: string): RegExp | null {
  if (/会议|会$|meeting/iu.test(reference)) return /会/u;
  if (/活动|event/iu.test(reference)) return /活动|行动|会|展|赛/u;
  if (/企业|公司|厂|company|firm/iu.test(reference)) return /企业|公司|集团|厂/u;
  const noun = reference.replace(/^(该|这个|那个|此次|此|这项|这次|那次|本次|这家|那家)/u, "");
  if (noun === reference || /报道|文章|新闻|篇|则/u.test(noun)) return null;
  return new RegExp(noun, "u");
}

/**
 * The subject up to the last word of the kind referred to: `该活动` after `绿书签活动上表演的快板`
 * is `绿书签活动`, not the performance given at it.
 */
function upTo(subject: string, kind: RegExp): string {
  const tokens = jieba().cut(subject, true);
  let end = -1;
  let at = 0;
  for (const token of tokens) {
    at += token.length;
    if (kind.test(token)) end = at;
  }
  return end >= 2 ? subject.slice(0, end) : subject;
}

/** `里说`, `中提到的`, `里讲`: after a report reference, where the reader saw it. */
const REPORT_LOCATIVE = "(?:里面|里|中|上)(?:说|提到|讲|写|称)?(?:的)?|(?:说|提到|讲|写)(?:的|了)?";

/**
 * 该会议/这次活动/this report → what the last question was about; but a meeting or an event is
 * not a subject that names none (`罗东川看望了` is no 会议): then the report in focus.
 */
function replaceReferences(
  question: string,
  subject: string,
  words: ConversationWords,
  title: string | null,
): string {
  // `第十次那篇 该会议上…`: the question names its report itself; 该会议 is that one.
  const label = /那篇|这篇/u.exec(question);
  if (label !== null) {
    const before = question.slice(0, label.index).trim();
    if (ENDS_WITH_ORDINAL.test(before) || afterNoun(before)) return question;
  }
  for (const r of words.referencePronouns) {
    const english = /^[a-z ]+$/i.test(r);
    const pattern = english
      ? new RegExp(`\\b${r}\\b`, "iu")
      : new RegExp(r === "它" ? "它(?!们)" : r, "u");
    const match = pattern.exec(question);
    if (match === null) continue;
    // `家庭教育那个条例`: a demonstrative after a noun names that noun's thing (the family-education
    // regulation), it points back at nothing.
    if (!english && r !== "它" && afterNoun(question.slice(0, match.index))) continue;
    const kind = referenceKind(r);
    // `这篇报道里说…` / `文中提到的…`: where to look, not what about — the focus article says it.
    if (kind === null && !english) {
      const located = new RegExp(`${pattern.source}(?:${REPORT_LOCATIVE})`, "u");
      if (located.test(question)) {
        const rest = question.replace(located, "");
        if (/\p{Script=Han}/u.test(rest)) return rest;
      }
    }
    // (a subject that quotes a headline, `尼玛卓玛作的《省十四届人大常委会第十次会议举行》`: the
    // meeting is the headline's, not the words around it)
    const quoted = /《([^》]+)》?/u.exec(subject)?.[1];
    const stand =
      kind === null
        ? subject
        : quoted !== undefined && kind.test(quoted)
          ? upTo(quoted, kind)
          : kind.test(subject)
            ? upTo(subject, kind)
            : (title ?? subject);
    return question.replace(pattern, stand);
  }
  return question;
}

/** A session named before 那篇 (`第十次那篇`): the report of that session. */
const ENDS_WITH_ORDINAL = new RegExp(`(?:${FIRST_ORDINAL.source})$`, "u");

/** jieba's tags of a word a demonstrative after it belongs to (`家庭教育那个条例`). */
const NOUN_TAGS = new Set(["n", "nz", "nt", "ns", "nr", "vn", "l", "i", "j"]);

/** True when the text ends with a noun of two characters or more. */
function afterNoun(before: string): boolean {
  const last = jieba().tag(before.trimEnd(), true).at(-1);
  return (
    last !== undefined &&
    before === before.trimEnd() &&
    Array.from(last.word).length >= 2 &&
    NOUN_TAGS.has(last.tag)
  );
}
