import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createApp } from "../../src/app/create-app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger, type LogLevel } from "../../src/util/logger.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../helpers/fake-openai-server.js";
import { SEEDS_DIR } from "../helpers/seeds.js";

let llmServer: FakeOpenAiServer;
beforeAll(async () => {
  llmServer = await startFakeOpenAiServer();
});
afterAll(async () => {
  await llmServer.close();
});

const QUESTION = "西宁开发区多晶硅出口额是多少？";

describe("the composition root", () => {
  it("opens INDEX_DIR (building it, saying so at its level) and hands out the engine and the conversation layer", async () => {
    const root = await mkdtemp(join(tmpdir(), "qa-app-"));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const config = loadConfig({
      SEEDS_DIR,
      INDEX_DIR: join(root, "embeddings"),
      MODELS_DIR: join(root, "no-models"),
    });
    const lines: Array<[LogLevel, string]> = [];
    const log = createLogger({ write: (level, message) => lines.push([level, message]) });
    const { engine, conversations } = await createApp(config, { log });
    expect(lines).toContainEqual(["info", `No index in ${config.indexDir} yet: building it.`]);
    expect(
      lines
        .filter(([level]) => level === "warn")
        .map(([, m]) => m)
        .join("\n"),
    ).toContain("could not be loaded");
    expect(engine.retrievalMode).toBe("keyword");
    const answer = await engine.ask(QUESTION);
    expect(answer.answer).toContain("8.5亿元");
    const first = await conversations.ask(null, QUESTION);
    const followUp = await conversations.ask(first.state, "那锂电池呢？");
    expect(followUp.answer.resolvedQuestion).toBe("西宁开发区锂电池出口额是多少？");
  });

  it("answers from the existing index, with a warning naming the path, when SEEDS_DIR is missing or a file (what the bot, the REPL and ask open)", async () => {
    const root = await mkdtemp(join(tmpdir(), "qa-app-"));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const indexDir = join(root, "embeddings");
    const quiet = createLogger({ level: "silent" });
    await createApp(loadConfig({ SEEDS_DIR, INDEX_DIR: indexDir, MODELS_DIR: join(root, "m") }), {
      log: quiet,
    });
    for (const seeds of [join(root, "unmounted"), fileURLToPath(import.meta.url)]) {
      const config = loadConfig({
        SEEDS_DIR: seeds,
        INDEX_DIR: indexDir,
        MODELS_DIR: join(root, "m"),
      });
      const warnings: string[] = [];
      const log = createLogger({
        write: (level, message) => {
          if (level === "warn") warnings.push(message);
        },
      });
      const { engine } = await createApp(config, { log });
      expect((await engine.ask(QUESTION)).answer).toContain("8.5亿元");
      const warning = warnings.find((w) => w.includes(`SEEDS_DIR ${seeds}`));
      expect(warning).toContain(`Answering from the existing index in ${indexDir} (5 pages)`);
      expect(warnings.join("\n")).not.toMatch(/ENOENT|ENOTDIR|scandir/);
    }
    // Without an index to fall back on, the problem is the error, in one line naming the path.
    const none = loadConfig({ SEEDS_DIR: join(root, "unmounted"), INDEX_DIR: join(root, "none") });
    await expect(createApp(none, { log: quiet })).rejects.toThrow(
      `SEEDS_DIR ${join(root, "unmounted")} does not exist`,
    );
  });

  it("turns on LLM mode from the config, and leaves it off when asked to (the evaluation)", async () => {
    const root = await mkdtemp(join(tmpdir(), "qa-app-"));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const config = loadConfig({
      SEEDS_DIR,
      LLM_BASE_URL: llmServer.baseUrl,
      LLM_API_KEY: "sk-test",
      LLM_MODEL: "test-model",
    });
    llmServer.script({ content: "据报道，「多晶硅出口8.5亿元」，居全国首位[1]。" });
    const silent = createLogger({ level: "silent" });
    const withLlm = await createApp(config, {
      log: silent,
      index: { kind: "fresh", dir: join(root, "a") },
    });
    expect((await withLlm.engine.ask(QUESTION)).mode).toBe("llm");
    const without = await createApp(config, {
      log: silent,
      index: { kind: "fresh", dir: join(root, "b") },
      llm: false,
    });
    expect((await without.engine.ask(QUESTION)).mode).toBe("extractive");
  });
});
