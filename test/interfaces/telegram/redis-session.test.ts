import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRedisSessionStorage,
  type RedisSessionStorage,
} from "../../../src/interfaces/telegram/redis-session.js";
import type { ApiCall } from "../../helpers/fake-telegram-server.js";
import { startRedisServer, type RedisServer } from "../../helpers/redis-server.js";
import { startTestBot, type TestBot } from "./bot-harness.js";

/**
 * Two bot processes (two bots, one fake Bot API server each, as after a restart or behind a
 * load balancer) sharing conversations through a real redis-server: a follow-up sent to the
 * second bot continues the conversation begun with the first.
 */
describe("sessions in Redis (REDIS_URL)", () => {
  let redis: RedisServer | null;
  const stores: RedisSessionStorage[] = [];
  const bots: TestBot[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
    if (redis === null)
      throw new Error(
        "redis-server is not installed: apt-get install -y redis-server (.ci/run does)",
      );
  });
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    for (const store of stores) await store.close();
    await redis?.stop();
  });

  it("a second bot process continues the conversation the first one began", async () => {
    const start = async () => {
      const store = createRedisSessionStorage(redis!.url);
      stores.push(store);
      const bot = await startTestBot({ sessionStorage: store.storage });
      bots.push(bot);
      return bot;
    };
    const sent = (chatId: number) => (c: ApiCall) =>
      c.method === "sendMessage" && c.response?.ok === true && Number(c.payload.chat_id) === chatId;
    const first = await start();
    first.server.text("3月25日市政府党组会议由谁主持？", { userId: 301 });
    expect((await first.server.waitFor(sent(301))).visibleText).toContain("石建平");

    const second = await start();
    second.server.text("那省政府党组会议呢？", { userId: 301 });
    const followUp = await second.server.waitFor(sent(301));
    expect(followUp.visibleText).toContain("理解为：3月25日省政府党组会议由谁主持？");
    expect(followUp.visibleText).toContain("罗东川");
    // The session is written once the update is handled: stopping drains it.
    await bots.pop()!.stop();
    const stored = await stores[1]!.storage.read("301");
    expect(stored?.conversation?.last?.q).toBe("3月25日省政府党组会议由谁主持？");
  });
});
