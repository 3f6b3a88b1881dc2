import { dirname, relative, resolve, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as z from "zod";
import { ConfigError } from "./errors/config-error.js";

const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type Env = Record<string, string | undefined>;

/**
 * Where the chunk vectors live: hnswlib files in each build folder (the default, fastest on one
 * machine), or one Postgres + pgvector table that several machines share.
 */
export type VectorStoreSetting = { kind: "hnsw" } | { kind: "pgvector"; databaseUrl: string };

/**
 * The project's folder (the one holding `src/`): the default `seeds/` and `embeddings/` are
 * resolved against it, so a command started from another working directory finds them.
 */
export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
const inProject = (name: string) => fileURLToPath(new URL(`../${name}`, import.meta.url));

/**
 * An environment value with surrounding spaces dropped; empty (as in a copied `.env.example`) is
 * unset.
 */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    const trimmed = typeof value === "string" ? value.trim() : value;
    return trimmed === "" ? undefined : trimmed;
  }, schema.optional());

const text = z.string();

/** An http(s) URL, without trailing slashes (grammY and the OpenAI client append paths). */
const httpUrl = (key: string) =>
  text.transform((value, ctx) => {
    if (/^https?:$/.test(protocolOf(value) ?? "")) return value.replace(/\/+$/, "");
    ctx.addIssue({ code: "custom", message: `${key} must be an http(s) URL, got "${value}"` });
    return z.NEVER;
  });

const idList = (key: string) =>
  text.transform((value, ctx) =>
    value.split(",").map((part) => {
      const id = part.trim();
      if (!/^-?\d+$/.test(id)) {
        ctx.addIssue({
          code: "custom",
          message: `${key} must be a comma-separated list of numeric Telegram ids, got "${id}"`,
        });
      } else if (!Number.isSafeInteger(Number(id))) {
        // Beyond 2^53 a number silently becomes another id: no Telegram id is that large.
        ctx.addIssue({
          code: "custom",
          message: `${key}: "${id}" is too large to be a Telegram id (at most ${Number.MAX_SAFE_INTEGER})`,
        });
      }
      return Number(id);
    }),
  );

/**
 * Every key of `.env.example`, as read from the environment, and the {@link Config} it becomes.
 * Messages name the key and what is expected; secrets (the token, a Redis URL that may carry a
 * password) are deliberately not echoed: a value pasted into the wrong key must not reach a log.
 */
const envSchema = z
  .object({
    TELEGRAM_BOT_TOKEN: optional(
      text.regex(/^\d+:[A-Za-z0-9_-]{20,}$/, {
        error: "TELEGRAM_BOT_TOKEN must look like 123456:ABC-DEF… (from @BotFather)",
      }),
    ),
    TELEGRAM_API_ROOT: optional(httpUrl("TELEGRAM_API_ROOT")),
    ALLOWED_USER_IDS: optional(idList("ALLOWED_USER_IDS")),
    ALLOWED_CHAT_IDS: optional(idList("ALLOWED_CHAT_IDS")),
    EMBEDDING_MODEL: optional(text),
    MODELS_DIR: optional(text),
    MODEL_CACHE_DIR: optional(text),
    SEEDS_DIR: optional(text),
    INDEX_DIR: optional(text),
    LLM_BASE_URL: optional(httpUrl("LLM_BASE_URL")),
    LLM_API_KEY: optional(text),
    LLM_MODEL: optional(text),
    LOG_LEVEL: optional(
      z.string().refine((value) => (LOG_LEVELS as readonly string[]).includes(value), {
        error: (issue) =>
          `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${String(issue.input)}"`,
      }),
    ),
    ADMIN_USER_IDS: optional(idList("ADMIN_USER_IDS")),
    FEEDBACK_FILE: optional(text),
    REDIS_URL: optional(
      text.refine((value) => /^rediss?:$/.test(protocolOf(value) ?? ""), {
        error: "REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379)",
      }),
    ),
    BOT_MODE: optional(
      z.enum(["polling", "webhook"], {
        error: (issue) => `BOT_MODE must be polling or webhook, got "${String(issue.input)}"`,
      }),
    ),
    WEBHOOK_URL: optional(httpUrl("WEBHOOK_URL")),
    // Telegram's own rule for secret_token: 1–256 of A–Z, a–z, 0–9, _ and -.
    WEBHOOK_SECRET: optional(
      text.regex(/^[A-Za-z0-9_-]{1,256}$/, {
        error:
          "WEBHOOK_SECRET must be 1–256 characters of A–Z, a–z, 0–9, _ and - (Telegram's rule)",
      }),
    ),
    VECTOR_STORE: optional(
      z.enum(["hnsw", "pgvector"], {
        error: (issue) => `VECTOR_STORE must be hnsw or pgvector, got "${String(issue.input)}"`,
      }),
    ),
    // Not echoed: the URL carries the database password.
    DATABASE_URL: optional(
      text.refine((value) => /^postgres(ql)?:$/.test(protocolOf(value) ?? ""), {
        error:
          "DATABASE_URL must be a postgres:// or postgresql:// URL (e.g. postgres://user:password@127.0.0.1:5432/news)",
      }),
    ),
    PORT: optional(
      z.coerce
        .number({ error: "PORT must be a port number (1–65535)" })
        .int({ error: "PORT must be a port number (1–65535)" })
        .min(1, { error: "PORT must be a port number (1–65535)" })
        .max(65535, { error: "PORT must be a port number (1–65535)" }),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE === "webhook") {
      for (const key of ["WEBHOOK_URL", "WEBHOOK_SECRET"] as const)
        if (env[key] === undefined)
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `${key} must be set when BOT_MODE=webhook (the public URL Telegram posts to, and the secret it sends along)`,
          });
    }
    if (env.VECTOR_STORE === "pgvector" && env.DATABASE_URL === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message:
          "DATABASE_URL must be set when VECTOR_STORE=pgvector (the Postgres database holding the vectors, e.g. postgres://user:password@127.0.0.1:5432/news)",
      });
    const llmKeys = ["LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL"] as const;
    const missing = llmKeys.filter((key) => env[key] === undefined);
    if (missing.length > 0 && missing.length < llmKeys.length) {
      ctx.addIssue({
        code: "custom",
        path: [missing[0] as string],
        message: `${missing.join(", ")} must be set too (LLM mode needs all of ${llmKeys.join(", ")})`,
      });
    }
    // Builds are written aside and swapped in, and old ones removed: a file in there would vanish.
    if (env.FEEDBACK_FILE !== undefined) {
      const indexDir = resolve(env.INDEX_DIR ?? inProject("embeddings"));
      const inside = relative(indexDir, resolve(env.FEEDBACK_FILE));
      if (inside === "" || (!inside.startsWith("..") && !isAbsolute(inside))) {
        ctx.addIssue({
          code: "custom",
          path: ["FEEDBACK_FILE"],
          message: `FEEDBACK_FILE must be outside INDEX_DIR (${indexDir}), whose builds are replaced; e.g. ${join(dirname(indexDir), "feedback.jsonl")}`,
        });
      }
    }
  })
  .transform((env) => ({
    /** Required by the bot only; never printed. */
    telegramBotToken: env.TELEGRAM_BOT_TOKEN,
    /** @default "https://api.telegram.org" */
    telegramApiRoot: env.TELEGRAM_API_ROOT ?? "https://api.telegram.org",
    /** Empty = everyone. */
    allowedUserIds: env.ALLOWED_USER_IDS ?? [],
    /** Empty = every chat. */
    allowedChatIds: env.ALLOWED_CHAT_IDS ?? [],
    /** @default "Xenova/bge-small-zh-v1.5" */
    embeddingModel: env.EMBEDDING_MODEL ?? "Xenova/bge-small-zh-v1.5",
    /** A local folder of models in transformers.js layout; when set nothing is downloaded. */
    modelsDir: env.MODELS_DIR,
    /** Where downloaded models are cached. */
    modelCacheDir: env.MODEL_CACHE_DIR,
    /** @default `seeds` in the project folder (a set value is relative to the working directory) */
    seedsDir: env.SEEDS_DIR ?? inProject("seeds"),
    /** @default `embeddings` in the project folder */
    indexDir: env.INDEX_DIR ?? inProject("embeddings"),
    /** All three LLM keys, or none (checked above). */
    llm:
      env.LLM_BASE_URL !== undefined && env.LLM_API_KEY !== undefined && env.LLM_MODEL !== undefined
        ? { baseUrl: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL }
        : undefined,
    /** @default "info" */
    logLevel: (env.LOG_LEVEL ?? "info") as LogLevel,
    /** Users who may use /stats. Empty = nobody. */
    adminUserIds: env.ADMIN_USER_IDS ?? [],
    /**
     * Where 👍/👎 presses are appended (JSONL). @default `feedback.jsonl` beside INDEX_DIR (in its
     * parent folder: never inside a build, which is replaced)
     */
    feedbackFile:
      env.FEEDBACK_FILE ??
      join(dirname(resolve(env.INDEX_DIR ?? inProject("embeddings"))), "feedback.jsonl"),
    /** Shared session storage for several bot processes (`redis://…`); unset = in memory. */
    redisUrl: env.REDIS_URL,
    /** How updates arrive. @default "polling" */
    botMode: env.BOT_MODE ?? "polling",
    /**
     * Webhook mode: the public URL Telegram posts updates to, the secret it sends in
     * `X-Telegram-Bot-Api-Secret-Token` (never printed), and the local port the server listens on.
     */
    webhook:
      env.WEBHOOK_URL !== undefined && env.WEBHOOK_SECRET !== undefined
        ? { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET }
        : undefined,
    /** @default 8080 */
    port: env.PORT ?? 8080,
    /** Where the chunk vectors live. @default { kind: "hnsw" } (files in INDEX_DIR) */
    vectorStore: vectorStoreOf(env.VECTOR_STORE, env.DATABASE_URL),
  }));

/** The program's settings, as {@link loadConfig} derives them from the environment. */
export type Config = z.output<typeof envSchema>;

/**
 * The one reader of process.env. Every key is documented in `.env.example`; an invalid value
 * stops the program at start with one line naming the key and what is expected.
 * @throws {ConfigError} `Invalid config: <KEY> must …`, the key in `key`, zod's report in `cause`.
 */
export function loadConfig(env: Env = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const key = String(issue?.path[0] ?? "");
  throw new ConfigError(`Invalid config: ${issue?.message ?? "unreadable environment"}`, key, {
    cause: parsed.error,
  });
}

/**
 * Every secret the configuration holds, for the loggers to replace by `***`: the bot token, the
 * LLM key, and the user:password of `TELEGRAM_API_ROOT`, `REDIS_URL` and `DATABASE_URL` (as written and
 * percent-decoded).
 */
export function secretsOf(config: Config): string[] {
  return [
    ...(config.telegramBotToken === undefined ? [] : [config.telegramBotToken]),
    ...(config.llm === undefined ? [] : [config.llm.apiKey]),
    ...urlCredentials(config.telegramApiRoot),
    ...(config.redisUrl === undefined ? [] : urlCredentials(config.redisUrl)),
    ...(config.webhook === undefined ? [] : [config.webhook.secret]),
    ...(config.vectorStore.kind === "pgvector"
      ? urlCredentials(config.vectorStore.databaseUrl)
      : []),
  ].filter((s) => s.length > 0);
}

/**
 * The credentials written into a URL (`http://user:password@host`): the whole user:password, the
 * password, and the user when there is no password (a token in the user part), longest first so
 * that the whole is replaced before its parts.
 */
export function urlCredentials(value: string): string[] {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/iu.exec(value);
  if (!match) return [];
  const userinfo = match[1]!;
  const colon = userinfo.indexOf(":");
  const parts =
    colon < 0 ? [userinfo] : [userinfo, userinfo.slice(colon + 1), userinfo.slice(0, colon)];
  const secrets = colon < 0 || userinfo.slice(colon + 1) === "" ? parts : parts.slice(0, 2);
  const decoded = secrets.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return [...new Set([...secrets, ...decoded])]
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length);
}

/** The URL as it may be shown: `http://user:password@host/` becomes `http://host/`. */
export function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/iu, "$1");
}

/** pgvector with its database (its presence checked above), or the hnswlib default. */
function vectorStoreOf(
  kind: string | undefined,
  databaseUrl: string | undefined,
): VectorStoreSetting {
  return kind === "pgvector" && databaseUrl !== undefined
    ? { kind: "pgvector", databaseUrl }
    : { kind: "hnsw" };
}

function protocolOf(value: string): string | undefined {
  try {
    return new URL(value).protocol;
  } catch {
    return undefined;
  }
}
