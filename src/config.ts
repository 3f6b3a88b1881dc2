import { ConfigError } from "./errors/config-error.js";

/**
 * The one reader of process.env. Every key is documented in `.env.example`; an invalid value
 * stops the program at start with one line naming the key and what is expected.
 */
export interface Config {
  /** Required by the bot only; never printed. */
  telegramBotToken: string | undefined;
  /** @default "https://api.telegram.org" */
  telegramApiRoot: string;
  /** Empty = everyone. */
  allowedUserIds: number[];
  /** Empty = every chat. */
  allowedChatIds: number[];
  /** @default "Xenova/bge-small-zh-v1.5" */
  embeddingModel: string;
  /** A local folder of models in transformers.js layout; when set nothing is downloaded. */
  modelsDir: string | undefined;
  /** Where downloaded models are cached. */
  modelCacheDir: string | undefined;
  /** @default "seeds" */
  seedsDir: string;
  /** @default "embeddings" */
  indexDir: string;
  llm: { baseUrl: string; apiKey: string; model: string } | undefined;
  /** @default "info" */
  logLevel: LogLevel;
  /** Shared session storage for several bot processes (`redis://…`); unset = in memory. */
  redisUrl: string | undefined;
}

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const get = (key: string) => {
    const value = env[key]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const token = get("TELEGRAM_BOT_TOKEN");
  // The value is deliberately not echoed: a token pasted into the wrong key must not reach a log.
  if (token !== undefined && !/^\d+:[A-Za-z0-9_-]{20,}$/.test(token)) {
    throw new ConfigError("Invalid config: TELEGRAM_BOT_TOKEN must look like 123456:ABC-DEF… (from @BotFather)", "TELEGRAM_BOT_TOKEN");
  }
  const llmKeys = ["LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL"] as const;
  const llmSet = llmKeys.filter((k) => get(k) !== undefined);
  if (llmSet.length > 0 && llmSet.length < llmKeys.length) {
    const missing = llmKeys.filter((k) => get(k) === undefined);
    throw new ConfigError(`Invalid config: ${missing.join(", ")} must be set too (LLM mode needs all of ${llmKeys.join(", ")})`, missing[0]!);
  }
  const logLevel = get("LOG_LEVEL") ?? "info";
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`Invalid config: LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel}"`, "LOG_LEVEL");
  }
  return {
    telegramBotToken: token,
    telegramApiRoot: url(get("TELEGRAM_API_ROOT") ?? "https://api.telegram.org", "TELEGRAM_API_ROOT"),
    allowedUserIds: idList(get("ALLOWED_USER_IDS"), "ALLOWED_USER_IDS"),
    allowedChatIds: idList(get("ALLOWED_CHAT_IDS"), "ALLOWED_CHAT_IDS"),
    embeddingModel: get("EMBEDDING_MODEL") ?? "Xenova/bge-small-zh-v1.5",
    modelsDir: get("MODELS_DIR"),
    modelCacheDir: get("MODEL_CACHE_DIR"),
    seedsDir: get("SEEDS_DIR") ?? "seeds",
    indexDir: get("INDEX_DIR") ?? "embeddings",
    llm:
      llmSet.length === 3
        ? { baseUrl: url(get("LLM_BASE_URL")!, "LLM_BASE_URL"), apiKey: get("LLM_API_KEY")!, model: get("LLM_MODEL")! }
        : undefined,
    logLevel: logLevel as LogLevel,
    redisUrl: redisUrl(get("REDIS_URL")),
  };
}

function url(value: string, key: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return value.replace(/\/+$/, "");
  } catch {
    // fall through to the message below
  }
  throw new ConfigError(`Invalid config: ${key} must be an http(s) URL, got "${value}"`, key);
}

function redisUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = new URL(value);
    if (parsed.protocol === "redis:" || parsed.protocol === "rediss:") return value;
  } catch {
    // fall through to the message below
  }
  // Not echoed: a Redis URL may carry a password.
  throw new ConfigError("Invalid config: REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379)", "REDIS_URL");
}

function idList(value: string | undefined, key: string): number[] {
  if (value === undefined) return [];
  return value.split(",").map((part) => {
    const id = part.trim();
    if (!/^-?\d+$/.test(id)) {
      throw new ConfigError(`Invalid config: ${key} must be a comma-separated list of numeric Telegram ids, got "${id}"`, key);
    }
    return Number(id);
  });
}
