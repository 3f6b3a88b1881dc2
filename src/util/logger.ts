/**
 * The one logger of the program: created by the composition root from `LOG_LEVEL` and handed down
 * to whatever reports something (the index build, the retriever, the bot). The level travels as
 * data — a line is written with its level — so no caller has to parse a `warning: ` prefix back
 * out of the text. A child adds a prefix to every line (the bot makes one per update, carrying the
 * update id).
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** What callers see. Each method writes one line, or nothing when below the logger's level. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A logger writing through this one, with `prefix: ` in front of every message (`update 42`). */
  child(prefix: string): Logger;
}

const RANK: Record<LogLevel | "silent", number> = {
  debug: 0,
  info: 1,
  warn: 2,
  error: 3,
  silent: 4,
};

export interface LoggerOptions {
  /** Lines below this level are dropped. @default "info" */
  level?: LogLevel | "silent";
  /** Strings that must never be printed (the bot token); each is replaced by `***`. */
  secrets?: readonly string[];
  /** Writes one finished line, given its level. @default {@link timestampedLine} on stderr */
  write?: (level: LogLevel, message: string) => void;
}

/**
 * A logger whose every line passes through `redact` first, so a token that slipped into an error
 * message (node-fetch puts the request URL, `/bot<token>/…`, into its messages) never reaches it.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = RANK[options.level ?? "info"];
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const write =
    options.write ??
    ((level: LogLevel, message: string) =>
      process.stderr.write(`${timestampedLine(level, message)}\n`));
  const make = (prefix: string): Logger => {
    const at = (level: LogLevel) => (message: string) => {
      if (RANK[level] < threshold) return;
      write(level, redact(`${prefix}${message}`, secrets));
    };
    return {
      debug: at("debug"),
      info: at("info"),
      warn: at("warn"),
      error: at("error"),
      child: (p) => make(`${prefix}${p}: `),
    };
  };
  return make("");
}

/** `2026-01-01T00:00:00.000Z warn  message`: the bot's log lines, for a service's log. */
export function timestampedLine(level: LogLevel, message: string): string {
  return `${new Date().toISOString()} ${level.padEnd(5)} ${message}`;
}

/**
 * A terminal command's stderr: notes as they are, `warning: …` and `error: …` for those levels
 * (how the maintainer has always read them).
 */
export function terminalLine(level: LogLevel, message: string): string {
  return level === "warn"
    ? `warning: ${message}`
    : level === "error"
      ? `error: ${message}`
      : message;
}

/** `text` with every occurrence of every secret replaced by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join("***");
  return out;
}

/** A logger that writes nothing, for tests and tools that do not want the chatter. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
