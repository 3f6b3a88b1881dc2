import { copyFile, mkdtemp, rm, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { createApp } from "../../../src/app/create-app.js";
import type { LiveIndexEvent } from "../../../src/app/live/live-index.js";
import { loadConfig } from "../../../src/config.js";
import { TEXTS } from "../../../src/interfaces/telegram/texts.js";
import { createLogger } from "../../../src/util/logger.js";
import { deferred, type Deferred } from "../../helpers/deferred.js";
import type { ApiCall } from "../../helpers/fake-telegram-server.js";
import { SEEDS_DIR, seedsWith } from "../../helpers/seeds.js";
import { startTestBot } from "./bot-harness.js";

const NEW_PAGE = "004_477e742880208b76.txt";
const OLD_PAGE = "003_bcfb9783f9e97214.txt";

/** A SEEDS_DIR with three of the pages (not NEW_PAGE) and a config over it, removed after the test. */
async function threePages(prefix: string) {
  const root = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  const seeds = await seedsWith(root, [
    "000_288891b281d8cdae.txt",
    "002_587bb7119f8aca81.txt",
    OLD_PAGE,
  ]);
  const config = loadConfig({
    SEEDS_DIR: seeds,
    INDEX_DIR: join(root, "embeddings"),
    MODELS_DIR: join(root, "no-models"),
  });
  return { seeds, config };
}

describe("live reload in the bot", () => {
  it("answers about a page dropped into SEEDS_DIR with its citation, no restart; an old button of a removed page says the page changed", async () => {
    const { seeds, config } = await threePages("qa-live-bot-");
    let reloaded: Deferred<LiveIndexEvent> = deferred();
    const app = await createApp(config, {
      log: createLogger({ level: "silent" }),
      llm: false,
      live: {
        debounceMs: 50,
        pollMs: 1000,
        onEvent: (e) => e.kind === "reloaded" && reloaded.resolve(e),
      },
    });
    onTestFinished(() => app.live?.close());
    const bot = await startTestBot({ engine: app.engine, conversations: app.conversations });
    onTestFinished(() => bot.stop());
    const sentTo =
      (userId: number, after = -1) =>
      (c: ApiCall) =>
        c.method === "sendMessage" &&
        c.response?.ok === true &&
        Number(c.payload.chat_id) === userId &&
        c.seq > after;

    bot.server.text("西宁开发区多晶硅出口额是多少？", { userId: 601 });
    const old = await bot.server.waitFor(sentTo(601), 20_000);
    expect(old.visibleText).toContain(OLD_PAGE);
    const button = old.payload.reply_markup.inline_keyboard[0][0];

    await copyFile(join(SEEDS_DIR, NEW_PAGE), join(seeds, NEW_PAGE));
    await reloaded.promise;
    bot.server.text("西宁实施了多少项盐湖领域科技项目？", { userId: 602 });
    const fresh = await bot.server.waitFor(sentTo(602), 20_000);
    expect(fresh.visibleText).toContain("40项");
    expect(fresh.visibleText).toContain(NEW_PAGE);

    reloaded = deferred();
    await unlink(join(seeds, OLD_PAGE));
    await reloaded.promise;
    const press = bot.server.pressButton(bot.server.sentMessage(old), button.callback_data, {
      userId: 601,
    });
    const answered = await bot.server.waitFor(
      (c) =>
        c.method === "answerCallbackQuery" &&
        c.payload.callback_query_id === press.callback_query!.id,
      20_000,
    );
    expect(answered.payload.text).toBe(TEXTS.zh.passageGone);
  }, 90_000);

  it("an admin's /reload rebuilds and swaps the index at once and says what it holds; others get the unknown-command answer", async () => {
    const { seeds, config } = await threePages("qa-reload-cmd-");
    // Slow watching: the page is picked up by /reload, not by the watcher first.
    const app = await createApp(config, {
      log: createLogger({ level: "silent" }),
      llm: false,
      live: { debounceMs: 60_000, pollMs: 600_000 },
    });
    onTestFinished(() => app.live?.close());
    const bot = await startTestBot({
      engine: app.engine,
      conversations: app.conversations,
      config: { adminUserIds: [700] },
      reload: () => app.live!.check(),
    });
    onTestFinished(() => bot.stop());
    const sentTo = (userId: number, text: string) => (c: ApiCall) =>
      c.method === "sendMessage" &&
      Number(c.payload.chat_id) === userId &&
      (c.visibleText ?? "").includes(text);

    await copyFile(join(SEEDS_DIR, NEW_PAGE), join(seeds, NEW_PAGE));
    bot.server.command("reload", "", { userId: 701 });
    await bot.server.waitFor(sentTo(701, TEXTS.zh.unknownCommand), 20_000);
    bot.server.command("reload", "", { userId: 700 });
    await bot.server.waitFor(sentTo(700, "索引已是最新：4 个版面"), 60_000);
    bot.server.text("西宁实施了多少项盐湖领域科技项目？", { userId: 700 });
    const fresh = await bot.server.waitFor(sentTo(700, "40项"), 20_000);
    expect(fresh.visibleText).toContain(NEW_PAGE);
  }, 90_000);
});
