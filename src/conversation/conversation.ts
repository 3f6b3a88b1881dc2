import type { CatalogPage } from "../answer/catalog.js";
import { bylineAnswer } from "../answer/byline.js";
import { citationKey } from "../answer/citation-key.js";
import type { GenerationOptions } from "../answer/llm.js";
import type { QaEngine } from "../answer/qa-engine.js";
import { questionKind, questionProblem } from "../answer/question.js";
import type { Answer, AnswerIntent, Citation, Language } from "../answer/types.js";
import type { Article } from "../ingest/types.js";
import { jieba } from "../index/chinese-tokenizer.js";
import { detectLanguage } from "../retrieve/query-language.js";
import { activitySentences } from "./activity.js";
import { browseAnswer, pageNumber } from "./browse.js";
import { classifyIntent, strip } from "./intents.js";
import { itemReference, numberedItems, pointedItem } from "./list-items.js";
import { findPeople, peopleIn } from "./people.js";
import { createSlotFinder } from "./siblings.js";
import {
  chineseEllipsisItem,
  ENGLISH_QUESTION_WORD,
  type Resolution,
  resolveFollowUp,
  subjectOf,
  topicWords,
} from "./resolve-follow-up.js";
import {
  activeContext,
  MAX_ARTICLES,
  MAX_SHOWN,
  newConversationState,
  type ConversationState,
  type TurnContext,
} from "./state.js";
import {
  readingOrder,
  sentencesOf,
  summarize,
  unitCitations,
  type SentenceUnit,
} from "./summarize.js";
import { WORDS, type ConversationWords } from "./words.js";

export interface ConversationAskOptions {
  /**
   * The context of the answer being replied to (Telegram: a reply to an older answer). Used
   * instead of the conversation's last context.
   */
  replyTo?: TurnContext | null | undefined;
  /** Text the reader highlighted in that answer: it becomes the focus (a person, a topic). */
  quote?: string | undefined;
  /** Cancels the answer: the engine's LLM call is aborted (see `AskOptions.signal`). */
  signal?: AbortSignal | undefined;
  /** Watching an LLM answer being written, and stopping it (facts only: the rest is extractive). */
  generation?: GenerationOptions | undefined;
}

export interface ConversationTurn {
  /** `intent` and `resolvedQuestion` are always set; `question` is the message as typed. */
  answer: Answer & { intent: AnswerIntent; resolvedQuestion: string };
  /** The conversation after this message: store it for the next one. */
  state: ConversationState;
  /** What this answer leaves for a follow-up (what a reply to it will use); null for refusals. */
  context: TurnContext | null;
}

/**
 * A conversation over the QA engine: follow-ups resolved into standalone questions, and the
 * reader intents beyond factoids (browse, summary, activity, more, full text). Pure apart from the
 * engine and the clock: state goes in and comes out as plain data, so every interface (REPL, `ask`,
 * Telegram with any session storage) keeps it its own way.
 */
export interface ConversationEngine {
  ask(
    state: ConversationState | null | undefined,
    text: string,
    options?: ConversationAskOptions,
  ): Promise<ConversationTurn>;
  newState(): ConversationState;
}

export interface ConversationEngineOptions {
  /** @default Date.now */
  clock?: () => number;
  words?: ConversationWords;
}

const TEXT: Record<Language, Record<string, string>> = {
  zh: {
    nothingToContinue: "还没有可以继续的问题，先提一个问题吧。",
    nothingMore:
      "上一个问题（{q}）在已收录的报道中没有找到答案，所以没有更多内容可以显示。可以换个说法再问。",
    whichArticle: "请先提一个问题，或说明要哪一篇的全文，例如：《市政协召开专题协商会》全文",
    summaryTarget:
      "要总结哪一篇？可以说“总结一下第一版”“总结一下《标题》”，或先提一个问题再说“总结一下这篇报道”。",
    noActivity: "没有在已收录的报道中找到{x}的相关活动。",
    noSummary: "没有在已收录的报道中找到与“{x}”相关的报道。",
    nearestReport: "上一个问题在报道中没有找到答案；这是最接近的一篇：",
  },
  en: {
    nothingToContinue: "There is no question to continue yet; ask one first.",
    nothingMore:
      "The last question ({q}) found no answer in the reports, so there is nothing more to show. Try asking it another way.",
    whichArticle: "Ask a question first, or name the article, e.g. 《市政协召开专题协商会》全文",
    summaryTarget:
      'Which report? Say "summarize page 1", or ask a question first and then "summarize this report".',
    noActivity: "Nothing in the collected reports says what {x} did.",
    noSummary: 'No report in the collection is about "{x}".',
    nearestReport: "The last question found no answer in the reports; this is the nearest one:",
  },
};

export function createConversationEngine(
  engine: QaEngine,
  options: ConversationEngineOptions = {},
): ConversationEngine {
  const clock = options.clock ?? Date.now;
  const words = options.words ?? WORDS;
  const catalog: CatalogPage[] = engine.catalog();
  const articles: Article[] = catalog.flatMap((p) =>
    p.articles.map((a) => engine.article(a.id)).filter((a): a is Article => a !== null),
  );
  const people = findPeople(articles);
  const titleOf = (id: string) => engine.article(id)?.title ?? null;
  const articleHolds = (id: string, word: string) =>
    engine.article(id)?.text.includes(word) ?? false;
  const isPerson = (text: string) => people.has(text);
  const slots = createSlotFinder(articles);
  // Where the scorer found the quote; located in the article only for citations made without it.
  const keyOf = (c: Citation) =>
    citationKey(c.articleId, c.start ?? engine.article(c.articleId)?.text.indexOf(c.quote) ?? -1);

  const finish = (
    text: string,
    answer: Answer,
    intent: AnswerIntent,
    resolved: string,
    fresh: TurnContext | null,
    fallback: TurnContext | null,
    now: number,
  ): ConversationTurn => {
    // Still on the same report: what earlier answers showed of it stays shown, so that `更多`
    // after `记者是谁？` does not repeat the first answer.
    const context =
      fresh &&
      fallback &&
      fresh.articles[0] !== undefined &&
      fresh.articles[0] === fallback.articles[0]
        ? { ...fresh, shown: [...new Set([...fallback.shown, ...fresh.shown])].slice(-MAX_SHOWN) }
        : fresh;
    return {
      answer: { ...answer, question: text, intent, resolvedQuestion: resolved },
      state: { v: 1, at: now, last: context ?? fallback },
      context,
    };
  };

  const noAnswer = (
    question: string,
    language: Language,
    message: string,
    intent: AnswerIntent,
  ): Answer => ({
    question,
    answer: message,
    grounded: false,
    mode: "none",
    citations: [],
    language,
    intent,
  });

  /** The article a reference points at: the one holding the quoted text, else the one in focus. */
  const focusArticle = (base: TurnContext | null, quote: string | undefined): Article | null => {
    if (quote) {
      const ids = [...(base?.articles ?? []), ...articles.map((a) => a.id)];
      for (const id of ids) {
        const a = engine.article(id);
        if (a?.text.includes(quote)) return a;
      }
    }
    const id = base?.articles[0];
    return id ? engine.article(id) : null;
  };

  /**
   * The article a full-text request describes: by its title (`《…》全文`), the one in focus when the
   * description points back (`他主持的这个会`, `that report`), else the best match of a search for
   * it — when the description holds a word the pages use (not a remark like `太长了`).
   */
  const describedArticle = async (
    description: string,
    base: TurnContext | null,
    quote: string | undefined,
  ): Promise<Article | null> => {
    const title = /《(.+?)》/u.exec(description)?.[1];
    if (title) return articleByTitle(title);
    if (refersBack(description)) return focusArticle(base, quote);
    const chinese = await toChinese(description);
    const known = jieba()
      .cut(chinese, false)
      .some((w) => Array.from(w).length > 1 && engine.isKnownTerm(w));
    if (!known) return null;
    const hits = await engine.search(chinese);
    return hits[0] ? engine.article(hits[0].articleId) : null;
  };

  /** The report an unanswered question suggested first, when nothing else is in focus. */
  const nearestArticle = (base: TurnContext | null): Article | null =>
    base && base.articles.length === 0 && base.nearest ? engine.article(base.nearest) : null;

  /** True when a text points back at what is in focus (`这个会`, `他`, `that report`, `it`). */
  const refersBack = (text: string): boolean => {
    const latin = new Set(text.toLowerCase().match(/[a-z]+/gu) ?? []);
    return [...words.referencePronouns, ...words.personPronouns].some((p) =>
      /^[a-z ]+$/iu.test(p)
        ? p.split(" ").every((w) => latin.has(w.toLowerCase()))
        : !/[\\^(]/u.test(p) && text.includes(p),
    );
  };

  const articleByTitle = (title: string): Article | null =>
    articles.find((a) => a.title === title) ??
    articles.find(
      (a) => a.title.includes(title) || (a.title.length > 0 && title.includes(a.title)),
    ) ??
    null;

  const summaryOf = (
    units: SentenceUnit[],
    question: string,
    language: Language,
    heading: string,
  ): Answer => {
    const citations = unitCitations(units);
    const lines = [
      heading,
      ...citations.map((c) => (language === "zh" ? `${c.quote}[${c.n}]` : `“${c.quote}” [${c.n}]`)),
    ];
    return {
      question,
      answer: lines.join("\n"),
      grounded: citations.length > 0,
      mode: "extractive",
      citations,
      language,
      intent: "summary",
    };
  };

  /**
   * `and monocrystalline silicon rods?` after `…polysilicon exports in 2024 - what share…`: X takes
   * the place of the frame's phrase whose words the pages print as an item of one list with X's
   * (多晶硅 and 单晶硅棒 fill the same slots), read through their Chinese. null when none does: the
   * word-based English rules then apply.
   */
  const englishEllipsis = async (text: string, frame: string): Promise<Resolution | null> => {
    const en = words.ellipsisEn.exec(text.replace(/[?？!.]+$/u, "").trim())?.[1]?.trim();
    // `单晶硅棒呢`, `咁新能源嗰個呢` after an English question: the Chinese X takes the place of the
    // English item whose translation the pages print beside it, the rest of the frame kept
    // (`the zone's polysilicon exports` → `the zone's 单晶硅棒 exports`).
    const zh =
      en === undefined && /\p{Script=Han}/u.test(text)
        ? (chineseEllipsisItem(text, words) ?? undefined)
        : undefined;
    const x = en ?? zh;
    if (
      x === undefined ||
      ENGLISH_QUESTION_WORD.test(x) ||
      (en !== undefined && /\p{Script=Han}/u.test(frame))
    )
      return null;
    const bareX = x.replace(/^(?:the|its|their)\s+/iu, "");
    const xZh = await toChinese(bareX);
    if (!/\p{Script=Han}/u.test(xZh)) return null;
    // (an attribute, `the exports`, `the capacity`, is no item of a list: the word rules put it in)
    if (words.attributeSuffixes.some((s) => xZh.endsWith(s)) || words.attributeWords.has(xZh))
      return null;
    const tokens = frame.replace(/[?？]+$/u, "").split(/\s+/u);
    const phrases = new Map<string, string>();
    // (each word is read again as an edge of every phrase it begins or ends: looked up once)
    const read = new Map<string, Promise<string[]>>();
    const knownTerms = (phrase: string): Promise<string[]> => {
      let terms = read.get(phrase);
      if (terms === undefined) {
        terms = engine
          .englishTerms(phrase)
          .then((found) => found.filter((k) => engine.isKnownTerm(k)));
        read.set(phrase, terms);
      }
      return terms;
    };
    for (let n = 1; n <= Math.min(4, tokens.length); n++)
      for (let i = 0; i + n <= tokens.length; i++) {
        const phrase = tokens.slice(i, i + n).join(" ");
        if (!/^[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*)*$/u.test(phrase)) continue;
        // (the longest phrase that reads as that one word: `compound fertiliser`, not `compound
        // fertiliser capacity`, which reads 产能 too)
        const known = await knownTerms(phrase);
        // (a phrase may read as two words of one kind, `new-energy` as 新能源 and 清洁能源, sharing
        // their head; readings of different kinds, `session` as 会议 and 届, are no one item)
        const readings = known.filter((k) => !known.some((o) => o !== k && o.includes(k)));
        if (readings.length === 0 || readings.includes(xZh)) continue;
        if (readings.length > 1 && !sharedHead(readings)) continue;
        // (its first and last words each read as part of it: not `How much compound fertiliser`,
        // nor `ETDZ polysilicon`)
        const edges = [tokens[i]!, tokens[i + n - 1]!];
        const edgeTerms = await Promise.all(edges.map(knownTerms));
        for (const zh of readings)
          if (edgeTerms.every((terms) => terms.length > 0 && terms.some((k) => zh.includes(k))))
            phrases.set(zh, phrase);
      }
    // (X's own head too: `单晶硅` of `单晶硅棒` stands where `多晶硅` does)
    const chars = Array.from(xZh);
    const heads = [xZh, ...(chars.length > 2 ? [chars.slice(0, -1).join("")] : [])];
    const sibling =
      heads.map((h) => slots.sibling(h, [...phrases.keys()])).find((s) => s !== null) ?? null;
    const replaced = sibling === null ? undefined : phrases.get(sibling);
    if (replaced === undefined) return null;
    const question = `${frame.replace(/[?？]+$/u, "").replace(replaced, bareX)}?`;
    return { question, rewritten: true, rule: "ellipsis", topic: xZh, focus: null };
  };

  /** An English name or phrase in the words the pages use (`Luo Dongchuan` → 罗东川). */
  const toChinese = async (phrase: string): Promise<string> => {
    if (/\p{Script=Han}/u.test(phrase)) return phrase;
    const terms = await engine.englishTerms(phrase);
    return (
      terms.find((t) => people.has(t)) ??
      terms.filter((t) => engine.isKnownTerm(t)).sort((a, b) => b.length - a.length)[0] ??
      phrase
    );
  };

  const contextOf = (
    q: string,
    language: Language,
    intent: AnswerIntent,
    answer: Answer,
    extra: Partial<TurnContext> = {},
  ): TurnContext => ({
    q,
    lang: language,
    intent,
    topic: null,
    subject: null,
    person: null,
    articles: answer.grounded
      ? [...new Set(answer.citations.map((c) => c.articleId))].slice(0, MAX_ARTICLES)
      : [],
    shown: answer.grounded ? answer.citations.map(keyOf).slice(-MAX_SHOWN) : [],
    ...extra,
  });

  return {
    newState: () => newConversationState(clock()),

    async ask(state, raw, askOptions = {}) {
      // Read as the pages' language reads it (Simplified, half-width, Cantonese words in Mandarin):
      // `記者係邊個？` is `记者是谁？`. The reader's own text is what the answer echoes.
      const typed = raw.trim();
      // A message too long to be a question is refused as typed, not converted first.
      const read = questionProblem(typed) === null ? engine.readAs(typed) : typed;
      // `换个话题 开发区锂电池出口增长多少倍`: the marker says the rest is a new topic; the rest is
      // what is asked (and what the next ellipsis re-asks).
      const marker = words.topicChange.exec(read);
      const newTopic = marker !== null && marker[0].length < read.length;
      const asked = newTopic ? read.slice(marker[0].length) : read;
      const turn = await askRead(state, asked, askOptions, newTopic);
      const resolved =
        turn.answer.resolvedQuestion === asked ? typed : turn.answer.resolvedQuestion;
      return { ...turn, answer: { ...turn.answer, question: typed, resolvedQuestion: resolved } };
    },
  };

  /** {@link ConversationEngine.ask} on a message already read as the pages' language. */
  async function askRead(
    state: ConversationState | null | undefined,
    raw: string,
    askOptions: ConversationAskOptions,
    newTopic = false,
  ): Promise<ConversationTurn> {
    const now = clock();
    const text = raw.trim();
    const language = detectLanguage(text);
    const base = askOptions.replyTo ?? activeContext(state, now);
    const quote = askOptions.quote?.trim() || undefined;
    // Ctrl-C or a stopping bot (`signal`), and a reader's stop button (`generation.signal`).
    const stops = [askOptions.signal, askOptions.generation?.signal].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    const cancel =
      stops.length === 0 ? {} : { signal: stops.length === 1 ? stops[0]! : AbortSignal.any(stops) };
    const t = TEXT[language];
    /** A request that cannot be met: said so, and the conversation keeps its context. */
    const decline = (message: string, declined: AnswerIntent, resolved = text) =>
      finish(
        text,
        noAnswer(text, language, message, declined),
        declined,
        resolved,
        null,
        base,
        now,
      );

    if (questionProblem(text) !== null) {
      const refusal = await engine.ask(raw, cancel);
      return finish(text, refusal, "fact", text, null, base, now);
    }

    const intent = classifyIntent(text, words);
    switch (intent.intent) {
      case "more": {
        if (!base || !["fact", "which", "more"].includes(base.intent)) {
          return decline(t.nothingToContinue!, "more");
        }
        // A question asked but not answered: "more" of nothing is nothing, said as such.
        if (base.shown.length === 0) {
          return decline(t.nothingMore!.replace("{q}", base.q), "more", base.q);
        }
        const answer = await engine.ask(base.q, { ...cancel, exclude: base.shown });
        const shown = [
          ...base.shown,
          ...(answer.grounded ? answer.citations.map(keyOf) : []),
        ].slice(-MAX_SHOWN);
        return finish(text, answer, "more", base.q, { ...base, intent: "more", shown }, base, now);
      }

      case "fulltext": {
        const focused = intent.target
          ? await describedArticle(intent.target, base, quote)
          : focusArticle(base, quote);
        const nearest = !focused && !intent.target && !quote ? nearestArticle(base) : null;
        const article = focused ?? nearest;
        if (!article) return decline(t.whichArticle!, "fulltext");
        const lead = sentencesOf(article)[0];
        const citation: Citation = {
          n: 1,
          source: article.source,
          title: article.title,
          quote: lead ? lead.text : article.text,
          score: 1,
          articleId: article.id,
          date: article.date,
        };
        const header = [
          `《${article.title || "（无标题）"}》`,
          article.subtitle,
          article.source,
          article.date,
        ]
          .filter(Boolean)
          .join(" · ");
        const answer: Answer = {
          question: text,
          answer: `${nearest ? `${t.nearestReport!}\n` : ""}${header} [1]\n${article.text}`,
          grounded: true,
          mode: "extractive",
          citations: [citation],
          language,
          intent: "fulltext",
        };
        const resolved =
          language === "zh" ? `《${article.title}》全文` : `full text of 《${article.title}》`;
        const context: TurnContext = base
          ? {
              ...base,
              intent: "fulltext",
              articles: [article.id, ...base.articles.filter((id) => id !== article.id)].slice(
                0,
                MAX_ARTICLES,
              ),
            }
          : contextOf(resolved, language, "fulltext", answer, {
              subject: `《${article.title}》`,
            });
        return finish(text, answer, "fulltext", resolved, context, base, now);
      }

      case "browse": {
        const answer = browseAnswer(text, catalog, language);
        return finish(
          text,
          answer,
          "browse",
          text,
          contextOf(text, language, "browse", answer, { articles: [], shown: [] }),
          base,
          now,
        );
      }

      case "summary": {
        const target = strip(intent.target, words.summaryFillers);
        const page = pageNumber(text);
        let units: SentenceUnit[] = [];
        let heading = "";
        let person: string | null = null;
        let subject: string | null = null;
        const titled = /《(.+?)》/u.exec(text)?.[1];
        const pronoun = words.personPronouns.find((p) => target === p);
        const named =
          peopleIn(target, people)[0] ??
          (pronoun ? (quote && isPerson(quote) ? quote : (base?.person ?? null)) : null);
        const resolved = pronoun && named ? text.replace(pronoun, named) : text;
        if (page !== null) {
          const p = catalog.find((x) => x.number === page);
          const pageArticles = articles.filter((a) => a.source === p?.source);
          // A page's summary: its first article's lead, then the leads of its longest other
          // articles.
          const leads = pageArticles
            .map((a) => summarize(sentencesOf(a), { extra: 0 })[0])
            .filter((u): u is SentenceUnit => u !== undefined);
          const [first, ...rest] = leads;
          units = first
            ? [
                first,
                ...rest.sort((a, b) => b.article.text.length - a.article.text.length).slice(0, 3),
              ].sort(readingOrder)
            : [];
          heading =
            language === "zh"
              ? `第${page}版（${p?.source ?? ""}）要点：`
              : `Page ${page} (${p?.source ?? ""}) in brief:`;
          subject = heading;
        } else if (titled || target === "" || words.referencePronouns.some((r) => target === r)) {
          const focused = titled ? articleByTitle(titled) : focusArticle(base, quote);
          const nearest = !focused && !titled && !quote ? nearestArticle(base) : null;
          const article = focused ?? nearest;
          if (!article) return decline(t.summaryTarget!, "summary");
          ({ units, heading, subject } = articleSummary(article, language));
          if (nearest) heading = `${t.nearestReport!}\n${heading}`;
        } else if (named) {
          person = named;
          // What they did, where the pages say so; else every sentence naming them.
          const acting = activitySentences(articles, named, words);
          const mentions =
            acting.length > 0
              ? acting
              : articles.flatMap((a) => sentencesOf(a).filter((u) => u.text.includes(named)));
          const counts = new Map<string, number>();
          for (const u of mentions) counts.set(u.article.id, (counts.get(u.article.id) ?? 0) + 1);
          const top = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
          const lead = mentions.find((u) => u.article.id === top);
          units = lead ? summarize(mentions, { lead }) : [];
          heading =
            language === "zh" ? `关于${named}的报道要点：` : `What the reports say about ${named}:`;
          subject = named;
        } else {
          const hits = await engine.search(await toChinese(target));
          const article = hits[0] ? engine.article(hits[0].articleId) : null;
          if (!article) return decline(t.noSummary!.replace("{x}", target), "summary");
          ({ units, heading, subject } = articleSummary(article, language));
        }
        if (units.length === 0) return decline(t.noSummary!.replace("{x}", target), "summary");
        const answer = summaryOf(units, text, language, heading);
        return finish(
          text,
          answer,
          "summary",
          resolved,
          contextOf(resolved, language, "summary", answer, { subject, person }),
          base,
          now,
        );
      }

      case "activity": {
        let subject = intent.subject;
        if (words.personPronouns.includes(subject.toLowerCase()))
          subject = quote ?? base?.person ?? subject;
        else if (words.referencePronouns.includes(subject.toLowerCase()))
          subject = base?.subject ?? subject;
        const zh = await toChinese(subject);
        const resolved =
          zh === intent.subject
            ? text
            : language === "zh"
              ? `${zh}做了什么？`
              : `What did ${zh} do?`;
        const units = activitySentences(articles, zh, words);
        if (units.length === 0) {
          return decline(t.noActivity!.replace("{x}", zh), "activity", resolved);
        }
        const citations = unitCitations(units);
        const lines: string[] = [
          language === "zh" ? `报道中${zh}的活动：` : `What the reports say ${zh} did:`,
        ];
        let current = "";
        for (const c of citations) {
          if (c.articleId !== current) {
            current = c.articleId;
            lines.push(
              [`《${c.title || "（无标题）"}》`, c.source, c.date].filter(Boolean).join(" · "),
            );
          }
          lines.push(language === "zh" ? `  ${c.quote}[${c.n}]` : `  “${c.quote}” [${c.n}]`);
        }
        const answer: Answer = {
          question: text,
          answer: lines.join("\n"),
          grounded: true,
          mode: "extractive",
          citations,
          language,
          intent: "activity",
        };
        const context = contextOf(resolved, language, "activity", answer, {
          subject: zh,
          person: isPerson(zh) ? zh : (base?.person ?? null),
        });
        return finish(text, answer, "activity", resolved, context, base, now);
      }

      case "fact": {
        // "记者是谁？" about the article in focus: its byline, quoted where it is printed.
        const focus = focusArticle(base, quote);
        const rest = strip(text.replace(words.reporter, " "), words.referencePronouns);
        if (focus && words.reporter.test(text) && topicWords(rest, words).length === 0) {
          const resolved =
            language === "zh" ? `《${focus.title}》的记者是谁？` : `Who wrote 《${focus.title}》?`;
          const answer = bylineAnswer(text, focus, language);
          return finish(
            text,
            answer,
            "fact",
            resolved,
            contextOf(resolved, language, "fact", answer, {
              subject: `《${focus.title}》`,
              person: focus.reporter?.split(/\s+/)[0] ?? null,
            }),
            base,
            now,
          );
        }
        // `第二个是啥问题`, `那第三个热点呢`: an item of the list the report in focus numbers, asked in
        // the last subject's frame and looked up in that report first.
        const pointer = base ? itemReference(text) : null;
        // (the first report the last answer cited that numbers a list)
        const listed = pointer
          ? ([
              focusArticle(base, quote),
              ...(base?.articles ?? []).map((id) => engine.article(id)),
            ].find((a): a is Article => a !== null && numberedItems(a.text).length > 1) ?? null)
          : null;
        const item = pointer && listed ? pointedItem(pointer, numberedItems(listed.text)) : null;
        if (base && pointer && listed && item) {
          // (what the item is, the name answers: `第二个是啥问题 多少件` asks its figure)
          const body = text
            .replace(pointer.span, item)
            .replace(/是(?:啥|什么|哪个)(?:问题|项目|方面|内容)?/u, "")
            .replace(/^(那么|那)/u, "")
            .replace(/呢?[？?]*$/u, "");
          const resolved = base.subject ? `${base.subject} ${body}` : body;
          const answer = await engine.ask(resolved, {
            ...askOptions.generation,
            ...cancel,
            prefer: [listed.id],
            topic: item,
          });
          const context = contextOf(resolved, language, "fact", answer, {
            topic: item,
            subject: base.subject,
            person: base.person,
            ...(answer.grounded ? {} : { articles: base.articles }),
          });
          return finish(text, answer, "fact", resolved, context, base, now);
        }
        // `What about lithium batteries?` after a Chinese question: the frame is Chinese, so is X.
        // (`and who chaired it?` asks anew: no X; nor is a question resolved with a Chinese name in
        // it, `What did 石建平 say…`, a Chinese frame)
        const x =
          base?.lang === "zh"
            ? words.ellipsisEn.exec(text.replace(/[?？!.]+$/u, "").trim())?.[1]
            : undefined;
        const englishX = x !== undefined && !ENGLISH_QUESTION_WORD.test(x) ? x : undefined;
        const chineseX = englishX ? await toChinese(englishX.trim()) : null;
        const asked = chineseX && /\p{Script=Han}/u.test(chineseX) ? `那${chineseX}呢？` : text;
        const resolution: Resolution = newTopic
          ? { question: text, rewritten: false, rule: "standalone", topic: null, focus: null }
          : ((base?.lang === "en" && quote === undefined
              ? await englishEllipsis(text, base.q)
              : null) ??
            resolveFollowUp(asked, base, {
              quote,
              isPerson,
              titleOf,
              words,
              slots,
              isPrinted: engine.isKnownTerm,
              articleHolds,
            }));
        const answer = await engine.ask(resolution.question, {
          ...askOptions.generation,
          ...cancel,
          // (`this report`: any report the last answer cited, the one in focus first)
          ...(resolution.focus
            ? resolution.onlyFocus === true
              ? {
                  prefer: [
                    resolution.focus,
                    ...(base?.articles ?? []).filter((id) => id !== resolution.focus),
                  ],
                  onlyPreferred: true,
                }
              : { prefer: [resolution.focus] }
            : {}),
          ...((resolution.rule === "ellipsis" || resolution.rule === "implicit-topic") &&
          resolution.topic !== null
            ? { topic: resolution.topic }
            : {}),
        });
        // (`有哪些讲…的报道` lists reports by topic: browsing to the reader, and a which-report
        // question to go on from — `更多` continues it, `化工那篇…` picks from it)
        const labelled: AnswerIntent =
          answer.intent === "which" || answer.intent === "browse" ? answer.intent : "fact";
        const carried = resolution.rewritten && base ? base : null;
        const context = contextOf(
          resolution.question,
          language,
          labelled === "browse" ? "which" : labelled,
          answer,
          {
            topic: resolution.topic,
            subject:
              organisationOf(resolution.question, answer) ??
              subjectOf(resolution.question, words) ??
              carried?.subject ??
              null,
            person: personOf(resolution.question, answer) ?? carried?.person ?? null,
            // Not answered: the report the conversation was on stays in focus (`Who wrote this
            // report?` next is about it).
            ...(answer.grounded
              ? {}
              : {
                  articles: carried?.articles ?? base?.articles ?? [],
                  ...(answer.citations[0] ? { nearest: answer.citations[0].articleId } : {}),
                }),
          },
        );
        return finish(text, answer, labelled, resolution.question, context, base, now);
      }
    }
  }

  /**
   * The company a 哪家 question's answer names (`青海利亚达化工有限公司` for `哪家化工企业…`): what
   * `这家企业` and `它` then stand for. null for any other question, or an answer naming none.
   */
  function organisationOf(question: string, answer: Answer): string | null {
    if (!answer.grounded || !words.organisationQuestion.test(question)) return null;
    const suffixes = words.organisationSuffixes.join("|");
    const name = new RegExp(`\\p{Script=Han}{2,14}?(?:${suffixes})`, "u");
    for (const c of answer.citations) {
      // (the name as jieba reads it: the words before the suffix that make one name)
      const m = name.exec(c.quote);
      if (m === null) continue;
      const tokens = jieba().tag(c.quote.slice(0, m.index + m[0].length), true);
      let start = tokens.length - 1;
      let length = tokens[start]?.word.length ?? 0;
      while (start > 0 && /^(?:n|nz|nt|ns|nr|j)$/u.test(tokens[start - 1]!.tag)) {
        start--;
        length += tokens[start]!.word.length;
      }
      const whole = c.quote.slice(m.index + m[0].length - length, m.index + m[0].length);
      if (Array.from(whole).length >= 4 && !question.includes(whole)) return whole;
    }
    return null;
  }

  /**
   * The person a question and its answer put in focus: the one asked for by 谁, else one the
   * question names.
   */
  function personOf(question: string, answer: Answer): string | null {
    if (answer.grounded && questionKind(question) === "person") {
      // The title the question asks for (`哪位副市长`): the one named right after it is the answer,
      // whoever else the sentence names first (`主席段发达主持，副市长褚平俊出席`).
      const title = words.personTitles.find((t) => question.includes(t));
      if (title !== undefined) {
        for (const c of answer.citations) {
          const titled = peopleIn(c.quote, people).find(
            (p) => c.quote.includes(`${title}${p}`) && !question.includes(p),
          );
          if (titled) return titled;
        }
      }
      // Else the first cited sentence that names someone (not its reporter, not whom the question
      // names).
      for (const c of answer.citations) {
        const reporters = new Set((engine.article(c.articleId)?.reporter ?? "").split(/\s+/));
        const named = peopleIn(c.quote, people).filter(
          (p) => !reporters.has(p) && !question.includes(p),
        );
        // (the one named right before the action asked: `谁主持的` of `王卫东讲话,石建平主持`)
        const acting = named.find((p) => {
          const at = c.quote.indexOf(p) + p.length;
          const next = c.quote.slice(at, at + 2);
          return /^\p{Script=Han}{2}$/u.test(next) && question.includes(next);
        });
        const asked = acting ?? named[0];
        if (asked !== undefined) return asked;
      }
    }
    // Else the one person the answer's first sentence names, its reporter aside (`他说了什么？`
    // after an answer about him).
    const first = answer.grounded ? answer.citations[0] : undefined;
    const reporters = new Set(
      (first ? (engine.article(first.articleId)?.reporter ?? "") : "").split(/\s+/),
    );
    const named = first ? peopleIn(first.quote, people).filter((p) => !reporters.has(p)) : [];
    return peopleIn(question, people)[0] ?? (named.length === 1 ? named[0]! : null);
  }
}

/** An article's summary: its lead and central sentences, under its headline. */
function articleSummary(
  article: Article,
  language: Language,
): { units: SentenceUnit[]; heading: string; subject: string } {
  return {
    units: summarize(sentencesOf(article)),
    heading: language === "zh" ? `《${article.title}》摘要：` : `《${article.title}》 in brief:`,
    subject: `《${article.title}》`,
  };
}

/** Whether words end alike in two characters or more (`新能源`, `清洁能源`: one kind of thing). */
function sharedHead(words: readonly string[]): boolean {
  const tail = (w: string) => Array.from(w).slice(-2).join("");
  const first = tail(words[0]!);
  return Array.from(first).length === 2 && words.every((w) => tail(w) === first);
}
