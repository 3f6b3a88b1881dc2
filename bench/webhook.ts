/**
 * Benchmark of webhook mode with shared state (issue 13): two real bot processes (`npm start`,
 * `BOT_MODE=webhook`, one REDIS_URL, one INDEX_DIR, two PORTs) behind a local round-robin proxy,
 * a real redis-server, the tests' fake Bot API server. Updates are POSTed to the proxy with the
 * secret header as Telegram does: one chat's updates in order, each after the previous one's
 * HTTP response; chats at once, at most 40 requests open (setWebhook's `max_connections`, whose
 * default the bot keeps). Prints one JSON object:
 * - 500 updates from 100 chats: each answered exactly once (sendMessage calls quoting it), each
 *   chat's answers in the order asked, latency p50/p99 from the POST to the answer's sendMessage
 *   and from the update's turn (its chat's previous answer) to it, waiting for a connection included;
 * - the rate limit counted across both processes: one chat sends more than the limit through
 *   both backends and gets the notice once the shared count is past it;
 * - a conversation continued on the other instance: `那…呢` resolved against the first turn;
 * - redeliveries (Telegram retries): answered updates and new ones POSTed to both backends at
 *   once, each answered once.
 *
 *   npx tsx bench/webhook.ts
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { loadGolden } from "../src/eval/golden.js";
import { TEXTS } from "../src/interfaces/telegram/texts.js";
import { FakeTelegramServer } from "../test/helpers/fake-telegram-server.js";
import { freePort } from "../test/helpers/free-port.js";
import { startRedisServer } from "../test/helpers/redis-server.js";
import { startRoundRobinProxy } from "./round-robin-proxy.js";

const CHATS = 100;
const UPDATES = 500;
/** The bot's default rate limit (src/interfaces/telegram/middlewares/rate-limit.ts): 6 per 15 s. */
const RATE_LIMIT = 6;
const REDELIVERED = 50;
const TIMEOUT_MS = 120_000;
const SECRET = "bench_webhook-SECRET";
/** Telegram's default `max_connections`: how many webhook requests it keeps open at once. */
const MAX_CONNECTIONS = 40;

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

const redis = await startRedisServer();
if (redis === null) throw new Error("redis-server is not installed: apt-get install redis-server");
const telegram = await FakeTelegramServer.start();
const root = await mkdtemp(join(tmpdir(), "bench-webhook-"));
const ports = [await freePort(), await freePort()];
const proxy = await startRoundRobinProxy(ports);
const webhookPath = "/telegram";

const startBot = (port: number) => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/bot.ts"], {
    env: {
      ...process.env,
      DOTENV_PATH: "/nonexistent/.env",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      INDEX_DIR: join(root, "embeddings"),
      MODELS_DIR: join(root, "no-models"),
      BOT_MODE: "webhook",
      // Both register the proxy's address, as both instances register the balancer's.
      WEBHOOK_URL: `http://127.0.0.1:${proxy.port}${webhookPath}`,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      REDIS_URL: redis.url,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited };
};
// setWebhook is the last step of a start: once it is called, the instance takes updates. The
// second starts after the first has built the shared index (it would wait on the build lock).
const bots = [startBot(ports[0]!)];
await telegram.waitForCount((c) => c.method === "setWebhook", 1, TIMEOUT_MS);
bots.push(startBot(ports[1]!));
await telegram.waitForCount((c) => c.method === "setWebhook", 2, TIMEOUT_MS);

/** POSTs an update as Telegram does; resolves with the HTTP status and the backend that took it. */
const post = async (update: Update, port = proxy.port) => {
  const res = await fetch(`http://127.0.0.1:${port}${webhookPath}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  return { status: res.status, backend: Number(res.headers.get("x-backend") ?? port) };
};
const answersTo = (update: Update) => telegram.repliesTo(update);

const golden = await loadGolden("test/eval/golden.jsonl");
// One question on each instance first: the first answer pays for the tokenizer's dictionaries.
for (const port of ports) await post(telegram.text(golden[0]!.question, { userId: 1 }), port);

// ---- 500 updates from 100 chats -------------------------------------------------------------
const perChat = UPDATES / CHATS;
const chats = Array.from({ length: CHATS }, (_, c) =>
  Array.from({ length: perChat }, (_, k) => ({
    userId: 10_000 + c,
    question: golden[(c * perChat + k) % golden.length]!.question,
  })),
);
const connections = semaphore(MAX_CONNECTIONS);
const queuedAt = new Map<number, number>();
const postedAt = new Map<number, number>();
const statuses = new Map<number, number>();
const burstStart = Date.now();
const sent = await Promise.all(
  chats.map(async (questions) => {
    const updates: Update[] = [];
    for (const { userId, question } of questions) {
      const update = telegram.text(question, { userId });
      updates.push(update);
      queuedAt.set(update.update_id, Date.now());
      const release = await connections.acquire();
      postedAt.set(update.update_id, Date.now());
      const { status } = await post(update).finally(release);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    return updates;
  }),
);
const all = sent.flat();
// An answer not ready within the ack's 10 s would come after its HTTP response: wait for all.
await telegram.waitFor(() => all.every((u) => answersTo(u).length > 0), TIMEOUT_MS);
const burstMs = Date.now() - burstStart;
const answerCounts = all.map((u) => answersTo(u).length);
const inOrder = sent.filter((updates) =>
  updates.every((u, i) => i === 0 || answersTo(u)[0]!.seq > answersTo(updates[i - 1]!)[0]!.seq),
).length;
const latencies = all.map((u) => answersTo(u)[0]!.at - postedAt.get(u.update_id)!);
const withQueue = all.map((u) => answersTo(u)[0]!.at - queuedAt.get(u.update_id)!);

// ---- the rate limit, counted across both processes ---------------------------------------------
// Sent one after another through the proxy: they alternate between the two instances, so each
// sees only half of them — a count kept per process would never reach the limit.
const flood = Array.from({ length: RATE_LIMIT + 2 }, (_, i) =>
  telegram.text(golden[i % golden.length]!.question, { userId: 90_001 }),
);
const floodBackends: number[] = [];
for (const update of flood) floodBackends.push((await post(update)).backend);
const floodTexts = flood.map((u) => answersTo(u).map((c) => String(c.payload.text)));
const notice = TEXTS.zh.rateLimited;
const rateLimit = {
  limit: RATE_LIMIT,
  sent: flood.length,
  perBackend: [0, 1].map((b) => floodBackends.filter((x) => x === b).length),
  answered: floodTexts.filter((t) => t.length === 1 && t[0] !== notice).length,
  noticeAt: floodTexts.findIndex((t) => t.includes(notice)) + 1,
  notices: floodTexts.flat().filter((t) => t === notice).length,
  dropped: floodTexts.filter((t) => t.length === 0).length,
};

// ---- a conversation continued on the other instance --------------------------------------------
const first = telegram.text("3月25日市政府党组会议由谁主持？", { userId: 90_002 });
const firstBackend = (await post(first)).backend;
const followUp = telegram.text("那省政府党组会议呢？", { userId: 90_002 });
const followUpBackend = (await post(followUp)).backend;
const followUpText = String(answersTo(followUp)[0]?.visibleText ?? "");
const continued = {
  backends: [firstBackend, followUpBackend],
  firstAnswered: String(answersTo(first)[0]?.visibleText ?? "").includes("石建平"),
  understoodAs: /理解为：(.*?)[\n]/.exec(followUpText)?.[1] ?? null,
  followUpAnswered: followUpText.includes("罗东川"),
};

// ---- redeliveries: the same update to both instances at once -----------------------------------
// Answered ones (a retry after a lost response) and new ones (both copies racing).
const answered = all.filter((_, i) => i % (UPDATES / REDELIVERED) === 0);
const fresh = Array.from({ length: REDELIVERED }, (_, i) =>
  telegram.text(golden[i % golden.length]!.question, { userId: 50_000 + i }),
);
const redeliveryStatuses = await Promise.all(
  [...answered, ...fresh].flatMap((u) => ports.map((port) => post(u, port).then((r) => r.status))),
);
const freshCounts = fresh.map((u) => answersTo(u).length);
const answeredCounts = answered.map((u) => answersTo(u).length);

const exitCodes = await Promise.all(
  bots.map((bot) => {
    bot.child.kill("SIGTERM");
    return bot.exited;
  }),
);
await proxy.close();
await telegram.close();
await redis.stop();
await rm(root, { recursive: true, force: true });

const countOf = (xs: number[], n: number) => xs.filter((x) => x === n).length;
console.log(
  JSON.stringify({
    instances: 2,
    updates: UPDATES,
    chats: CHATS,
    httpStatuses: Object.fromEntries(statuses),
    perBackend: proxy.forwarded,
    answeredOnce: countOf(answerCounts, 1),
    answeredTwice: answerCounts.filter((n) => n > 1).length,
    unanswered: countOf(answerCounts, 0),
    chatsInOrder: inOrder,
    maxConnections: MAX_CONNECTIONS,
    latencyMs: {
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: Math.max(...latencies),
    },
    latencyWithQueueMs: {
      p50: percentile(withQueue, 0.5),
      p99: percentile(withQueue, 0.99),
      max: Math.max(...withQueue),
    },
    burstMs,
    answersPerSecond: Math.round((UPDATES / burstMs) * 1000 * 10) / 10,
    rateLimit,
    continuedOnOtherInstance: continued,
    redelivered: {
      toBothInstances: answered.length + fresh.length,
      httpStatuses: Object.fromEntries(
        [...new Set(redeliveryStatuses)].map((s) => [s, countOf(redeliveryStatuses, s)]),
      ),
      alreadyAnsweredStillOnce: countOf(answeredCounts, 1),
      newAnsweredOnce: countOf(freshCounts, 1),
      newAnsweredTwice: freshCounts.filter((n) => n > 1).length,
    },
    exitCodes,
  }),
);

/** At most `n` holders at once; the others wait in arrival order. */
function semaphore(n: number) {
  let free = n;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    acquire(): Promise<() => void> {
      if (free > 0) {
        free--;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)));
    },
  };
}
