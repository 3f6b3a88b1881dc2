import { copyFile, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createApp, type App } from "../../src/app/create-app.js";
import type { LiveIndexEvent } from "../../src/app/live/live-index.js";
import { loadConfig, type Config } from "../../src/config.js";
import { createLogger } from "../../src/util/logger.js";
import { deferred } from "../helpers/deferred.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../helpers/fake-openai-server.js";
import { SEEDS_DIR, seedsWith } from "../helpers/seeds.js";

const NEW_PAGE = "004_477e742880208b76.txt";
/** Answered only by the new page (golden q048). */
const NEW_FACT = "西宁实施了多少项盐湖领域科技项目？";
/** Answered by 003, there from the start. */
const OLD_FACT = "西宁开发区多晶硅出口额是多少？";

let llmServer: FakeOpenAiServer;
beforeAll(async () => {
  llmServer = await startFakeOpenAiServer();
});
afterAll(async () => {
  await llmServer.close();
});

/** A SEEDS_DIR with the first four real pages, an INDEX_DIR, and no embedding model. */
async function fourPages(env: Record<string, string> = {}): Promise<Config> {
  const root = await mkdtemp(join(tmpdir(), "qa-live-"));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  const seeds = await seedsWith(root, [
    "000_288891b281d8cdae.txt",
    "001_0c8ac66903479323.txt",
    "002_587bb7119f8aca81.txt",
    "003_bcfb9783f9e97214.txt",
  ]);
  return loadConfig({
    SEEDS_DIR: seeds,
    INDEX_DIR: join(root, "embeddings"),
    MODELS_DIR: join(root, "no-models"),
    ...env,
  });
}

/** A live app whose events a test can wait for, one by one, in order. */
async function liveApp(config: Config, llm = false) {
  const events: LiveIndexEvent[] = [];
  const waiters: Array<{
    kind: LiveIndexEvent["kind"];
    got: ReturnType<typeof deferred<LiveIndexEvent>>;
  }> = [];
  const app: App = await createApp(config, {
    log: createLogger({ level: "silent" }),
    llm,
    // The periodic check is the tests' safety net too: a missed fs event still arrives.
    live: {
      debounceMs: 50,
      pollMs: 1000,
      onEvent: (event) => {
        events.push(event);
        const i = waiters.findIndex((w) => w.kind === event.kind);
        if (i >= 0) waiters.splice(i, 1)[0]!.got.resolve(event);
      },
    },
  });
  onTestFinished(() => app.live?.close());
  const next = (kind: LiveIndexEvent["kind"]) => {
    const got = deferred<LiveIndexEvent>();
    waiters.push({ kind, got });
    return got.promise;
  };
  return { app, events, next };
}

describe("live reload", () => {
  it("answers from a page dropped into SEEDS_DIR while it runs, saying what changed, and forgets a removed page", async () => {
    const config = await fourPages();
    const { app, next } = await liveApp(config);
    expect((await app.engine.ask(NEW_FACT)).answer).not.toContain("40项");
    const oldCitation = (await app.engine.ask(OLD_FACT)).citations[0]!;

    const reloaded = next("reloaded");
    await copyFile(join(SEEDS_DIR, NEW_PAGE), join(config.seedsDir, NEW_PAGE));
    const event = await reloaded;
    if (event.kind !== "reloaded") throw new Error("expected a reload");
    expect(event.line).toMatch(/^index updated: \+1 page, \+\d+ articles, \+\d+ chunks/);
    expect(event.line).toContain(`+${NEW_PAGE}`);
    const answer = await app.engine.ask(NEW_FACT);
    expect(answer.answer).toContain("40项");
    expect(answer.citations[0]?.source).toBe(NEW_PAGE);
    // A citation button from before the swap still opens: its chunk is unchanged.
    expect(app.engine.passage(oldCitation.chunkId!)?.article.source).toBe(oldCitation.source);
    const conversation = await app.conversations.ask(null, NEW_FACT);
    expect(conversation.answer.answer).toContain("40项");

    const removed = next("reloaded");
    await unlink(join(config.seedsDir, oldCitation.source));
    const gone = await removed;
    if (gone.kind !== "reloaded") throw new Error("expected a reload");
    expect(gone.line).toContain("−1 page");
    expect((await app.engine.ask(OLD_FACT)).answer).not.toContain("8.5亿元");
    // The button of a passage whose page is gone finds nothing: the bot says the page changed.
    expect(app.engine.passage(oldCitation.chunkId!)).toBeNull();
  });

  it("finishes a question in flight on the old index while the new one is swapped in", async () => {
    const config = await fourPages({
      LLM_BASE_URL: llmServer.baseUrl,
      LLM_API_KEY: "sk-test",
      LLM_MODEL: "test-model",
    });
    llmServer.reset();
    const hold = deferred();
    llmServer.script(
      { content: "据报道，「多晶硅出口8.5亿元」，居全国首位[1]。", hold: hold.promise },
      { content: "「40项」[1]" },
    );
    const { app, next } = await liveApp(config, true);
    const inFlight = app.engine.ask(OLD_FACT);
    await llmServer.received(1);

    const reloaded = next("reloaded");
    await copyFile(join(SEEDS_DIR, NEW_PAGE), join(config.seedsDir, NEW_PAGE));
    await reloaded;
    hold.resolve();
    const answer = await inFlight;
    expect(answer.citations[0]?.quote ?? "").not.toBe("");
    expect(answer.answer).toContain("8.5亿元");
    // The next question sees the new index.
    expect((await app.engine.ask(NEW_FACT)).citations.map((c) => c.source)).toContain(NEW_PAGE);
  });

  it("keeps the old index, saying which file, when a page cannot be decoded", async () => {
    const config = await fourPages();
    const { app, next, events } = await liveApp(config);
    const kept = next("kept");
    await writeFile(
      join(config.seedsDir, "005_broken.txt"),
      Uint8Array.from([0xe8, 0xa5, 0xbf, 0xff, 0xfe, 0xfd, 0x80, 0x80]),
    );
    const event = await kept;
    if (event.kind !== "kept") throw new Error("expected the index kept");
    expect(event.reason).toContain("005_broken.txt");
    expect(events.filter((e) => e.kind === "reloaded")).toEqual([]);
    expect((await app.engine.ask(OLD_FACT)).answer).toContain("8.5亿元");
  });

  it("two apps sharing INDEX_DIR (as two bot processes would) each pick up the new CURRENT; the build lock lets one build at a time", async () => {
    const config = await fourPages();
    const a = await liveApp(config);
    const b = await liveApp(config);
    const both = Promise.all([a.next("reloaded"), b.next("reloaded")]);
    await copyFile(join(SEEDS_DIR, NEW_PAGE), join(config.seedsDir, NEW_PAGE));
    const [ea, eb] = await both;
    const builds = [ea, eb].filter((e) => e.kind === "reloaded" && e.built !== null);
    expect(builds.length).toBeGreaterThanOrEqual(1);
    for (const app of [a.app, b.app])
      expect((await app.engine.ask(NEW_FACT)).answer).toContain("40项");
  });
});
