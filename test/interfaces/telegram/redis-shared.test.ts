import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createBot } from "../../../src/interfaces/telegram/create-bot.js";
import {
  createRedisSessionStorage,
  type RedisSessionStorage,
} from "../../../src/interfaces/telegram/redis-session.js";
import { TEXTS } from "../../../src/interfaces/telegram/texts.js";
import { createLogger } from "../../../src/util/logger.js";
import { FakeTelegramServer, type ApiCall } from "../../helpers/fake-telegram-server.js";
import { keywordEngine } from "../../helpers/qa-fixture.js";
import { deferred } from "../../helpers/deferred.js";
import type { QaEngine } from "../../../src/answer/qa-engine.js";
import { startRedisServer, type RedisServer } from "../../helpers/redis-server.js";
import { uiTexts } from "./bot-harness.js";

const QUESTION = "西宁开发区多晶硅出口额是多少？";
const sentTo = (chatId: number) => (c: ApiCall) =>
  c.method === "sendMessage" && c.response?.ok === true && Number(c.payload.chat_id) === chatId;

/**
 * Two bot processes behind one load balancer, sharing a real redis-server: each is a bot with its
 * own Redis connection, fed updates the way a webhook feeds them (`handleUpdate`), both talking to
 * one fake Bot API server.
 */
describe("state shared through Redis (REDIS_URL)", () => {
  let redis: RedisServer | null;
  let telegram: FakeTelegramServer;
  beforeAll(async () => {
    redis = await startRedisServer();
    if (redis === null)
      throw new Error(
        "redis-server is not installed: apt-get install -y redis-server (.ci/run does)",
      );
    telegram = await FakeTelegramServer.start();
  });
  afterAll(async () => {
    await telegram.close();
    await redis?.stop();
  });

  const instance = async (
    rateLimit: { limit?: number; timeFrameMs?: number } = {},
    engine?: QaEngine,
  ) => {
    const store: RedisSessionStorage = createRedisSessionStorage(redis!.url);
    onTestFinished(() => store.close());
    const bot = createBot({
      token: telegram.token,
      engine: engine ?? (await keywordEngine()),
      config: { allowedUserIds: [], allowedChatIds: [], telegramApiRoot: telegram.apiRoot },
      log: createLogger({ level: "silent" }),
      botInfo: telegram.botInfo,
      ui: await uiTexts(),
      sessionStorage: store.storage,
      rateLimit: { ...rateLimit, redis: store.counter },
      claims: store.claims,
    });
    return { bot, store };
  };

  it("an update delivered to both instances is answered once", async () => {
    const [{ bot: a }, { bot: b }] = [await instance(), await instance()];
    const update = telegram.text(QUESTION, { userId: 501 });
    await Promise.all([a.handleUpdate(update), b.handleUpdate(update)]);
    const replies = telegram.calls.filter(sentTo(501));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.payload.text).toContain("8.5亿元");
    // Delivered again later (a retried webhook): still not answered twice.
    await a.handleUpdate(update);
    expect(telegram.calls.filter(sentTo(501))).toHaveLength(1);
  });

  it("the rate limit counts a user's messages across both instances", async () => {
    const limits = { limit: 2, timeFrameMs: 60_000 };
    const [{ bot: a }, { bot: b }] = [await instance(limits), await instance(limits)];
    await a.handleUpdate(telegram.text(QUESTION, { userId: 503 }));
    await b.handleUpdate(telegram.text(QUESTION, { userId: 503 }));
    // The third message within the window, on the first instance again: over the shared limit.
    await a.handleUpdate(telegram.text(QUESTION, { userId: 503 }));
    const texts = telegram.calls.filter(sentTo(503)).map((c) => String(c.payload.text));
    expect(texts).toHaveLength(3);
    expect(texts.filter((t) => t.includes("8.5亿元"))).toHaveLength(2);
    expect(texts[2]).toBe(TEXTS.zh.rateLimited);
  });

  it("an update a stopping instance could not finish is given back, and the next instance answers it", async () => {
    const engine = await keywordEngine();
    const started = deferred();
    const stuck: QaEngine = {
      ...engine,
      ask: () => {
        started.resolve();
        return new Promise<never>(() => {});
      },
    };
    const stopping = await instance({}, stuck);
    const update = telegram.text(QUESTION, { userId: 504 });
    void stopping.bot.handleUpdate(update);
    await started.promise;
    const next = await instance();
    // Still being answered by the first: not taken twice.
    await next.bot.handleUpdate(update);
    expect(telegram.calls.filter(sentTo(504))).toHaveLength(0);
    // The first stops without finishing it (its drain ran out) and gives the claim back.
    await stopping.store.releaseUnfinished();
    await next.bot.handleUpdate(update);
    const replies = telegram.calls.filter(sentTo(504));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.payload.text).toContain("8.5亿元");
  });
});
