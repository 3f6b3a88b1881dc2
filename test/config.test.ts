import { existsSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, PROJECT_ROOT, secretsOf } from "../src/config.js";
import { ConfigError } from "../src/errors/config-error.js";

const errorOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("loadConfig", () => {
  it("gives the documented defaults for an empty environment", () => {
    expect(loadConfig({})).toEqual({
      telegramBotToken: undefined,
      telegramApiRoot: "https://api.telegram.org",
      allowedUserIds: [],
      allowedChatIds: [],
      embeddingModel: "Xenova/bge-small-zh-v1.5",
      modelsDir: undefined,
      modelCacheDir: undefined,
      seedsDir: join(PROJECT_ROOT, "seeds"),
      indexDir: join(PROJECT_ROOT, "embeddings"),
      llm: undefined,
      logLevel: "info",
      adminUserIds: [],
      feedbackFile: join(PROJECT_ROOT, "feedback.jsonl"),
      redisUrl: undefined,
      botMode: "polling",
      webhook: undefined,
      port: 8080,
      vectorStore: { kind: "hnsw" },
    });
  });

  it("reads VECTOR_STORE=pgvector with its DATABASE_URL, a config error naming the key without it", () => {
    const url = "postgres://news:pw@127.0.0.1:5432/news";
    const config = loadConfig({ VECTOR_STORE: "pgvector", DATABASE_URL: url });
    expect(config.vectorStore).toEqual({ kind: "pgvector", databaseUrl: url });
    expect(secretsOf(config)).toContain("pw");
    const missing = errorOf({ VECTOR_STORE: "pgvector" });
    expect(missing.key).toBe("DATABASE_URL");
    expect(missing.message).toMatch(
      /^Invalid config: DATABASE_URL must be set when VECTOR_STORE=pgvector/,
    );
    expect(errorOf({ VECTOR_STORE: "faiss" }).message).toBe(
      'Invalid config: VECTOR_STORE must be hnsw or pgvector, got "faiss"',
    );
    const bad = errorOf({ VECTOR_STORE: "pgvector", DATABASE_URL: "mysql://u:secret@h/db" });
    expect(bad.key).toBe("DATABASE_URL");
    expect(bad.message).toContain("DATABASE_URL must be a postgres:// or postgresql:// URL");
    expect(bad.message).not.toContain("secret");
    // A DATABASE_URL alone changes nothing: hnswlib stays until VECTOR_STORE says otherwise.
    expect(loadConfig({ DATABASE_URL: url }).vectorStore).toEqual({ kind: "hnsw" });
  });

  it("reads webhook mode, requiring WEBHOOK_URL and WEBHOOK_SECRET with it, never echoing the secret", () => {
    const config = loadConfig({
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.org/tg",
      WEBHOOK_SECRET: "abc_DEF-123",
      PORT: "3000",
    });
    expect(config).toMatchObject({
      botMode: "webhook",
      webhook: { url: "https://bot.example.org/tg", secret: "abc_DEF-123" },
      port: 3000,
    });
    expect(errorOf({ BOT_MODE: "webhook", WEBHOOK_SECRET: "abc" }).message).toBe(
      "Invalid config: WEBHOOK_URL must be set when BOT_MODE=webhook (the public URL Telegram posts to, and the secret it sends along)",
    );
    expect(errorOf({ BOT_MODE: "webhook", WEBHOOK_URL: "https://x.org/tg" }).key).toBe(
      "WEBHOOK_SECRET",
    );
    const bad = errorOf({ WEBHOOK_SECRET: "has spaces in it" });
    expect(bad.message).toContain("WEBHOOK_SECRET must be 1–256 characters");
    expect(bad.message).not.toContain("has spaces");
    expect(errorOf({ BOT_MODE: "hooks" }).message).toContain("BOT_MODE must be polling or webhook");
    expect(errorOf({ PORT: "eighty" }).key).toBe("PORT");
  });

  it("keeps feedback beside INDEX_DIR by default, and never inside it", () => {
    expect(loadConfig({ INDEX_DIR: "/srv/qa/embeddings" }).feedbackFile).toBe(
      "/srv/qa/feedback.jsonl",
    );
    expect(loadConfig({ FEEDBACK_FILE: "/var/log/qa.jsonl", ADMIN_USER_IDS: "7,8" })).toMatchObject(
      { feedbackFile: "/var/log/qa.jsonl", adminUserIds: [7, 8] },
    );
    expect(() =>
      loadConfig({ INDEX_DIR: "/srv/qa/embeddings", FEEDBACK_FILE: "/srv/qa/embeddings/f.jsonl" }),
    ).toThrow(/^Invalid config: FEEDBACK_FILE must be outside INDEX_DIR/);
  });

  it("accepts a redis:// REDIS_URL and rejects anything else without echoing it", () => {
    expect(loadConfig({ REDIS_URL: "redis://:pw@127.0.0.1:6379/0" }).redisUrl).toBe(
      "redis://:pw@127.0.0.1:6379/0",
    );
    expect(() => loadConfig({ REDIS_URL: "http://secret@x" })).toThrow(
      /^Invalid config: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/,
    );
    expect(() => loadConfig({ REDIS_URL: "http://secret@x" })).not.toThrow(/secret/);
  });

  it("resolves the default seeds and index folders against the project, not the working directory", () => {
    const { seedsDir, indexDir } = loadConfig({});
    expect(isAbsolute(seedsDir) && isAbsolute(indexDir)).toBe(true);
    expect(existsSync(join(seedsDir, "003_bcfb9783f9e97214.txt"))).toBe(true);
    expect(dirname(indexDir)).toBe(dirname(seedsDir));
  });

  it("treats empty values (as in a copied .env.example) as unset", () => {
    expect(loadConfig({ SEEDS_DIR: "", TELEGRAM_API_ROOT: " ", LLM_MODEL: "" }).seedsDir).toBe(
      join(PROJECT_ROOT, "seeds"),
    );
  });

  it("parses id lists and the LLM settings", () => {
    const config = loadConfig({
      ALLOWED_USER_IDS: "12, 34",
      ALLOWED_CHAT_IDS: "-1001234",
      LLM_BASE_URL: "http://127.0.0.1:11434/v1/",
      LLM_API_KEY: "k",
      LLM_MODEL: "qwen2.5",
    });
    expect(config.allowedUserIds).toEqual([12, 34]);
    expect(config.allowedChatIds).toEqual([-1001234]);
    expect(config.llm).toEqual({
      baseUrl: "http://127.0.0.1:11434/v1",
      apiKey: "k",
      model: "qwen2.5",
    });
  });

  it("names the key and what is expected, in one line", () => {
    expect(errorOf({ ALLOWED_USER_IDS: "12,abc" }).message).toBe(
      'Invalid config: ALLOWED_USER_IDS must be a comma-separated list of numeric Telegram ids, got "abc"',
    );
    expect(errorOf({ TELEGRAM_API_ROOT: "api.telegram.org" }).key).toBe("TELEGRAM_API_ROOT");
    expect(errorOf({ LLM_BASE_URL: "http://x/v1" }).message).toBe(
      "Invalid config: LLM_API_KEY, LLM_MODEL must be set too (LLM mode needs all of LLM_BASE_URL, LLM_API_KEY, LLM_MODEL)",
    );
  });

  it("rejects an id beyond 2^53 in ALLOWED_USER_IDS instead of silently losing precision", () => {
    expect(errorOf({ ALLOWED_USER_IDS: "12,9007199254740993" }).message).toBe(
      'Invalid config: ALLOWED_USER_IDS: "9007199254740993" is too large to be a Telegram id (at most 9007199254740991)',
    );
    expect(errorOf({ ALLOWED_CHAT_IDS: "-99999999999999999999" }).key).toBe("ALLOWED_CHAT_IDS");
    expect(loadConfig({ ALLOWED_USER_IDS: "9007199254740991" }).allowedUserIds).toEqual([
      9007199254740991,
    ]);
  });

  it("says what to do for a bad LOG_LEVEL, with zod's full report kept as the cause", () => {
    const error = errorOf({ LOG_LEVEL: "verbose" });
    expect(error.message).toBe(
      'Invalid config: LOG_LEVEL must be one of debug, info, warn, error, silent, got "verbose"',
    );
    expect(error.key).toBe("LOG_LEVEL");
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("never repeats a malformed token in its message", () => {
    const error = errorOf({ TELEGRAM_BOT_TOKEN: "secret-token-value" });
    expect(error.key).toBe("TELEGRAM_BOT_TOKEN");
    expect(error.message).not.toContain("secret-token-value");
  });
});
