import { describe, expect, it, onTestFinished } from "vitest";
import type { QaEngine } from "../../../src/answer/qa-engine.js";
import { createBot } from "../../../src/interfaces/telegram/create-bot.js";
import { startWebhookServer } from "../../../src/interfaces/telegram/run-webhook.js";
import { createLogger } from "../../../src/util/logger.js";
import type { Update } from "grammy/types";
import { deferred } from "../../helpers/deferred.js";
import { FakeTelegramServer, type ApiCall } from "../../helpers/fake-telegram-server.js";
import { keywordEngine } from "../../helpers/qa-fixture.js";
import { uiTexts } from "./bot-harness.js";

const SECRET = "s3cret_token-for-tests";
const QUESTION = "西宁开发区多晶硅出口额是多少？";
const sentTo = (chatId: number) => (c: ApiCall) =>
  c.method === "sendMessage" && c.response?.ok === true && Number(c.payload.chat_id) === chatId;

/** The fake Bot API, a bot over `engine`, and its webhook server on a free loopback port. */
async function webhookBot(engine: QaEngine, options: { ackAfterMs?: number } = {}) {
  const telegram = await FakeTelegramServer.start();
  onTestFinished(() => telegram.close());
  const log = createLogger({ level: "silent" });
  const bot = createBot({
    token: telegram.token,
    engine,
    config: { allowedUserIds: [], allowedChatIds: [], telegramApiRoot: telegram.apiRoot },
    log,
    ui: await uiTexts(),
  });
  const server = await startWebhookServer({
    log,
    url: "https://bot.example.org/telegram/hook",
    secret: SECRET,
    port: 0,
    host: "127.0.0.1",
    ...options,
  });
  let stopped = false;
  onTestFinished(() => (stopped ? undefined : server.stop()));
  const base = `http://127.0.0.1:${server.port}`;
  /** What Telegram does: POST the update to the webhook, with the secret unless told otherwise. */
  const post = (update: Update | object, secret: string | null = SECRET) =>
    fetch(`${base}/telegram/hook`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }),
      },
      body: JSON.stringify(update),
    });
  return {
    telegram,
    bot,
    server,
    base,
    post,
    stop: async () => {
      stopped = true;
      await server.stop();
    },
  };
}

/** The engine, counting the questions that reach it. */
function counted(engine: QaEngine) {
  const asked: string[] = [];
  return {
    asked,
    engine: {
      ...engine,
      ask: (q: string, o?: Parameters<QaEngine["ask"]>[1]) => {
        asked.push(q);
        return engine.ask(q, o);
      },
    } satisfies QaEngine,
  };
}

describe("webhook mode", () => {
  it("answers /healthz at once and /readyz only once serving; sets the webhook with the secret and the update kinds", async () => {
    const { telegram, bot, server, base } = await webhookBot(await keywordEngine());
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    await server.serve(bot);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const [set] = telegram.callsOf("setWebhook");
    expect(set?.payload).toMatchObject({
      url: "https://bot.example.org/telegram/hook",
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query", "inline_query", "stopped_message_generation"],
    });
    expect(telegram.webhookUrl).toBe("https://bot.example.org/telegram/hook");
  });

  it("turns away a request without the secret or with a wrong one (401, no work) and answers one with it", async () => {
    const { engine, asked } = counted(await keywordEngine());
    const { telegram, bot, server, post } = await webhookBot(engine);
    await server.serve(bot);
    // Made by the fake Bot API (ids, chat, user) but delivered by the test, as Telegram would.
    const update = telegram.text(QUESTION, { userId: 41 });
    expect((await post(update, null)).status).toBe(401);
    expect((await post(update, "wrong")).status).toBe(401);
    expect((await post(update, `${SECRET}x`)).status).toBe(401);
    expect(asked).toEqual([]);
    expect(telegram.callsOf("sendMessage")).toEqual([]);

    expect((await post(update)).status).toBe(200);
    const reply = await telegram.waitFor(sentTo(41), 10_000);
    expect(reply.payload.text).toContain("8.5亿元");
    expect(asked).toEqual([QUESTION]);
  });

  it("acknowledges a long answer first and sends it afterwards; a graceful stop finishes it before closing", async () => {
    const engine = await keywordEngine();
    const started = deferred();
    const release = deferred();
    const slow: QaEngine = {
      ...engine,
      ask: async (q, o) => {
        started.resolve();
        await release.promise;
        return engine.ask(q, o);
      },
    };
    const { telegram, bot, server, post, stop, base } = await webhookBot(slow, { ackAfterMs: 50 });
    await server.serve(bot);
    const response = await post(telegram.text(QUESTION, { userId: 42 }));
    // Acknowledged while the answer is still held: Telegram will not resend the update.
    expect(response.status).toBe(200);
    await started.promise;
    expect(telegram.callsOf("sendMessage").filter(sentTo(42))).toEqual([]);

    const stopping = stop();
    // Stopping: no new updates, and not ready (a load balancer sends elsewhere).
    const refused = await fetch(`${base}/readyz`).then(
      (r) => r.status,
      () => "closed",
    );
    expect([503, "closed"]).toContain(refused);
    release.resolve();
    await stopping;
    // The answer in progress was sent before the stop finished.
    expect(telegram.callsOf("sendMessage").filter(sentTo(42))).toHaveLength(1);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
