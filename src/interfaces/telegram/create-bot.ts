import { autoRetry, type AutoRetryOptions } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, MemorySessionStorage, session, type StorageAdapter } from "grammy";
import { createConversationEngine } from "../../conversation/conversation.js";
import type { UserFromGetMe } from "grammy/types";
import type { QaEngine } from "../../answer/qa-engine.js";
import type { Language } from "../../answer/types.js";
import { urlCredentials, type Config } from "../../config.js";
import type { ConversationEngine } from "../../conversation/conversation.js";
import { createLogger, type Logger } from "../../util/logger.js";
import { logApiFailures, plainTextFallback, redactTokenInErrors } from "./api-transformers.js";
import { chatSessionKey, initialChatSession, type ChatSession } from "./chat-session.js";
import { createContextConstructor, type BotContext } from "./context.js";
import { errorHandler } from "./error-handler.js";
import type { FeedbackLog } from "../feedback/feedback-file.js";
import { createAnswerFeedback } from "./answer-feedback.js";
import { createBotStats } from "./bot-stats.js";
import { feedbackFeature } from "./features/feedback.js";
import { inlineFeature } from "./features/inline.js";
import { statsFeature } from "./features/stats.js";
import { browseFeature } from "./features/browse.js";
import { stopGenerationFeature } from "./features/stop-generation.js";
import { DRAFT_INTERVAL_MS } from "./draft-stream.js";
import { createInlineCache } from "./inline-cache.js";
import { simplifiedUiTexts, type UiTexts } from "./ui-texts.js";
import { askFeature } from "./features/ask.js";
import { askCommandFeature } from "./features/ask-command.js";
import { citationCallbackFeature } from "./features/citation-callback.js";
import { helpFeature } from "./features/help.js";
import { newConversationFeature } from "./features/new-conversation.js";
import { searchFeature } from "./features/search.js";
import { sourcesFeature } from "./features/sources.js";
import { startFeature } from "./features/start.js";
import { unhandledFeature } from "./features/unhandled.js";
import { allowList } from "./middlewares/allow-list.js";
import { groupFilter } from "./middlewares/group-filter.js";
import { rateLimit, type RateLimitOptions } from "./middlewares/rate-limit.js";
import { claimUpdates, type UpdateClaims } from "./middlewares/claim-update.js";
import { DEFAULT_EXAMPLES } from "./texts.js";

export interface CreateBotOptions {
  /** From @BotFather; used for the API URL only, never logged. */
  token: string;
  engine: QaEngine;
  config: Pick<Config, "allowedUserIds" | "allowedChatIds" | "telegramApiRoot"> &
    Partial<Pick<Config, "adminUserIds">>;
  /** Another Bot API server (self-hosted, or a test's fake). @default config.telegramApiRoot */
  apiRoot?: string;
  /** Skips the `getMe` call of `bot.init()` when the bot's identity is already known (tests). */
  botInfo?: UserFromGetMe;
  /** @default info-level lines on stderr, with the token redacted */
  log?: Logger;
  rateLimit?: RateLimitOptions;
  /**
   * Claims each update before any work (`REDIS_URL`: shared by every bot process), so two
   * instances never answer one update twice. @default every update is this process's
   */
  claims?: UpdateClaims;
  /** Example questions offered on /start. @default DEFAULT_EXAMPLES */
  examples?: Record<Language, readonly string[]>;
  /**
   * How Telegram's 429s, 5xx and network failures are retried. The default waits out any
   * `retry_after` up to a minute and gives up on one call after five attempts, so a message
   * is late rather than lost, but one call cannot hold its chat forever.
   */
  retry?: Partial<AutoRetryOptions>;
  /**
   * Where each chat's conversation is kept. Several bot processes share conversations through a
   * shared store (`createRedisSessionStorage` when `REDIS_URL` is set).
   * @default in memory, for this process only
   */
  sessionStorage?: StorageAdapter<ChatSession>;
  /** The conversations' clock (a quiet hour starts a new conversation). @default Date.now */
  clock?: () => number;
  /**
   * The conversation layer over `engine` (the composition root's). @default a new one, with `clock`
   */
  conversations?: ConversationEngine;
  /**
   * Aborted by `startPolling`'s stop when its drain budget ends (pass the same controller as its
   * `cutShort`): answers waiting on the LLM then give the extractive answer at once.
   */
  cutShort?: AbortSignal;
  /** What `/reload` runs (the live index's check). @default none: /reload says reload is off */
  reload?: () => Promise<void>;
  /**
   * Where 👍/👎 presses are appended (`createFeedbackLog(config.feedbackFile)`).
   * @default presses are acknowledged and counted in /stats, not written
   */
  feedbackLog?: FeedbackLog | null;
  /**
   * The interface texts in Simplified, Traditional and English ({@link loadUiTexts}, at start).
   * @default Simplified for Traditional readers too
   */
  ui?: UiTexts;
  /** How often a streamed LLM answer's draft is renewed. @default DRAFT_INTERVAL_MS (1 s) */
  draftIntervalMs?: number;
}

/**
 * The Telegram bot with every feature installed, not yet running: `startPolling` runs it, and a
 * test can feed it updates through a fake Bot API server. Services (the QA engine, the log, the
 * example questions) reach handlers through `ctx.services`.
 *
 * Order matters: the allow-list runs before anything else (strangers cost no work); then the
 * per-chat queue, the group filter and the rate limit; then the features inside one error
 * boundary, so one failing update gives its user an apology and the bot goes on.
 */
export function createBot(options: CreateBotOptions) {
  const { token, engine, config } = options;
  const apiRoot = options.apiRoot ?? config.telegramApiRoot;
  // The token and any user:password written into the API root never leave in a line or an error.
  const secrets = [token, ...urlCredentials(apiRoot)];
  const log = options.log ?? createLogger({ secrets });
  const clock = options.clock ?? Date.now;
  const bot = new Bot<BotContext>(token, {
    client: { apiRoot },
    ContextConstructor: createContextConstructor({
      engine,
      conversations: options.conversations ?? createConversationEngine(engine, { clock }),
      log,
      examples: options.examples ?? DEFAULT_EXAMPLES,
      ...(options.cutShort ? { cutShort: options.cutShort } : {}),
      feedback: createAnswerFeedback(options.feedbackLog ?? null),
      stats: createBotStats(clock),
      admins: new Set(config.adminUserIds ?? []),
      reload: options.reload ?? null,
      clock,
      ui: options.ui ?? simplifiedUiTexts(),
      inlineCache: createInlineCache({ clock }),
      generations: new Map(),
      draftIntervalMs: options.draftIntervalMs ?? DRAFT_INTERVAL_MS,
    }),
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });

  // Innermost first: every failed attempt is logged, auto-retry repeats it, a rejected HTML
  // message is resent plain (through the retrying stack), and no error leaves with the token.
  bot.api.config.use(
    logApiFailures(log),
    autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, ...options.retry }),
    plainTextFallback(log),
    redactTokenInErrors(secrets),
  );

  // First of all: an update another process took costs nothing here.
  if (options.claims) bot.use(claimUpdates(options.claims));
  // Before the per-chat queue, which holds the answer a stop button stops.
  bot.use(stopGenerationFeature);
  bot.use(allowList(config));
  // Chats in parallel under the runner, each chat in order: answers arrive in the order asked.
  bot.use(sequentialize((ctx: BotContext) => String(ctx.chat?.id ?? ctx.from?.id ?? "")));
  bot.use(groupFilter());
  bot.use(rateLimit(options.rateLimit));
  // After the per-chat queue: one chat's messages read and write its session one at a time.
  bot.use(
    session({
      initial: initialChatSession,
      getSessionKey: chatSessionKey,
      storage: options.sessionStorage ?? new MemorySessionStorage<ChatSession>(),
    }),
  );

  const protectedBot = bot.errorBoundary(errorHandler);
  protectedBot.use(
    startFeature,
    helpFeature,
    sourcesFeature,
    searchFeature,
    newConversationFeature,
    citationCallbackFeature,
    feedbackFeature,
    statsFeature,
    browseFeature,
    askCommandFeature,
    inlineFeature,
    askFeature,
  );
  // must be the last handler
  protectedBot.use(unhandledFeature);

  // Errors outside the boundary (an allow-list notice that could not be sent) end up here.
  bot.catch(errorHandler);
  return bot;
}

export type QaBot = ReturnType<typeof createBot>;
