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
    startupMs: Math.round(startupMs),
    peakRssMb,
    exitCode,
  }),
);

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
