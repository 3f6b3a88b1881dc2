import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { timingSafeEqual } from "node:crypto";
import { webhookCallback } from "grammy";
import type { Logger } from "../../util/logger.js";
import type { QaBot } from "./create-bot.js";
import { ALLOWED_UPDATES } from "./run-bot.js";

export interface WebhookServerOptions {
  log: Logger;
  /** The public URL Telegram posts to; its path is the one this server answers updates on. */
  url: string;
  /** Sent by Telegram in `X-Telegram-Bot-Api-Secret-Token`; a request without it gets 401. */
  secret: string;
  /** @default 8080; 0 picks a free port (tests) */
  port?: number;
  /** @default "0.0.0.0" */
  host?: string;
  /**
   * How long an update may take before Telegram's request is answered 200 anyway, the answer being
   * sent when it is ready: Telegram resends an update whose request is not answered in time.
   * @default 10000
   */
  ackAfterMs?: number;
  /** How long `stop()` waits for updates in progress. @default 20000 */
  drainTimeoutMs?: number;
}

export interface WebhookServer {
  /** The port listened on (the chosen one when `port` was 0). */
  readonly port: number;
  /**
   * Starts taking updates for `bot` and registers the webhook (`setWebhook` with the secret and the
   * update kinds the bot acts on). Until then updates get 503 (Telegram retries) and /readyz too.
   */
  serve(bot: QaBot): Promise<void>;
  /**
   * Stops accepting requests, waits (up to the drain budget) for updates in progress to be
   * answered, then closes. The webhook stays registered: other instances behind the same URL go on.
   */
  stop(): Promise<void>;
}

/**
 * The bot on a webhook: a `node:http` server with grammY's `webhookCallback` on the webhook's path,
 * `/healthz` (the process is up) and `/readyz` (the index is loaded and updates are taken).
 * Started before the index is opened, so an orchestrator sees the process alive while it builds.
 */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const { log } = options;
  const path = new URL(options.url).pathname;
  const expected = Buffer.from(options.secret);
  const inFlight = new Set<Promise<unknown>>();
  let handle: ((req: IncomingMessage, res: ServerResponse) => Promise<unknown>) | null = null;
  let stopping = false;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/healthz") return reply(res, 200, "ok");
    if (req.method === "GET" && url.pathname === "/readyz")
      return handle !== null && !stopping
        ? reply(res, 200, "ready")
        : reply(res, 503, stopping ? "stopping" : "loading the index");
    if (url.pathname !== path) return reply(res, 404, "not found");
    if (req.method !== "POST") return reply(res, 405, "POST only");
    // Checked here, before the body is read or anything else is done: a stranger costs nothing.
    const given = req.headers["x-telegram-bot-api-secret-token"];
    if (typeof given !== "string" || !sameSecret(Buffer.from(given), expected)) {
      req.resume();
      return reply(res, 401, "unauthorized");
    }
    if (handle === null || stopping) {
      req.resume();
      return reply(res, 503, "not ready");
    }
    handle(req, res).catch((error: unknown) => {
      log.error(`webhook request failed: ${(error as Error).message}`);
      if (!res.headersSent) reply(res, 500, "error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, options.host ?? "0.0.0.0", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    async serve(bot) {
      await bot.init();
      // webhookCallback sees this facade of the bot so that every update's handling, also one
      // that outlives the ack, is known to stop(); grammY itself calls only these members.
      const tracked = {
        isRunning: () => bot.isRunning(),
        init: () => bot.init(),
        start: bot.start,
        handleUpdate: (...args: Parameters<QaBot["handleUpdate"]>) => {
          const work = bot.handleUpdate(...args);
          inFlight.add(work);
          void work.finally(() => inFlight.delete(work)).catch(() => undefined);
          return work;
        },
      } as unknown as QaBot;
      handle = webhookCallback(tracked, "http", {
        // Long answers (an LLM, a queue behind the chat's earlier question) are acknowledged
        // and sent when ready, instead of Telegram resending the update.
        onTimeout: "return",
        timeoutMilliseconds: options.ackAfterMs ?? 10_000,
        secretToken: options.secret,
      });
      await bot.api.setWebhook(options.url, {
        secret_token: options.secret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
      log.info(`webhook set; taking updates on port ${port}, path ${path}`);
    },
    async stop() {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = Promise.allSettled([...inFlight]);
      const budget = options.drainTimeoutMs ?? 20_000;
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        drained.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), budget);
        }),
      ]);
      clearTimeout(timer);
      if (late) log.warn(`${inFlight.size} updates still unanswered after ${budget} ms; leaving`);
      server.closeAllConnections();
      await closed;
    },
  };
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(`${text}\n`);
}

/** Constant time, so the secret cannot be guessed byte by byte from response times. */
function sameSecret(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}
