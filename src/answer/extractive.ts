import { splitSentences } from "../util/sentences.js";
import { jieba } from "../index/chinese-tokenizer.js";
import type { Article } from "../ingest/types.js";
import type { RetrievedPassage } from "../retrieve/types.js";
import {
  TAKES_A_PART,
  THEME_ASKED,
  THEME_STATED,
  YEAR_ASKED,
  YEAR_IN_TEXT,
  askedTitle,
  titleHolder,
  asksForAmount,
  FACT_PATTERNS,
  ORDINAL,
  questionKind,
  type QuestionKind,
} from "./question.js";
import type { QueryWord } from "./query-words.js";
import type { Citation } from "./types.js";
import { escapeRegExp } from "../util/escape-reg-exp.js";
import { occurrences } from "../util/occurrences.js";
import { chineseNumeralValue } from "../util/chinese-numerals.js";

export interface ExtractiveOptions {
  /**
   * Below this evidence the composer abstains. Evidence is the weighted share of the question's
   * words found in the best sentence, plus a bonus when that sentence holds the kind of fact asked
   * for; calibrated on the golden set by `npm run eval -- --calibrate`.
   * @default ABSTAIN_THRESHOLD
   */
  threshold?: number;
  /** Sentences quoted at most: the one holding the fact and up to two in support. @default 3 */
  maxSentences?: number;
  /** One sentence per article (a which-report answer names reports, not more of one). */
  distinctArticles?: boolean;
  /**
   * Sentences (`articleId@start`) another part of the same message already answered with: another
   * question asks another thing, so they come last.
   */
  answered?: ReadonlySet<string>;
  /** The units a 多少/几 question asks in (see {@link askedUnits}); null or [] for any figure. */
  askedUnits?: readonly string[] | null;
  /**
   * Longer units that hold an asked one and measure something else (`吉瓦时`, energy, for `多少千瓦`,
   * power; see {@link unlikeUnits}): a figure in them is not in the asked unit.
   */
  unlikeUnits?: readonly string[];
  /**
   * Whether the question's requirements rule sentences out (see `Requirement`). `/search` lists
   * passages, it does not answer, so it only ranks. @default true
   */
  enforce?: boolean;
}

/**
 * Calibrated with `npm run eval -- --calibrate` on test/eval/golden.jsonl (keyword-only mode):
 * inside the gap between the unanswerable questions' evidence (at most 0.59) and the answerable
 * ones' (from 0.63, one outlier at 0.52), for Chinese and English questions alike.
 */
export const ABSTAIN_THRESHOLD = 0.61;

// A sentence of the kind asked for (a figure for 多少) is likelier the answer than one that only
// repeats the question's words; the passage's retrieval rank breaks near-ties. Only the keyword
// side's rank counts: a passage the dense search added gets no bonus, and the keyword passages get
// the bonus they get in keyword-only mode, so every score, and with it the calibrated threshold,
// is the same in both modes (issue 15).
const KIND_BONUS = 0.15;
const RANK_BONUS = 0.05;

export interface ScoredSentence {
  article: Article;
  start: number;
  end: number;
  text: string;
  /** Share of the question's weighted terms the sentence holds, 0..1. */
  coverage: number;
  score: number;
}

export interface ExtractiveResult {
  /** The chosen sentences, best first; empty when the evidence is too weak (abstain). */
  sentences: ScoredSentence[];
  /** The best sentence's score, whether or not it passed the threshold. */
  evidence: number;
  kind: QuestionKind;
}

/**
 * Picks the sentences of the retrieved passages that answer the question, given the question's
 * words (see query-words.ts: the Chinese words, or an English question's translations).
 *
 * A sentence is scored by the share of the question's words (weighted by rarity) it holds; words
 * found only in its article's headline or lead count for less, so `实到353人` can answer a question
 * that names the session the headline names. What the question requires (see `Requirement` in
 * query-words.ts) is a constraint, not a vote: a name absent from the article, or a figure, ordinal
 * or restricting word absent near the sentence, rules the sentence out, and so does a sentence
 * without the kind of fact asked for (a figure in the asked unit, a date).
 */
export function extractAnswer(
  question: string,
  words: readonly QueryWord[],
  passages: readonly RetrievedPassage[],
  options: ExtractiveOptions = {},
): ExtractiveResult {
  const threshold = options.threshold ?? ABSTAIN_THRESHOLD;
  const kind = questionKind(question);
  const asked = options.askedUnits ?? null;
  const unlike = options.unlikeUnits ?? [];
  const enforce = options.enforce ?? true;
  const amount = asksForAmount(question);
  const themeAsked = THEME_ASKED.test(question);
  // `26处重大危险源里一级的有几处`, `七百多人参加 里头男的女的各多少人`: a figure the reader gives is
  // what they know already; a sentence whose only figure in the asked unit is theirs repeats the
  // question (it gives the whole, not the part asked).
  const stated = amount ? statedFigures(question) : [];
  const title = kind === "person" ? askedTitle(question) : null;
  const titled = title === null ? null : titleHolder(title);
  // `占全省的比重`: the whole a share is taken of. A sentence giving a share of another whole
  // (`占全国同类产品…的12.1%`), or none, answers another question, wherever else it says 全省.
  const shareOf = sharesOf(question)[0] ?? englishShareOf(question, words);
  // What the share is of: the content words before 占 (`旅游收入占全省…`), of which the sentence or the
  // one before it must name one — `新能源消纳占全省比重超过50%` is another thing's share.
  // (the clause of 占 only: a preamble, `我在报纸上看到…的报道，`, names no thing)
  const sharedThing = question
    .split("占")[0]!
    .split(/[，,。？?！!；;\s]/u)
    .at(-1)!;
  const shareThings =
    shareOf === null || !question.includes("占")
      ? []
      : words.filter(
          (w) =>
            (w.required === "none" || w.required === "topic") &&
            w.place !== true &&
            !w.borrowed &&
            w.weight >= SPECIFIC_WEIGHT &&
            w.alternatives.some((a) => Array.from(a).length >= 2 && sharedThing.includes(a)),
        );
  const total = words.reduce((sum, w) => sum + (w.borrowed || w.background ? 0 : w.weight), 0);
  if (total === 0 || passages.length === 0) return { sentences: [], evidence: 0, kind };
  // `固投138.96亿元里，民间投资占多少`: a part of a whole the reader states is asked; what names the part
  // must be said where the figure is, or the sentence gives the whole, not the part.
  const partForms = enforce && amount ? partOfStatedWhole(question, words) : [];

  // The thing a question is about (`多晶硅`), not where (`开发区`, a body with other names).
  const topicForms = words
    .filter((w) => w.required === "topic" && w.alternatives.length === 1)
    .flatMap((w) => w.alternatives.map((a) => a.toLowerCase()));
  // What the question asks the figure of: its topic, or a thing it names (`PVC`) that is no place,
  // day or figure.
  const thingForms = [
    ...topicForms,
    ...words
      .filter(
        (w) =>
          w.required === "article" &&
          w.place !== true &&
          w.alternatives.length === 1 &&
          !/[\d月日号]/u.test(w.alternatives[0]!),
      )
      .map((w) => w.alternatives[0]!.toLowerCase()),
  ];
  const ownQuestion = ASKS_ITSELF.test(question);
  // A later part that names its own thing, in place of the first part's.
  const ownsKind = words.some(
    (w) =>
      !w.borrowed &&
      (w.required === "topic" || w.required === "article" || w.narrows !== undefined),
  );
  const askedYears = words
    .filter((w) => w.required === "near")
    .flatMap((w) => w.alternatives.filter((a) => YEAR.test(a)));
  // Only figures, ordinals, restricting words and topics are looked for near a sentence: the
  // parallel run before it is worth finding only then.
  const placed = enforce && words.some((w) => w.required === "near" || w.required === "topic");
  // The names of numbered items (`1.物业服务76件`) of the retrieved reports that the question asks for.
  const itemNames = new Set(
    [...new Set(passages.map((p) => p.article))].flatMap((a) =>
      [...a.text.matchAll(NUMBERED_NAME)].map((m) => m[1]!),
    ),
  );
  const countedElsewhere = enforce ? [...itemNames].filter((n) => question.includes(n)) : [];
  const seen = new Set<string>();
  const scored: ScoredSentence[] = [];
  const ranked = passages.filter((p) => !p.addedByDense);
  passages.forEach((passage) => {
    const rank = ranked.indexOf(passage);
    const rankBonus = rank < 0 ? 0 : RANK_BONUS * (1 - rank / ranked.length);
    const { article, chunk } = passage;
    const heading = [article.kicker, article.title, article.subtitle].join(" ");
    const articleText = `${heading}\n${article.text}`.toLowerCase();
    const lead = leadSentence(article.text);
    const context = `${heading} ${lead}`.toLowerCase();
    // A share asked of a thing (`固定资产投资占全省的比重`): a report that never names the thing gives
    // the share of something else (`新能源消纳占全省比重超过50%`).
    if (
      enforce &&
      shareOf !== null &&
      words.some(
        (w) =>
          w.required === "topic" &&
          ![...w.alternatives, ...w.weaker.map((x) => x.word), ...(w.related ?? [])].some((a) =>
            articleText.includes(a),
          ),
      )
    )
      return;
    // A name the article never mentions: it is about something else, whatever its sentences say.
    if (
      enforce &&
      words.some(
        (w) =>
          (w.required === "article" || w.place === true) &&
          !w.alternatives.some((a) => articleText.includes(a)),
      )
    )
      return;
    // The lead sentence (dateline, who, when, where) answers many questions even when the
    // retrieved chunk of its article is a later one.
    const spans = splitSentences(article.text);
    // The opening paragraph (who, when, where, how many attended) is read with any chunk of its
    // article: `…共64人出席会议` follows the lead there, whatever chunk the question's words reached.
    const firstBreak = article.text.indexOf("\n");
    const opening = Math.max(
      1,
      spans.findIndex((s) => firstBreak >= 0 && s.start >= firstBreak),
    );
    // `太极拳项目有多少人` of a report listing 鞭陀、柔力球、武术…等项目: a kind the pages never print,
    // of a thing the report lists the kinds of, is none of them — the report does not give it.
    if (
      enforce &&
      words.some(
        (w) =>
          w.narrows !== undefined &&
          !(w.borrowed && ownsKind) &&
          (w.weaker.length === 0 || w.nounKind === true) &&
          !w.alternatives.some((a) => articleText.includes(a)) &&
          (spans.some((span) =>
            [w.narrows!, ...(w.categories ?? [])].some((head) =>
              listsKindsOf(article.text.slice(span.start, span.end).toLowerCase(), head),
            ),
          ) ||
            (w.categories !== undefined && countsCategories(article.text)) ||
            // `氢能产业` of a report on 新能源产业…、新材料产业…: kinds it names across its sentences.
            (w.nounKind === true && namesOtherKinds(article.text, spans, w.narrows))),
      )
    )
      return;
    // `9月23号…消费维权 多少件`: a category another report counts (`2.消费维权58件` on 10月15日) in a
    // report that counts its own without it (`1.物业服务…`) has no count there.
    if (
      enforce &&
      countedElsewhere.length > 0 &&
      countsCategories(article.text) &&
      countedElsewhere.every((c) => !articleText.includes(c))
    )
      return;
    // Only a question with a year needs the report's own year.
    const articleYear = askedYears.length > 0 ? soleYear(article.text) : "";
    for (const [i, span] of spans.entries()) {
      if (i >= opening && (span.end <= chunk.start || span.start >= chunk.end)) continue;
      const key = `${article.id}@${span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const text = article.text.slice(span.start, span.end);
      const lower = text.toLowerCase();
      // A figure, ordinal or restricting word of the question must be near the answer (its
      // sentence, the one before, the headline or the lead): else it answers a neighbouring
      // question.
      const previous = i > 0 ? article.text.slice(spans[i - 1]!.start, spans[i - 1]!.end) : "";
      // The lead is not near: it sets the scene for the whole article (`2023年至2025年…`), while a
      // figure or restricting word must belong to the very statement that answers.
      // Parallel sentences (`新材料产业累计完成投资…`, `生物经济产业累计完成投资…`) share the setting
      // of the one that heads their run (`到2025年,新能源产业累计完成投资…`).
      const run = placed ? parallelRun(article.text, spans, i) : "";
      const near = `${lower}\n${previous}\n${run}\n${heading}`.toLowerCase();
      // A year may also be the article's own: a report that names one year only, again and again
      // (`2024年…` throughout a year's review), speaks of it in every sentence that states no other.
      const nearFor = (w: QueryWord) =>
        w.alternatives.some((a) => YEAR.test(a)) ? `${near}\n${articleYear}` : near;
      if (
        enforce &&
        words.some(
          (w) =>
            w.required === "near" &&
            !w.alternatives.some((a) => nearFor(w).includes(a)) &&
            // (a change stated without 同比 is the year-on-year one, where no 环比 and no other base
            // year is printed: `出口6.2亿元,增长77.5倍`)
            !(
              w.alternatives.includes("同比") &&
              YEAR_ON_YEAR.test(lower) &&
              !OTHER_BASE.test(lower) &&
              !near.includes("环比")
            ),
        )
      )
        continue;
      // A sentence that states its own year speaks of that year, whatever the one before says
      // (`到2025年…` after `2023年至2025年…`): it answers for another year than the question's.
      if (enforce && askedYears.length > 0 && statesOtherYears(lower, askedYears)) continue;
      // An article that prints the question's topic elsewhere, not near this sentence, answers a
      // neighbouring question here (`多晶硅` two paragraphs away from `占全市比重`). An article that
      // never prints it may put it in other words (`全会` for its `会议`): there it is only a vote.
      // The topic may also be set by the lead (`全省…视频会议` there, `刘超主持` here), and its head is
      // enough (`出口` of `出口额`).
      const topical = `${near}\n${context}`;
      const offTopic = (w: QueryWord) => {
        const forms = [...w.alternatives, ...w.weaker.map((s) => s.word)];
        return (
          forms.some((a) => articleText.includes(a)) &&
          !forms.some((a) => wordMatch(a, topical) >= TOPIC_MATCH) &&
          !(w.related ?? []).some((a) => topical.includes(a))
        );
      };
      // The lead sets the scene for the whole article, topic included.
      if (enforce && i > 0 && words.some((w) => w.required === "topic" && offTopic(w))) continue;
      // Who did what is asked: a sentence where nobody does it names other doers.
      if (enforce && !saysActions(words, lower)) continue;
      // `油画作品征集了多少幅` of a sentence listing 国画作品221幅、摄影作品1500余幅: another kind's
      // figure.
      if (
        enforce &&
        words.some(
          (w) =>
            w.narrows !== undefined &&
            // (what another part of the question narrows is no constraint in a part that names
            // its own kind: `复合肥产能多少，电解铝呢`; it is in one that does not: `…有几幅获奖`)
            !(w.borrowed && ownsKind) &&
            // (the printed head a compound's kind narrows is no spelling of the kind itself)
            ![...w.alternatives, ...w.weaker.map((x) => x.word)]
              .filter((a) => a !== w.narrows)
              .some((a) => lower.includes(a)) &&
            (listsKindsOf(lower, w.narrows) ||
              // (`锂离子电池` is `锂离子蓄电池`'s kind, spelt with a character less)
              (w.itemized === true &&
                !nearSpelling(w.alternatives[0]!, lower) &&
                itemOfKindList(article.text, spans, i, w.narrows))),
        )
      )
        continue;
      if (
        partForms.length > 0 &&
        !partForms.every((forms) => forms.some((f) => lower.includes(f) || previous.includes(f)))
      )
        continue;
      // The kind of fact asked for must be there: a 多少 question is not answered by a sentence
      // without a figure in the asked unit, nor a 哪天 question by one without a date.
      if (enforce && amount && !holdsNumber(text, asked, unlike, stated)) continue;
      // `多晶硅产能有多少吉瓦` of `形成14.5万吨多晶硅、102吉瓦单晶硅…`: in a list, the figure in the
      // asked unit must be in the topic's own item, not in its neighbour's.
      // Only a list whose items each carry a figure (`14.5万吨多晶硅、102吉瓦单晶硅`), one of them in
      // the asked unit; a figure after the list is its total (`专项资金、专项债等资金约9.7亿元`).
      if (
        enforce &&
        amount &&
        asked !== null &&
        asked.length > 0 &&
        (thingForms.length > 0 || words.some((w) => w.unprintedNoun === true))
      ) {
        const clauses = lower.split(/[，,；;]/u);
        const lists = clauses
          .map((clause) => clause.split("、"))
          .filter(
            (items) =>
              items.filter((item) => /\d/u.test(item)).length >= 2 &&
              items.some((item) => holdsNumber(item, asked, unlike, stated)),
          );
        // (`占全省26%、全市56%`: one thing's shares of several wholes, not a list of things)
        const thingLists = lists.filter(
          (items) => !items.filter((item) => /\d/u.test(item)).every((item) => /[%％]/u.test(item)),
        );
        const ownItems = (items: string[]) =>
          items.filter((item) => thingForms.some((f) => item.includes(f)));
        const owned = lists.filter((items) => ownItems(items).length > 0);
        const misplaced =
          owned.length > 0
            ? owned.some(
                (items) =>
                  !ownItems(items).some((item) => holdsNumber(item, asked, unlike, stated)),
              )
            : // (`PVC年产能多少万吨` of `…电石—PVC"等循环产业链,建成129万吨复合肥、2.5万吨…`: the thing
              // is printed, but in no item of the figures' lists nor beside a figure of its own —
              // the list's are other things')
              thingLists.length > 0 &&
              (thingForms.some(
                (f) =>
                  lower.includes(f) &&
                  clauses
                    .filter((c) => c.includes(f))
                    .every((c) => !holdsNumber(c, asked, unlike, stated)),
              ) ||
                // (`多少吨油菜籽` of `年加工沙棘5万吨、枸杞8万吨、青稞3万吨`: a thing the pages never
                // print is none of the items)
                words.some((w) => w.unprintedNoun === true && !w.borrowed));
        if (misplaced) continue;
      }
      // `青海绿电智算产业园总投资多少` of `引进签约青海绿电智算产业园、西宁绿色智算中心等绿算项目8项,总投资
      // 60.4亿元`: the figure after a list closed by 等 is the whole list's, not its item's.
      if (enforce && amount && !COUNT_ASKED.test(question) && asksForAnItemOf(text, words, asked))
        continue;
      if (
        enforce &&
        kind === "date" &&
        !FACT_PATTERNS.date.test(text) &&
        !(YEAR_ASKED.test(question) && YEAR_IN_TEXT.test(text))
      )
        continue;
      // `展到哪天`, `到几号结束`: the day something ends — a sentence giving only its start does not.
      if (enforce && kind === "date" && UNTIL_ASKED.test(question) && !ENDS.test(text)) continue;
      if (enforce && kind === "cause" && !FACT_PATTERNS.cause.test(text)) continue;
      // `全国排第几` of a sentence that ranks nothing (`入选…典型案例`): another fact about it.
      if (enforce && kind === "rank" && !FACT_PATTERNS.rank.test(text)) continue;
      // A 谁 question is answered by a sentence that names someone (a title and a name, or a name
      // and what they did).
      if (enforce && kind === "person" && !FACT_PATTERNS.person.test(text)) continue;
      // `哪位副市长`: someone bearing that title (`副市长褚平俊`), not anyone the sentence names.
      if (enforce && titled !== null && !titled.test(text)) continue;
      if (enforce && shareOf !== null && !sharesOf(text).includes(shareOf)) continue;
      if (enforce && shareThings.length > 0) {
        const said = `${lower}\n${previous}`;
        if (
          !shareThings.some((w) =>
            [...w.alternatives, ...w.weaker.map((x) => x.word)].some((a) => said.includes(a)),
          )
        )
          continue;
      }
      // A clause after a semicolon shares the time and place of the clause before (`2024年,西宁开发区
      // 完成…;完成固定资产投资…,其中完成工业投资112.92亿元`), not its topic (`多晶硅出口…;单晶硅棒…`).
      const setting = /[;；]\s*$/u.test(previous)
        ? `${context} ${previous.toLowerCase()}`
        : context;
      let found = 0;
      let own = 0;
      // A word counts once, by its best-matching alternative (an English word's translations, a
      // synonym at its lower credit).
      for (const w of words) {
        const around = w.required === "near" || w.required === "article" ? setting : context;
        // One character counts fully only where it is a word of the sentence: `来` of `以来`, `有`
        // of `有效` hardly say 来 or 有.
        const credit = (alt: string) =>
          SINGLE_HAN.test(alt) && !wordsOf(text).has(alt)
            ? PART_OF_WORD_CREDIT *
              Math.max(wordMatch(alt, lower), CONTEXT_CREDIT * wordMatch(alt, around))
            : Math.max(wordMatch(alt, lower), CONTEXT_CREDIT * wordMatch(alt, around));
        const exact = Math.max(...w.alternatives.map(credit));
        const weaker = Math.max(0, ...w.weaker.map((s) => s.credit * credit(s.word)));
        const loose = w.loose ? LOOSE_CREDIT * sharedCharacters(w.alternatives[0]!, lower) : 0;
        const earned = w.weight * Math.max(exact, weaker, loose);
        found += earned;
        if (!w.borrowed) own += earned;
      }
      // A later part of a two-part question (`…三十几个是因为啥缺席的 请假的多少`) borrows the first
      // part's words as context; a sentence holding only those answers the first part, not this one.
      // (A part that asks nothing of its own, `准确数`, only refines the first: it stands on it.)
      if (enforce && ownQuestion && own / total < MIN_OWN_SHARE && words.some((w) => w.borrowed))
        continue;
      const coverage = found / total;
      // (a theme asked is the kind of fact a sentence stating a theme holds, not any quoted name:
      // `以"汇聚你我力量…"为主题`, not `"护苗"主题宣传视频《守一扇心窗》`)
      const kindBonus = (
        themeAsked
          ? THEME_STATED.test(text)
          : kind !== "other" && FACT_PATTERNS[kind].test(text)
      )
        ? KIND_BONUS
        : 0;
      const score = coverage + kindBonus + rankBonus;
      scored.push({ article, start: span.start, end: span.end, text, coverage, score });
    }
  });
  const repeated = (s: ScoredSentence) =>
    options.answered?.has(`${s.article.id}@${s.start}`) ? 1 : 0;
  scored.sort((a, b) => repeated(a) - repeated(b) || b.score - a.score || a.start - b.start);
  if (scored.length > 0 && repeated(scored[0]!) === 0) {
    // Repeats never support a fresh answer either.
    for (let k = scored.length - 1; k >= 0; k--)
      if (repeated(scored[k]!) === 1) scored.splice(k, 1);
  }
  const best = scored[0];
  if (!best || best.score < threshold) return { sentences: [], evidence: best?.score ?? 0, kind };

  // Support: sentences nearly as relevant as the lead, not repeating it.
  const maxSentences = options.maxSentences ?? 3;
  const chosen = [best];
  for (const candidate of scored.slice(1)) {
    if (chosen.length >= maxSentences) break;
    if (candidate.score < Math.max(threshold, best.score * 0.8)) break;
    if (chosen.some((c) => c.text === candidate.text)) continue;
    if (options.distinctArticles && chosen.some((c) => c.article.id === candidate.article.id))
      continue;
    chosen.push(candidate);
  }
  // `热点问题有哪些` answered by `1.物业服务76件…`: the other items of that numbered list too, in order.
  if (kind === "list") {
    const at = chosen.findIndex((c) => numberedSiblings(c).length > 1);
    if (at >= 0) {
      const items = numberedSiblings(chosen[at]!);
      const others = chosen.filter(
        (c) => !items.some((x) => x.article.id === c.article.id && x.start === c.start),
      );
      return {
        sentences: [...others.slice(0, at), ...items, ...others.slice(at)],
        evidence: best.score,
        kind,
      };
    }
  }
  return { sentences: chosen, evidence: best.score, kind };
}

// `1.物业服务76件`: a numbered item's name, before its count.
const NUMBERED_NAME =
  /(?:^|\n|[：:])\s*\d{1,2}\s*[.．、]\s*(\p{Script=Han}{2,8}?)\d+\s*[件起条个项]/gu;

const NUMBERED_ITEM = /^(?:[^\n：:]{0,12}[：:])?\s*\d{1,2}\s*[.．、]\s*\p{Script=Han}/u;

/** The items of the numbered list a sentence is one of (itself included), in reading order. */
function numberedSiblings(sentence: ScoredSentence): ScoredSentence[] {
  if (!NUMBERED_ITEM.test(sentence.text)) return [];
  const { article } = sentence;
  const spans = splitSentences(article.text);
  const at = spans.findIndex((s) => s.start === sentence.start);
  if (at < 0) return [];
  const item = (j: number) => {
    const span = spans[j];
    if (!span) return null;
    const text = article.text.slice(span.start, span.end);
    return NUMBERED_ITEM.test(text)
      ? { article, start: span.start, end: span.end, text, coverage: 0, score: 0 }
      : null;
  };
  let first = at;
  while (first > 0 && item(first - 1) !== null) first--;
  const out: ScoredSentence[] = [];
  for (let j = first; out.length < MAX_LIST_ITEMS; j++) {
    const x = item(j);
    if (x === null) break;
    out.push(j === at ? sentence : x);
  }
  return out;
}
const MAX_LIST_ITEMS = 8;

const YEAR = /^(19|20)\d\d$/;
const ASKS_ITSELF =
  /多少|几|谁|哪|什么|啥|何|怎|吗|呢|\b(?:how|what|who|whom|when|where|which|why)\b/iu;
// The least share of a later part's own words a sentence must hold to answer that part.
const MIN_OWN_SHARE = 0.25;
const SINGLE_HAN = /^\p{Script=Han}$/u;
// What a question's one-character word earns inside a longer word of the sentence (`省` in
// `省科技进步奖` still says 省; `来` in `以来` does not say "come").
const PART_OF_WORD_CREDIT = 0.7;

// A sentence's words as jieba cuts it, kept per sentence text: the same sentences come back
// question after question.
const sentenceWords = new Map<string, Set<string>>();
const MAX_CACHED_SENTENCES = 20_000;
function wordsOf(sentence: string): Set<string> {
  let words = sentenceWords.get(sentence);
  if (words === undefined) {
    if (sentenceWords.size >= MAX_CACHED_SENTENCES) sentenceWords.clear();
    words = new Set(jieba().cut(sentence, true));
    sentenceWords.set(sentence, words);
  }
  return words;
}
/** The one year a text names, when it names it at least twice and no other; "" otherwise. */
function soleYear(text: string): string {
  const years = [...text.matchAll(/(?<!\d)((?:19|20)\d\d)年/gu)].map((m) => m[1]!);
  return years.length >= 2 && years.every((y) => y === years[0]) ? years[0]! : "";
}

/** True when the text names a year (`2025年`) and none of `years`. */
function statesOtherYears(text: string, years: readonly string[]): boolean {
  const stated = [...text.matchAll(/(?<!\d)((?:19|20)\d\d)年/gu)].map((m) => m[1]!);
  return stated.length > 0 && !stated.some((y) => years.includes(y));
}

/**
 * The sentences before `i` that run parallel to it (each shares most of its wording, figures
 * aside, with the next), joined; "" when the one before is not parallel.
 */
function parallelRun(
  text: string,
  spans: ReadonlyArray<{ start: number; end: number }>,
  i: number,
): string {
  const at = (j: number) => text.slice(spans[j]!.start, spans[j]!.end);
  const run: string[] = [];
  for (let j = i - 1; j >= 1 && run.length < MAX_PARALLEL; j--) {
    const earlier = at(j - 1);
    if (!parallel(earlier, at(j))) break;
    run.push(earlier);
  }
  // An item of a series joined by semicolons (`在有色产业领域,构建起…;化工领域,则打造…`), however
  // worded: its items, and the sentence that introduces them (`推动甘河园区构建…产业体系。`), where
  // every item stands.
  const semicolon = (j: number) => /[;；]\s*$/u.test(at(j));
  if (i >= 1 && semicolon(i - 1)) {
    let first = i - 1;
    while (first >= 1 && semicolon(first - 1) && i - first < MAX_PARALLEL) first--;
    for (let j = first; j < i - 1; j++) run.push(at(j));
    if (first >= 1) run.push(at(first - 1));
  }
  return run.join("\n");
}

// A run of parallel sentences is a list: a few items, not a page.
const MAX_PARALLEL = 4;
// Share of the shorter sentence's character pairs (figures masked) the longer one holds.
const PARALLEL_OVERLAP = 0.5;

function parallel(a: string, b: string): boolean {
  const pairs = (s: string) => {
    const chars = Array.from(s.replace(/\d+(\.\d+)?/gu, "#").replace(/\s+/gu, ""));
    return new Set(chars.slice(1).map((c, k) => chars[k]! + c));
  };
  const x = pairs(a);
  const y = pairs(b);
  if (x.size < 8 || y.size < 8) return false;
  let shared = 0;
  for (const p of x) if (y.has(p)) shared++;
  return shared / Math.min(x.size, y.size) >= PARALLEL_OVERLAP;
}

const DAY_OF_MONTH = /\d{1,2}月\d{1,2}[日号]/gu;
const DATES_AND_YEARS = /\d{1,2}月\d{1,2}[日号]?|(?<![\d.])(?:19|20)\d\d(?![\d.%万亿千百])年?/gu;

/** A figure, in one of the asked units when the question names one (`多少人` → 人, 名, 位…). */
function holdsNumber(
  sentence: string,
  units: readonly string[] | null,
  unlike: readonly string[] = [],
  stated: readonly number[] = [],
): boolean {
  // A date or a year (`10月16日`, `护苗2025`) is no amount, unless time is what is asked.
  // Nor is an ordinal (`十三届三次会议`, `第八次`): it says which one, not how many.
  // A day of the calendar (`3月25日`) is never a number of days (`几天`); a year is a figure only
  // for a question in years.
  const unordered = sentence.replace(ORDINAL, " ").replace(DAY_OF_MONTH, " ");
  const text = units?.some((u) => /[年月]/u.test(u))
    ? unordered
    : unordered.replace(DATES_AND_YEARS, " ");
  // Digits, or Chinese numerals before a measure word (`三次亲临`, `两次参加`).
  const figures = (
    text.match(
      /(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两]+(?=[次个项家人名位件届批轮年倍场条所座幅台架天]))\s*(?:余|多)?\s*[^\s\d，。、；,.;]{0,4}/gu,
    ) ?? []
  ).filter((f) => !stated.includes(figureValue(f)));
  if (figures.length === 0) return false;
  if (units === null || units.length === 0) return true;
  return figures.some((f) => {
    // The unit follows the number, past a magnitude and 余/多 (`425万千瓦`: 万千瓦, 千瓦, 瓦; `1031.5万余元`): not any
    // word of the four characters after it (`一个时期人民…` is no count of people).
    const tail = f.replace(FIGURE_NUMBER, "");
    const readings = [tail];
    for (let rest = tail; MAGNITUDE.test(rest); ) {
      rest = rest.slice(1);
      readings.push(rest);
    }
    return (
      units.some((u) => readings.some((r) => r.startsWith(u))) &&
      !unlike.some((u) => readings.some((r) => r.startsWith(u)))
    );
  });
}
const FIGURE_NUMBER = /^(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两]+)\s*(?:余|多)?\s*/u;

/**
 * A whole the question states with its figure, then a part of it asked (`26处重大危险源里，一级的有几处`,
 * `七百多人参加 里头男的女的各多少人`, `…138.96亿元，其中民间投资多少`): the spellings of each word naming
 * the part (said after 里/中/其中 and not in the whole), which the answer must print.
 */
function partOfStatedWhole(question: string, words: readonly QueryWord[]): string[][] {
  const m = STATED_WHOLE.exec(withoutTitlesAndDates(question));
  if (m === null) return [];
  const whole = m[1]!;
  const part = m[2]!;
  return words
    .filter(
      (w) =>
        !w.borrowed &&
        w.required !== "near" &&
        w.weight >= SPECIFIC_WEIGHT &&
        // (a word, not `有` of `有几件` nor the unit)
        Array.from(w.alternatives[0]!).length >= 2 &&
        part.includes(w.alternatives[0]!) &&
        !whole.includes(w.alternatives[0]!),
    )
    .map((w) => [...w.alternatives, ...w.weaker.map((x) => x.word)].map((a) => a.toLowerCase()));
}

/**
 * The question without what states no amount of its own: its ordinals, days and years, and a
 * headline the conversation put in front (`《西宁公安返还涉诈资金1031.5万余元》返还多少钱` names the
 * report: its figure is the report's, not one the reader gives).
 */
function withoutTitlesAndDates(question: string): string {
  return question
    .replace(/《[^》]*》/gu, " ")
    .replace(ORDINAL, " ")
    .replace(DAY_OF_MONTH, " ")
    .replace(DATES_AND_YEARS, " ");
}

/** A figure's number, in digits or Chinese numerals (`700余名` and `七百多人` are both 700). */
function figureValue(figure: string): number {
  const digits = /^(\d+(?:\.\d+)?)\s*([万亿]*)/u.exec(figure);
  if (digits === null)
    return chineseNumeralValue(/^[一二三四五六七八九十百千两]+/u.exec(figure)?.[0] ?? "");
  // (`5万台` is 50,000, not the 5 of `3至5年`)
  let value = Number(digits[1]);
  for (const m of digits[2]!) value *= m === "万" ? 1e4 : 1e8;
  return value;
}

/** The amounts a question states with their units (`26处`, `1583起`, `七百多人`), not its days, years or ordinals. */
function statedFigures(question: string): number[] {
  return [...withoutTitlesAndDates(question).matchAll(new RegExp(STATED_FIGURE.source, "gu"))]
    .map((m) => figureValue(m[0]))
    .filter((v) => v > 0);
}
/**
 * A figure with its unit, as a reader states one: digits, or Chinese numerals with a magnitude (not
 * the name `千亿计划`), and a unit (not the name `12345热线`, not the month of `3月那次`).
 */
const STATED_FIGURE =
  /(?<![\d.])(?:\d+(?:\.\d+)?\s*[万亿]*|[一二三四五六七八九两]+[十百千][一二三四五六七八九]?)\s*[余多]?\s*(?:[个项家人名位件次批场条所座幅台架元吨处起户宗种%％]|千瓦|吉瓦|瓦)/u;
// A whole the reader states with its figure, then what takes a part of it, then the part.
const STATED_WHOLE = new RegExp(
  String.raw`(${STATED_FIGURE.source}${TAKES_A_PART.source})[，,、\s]*(.+)$`,
  "u",
);
const MAGNITUDE = /^[十百千万亿余多]/u;

const YEAR_ON_YEAR = /增长|下降|增幅|降幅|增速/u;
// (`较2020年下降19.58%`: a change against a base year of its own, not the year before)
const OTHER_BASE = /[较比]\s*(?:19|20)\d\d年?/u;
const UNTIL_ASKED =
  /(?:到|至)(?:哪天|哪一天|几号|几月几[日号]|什么时候|啥时候)|\buntil when\b|\bwhen does .{1,40} end\b/iu;
const ENDS =
  /闭幕|闭展|结束|截止|落幕|收官|撤展|(?:至|到|—|-|~)\s*\d{1,2}月\d{1,2}[日号]|(?:至|到)\d{1,2}[日号]/u;

// How much of the topic word must be found (a head of half its characters gives 0.3).
const TOPIC_MATCH = 0.3;

// A reader's word the pages never print counts at most this much for a sentence holding all its
// characters (还给 → 返还 holds 还: a quarter), see `QueryWord.loose`.
const LOOSE_CREDIT = 0.5;

/**
 * True when the text holds the word's characters in order with at most two others between them
 * (`锂离子电池` in `锂离子蓄电池`): the reader's shorter or longer spelling of the same thing.
 */
function nearSpelling(word: string, text: string): boolean {
  const chars = Array.from(word);
  const hay = Array.from(text);
  if (chars.length < 2) return false;
  for (let i = hay.indexOf(chars[0]!); i >= 0; i = hay.indexOf(chars[0]!, i + 1)) {
    let k = 1;
    for (let j = i + 1; j < hay.length && j <= i + chars.length + 1 && k < chars.length; j++)
      if (hay[j] === chars[k]) k++;
    if (k === chars.length) return true;
  }
  return false;
}

/**
 * The share of a Chinese word's characters (each once) that the text holds; 0 for one character.
 */
function sharedCharacters(word: string, text: string): number {
  const chars = [...new Set(Array.from(word))].filter((c) => /\p{Script=Han}/u.test(c));
  if (chars.length < 2) return 0;
  return chars.filter((c) => text.includes(c)).length / chars.length;
}

// A word found in the headline or lead, not in the sentence itself, is weaker evidence.
const CONTEXT_CREDIT = 0.6;

/**
 * 1 when the text holds the word; for a longer Chinese word, partial credit when the text holds
 * its head (`出口` of `出口额`) — not any inner bigram, or `单晶硅` would half-match `多晶硅`.
 */
function wordMatch(word: string, text: string): number {
  if (text.includes(word)) return 1;
  const chars = Array.from(word);
  if (chars.length < 3 || !/\p{Script=Han}/u.test(word)) return 0;
  for (let n = chars.length - 1; n >= 2 && n * 2 >= chars.length; n--) {
    if (text.includes(chars.slice(0, n).join(""))) return 0.6 * (n / chars.length);
  }
  return 0;
}

function leadSentence(text: string): string {
  return text.slice(0, text.search(/[。！？!?]|$/) + 1);
}

/**
 * Whether a (lower-case) sentence says every action the question asks about (see `Requirement`),
 * in its own words or a synonym the pages use.
 */
export function saysActions(words: readonly QueryWord[], lower: string): boolean {
  return words.every(
    (w) =>
      w.required !== "action" ||
      [...w.alternatives, ...w.weaker.map((s) => s.word)].some((a) => statesAction(lower, a)),
  );
}

/**
 * The sentence states the action, not only what was done in its course (`石建平在主持中指出…`,
 * `…主持时强调`: what the host said, where `市长石建平主持。` says who hosted).
 */
function statesAction(lower: string, action: string): boolean {
  return occurrences(lower, action).some(
    (at) =>
      !(
        IN_THE_COURSE_BEFORE.test(lower.slice(Math.max(0, at - 6), at)) &&
        IN_THE_COURSE_AFTER.test(lower.slice(at + action.length))
      ),
  );
}
// 在 … 中/时/期间, in one clause: the action as a circumstance (`在主持中`, `在会上发言时`).
const IN_THE_COURSE_BEFORE = /在[^，,。；;]{0,5}$/u;
const IN_THE_COURSE_AFTER = /^(?:中|时|期间)/u;

/** Citations for chosen sentences: the quote is the sentence exactly as the article has it. */
export function sentenceCitations(sentences: readonly ScoredSentence[]): Citation[] {
  return sentences.map((s, i) => ({
    n: i + 1,
    source: s.article.source,
    title: s.article.title,
    quote: s.text,
    score: Math.round(Math.min(1, s.score) * 100) / 100,
    articleId: s.article.id,
    date: s.article.date,
    start: s.start,
    end: s.end,
  }));
}

/** The wholes a text takes shares of (`占全国同类产品出口商品的12.1%` → 全国), in order. */
function sharesOf(text: string): string[] {
  return [...text.matchAll(SHARE_OF)].flatMap((m) => [
    m[1]!,
    ...[...m[2]!.matchAll(WHOLE)].map((w) => w[0]),
  ]);
}
/**
 * True when the question names one item of a list closed by 等 and a count (`A、B等绿算项目8项`) —
 * a word of it is printed in that item only — and not the list itself (`绿算项目`), and a figure
 * follows the list: the figure totals the list, not the item.
 */
function asksForAnItemOf(
  sentence: string,
  words: readonly QueryWord[],
  asked: readonly string[] | null,
): boolean {
  const lower = sentence.toLowerCase();
  const list = LIST_WITH_COUNT.exec(lower);
  const after = list === null ? "" : lower.slice(list.index + list[0].length);
  if (list === null || !/\d/u.test(after)) return false;
  // (`这类项目引进了几个`: how many items the list counts is asked — its count answers; with no
  // unit, a word of the figure after the list must say it is asked: `投资` of `总投资60.4亿元`)
  if (asked !== null && asked.length > 0 && asked.includes(list[3]!)) return false;
  if (
    (asked === null || asked.length === 0) &&
    !words.some((w) => w.alternatives.some((a) => Array.from(a).length >= 2 && after.includes(a)))
  )
    return false;
  // (what the figure after the list counts, named by the question: `多少条…精品线路` of `…等148个重点
  // 项目,打造了15条城市"微旅游"精品线路` asks that figure, not one item's)
  if (
    words.some(
      (w) =>
        !w.borrowed &&
        w.weight >= SPECIFIC_WEIGHT &&
        w.alternatives.some((a) => Array.from(a).length >= 2 && after.includes(a)),
    )
  )
    return false;
  const items = list[1]!.split("、");
  const group = list[2]!;
  // (a common word, `项目` of `这个项目`, names neither the item nor the list)
  const forms = words
    .filter((w) => !w.borrowed && w.weight >= SPECIFIC_WEIGHT)
    .flatMap((w) => w.alternatives.filter((a) => Array.from(a).length >= 2 && lower.includes(a)));
  if (forms.some((f) => group.includes(f))) return false;
  return forms.some(
    (f) => lower.split(f).length === 2 && items.filter((item) => item.includes(f)).length === 1,
  );
}
// `几个`, `多少项`, `how many`: a count of things, which a list's own count may answer.
const COUNT_ASKED = /几|多少\s*(?:个|项|家|座|批|条|所)|\bhow many\b/iu;
// The weight of a word more specific than Chinese at large (`项目` weighs 0.5, `智算` 3.65).
const SPECIFIC_WEIGHT = 1;
// `青海绿电智算产业园、西宁绿色智算中心等绿算项目8项`: the items, then what they are and how many.
const LIST_WITH_COUNT =
  /([^，,。；;：:]*、[^，,。；;：:]*?)等([^，,。；;、]{0,12}?)\d+\s*(项|个|家|座|批|条|所)/u;

/**
 * The whole an English question takes a share of (`What share of the whole province's investment`
 * → 全省): its restricting word that names a whole, when it asks for a share.
 */
function englishShareOf(question: string, words: readonly QueryWord[]): string | null {
  if (/\p{Script=Han}/u.test(question) || !ENGLISH_SHARE.test(question)) return null;
  for (const w of words)
    if (w.required === "near") {
      const whole = w.alternatives.find((a) => WHOLE_ONLY.test(a));
      if (whole !== undefined) return whole;
    }
  return null;
}
const ENGLISH_SHARE = /\b(?:share|proportion|percentage|per cent|percent)\b|\bwhat\s*%/iu;
const WHOLES = "全国|全省|全市|全区|全县|全州";
const WHOLE_ONLY = new RegExp(`^(?:${WHOLES})$`, "u");
const WHOLE = new RegExp(WHOLES, "gu");
// `占全省26%、全市56%`: one 占 over a list of wholes, each with its share.
const SHARE_OF = new RegExp(
  `占(?:到)?(${WHOLES})((?:[^，。；,;]*?[、和及]\\s*(?:${WHOLES}))*)`,
  "gu",
);

/**
 * True when the sentence lists kinds of `head` (`国画作品221幅、摄影作品…`, `小区物业、消防安全等问题`):
 * two kinds named before it in one series, or a series ended by 等 before it.
 */
function listsKindsOf(sentence: string, head: string): boolean {
  let patterns = KIND_LISTS.get(head);
  if (patterns === undefined) {
    const h = escapeRegExp(head);
    patterns = [
      new RegExp(
        `\\p{Script=Han}${h}[^、，,;；。]{0,12}、[^、，,;；。]{0,8}?\\p{Script=Han}${h}`,
        "u",
      ),
      new RegExp(`、[^，,;；。]*等${h}`, "u"),
    ];
    if (KIND_LISTS.size >= MAX_KIND_LISTS) KIND_LISTS.clear();
    KIND_LISTS.set(head, patterns);
  }
  return patterns.some((p) => p.test(sentence));
}
// listsKindsOf's patterns per head: the same few heads (`作品`, `问题`) come back sentence after
// sentence; questions bring new ones, so the cache starts over rather than grow.
const KIND_LISTS = new Map<string, readonly RegExp[]>();
const MAX_KIND_LISTS = 1_000;

/**
 * True when sentence `i` names two kinds of the head, or is one item of a list spread over
 * sentences, each naming its own kind of the head (`多晶硅出口8.5亿元…；单晶硅棒…实现出口…；
 * 锂离子蓄电池出口…`): items joined by semicolons or worded alike, the sentence's kind and a
 * neighbour's different.
 */
function itemOfKindList(
  text: string,
  spans: ReadonlyArray<{ start: number; end: number }>,
  i: number,
  head: string,
): boolean {
  const at = (j: number) => (spans[j] ? text.slice(spans[j]!.start, spans[j]!.end) : "");
  if (!at(i).includes(head)) return false;
  // (an item may name its kind otherwise: `单晶硅棒首次…实现出口`)
  const own = kindsBefore(at(i), head);
  // `多晶硅产能占全国的11%，单晶硅产能占全国的16%`: the sentence itself names two kinds.
  if (own.size >= 2) return true;
  // Else the items around it, while they are items of the same list.
  for (const step of [-1, 1]) {
    for (let j = i + step, d = 1; d <= MAX_PARALLEL; j += step, d++) {
      const other = at(j);
      if (other === "") break;
      const [first, second] = step < 0 ? [other, at(j - step)] : [at(j - step), other];
      // (a sentence that names no kind of its own is an item only of a list set off by semicolons)
      if (!/[;；]\s*$/u.test(first) && (own.size === 0 || !parallel(first, second))) break;
      if ([...kindsBefore(other, head)].some((k) => !own.has(k))) return true;
    }
  }
  return false;
}

/**
 * The nouns right before the head where it stands as a word of its own (`多晶硅` of `多晶硅出口`;
 * not `实现` of `实现出口`, nor `关于` of `关于检查`).
 */
function kindsBefore(sentence: string, head: string): Set<string> {
  return sentence.includes(head) ? kindsBeforeIn(jieba().tag(sentence, true), head) : new Set();
}

/** {@link kindsBefore} of a sentence jieba has tagged already. */
function kindsBeforeIn(
  tagged: ReadonlyArray<{ word: string; tag: string }>,
  head: string,
): Set<string> {
  const kinds = new Set<string>();
  for (let k = 1; k < tagged.length; k++) {
    const before = tagged[k - 1]!;
    if (
      tagged[k]!.word === head &&
      Array.from(before.word).length >= 2 &&
      NOUN_TAG.test(before.tag)
    )
      kinds.add(before.word);
  }
  return kinds;
}
const NOUN_TAG = /^(?:n|nz|nr|ns|nt|vn|j|eng)$/u;

/**
 * True when the text prints two kinds of the head or more (`动力电池`, `锂电池` for `电池`): after a
 * noun (`光伏 电池`) or in one word that ends with it (`动力电池`, one word to jieba). One kind is
 * no list (`书法篆刻国画摄影作品展`: 国画 before 摄影 is another item, not a kind of it).
 */
function namesOtherKinds(
  text: string,
  spans: ReadonlyArray<{ start: number; end: number }>,
  head: string,
): boolean {
  const kinds = new Set<string>();
  for (const s of spans) {
    const sentence = text.slice(s.start, s.end);
    if (!sentence.includes(head)) continue;
    // (tagged once for both: the nouns before the head, and the words that end with it)
    const tagged = jieba().tag(sentence, true);
    for (const k of kindsBeforeIn(tagged, head)) kinds.add(k);
    for (const t of tagged)
      if (t.word.length > head.length && t.word.endsWith(head) && NOUN_TAG.test(t.tag))
        kinds.add(t.word);
    if (kinds.size >= 2) return true;
  }
  return false;
}

/**
 * True when a report counts its categories one by one, numbered (`1.物业服务76件`, `2.旅游管理46件`):
 * a category it never names has no count there.
 */
function countsCategories(text: string): boolean {
  return (
    (text.match(/(?:^|\n)\s*\d+\s*[.．、]\s*\p{Script=Han}{2,}\s*\d+\s*[件起条个项]/gu) ?? [])
      .length >= 2
  );
}
