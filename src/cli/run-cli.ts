import { createInterface } from "node:readline";
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
