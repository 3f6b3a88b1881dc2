import type { EvalArgs } from "../args.js";
import type { QaEngine } from "../../answer/qa-engine.js";
import {
  createConversationEngine,
  type ConversationEngine,
} from "../../conversation/conversation.js";
import type { ConversationState, TurnContext } from "../../conversation/state.js";
import { engineArticles } from "../../eval/articles.js";
import {
  evaluateConversations,
  evaluateIntents,
  loadConversations,
  loadIntents,
  statelessSession,
  validateSets,
  type ConversationSession,
} from "../../eval/conversations.js";

const CONVERSATIONS = "test/eval/conversations.jsonl";
// Written apart from the code, after the first held-out conversations were seen (`--heldout2`).
export const CONVERSATIONS_HELD_OUT = {
  2: "test/eval/conversations-heldout2.jsonl",
  3: "test/eval/conversations-heldout3.jsonl",
  4: "test/eval/conversations-heldout4.jsonl",
  5: "test/eval/conversations-heldout5.jsonl",
  6: "test/eval/conversations-heldout6.jsonl",
  7: "test/eval/conversations-heldout7.jsonl",
  8: "test/eval/conversations-heldout8.jsonl",
  9: "test/eval/conversations-heldout9.jsonl",
  10: "test/eval/conversations-heldout10.jsonl",
  11: "test/eval/conversations-heldout11.jsonl",
  12: "test/eval/conversations-heldout12.jsonl",
  13: "test/eval/conversations-heldout13.jsonl",
  14: "test/eval/conversations-heldout14.jsonl",
  15: "test/eval/conversations-heldout15.jsonl",
  16: "test/eval/conversations-heldout16.jsonl",
  17: "test/eval/conversations-heldout17.jsonl",
  18: "test/eval/conversations-heldout18.jsonl",
  19: "test/eval/conversations-heldout19.jsonl",
  20: "test/eval/conversations-heldout20.jsonl",
  21: "test/eval/conversations-heldout21.jsonl",
  22: "test/eval/conversations-heldout22.jsonl",
  23: "test/eval/conversations-heldout23.jsonl",
  24: "test/eval/conversations-heldout24.jsonl",
  25: "test/eval/conversations-heldout25.jsonl",
  26: "test/eval/conversations-heldout26.jsonl",
  27: "test/eval/conversations-heldout27.jsonl",
  28: "test/eval/conversations-heldout28.jsonl",
  29: "test/eval/conversations-heldout29.jsonl",
  30: "test/eval/conversations-heldout30.jsonl",
  31: "test/eval/conversations-heldout31.jsonl",
  32: "test/eval/conversations-heldout32.jsonl",
  33: "test/eval/conversations-heldout33.jsonl",
  34: "test/eval/conversations-heldout34.jsonl",
  35: "test/eval/conversations-heldout35.jsonl",
  36: "test/eval/conversations-heldout36.jsonl",
  37: "test/eval/conversations-heldout37.jsonl",
  38: "test/eval/conversations-heldout38.jsonl",
  39: "test/eval/conversations-heldout39.jsonl",
  40: "test/eval/conversations-heldout40.jsonl",
  41: "test/eval/conversations-heldout41.jsonl",
  42: "test/eval/conversations-heldout42.jsonl",
  43: "test/eval/conversations-heldout43.jsonl",
  44: "test/eval/conversations-heldout44.jsonl",
  45: "test/eval/conversations-heldout45.jsonl",
  46: "test/eval/conversations-heldout46.jsonl",
  47: "test/eval/conversations-heldout47.jsonl",
  48: "test/eval/conversations-heldout48.jsonl",
  49: "test/eval/conversations-heldout49.jsonl",
  50: "test/eval/conversations-heldout50.jsonl",
  51: "test/eval/conversations-heldout51.jsonl",
  52: "test/eval/conversations-heldout52.jsonl",
  53: "test/eval/conversations-heldout53.jsonl",
  54: "test/eval/conversations-heldout54.jsonl",
  55: "test/eval/conversations-heldout55.jsonl",
  56: "test/eval/conversations-heldout56.jsonl",
  57: "test/eval/conversations-heldout57.jsonl",
  58: "test/eval/conversations-heldout58.jsonl",
  59: "test/eval/conversations-heldout59.jsonl",
  60: "test/eval/conversations-heldout60.jsonl",
  61: "test/eval/conversations-heldout61.jsonl",
  62: "test/eval/conversations-heldout62.jsonl",
  63: "test/eval/conversations-heldout63.jsonl",
  64: "test/eval/conversations-heldout64.jsonl",
  65: "test/eval/conversations-heldout65.jsonl",
  66: "test/eval/conversations-heldout66.jsonl",
  67: "test/eval/conversations-heldout67.jsonl",
  68: "test/eval/conversations-heldout68.jsonl",
  69: "test/eval/conversations-heldout69.jsonl",
  70: "test/eval/conversations-heldout70.jsonl",
  71: "test/eval/conversations-heldout71.jsonl",
  72: "test/eval/conversations-heldout72.jsonl",
  73: "test/eval/conversations-heldout73.jsonl",
  74: "test/eval/conversations-heldout74.jsonl",
  75: "test/eval/conversations-heldout75.jsonl",
  76: "test/eval/conversations-heldout76.jsonl",
  77: "test/eval/conversations-heldout77.jsonl",
  78: "test/eval/conversations-heldout78.jsonl",
  79: "test/eval/conversations-heldout79.jsonl",
  80: "test/eval/conversations-heldout80.jsonl",
  81: "test/eval/conversations-heldout81.jsonl",
  82: "test/eval/conversations-heldout82.jsonl",
  83: "test/eval/conversations-heldout83.jsonl",
  84: "test/eval/conversations-heldout84.jsonl",
  85: "test/eval/conversations-heldout85.jsonl",
  86: "test/eval/conversations-heldout86.jsonl",
  87: "test/eval/conversations-heldout87.jsonl",
  88: "test/eval/conversations-heldout88.jsonl",
  89: "test/eval/conversations-heldout89.jsonl",
} as const;
const INTENTS = "test/eval/intents.jsonl";

/**
 * `npm run eval -- --conversations [--baseline] [--verbose] [--heldout2…89]`: the
 * multi-turn and reader-intent figures (`--heldout2` … `--heldout89`: a later round of held-out
 * conversations; all its follow-ups are held out, so `followUpFact` is the held-out figure).
 * `--baseline` answers every message as if it were the first (the engine alone): the figures from
 * before the conversation layer.
 */
export async function evalConversations(
  engine: QaEngine,
  options: Pick<EvalArgs, "baseline" | "verbose" | "round" | "file">,
  layer: ConversationEngine = createConversationEngine(engine),
): Promise<Record<string, unknown>> {
  const conversations = await loadConversations(
    options.file ?? (options.round === 0 ? CONVERSATIONS : CONVERSATIONS_HELD_OUT[options.round]),
  );
  const intents = await loadIntents(INTENTS);
  const articles = engineArticles(engine);
  const problems = validateSets(articles, conversations, intents);
  if (problems.length > 0)
    throw new Error(`the evaluation sets disagree with the pages:\n${problems.join("\n")}`);
  const newSession = options.baseline
    ? statelessSession((q) => engine.ask(q))
    : conversationSessions(engine, layer);
  const turns = await evaluateConversations(newSession, conversations, articles);
  const requests = await evaluateIntents(newSession, intents, articles);
  const out: Record<string, unknown> = {
    session: options.baseline ? "stateless (before)" : "conversation",
    conversations: turns.report,
    intents: requests.report,
  };
  if (options.verbose) {
    out.turnFailures = turns.outcomes.filter(
      (o) => (o.followUp && !o.factFound) || o.wronglyRewritten || !o.resolvedOk || !o.intentOk,
    );
    out.intentFailures = requests.outcomes.filter((o) => !o.passed);
  }
  return out;
}

/**
 * One conversation per session, as an interface keeps it: the state, and each answer's context for
 * replies.
 */
export function conversationSessions(
  engine: QaEngine,
  conversations: ConversationEngine = createConversationEngine(engine),
): () => ConversationSession {
  return () => {
    let state: ConversationState | null = null;
    const contexts: Array<TurnContext | null> = [];
    return {
      async ask(text, options) {
        const replyTo = options.replyTo !== undefined ? contexts[options.replyTo] : undefined;
        const turn = await conversations.ask(state, text, { replyTo, quote: options.quote });
        state = turn.state;
        contexts.push(turn.context);
        return {
          answer: turn.answer,
          resolvedQuestion: turn.answer.resolvedQuestion,
          intent: turn.answer.intent,
        };
      },
    };
  };
}
