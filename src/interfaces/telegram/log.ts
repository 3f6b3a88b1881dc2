import type { LogLevel } from "../../config.js";

/** Where the bot's log lines go: one line per event, secrets already removed. */
export interface BotLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

export interface BotLogOptions {
  /** @default "info" */
  level?: LogLevel;
  /** Strings that must never be printed (the bot token); each is replaced by `***`. */
  secrets?: readonly string[];
  /** @default a line on stderr */
  write?: (line: string) => void;
}

/**
 * The bot's logger. Every line passes through `redact` first, so a token that slipped into an
 * error message (node-fetch puts the request URL, `/bot<token>/…`, into its messages) never
 * reaches the log.
 */
export function createBotLog(options: BotLogOptions = {}): BotLog {
  const threshold = RANK[options.level ?? "info"];
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const at = (level: Exclude<LogLevel, "silent">) => (message: string) => {
    if (RANK[level] < threshold) return;
    write(`${new Date().toISOString()} ${level.padEnd(5)} ${redact(message, secrets)}`);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** `text` with every occurrence of every secret replaced by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join("***");
  return out;
}

/** A silent log, for tests and tools that do not want the bot's chatter. */
export const silentLog: BotLog = { debug() {}, info() {}, warn() {}, error() {} };
