import { readFile } from "node:fs/promises";
import type { Answer, Citation } from "../answer/types.js";
import type { Article } from "../ingest/types.js";

/**
 * Scores multi-turn conversations (test/eval/conversations.jsonl) and reader intents beyond
 * factoids (test/eval/intents.jsonl). What is scored is a `ConversationSession`: anything that
 * answers one conversation's messages in order — the stateless engine (every message as if it
 * were the first: the "before" figures) or the conversation layer.
 */

export interface ConversationTurnSpec {
  q: string;
  /** Strings the answer text must hold; [] when any grounded answer will do (e.g. "more"). */
  must_contain: string[];
  /** The message stands on its own: it must be answered as typed, never rewritten. */
  standalone?: boolean;
  intent?: string;
  /** Strings the resolved (standalone) question must hold. */
  resolved_contains?: string[];
  /** Index of an earlier turn whose answer this message replies to (Telegram's reply). */
  reply_to?: number;
  /** Text the user highlighted in the answer replied to (Telegram's `Message.quote`). */
  quote?: string;
  /** Every citation must be one not shown earlier in the conversation ("more"). */
  new_citations?: boolean;
  /**
   * The pages cannot answer this follow-up (`那占全国多少` when only 全省/全市 shares are printed):
   * the right answer abstains, and a grounded one is a neighbouring fact. `must_contain` is then [].
   */
  unanswerable?: boolean;
}

export interface ConversationSpec {
  id: string;
  /** `dev`: may be looked at while building; `heldout`, `heldout2`: never tuned on. */
  split: "dev" | "heldout" | "heldout2";
  kind: string;
  turns: ConversationTurnSpec[];
}

export interface IntentSpec {
  id: string;
  intent: "browse" | "summary" | "activity";
  question: string;
  /** browse: the pages whose every article must be listed. */
  pages?: "all" | string[];
  /** browse: the page listed first. */
  first_source?: string;
  /** summary: every citation from these pages. */
  sources?: string[];
  /** summary: every citation from the articles with these headlines. */
  titles?: string[];
  must_contain?: string[];
  /** activity: the one who acts; every quote names it. */
  subject?: string;
  /** activity: citations from at least this many articles. */
  min_articles?: number;
}

export interface TurnResult {
  answer: Answer;
  /** The standalone question actually answered (the message itself when it stands alone). */
  resolvedQuestion: string;
  intent: string;
}

export interface TurnOptions {
  /** The index, in this conversation, of the turn whose answer is replied to. */
  replyTo?: number;
  quote?: string;
}

/** One conversation, answered in order. */
export interface ConversationSession {
  ask(text: string, options: TurnOptions): Promise<TurnResult>;
}

async function readJsonl<T>(file: string): Promise<T[]> {
  const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l.trim() !== "");
  return lines.map((line, i) => {
    try {
      return JSON.parse(line) as T;
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not valid JSON`, { cause: error });
    }
  });
}

export async function loadConversations(file: string): Promise<ConversationSpec[]> {
  const specs = await readJsonl<ConversationSpec>(file);
  specs.forEach((c, i) => {
    if (typeof c.id !== "string" || !Array.isArray(c.turns) || c.turns.length < 2)
      throw new Error(`${file}:${i + 1}: needs id and at least two turns`);
  });
  return specs;
}

export async function loadIntents(file: string): Promise<IntentSpec[]> {
  const specs = await readJsonl<IntentSpec>(file);
  specs.forEach((s, i) => {
    if (typeof s.question !== "string" || !["browse", "summary", "activity"].includes(s.intent))
      throw new Error(`${file}:${i + 1}: needs question and intent browse|summary|activity`);
  });
  return specs;
}

/**
 * Checks the sets against the pages (what test/eval/README.md asks of every set): each fact a
 * substring of some article, each page and headline real. Returns the problems found.
 */
export function validateSets(
  articles: readonly Article[],
  conversations: readonly ConversationSpec[],
  intents: readonly IntentSpec[],
): string[] {
  const problems: string[] = [];
  const inSomeArticle = (s: string) => articles.some((a) => a.text.includes(s));
  for (const c of conversations) {
    c.turns.forEach((t, i) => {
      for (const s of t.must_contain)
        if (!inSomeArticle(s)) problems.push(`${c.id} turn ${i}: "${s}" is in no article`);
      if (t.reply_to !== undefined && (t.reply_to < 0 || t.reply_to >= i))
        problems.push(`${c.id} turn ${i}: reply_to must name an earlier turn`);
      if (t.unanswerable === true && t.must_contain.length > 0)
        problems.push(`${c.id} turn ${i}: an unanswerable turn has no must_contain`);
    });
  }
  const sources = new Set(articles.map((a) => a.source));
  for (const s of intents) {
    for (const page of [
      ...(Array.isArray(s.pages) ? s.pages : []),
      ...(s.sources ?? []),
      ...(s.first_source ? [s.first_source] : []),
    ]) {
      if (!sources.has(page)) problems.push(`${s.id}: no page ${page}`);
    }
    for (const title of s.titles ?? [])
      if (!articles.some((a) => a.title === title))
        problems.push(`${s.id}: no article titled ${title}`);
    for (const m of s.must_contain ?? [])
      if (!inSomeArticle(m)) problems.push(`${s.id}: "${m}" is in no article`);
  }
  return problems;
}

export interface TurnOutcome {
  conversation: string;
  split: string;
  turn: number;
  question: string;
  resolvedQuestion: string;
  intent: string;
  followUp: boolean;
  /** Follow-up: answered with the expected fact. Stand-alone: answered with its fact. */
  factFound: boolean;
  /** Stand-alone turns after the first: rewritten although they stand alone. */
  wronglyRewritten: boolean;
  resolvedOk: boolean;
  intentOk: boolean;
  answer: string;
}

export interface ConversationReport {
  conversations: number;
  followUpTurns: number;
  /** Follow-up turns answered with the expected fact, all / dev / held-out. */
  followUpFact: number;
  followUpFactDev: number;
  followUpFactHeldout: number;
  /** Stand-alone turns after the first (topic changes) that were rewritten anyway. */
  topicChangeTurns: number;
  topicChangeWronglyRewritten: number;
  /** First turns answered with their fact (the conversation layer must not break these). */
  firstTurnFact: number;
  /** Turns with an expected resolution whose resolved question holds the expected words. */
  resolvedAsExpected: number;
  /** Turns with an expected intent labelled with it. */
  intentCorrect: number;
  citationsVerbatim: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const share = <T>(xs: readonly T[], f: (x: T) => boolean) =>
  xs.length === 0 ? 1 : round(xs.filter(f).length / xs.length);

function citationKey(c: Pick<Citation, "articleId" | "quote">): string {
  return `${c.articleId}|${c.quote}`;
}

export async function evaluateConversations(
  newSession: () => ConversationSession,
  specs: readonly ConversationSpec[],
  articles: readonly Article[],
): Promise<{ report: ConversationReport; outcomes: TurnOutcome[] }> {
  const text = new Map(articles.map((a) => [a.id, a.text]));
  const outcomes: TurnOutcome[] = [];
  let quotes = 0;
  let verbatim = 0;
  for (const spec of specs) {
    const session = newSession();
    const shown = new Set<string>();
    let previousArticles = new Set<string>();
    for (const [i, turn] of spec.turns.entries()) {
      const result = await session.ask(turn.q, {
        ...(turn.reply_to !== undefined ? { replyTo: turn.reply_to } : {}),
        ...(turn.quote !== undefined ? { quote: turn.quote } : {}),
      });
      const { answer } = result;
      for (const c of answer.citations) {
        quotes++;
        if (text.get(c.articleId)?.includes(c.quote)) verbatim++;
      }
      // "more" continues the same question: passages not shown yet, the same article first.
      const fresh =
        answer.citations.length > 0 &&
        answer.citations.every((c) => !shown.has(citationKey(c))) &&
        answer.citations.some((c) => previousArticles.has(c.articleId));
      const factFound =
        turn.unanswerable === true
          ? !answer.grounded
          : answer.grounded &&
            turn.must_contain.every((s) => answer.answer.includes(s)) &&
            (turn.new_citations !== true || fresh);
      if (answer.grounded) for (const c of answer.citations) shown.add(citationKey(c));
      previousArticles = new Set(answer.grounded ? answer.citations.map((c) => c.articleId) : []);
      outcomes.push({
        conversation: spec.id,
        split: spec.split,
        turn: i,
        question: turn.q,
        resolvedQuestion: result.resolvedQuestion,
        intent: result.intent,
        followUp: i > 0 && turn.standalone !== true,
        factFound,
        wronglyRewritten:
          i > 0 && turn.standalone === true && result.resolvedQuestion.trim() !== turn.q.trim(),
        resolvedOk: (turn.resolved_contains ?? []).every((s) =>
          result.resolvedQuestion.includes(s),
        ),
        intentOk: turn.intent === undefined || turn.intent === result.intent,
        answer: answer.answer.slice(0, 200),
      });
    }
  }
  const followUps = outcomes.filter((o) => o.followUp);
  const changes = outcomes.filter((o) => o.turn > 0 && !o.followUp);
  const expectResolution = outcomes.filter((o) => {
    const t = specs.find((s) => s.id === o.conversation)!.turns[o.turn]!;
    return t.resolved_contains !== undefined;
  });
  const expectIntent = outcomes.filter(
    (o) => specs.find((s) => s.id === o.conversation)!.turns[o.turn]!.intent !== undefined,
  );
  return {
    outcomes,
    report: {
      conversations: specs.length,
      followUpTurns: followUps.length,
      followUpFact: share(followUps, (o) => o.factFound),
      followUpFactDev: share(
        followUps.filter((o) => o.split === "dev"),
        (o) => o.factFound,
      ),
      followUpFactHeldout: share(
        followUps.filter((o) => o.split === "heldout"),
        (o) => o.factFound,
      ),
      topicChangeTurns: changes.length,
      // (none marked: none wrongly rewritten, not all of them)
      topicChangeWronglyRewritten:
        changes.length === 0 ? 0 : share(changes, (o) => o.wronglyRewritten),
      firstTurnFact: share(
        outcomes.filter((o) => o.turn === 0),
        (o) => o.factFound,
      ),
      resolvedAsExpected: share(expectResolution, (o) => o.resolvedOk),
      intentCorrect: share(expectIntent, (o) => o.intentOk),
      citationsVerbatim: quotes === 0 ? 1 : round(verbatim / quotes),
    },
  };
}

export interface IntentOutcome {
  id: string;
  intent: string;
  question: string;
  labelled: string;
  passed: boolean;
  /** Why it failed, for --verbose. */
  problems: string[];
}

export interface IntentReport {
  requests: number;
  browse: number;
  summary: number;
  activity: number;
  /** Share of requests labelled with their intent. */
  intentCorrect: number;
  citationsVerbatim: number;
  /** browse: listed headlines that are no article's (invented). */
  browseInvented: number;
}

/** Scores each request on what a reader would check; see IntentSpec for the rules. */
export async function evaluateIntents(
  newSession: () => ConversationSession,
  specs: readonly IntentSpec[],
  articles: readonly Article[],
): Promise<{ report: IntentReport; outcomes: IntentOutcome[] }> {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const outcomes: IntentOutcome[] = [];
  let quotes = 0;
  let verbatim = 0;
  let invented = 0;
  for (const spec of specs) {
    const { answer, intent } = await newSession().ask(spec.question, {});
    const problems: string[] = [];
    for (const c of answer.citations) {
      quotes++;
      const article = byId.get(c.articleId);
      if (
        article?.text.includes(c.quote) &&
        article.title === c.title &&
        article.source === c.source
      )
        verbatim++;
      else problems.push(`citation [${c.n}] not verbatim or mislabelled`);
    }
    if (!answer.grounded) problems.push("not grounded");
    for (const s of spec.must_contain ?? [])
      if (!answer.answer.includes(s)) problems.push(`lacks "${s}"`);
    const cited = answer.citations
      .map((c) => byId.get(c.articleId))
      .filter((a): a is Article => a !== undefined);
    if (spec.intent === "browse") {
      const pages =
        spec.pages === "all" ? [...new Set(articles.map((a) => a.source))] : (spec.pages ?? []);
      for (const a of articles.filter((x) => pages.includes(x.source))) {
        if (!answer.answer.includes(a.title)) problems.push(`does not list 《${a.title}》`);
      }
      const listedElsewhere = cited.filter((a) => !pages.includes(a.source));
      if (listedElsewhere.length > 0)
        problems.push(`lists ${listedElsewhere.length} article(s) of other pages`);
      const fake = answer.citations.filter(
        (c) => !articles.some((a) => a.title === c.title && a.source === c.source),
      ).length;
      invented += fake;
      if (spec.first_source && answer.citations[0]?.source !== spec.first_source)
        problems.push(`first page is ${answer.citations[0]?.source}, not ${spec.first_source}`);
    }
    if (spec.intent === "summary") {
      if (cited.length === 0 || cited.length > 4)
        problems.push(`${cited.length} sentences (want 1–4)`);
      if (spec.sources && !cited.every((a) => spec.sources!.includes(a.source)))
        problems.push("cites other pages");
      if (spec.titles && !cited.every((a) => spec.titles!.includes(a.title)))
        problems.push("cites other articles");
      // reading order: page, article, then offset
      const order = answer.citations.map((c) => {
        const a = byId.get(c.articleId);
        return a ? ([a.source, a.index, a.text.indexOf(c.quote)] as const) : null;
      });
      for (let i = 1; i < order.length; i++) {
        const [p, q] = [order[i - 1], order[i]];
        if (
          p &&
          q &&
          (p[0] > q[0] || (p[0] === q[0] && (p[1] > q[1] || (p[1] === q[1] && p[2] > q[2]))))
        )
          problems.push("not in reading order");
      }
    }
    if (spec.intent === "activity") {
      if (spec.subject && !answer.citations.every((c) => c.quote.includes(spec.subject!)))
        problems.push(`a quote does not name ${spec.subject}`);
      if (new Set(cited.map((a) => a.id)).size < (spec.min_articles ?? 1))
        problems.push(`fewer than ${spec.min_articles} articles`);
    }
    outcomes.push({
      id: spec.id,
      intent: spec.intent,
      question: spec.question,
      labelled: intent,
      passed: problems.length === 0 && intent === spec.intent,
      problems,
    });
  }
  const kind = (k: string) =>
    share(
      outcomes.filter((o) => o.intent === k),
      (o) => o.passed,
    );
  return {
    outcomes,
    report: {
      requests: specs.length,
      browse: kind("browse"),
      summary: kind("summary"),
      activity: kind("activity"),
      intentCorrect: share(outcomes, (o) => o.labelled === o.intent),
      citationsVerbatim: quotes === 0 ? 1 : round(verbatim / quotes),
      browseInvented: invented,
    },
  };
}

/**
 * The engine as it was before conversations: every message answered as if it were the first,
 * never rewritten, labelled `fact` (or what the engine says). The "before" figures.
 */
export function statelessSession(
  ask: (question: string) => Promise<Answer>,
): () => ConversationSession {
  return () => ({
    async ask(text) {
      const answer = await ask(text);
      const labelled = (answer as Answer & { intent?: string }).intent;
      return { answer, resolvedQuestion: text, intent: labelled ?? "fact" };
    },
  });
}
