/**
 * Benchmark of the Telegram bot under a burst: the real `npm start` entry as a child process
 * against the fake Bot API server of the tests, 200 questions (the golden set's, in turn) from
 * 50 chats at once. Prints one JSON object: whether every question was answered exactly once,
 * p50/p99 latency from the update being queued to the answer's sendMessage, the burst's wall
 * time and throughput, and the bot's peak RSS (VmHWM of its process); then 200 inline queries
 * from 50 users, p50/p99 from the update being queued to its answerInlineQuery.
 *
 *   npx tsx bench/bot.ts       (MODELS_DIR set: the bot loads that model and retrieves hybrid)
 */
import { spawn } from "node:child_process";
import { readFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadGolden } from "../src/eval/golden.js";
import { startFakeOpenAiServer } from "../test/helpers/fake-openai-server.js";
import { FakeTelegramServer } from "../test/helpers/fake-telegram-server.js";

const CHATS = 50;
const QUESTIONS = 200;
const TIMEOUT_MS = 120_000;

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const golden = await loadGolden("test/eval/golden.jsonl");
const server = await FakeTelegramServer.start();
const dir = await mkdtemp(join(tmpdir(), "bench-bot-"));
const child = spawn(process.execPath, ["--import", "tsx", "src/cli/bot.ts"], {
  env: {
    ...process.env,
    DOTENV_PATH: "/nonexistent/.env",
    TELEGRAM_BOT_TOKEN: server.token,
    TELEGRAM_API_ROOT: server.apiRoot,
    INDEX_DIR: join(dir, "embeddings"),
    MODELS_DIR: process.env.MODELS_DIR ?? join(dir, "no-models"),
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

const startedAt = performance.now();
await server.waitFor((c) => c.method === "getUpdates", TIMEOUT_MS);
const startupMs = performance.now() - startedAt;

// One question first: the first answer pays for loading the tokenizer's dictionaries.
const warm = server.text(golden[0]!.question, { userId: 1 });
await server.waitFor((c) => server.repliesTo(warm).includes(c), TIMEOUT_MS);

const pushedAt = new Map<number, number>();
const updates = Array.from({ length: QUESTIONS }, (_, i) => {
  const userId = 10_000 + (i % CHATS);
  const update = server.text(golden[i % golden.length]!.question, { userId });
  pushedAt.set(update.update_id, Date.now());
  return update;
});
const burstStart = Date.now();
// Counted as calls come in: re-scanning every reply on every call would slow the server itself.
const byQuestion = new Map(
  updates.map((u) => [`${u.message.chat.id}:${u.message.message_id}`, u.update_id]),
);
const answered = new Set<number>();
await server.waitFor((c) => {
  if (c.method === "sendMessage" && c.response?.ok === true && c.payload.reply_parameters) {
    const id = byQuestion.get(`${c.payload.chat_id}:${c.payload.reply_parameters.message_id}`);
    if (id !== undefined) answered.add(id);
  }
  return answered.size === QUESTIONS;
}, TIMEOUT_MS);
const burstMs = Date.now() - burstStart;

// Inline mode: 200 `@bot 问题` queries from 50 users at once, timed from the update being queued
// to its answerInlineQuery. The golden questions repeat (as people ask the same things), so part
// of them are served from the bot's brief cache: both figures are printed.
const inlinePushedAt = new Map<string, number>();
const inlineQueries = Array.from({ length: QUESTIONS }, (_, i) => {
  const update = server.inlineQuery(golden[i % golden.length]!.question, {
    userId: 20_000 + (i % CHATS),
  });
  inlinePushedAt.set(update.inline_query.id, Date.now());
  return update.inline_query.id;
});
const inlineStart = Date.now();
const inlineAnswered = new Map<string, number>();
await server.waitFor((c) => {
  if (c.method === "answerInlineQuery" && c.response?.ok === true)
    inlineAnswered.set(String(c.payload.inline_query_id), c.at);
  return inlineAnswered.size === QUESTIONS;
}, TIMEOUT_MS);
const inlineBurstMs = Date.now() - inlineStart;
const inlineLatencies = inlineQueries.map(
  (id) => inlineAnswered.get(id)! - inlinePushedAt.get(id)!,
);
const inlineCardCounts = [...server.inlineAnswers.values()].map(
  (p) => (p.results as unknown[]).length,
);

const latencies = updates.map((u) => server.repliesTo(u)[0]!.at - pushedAt.get(u.update_id)!);
const answeredTwice = updates.filter((u) => server.repliesTo(u).length > 1).length;
const peakRssMb = await peakRss(child.pid!);

child.kill("SIGTERM");
const exitCode = await exited;
await server.close();

const streaming = await benchStreaming();

console.log(
  JSON.stringify({
    questions: QUESTIONS,
    chats: CHATS,
    answered: updates.filter((u) => server.repliesTo(u).length > 0).length,
    answeredTwice,
    rejectedCalls: server.calls.filter((c) => c.response?.ok === false).length,
    latencyMs: {
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: Math.max(...latencies),
    },
    burstMs,
    answersPerSecond: Math.round((QUESTIONS / burstMs) * 1000 * 10) / 10,
    inline: {
      queries: QUESTIONS,
      users: CHATS,
      distinctQueries: new Set(inlineQueries.map((_, i) => golden[i % golden.length]!.question))
        .size,
      answered: inlineAnswered.size,
      latencyMs: {
        p50: percentile(inlineLatencies, 0.5),
        p99: percentile(inlineLatencies, 0.99),
        max: Math.max(...inlineLatencies),
      },
      burstMs: inlineBurstMs,
      cardsPerAnswer: {
        min: Math.min(...inlineCardCounts),
        max: Math.max(...inlineCardCounts),
      },
    },
    streaming,
    startupMs: Math.round(startupMs),
    peakRssMb,
    exitCode,
  }),
);

/**
 * Streamed LLM answers: a second bot process with LLM mode on (the tests' fake OpenAI server,
 * streaming 40 tokens 100 ms apart, ~4 s an answer), 20 questions from 20 private chats at once.
 * Counts the drafts each answer got and any the fake Bot API rejected for flooding (it refuses
 * drafts to one chat closer than DRAFT_MIN_INTERVAL_MS).
 */
async function benchStreaming() {
  const ANSWERS = 20;
  const telegram = await FakeTelegramServer.start();
  const llm = await startFakeOpenAiServer();
  const tokens = Array.from({ length: 40 }, (_, i) =>
    i === 0 ? "据报道，「多晶硅出口8.5亿元」[1]。" : "居全国首位。",
  );
  llm.script({ tokens, tokenDelayMs: 100 });
  const streamDir = await mkdtemp(join(tmpdir(), "bench-bot-stream-"));
  const bot = spawn(process.execPath, ["--import", "tsx", "src/cli/bot.ts"], {
    env: {
      ...process.env,
      DOTENV_PATH: "/nonexistent/.env",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      INDEX_DIR: join(streamDir, "embeddings"),
      MODELS_DIR: process.env.MODELS_DIR ?? join(streamDir, "no-models"),
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: "bench-key",
      LLM_MODEL: "bench-model",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const botExited = new Promise<number | null>((resolve) =>
    bot.on("exit", (code) => resolve(code)),
  );
  await telegram.waitFor((c) => c.method === "getUpdates", TIMEOUT_MS);
  const asked = Array.from({ length: ANSWERS }, (_, i) =>
    telegram.text("西宁开发区多晶硅出口额是多少？", { userId: 30_000 + i }),
  );
  await telegram.waitForCount(
    (c) => c.method === "sendMessage" && c.response?.ok === true,
    ANSWERS,
    TIMEOUT_MS,
  );
  const draftsPerAnswer = asked.map(
    (u) => telegram.drafts.get(`${u.message.chat.id}:${u.update_id}`)?.length ?? 0,
  );
  const draftCalls = telegram.callsOf("sendMessageDraft");
  const finals = telegram.messages();
  bot.kill("SIGTERM");
  const code = await botExited;
  await telegram.close();
  await llm.close();
  return {
    answers: ANSWERS,
    llmTokensPerAnswer: tokens.length,
    llmMsPerAnswer: tokens.length * 100,
    draftsPerAnswer: {
      min: Math.min(...draftsPerAnswer),
      p50: percentile(draftsPerAnswer, 0.5),
      max: Math.max(...draftsPerAnswer),
    },
    draftsRejected: draftCalls.filter((c) => c.response?.ok !== true).length,
    finalMessagesInLlmMode: finals.filter((c) => !String(c.visibleText).includes("大模型未能作答"))
      .length,
    exitCode: code,
  };
}

/** The process's peak resident set (VmHWM), in MB; null where /proc is not available. */
async function peakRss(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}
