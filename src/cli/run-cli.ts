import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { resolve } from "node:path";
import { config as loadDotenv } from "dotenv";
import { loadConfig, secretsOf, type Config } from "../config.js";
import { ConfigError } from "../errors/config-error.js";
import {
  createLogger,
  terminalLine,
  timestampedLine,
  type LogLevel,
  type Logger,
} from "../util/logger.js";
import type { Command, CommandIo } from "./command.js";

export interface RunCliOptions {
  /**
   * `terminal`: notes as they are, `warning: …`, `error: …` (a maintainer's command);
   * `service`: a timestamp and the level on every line (the bot's log).
   * @default "terminal"
   */
  log?: "terminal" | "service";
}

/**
 * Runs a command as a process: `.env` loaded, the config validated, the command's logger made
 * from it (`LOG_LEVEL`; lines on stderr), the process's streams as its I/O. A bad config or a
 * failure prints one line on stderr and exits 1: the maintainer sees what to fix, not a stack
 * (the stack too at `LOG_LEVEL=debug`).
 */
export function runCli(command: Command, options: RunCliOptions = {}): void {
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  void runCommand(command, config, process.argv.slice(2), processIo(config, options)).then(
    (code) => {
      process.exitCode = code;
    },
  );
}

/**
 * A command's exit code; a failure is one error line in its log (and the stack at debug), exit code
 * 1.
 */
export async function runCommand(
  command: Command,
  config: Config,
  args: readonly string[],
  io: CommandIo,
): Promise<number> {
  try {
    return await command(config, args, io);
  } catch (error) {
    io.log.error(error instanceof Error ? error.message : String(error));
    if (error instanceof Error && error.stack) io.log.debug(error.stack);
    return 1;
  }
}

/**
 * A command's logger: at `LOG_LEVEL`, each line rendered by `line` and written by `write`, the bot
 * token redacted.
 */
export function createCommandLogger(
  config: Config,
  write: (text: string) => void,
  line: (level: LogLevel, message: string) => string = terminalLine,
): Logger {
  // No secret (the token, the LLM key, credentials in a URL) appears in a line, whatever error
  // message carried it.
  return createLogger({
    level: config.logLevel,
    secrets: secretsOf(config),
    write: (level, message) => write(`${line(level, message)}\n`),
  });
}

function processIo(config: Config, options: RunCliOptions): CommandIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    log: createCommandLogger(
      config,
      (text) => process.stderr.write(text),
      options.log === "service" ? timestampedLine : terminalLine,
    ),
    progress: process.stderr,
    stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
    stdinIsTTY: process.stdin.isTTY === true,
  };
}

/**
 * Why `SEEDS_DIR` cannot be read as the pages' folder — missing, or a file in its place — in a
 * line naming the absolute path tried; null when it is a folder. Said before the index is opened,
 * so the maintainer reads what to fix rather than a raw `ENOENT … scandir`.
 */
export async function seedsDirProblem(seedsDir: string): Promise<string | null> {
  const absolute = resolve(seedsDir);
  try {
    if ((await stat(absolute)).isDirectory()) return null;
    return `SEEDS_DIR ${absolute} is a file, not a folder of pages: set SEEDS_DIR to the folder of .txt pages.`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      return `SEEDS_DIR ${absolute} does not exist: set SEEDS_DIR to the folder of .txt pages (a relative path is read from ${process.cwd()}).`;
    return `SEEDS_DIR ${absolute} cannot be read (${code ?? String(error)}).`;
  }
}
