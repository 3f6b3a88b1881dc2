/**
 * Benchmark of the conversation layer: what it adds to an answer (the same golden questions
 * asked through `ConversationEngine.ask` as the first message of a conversation, and the
 * overhead measured as the p50 difference per question against `engine.ask`), the cost of a
 * follow-up's resolution alone, and the size of the state a Telegram chat keeps (the conversation
 * plus the remembered contexts of its last answers) after the conversations of
 * test/eval/conversations.jsonl.
 *
 *   npx tsx bench/conversation.ts
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../src/app/create-app.js";
import { loadConfig } from "../src/config.js";
import { resolveFollowUp } from "../src/conversation/resolve-follow-up.js";
import { stateBytes, type ConversationState } from "../src/conversation/state.js";
import { loadConversations } from "../src/eval/conversations.js";
import { loadGolden } from "../src/eval/golden.js";
import { initialChatSession, recordTurn } from "../src/interfaces/telegram/chat-session.js";
import { silentLogger } from "../src/util/logger.js";

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (x: number) => Math.round(x * 1000) / 1000;

const golden = (await loadGolden("test/eval/golden.jsonl")).filter((q) => q.lang === "zh");
const dir = await mkdtemp(join(tmpdir(), "bench-conversation-"));
try {
  const { engine, conversations } = await createApp(loadConfig({}), {
    log: silentLogger,
    index: { kind: "fresh", dir },
    llm: false,
  });
  for (const q of golden) await conversations.ask(null, q.question); // warm-up

  const overhead: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    for (const q of golden) {
      let t = performance.now();
      await engine.ask(q.question);
      const plain = performance.now() - t;
      t = performance.now();
      await conversations.ask(null, q.question);
      overhead.push(performance.now() - t - plain);
    }
  }

  const context = {
    q: "西宁开发区多晶硅出口额是多少？",
    lang: "zh" as const,
    intent: "fact" as const,
    topic: null,
    subject: "西宁开发区多晶硅出口额",
    person: null,
    articles: ["003_bcfb9783f9e97214.txt#2"],
    shown: [],
  };
  const resolveTimes: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    resolveFollowUp(
      i % 2 === 0 ? "那锂电池呢？" : "西宁公安给受害群众返还了多少涉案资金？",
      context,
    );
    resolveTimes.push(performance.now() - t);
  }

  // A Telegram chat's session after each evaluation conversation (answers remembered by message
  // id).
  const sizes: number[] = [];
  const sessionSizes: number[] = [];
  for (const spec of await loadConversations("test/eval/conversations.jsonl")) {
    let state: ConversationState | null = null;
    const session = initialChatSession();
    let messageId = 1;
    for (const turn of spec.turns) {
      const result = await conversations.ask(state, turn.q);
      state = result.state;
      recordTurn(session, state, result.context, [messageId++, messageId++]);
      sizes.push(stateBytes(state));
      sessionSizes.push(stateBytes(session));
    }
    // and a few "more"s on top, the state's worst case (its shown list grows to its bound)
    for (let i = 0; i < 3; i++) {
      const result = await conversations.ask(state, "更多");
      state = result.state;
      recordTurn(session, state, result.context, [messageId++]);
      sizes.push(stateBytes(state));
      sessionSizes.push(stateBytes(session));
    }
  }

  console.log(
    JSON.stringify({
      questions: golden.length * 3,
      addedMsPerAnswerP50: round(percentile(overhead, 0.5)),
      addedMsPerAnswerP90: round(percentile(overhead, 0.9)),
      resolveFollowUpMsP50: round(percentile(resolveTimes, 0.5)),
      conversationStateBytesMax: Math.max(...sizes),
      telegramSessionBytesP50: percentile(sessionSizes, 0.5),
      telegramSessionBytesMax: Math.max(...sessionSizes),
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
