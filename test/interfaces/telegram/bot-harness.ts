import type { QaEngine } from "../../../src/answer/qa-engine.js";
import type { Config } from "../../../src/config.js";
import { createBot, type CreateBotOptions } from "../../../src/interfaces/telegram/create-bot.js";
import { createLogger, timestampedLine } from "../../../src/util/logger.js";
import {
  startPolling,
  type PollingHandle,
  type PollingOptions,
} from "../../../src/interfaces/telegram/run-bot.js";
import { loadUiTexts, type UiTexts } from "../../../src/interfaces/telegram/ui-texts.js";
import { FakeTelegramServer } from "../../helpers/fake-telegram-server.js";
import { keywordEngine } from "../../helpers/qa-fixture.js";

export interface TestBot {
  server: FakeTelegramServer;
  polling: PollingHandle;
  /** Every line the bot logged. */
  log: string[];
  /** Resolves once a logged line (already written or still to come) matches `pattern`. */
  logged(pattern: RegExp): Promise<string>;
  stop(): Promise<void>;
}

export interface TestBotOptions
  extends Partial<
    Pick<
      CreateBotOptions,
      | "rateLimit"
      | "retry"
      | "examples"
      | "sessionStorage"
      | "clock"
      | "feedbackLog"
      | "ui"
      | "conversations"
      | "reload"
    >
  > {
  engine?: QaEngine;
  config?: Partial<Pick<Config, "allowedUserIds" | "allowedChatIds" | "adminUserIds">>;
  polling?: Omit<PollingOptions, "log">;
  /** A Bot API server to use (a restart against the same "Telegram"). @default a new one */
  server?: FakeTelegramServer;
}

let loadedUi: Promise<UiTexts> | undefined;
/** The interface texts with opencc's converters, loaded once per test file. */
export function uiTexts(): Promise<UiTexts> {
  loadedUi ??= loadUiTexts();
  return loadedUi;
}

/**
 * The bot as `npm start` wires it (createBot + the runner over real HTTP), in-process so a test
 * can hand it a different engine, against a fresh fake Bot API server.
 */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const server = options.server ?? (await FakeTelegramServer.start());
  const lines: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  const log = createLogger({
    level: "debug",
    secrets: [server.token],
    write: (level, message) => {
      const line = timestampedLine(level, message);
      lines.push(line);
      for (const waiter of [...waiters])
        if (waiter.pattern.test(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
    },
  });
  const cutShort = new AbortController();
  const bot = createBot({
    token: server.token,
    engine: options.engine ?? (await keywordEngine()),
    config: {
      allowedUserIds: [],
      allowedChatIds: [],
      telegramApiRoot: server.apiRoot,
      ...options.config,
    },
    log,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.examples ? { examples: options.examples } : {}),
    ...(options.sessionStorage ? { sessionStorage: options.sessionStorage } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.conversations ? { conversations: options.conversations } : {}),
    cutShort: cutShort.signal,
    ...(options.feedbackLog ? { feedbackLog: options.feedbackLog } : {}),
    ...(options.reload ? { reload: options.reload } : {}),
    ui: options.ui ?? (await uiTexts()),
  });
  const polling = startPolling(bot, { log, cutShort, ...options.polling });
  return {
    server,
    polling,
    log: lines,
    logged(pattern) {
      const line = lines.find((l) => pattern.test(l));
      if (line !== undefined) return Promise.resolve(line);
      return new Promise((resolve) => waiters.add({ pattern, resolve }));
    },
    async stop() {
      await polling.stop();
      await server.close();
    },
  };
}
