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
import { conversationsFile } from "../../eval/sets.js";

const INTENTS = "test/eval/intents.jsonl";

/**
 * `npm run eval -- --conversations [--baseline] [--verbose] [--heldout<n>]`: the
 * multi-turn and reader-intent figures (`--heldout2` … `--heldout<last>`: a later round of held-out
 * conversations; all its follow-ups are held out, so `followUpFact` is the held-out figure).
 * `--baseline` answers every message as if it were the first (the engine alone): the figures from
 * before the conversation layer.
 */
export async function evalConversations(
  engine: QaEngine,
  options: Pick<EvalArgs, "baseline" | "verbose" | "round" | "file">,
  layer: ConversationEngine = createConversationEngine(engine),
): Promise<Record<string, unknown>> {
  const conversations = await loadConversations(options.file ?? conversationsFile(options.round));
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
