import type { Config } from "../config.js";
import type { Logger } from "../util/logger.js";
import type { ProgressStream } from "./progress.js";

/**
 * What a command talks to, handed in by `runCli` (the process's streams) or by a test (strings
 * in arrays): a command is a function of its config, arguments and I/O that returns its exit code.
 */
export interface CommandIo {
  /** Results: answers, tables, JSON. */
  stdout(text: string): void;
  /** Text for the person at the terminal that is not a log line (usage, how to set a token). */
  stderr(text: string): void;
  /** Notes and warnings, at `LOG_LEVEL`. */
  log: Logger;
  /** Where progress bars go. */
  progress: ProgressStream;
  /** Standard input, line by line. */
  stdinLines(): AsyncIterable<string>;
  stdinIsTTY: boolean;
}

export type Command = (config: Config, args: readonly string[], io: CommandIo) => Promise<number>;
