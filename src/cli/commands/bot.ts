import { Api, GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { catalogArticleCount } from "../../answer/catalog.js";
import { createApp } from "../../app/create-app.js";
import { registerCommands } from "../../interfaces/telegram/commands.js";
import { createBot } from "../../interfaces/telegram/create-bot.js";
import { createRedisSessionStorage } from "../../interfaces/telegram/redis-session.js";
import { startPolling } from "../../interfaces/telegram/run-bot.js";
import { startWebhookServer } from "../../interfaces/telegram/run-webhook.js";
import { secretsOf, withoutCredentials } from "../../config.js";
import { scrubSecrets } from "../../interfaces/telegram/api-transformers.js";
import { createFeedbackLog } from "../../interfaces/feedback/feedback-file.js";
import { loadUiTexts } from "../../interfaces/telegram/ui-texts.js";
import { createProgress } from "../progress.js";
import type { Command } from "../command.js";

const NO_TOKEN = [
  "TELEGRAM_BOT_TOKEN is not set: the bot needs a token from @BotFather.",
  "Put TELEGRAM_BOT_TOKEN=123456:ABC… in .env (see .env.example) or in the environment, then run npm start again.",
  "Without a token, `npm run repl` answers questions in the terminal.",
].join("\n");

/** How long a stop may take before the process leaves anyway (a stuck socket must not keep it). */
const EXIT_GRACE_MS = 5_000;

/**
 * `npm start`: the Telegram bot on long polling, or on a webhook with `BOT_MODE=webhook`. Opens the QA engine first (building or
 * refreshing the index, saying so), removes any webhook (long polling and a webhook exclude each
 * other), registers the command menu, then answers until SIGINT/SIGTERM: polling stops, answers
 * in progress are finished and sent, and the process exits 0.
 */
export const botCommand: Command = async (config, _args, io) => {
  const { log } = io;
  const token = config.telegramBotToken;
  if (token === undefined) {
    io.stderr(`${NO_TOKEN}\n`);
    return 1;
  }
  // Checked before the index, which can take minutes to build: a wrong token should fail at once.
  const me = await whoAmI(token, config.telegramApiRoot, secretsOf(config));
  // Webhook mode: the server is up before the index is opened (which can take minutes), so
  // /healthz says the process lives while /readyz says it is not taking updates yet.
  const webhook =
    config.botMode === "webhook" && config.webhook
      ? await startWebhookServer({
          log: log.child("webhook"),
          url: config.webhook.url,
          secret: config.webhook.secret,
          port: config.port,
        })
      : null;
  if (webhook && config.webhook) {
    // Telegram itself posts only to https; a self-hosted Bot API server on the same network
    // may post to http.
    if (
      new URL(config.webhook.url).protocol !== "https:" &&
      /^https:\/\/api\.telegram\.org$/.test(config.telegramApiRoot)
    )
      log.warn(
        `WEBHOOK_URL is not https (${config.webhook.url}): Telegram's Bot API refuses it; use an https URL, or a self-hosted Bot API server (TELEGRAM_API_ROOT)`,
      );
  }
  // Started beside the index: opencc's dictionaries load while the index is opened.
  const ui = loadUiTexts();
  const progress = createProgress("embedding", io.progress);
  const { engine, conversations, live } = await createApp(config, {
    log,
    onProgress: (d, t, stage) => progress.update(d, t, stage),
    // Pages changed while the bot runs are rebuilt in the background and swapped in: no restart.
    live: {},
  });
  progress.finish();

  // With REDIS_URL, conversations live in Redis, shared by every bot process; else in memory.
  const redis = config.redisUrl ? createRedisSessionStorage(config.redisUrl) : null;
  // Aborted when stopping's drain budget ends: answers waiting on the LLM go out extractive.
  const cutShort = new AbortController();
  const bot = createBot({
    token,
    engine,
    conversations,
    config,
    log,
    botInfo: me,
    cutShort: cutShort.signal,
    ...(live ? { reload: () => live.check() } : {}),
    feedbackLog: createFeedbackLog(config.feedbackFile),
    ui: await ui,
    // With REDIS_URL: sessions, the rate limit's counts and update claims shared by every process.
    ...(redis
      ? {
          sessionStorage: redis.storage,
          rateLimit: { redis: redis.counter },
          claims: redis.claims,
        }
      : {}),
  });
  await registerCommands(bot.api);
  const stats = `${engine.retrievalMode} retrieval, ${catalogArticleCount(engine.catalog())} articles`;
  let running: { stop(): Promise<void>; done: Promise<void> };
  if (webhook) {
    await webhook.serve(bot);
    log.info(`@${bot.botInfo.username} is answering on a webhook (${stats}). Ctrl-C stops it.`);
    running = { stop: () => webhook.stop(), done: new Promise<void>(() => {}) };
  } else {
    // Long polling and a webhook exclude each other.
    await bot.api.deleteWebhook();
    running = startPolling(bot, { log, cutShort });
    log.info(`@${bot.botInfo.username} is answering on long polling (${stats}). Ctrl-C stops it.`);
  }

  const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
    const onSignal = (name: NodeJS.Signals) => {
      // A second signal while stopping means "now": leave without waiting for answers.
      process.once("SIGINT", () => process.exit(130));
      process.once("SIGTERM", () => process.exit(143));
      resolve(name);
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    running.done.then(() => resolve(null), reject);
  });
  if (signal === null) throw new Error("long polling stopped unexpectedly");
  log.info(`${signal}: stopping; finishing the answers in progress`);
  await running.stop();
  await live?.close();
  // What the drain left unanswered is delivered again: the next process must be able to claim it.
  await redis?.releaseUnfinished();
  await redis?.close();
  log.info("stopped");
  // Idle keep-alive sockets or timers of a library must not hold the exit; this timer does not
  // keep the process alive by itself, so a clean shutdown exits at once.
  setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
  return 0;
};

/** The bot's identity from `getMe`, or an error that says what to fix (never showing the token). */
async function whoAmI(
  token: string,
  apiRoot: string,
  secrets: readonly string[],
): Promise<UserFromGetMe> {
  try {
    return await new Api(token, { apiRoot }).getMe();
  } catch (error) {
    // node-fetch names the URL, with the token and any user:password of the API root in it.
    scrubSecrets(error, secrets);
    const shown = withoutCredentials(apiRoot);
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new Error(
        `Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized) at ${shown}: check the token with @BotFather`,
        { cause: error },
      );
    }
    if (error instanceof HttpError)
      throw new Error(
        `cannot reach the Bot API at ${shown} (${error.message}); check TELEGRAM_API_ROOT and the network`,
        { cause: error },
      );
    throw error;
  }
}
