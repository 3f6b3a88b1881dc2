import { config as loadDotenv } from "dotenv";
import { loadConfig, type Config } from "../config.js";
import { ConfigError } from "../errors/config-error.js";
import { createLogger, terminalLine, timestampedLine, type Logger } from "../util/logger.js";

/**
 * Runs a command's main function with `.env` loaded, the config validated and the command's
 * logger made from it (`LOG_LEVEL`; lines on stderr as a terminal shows them). A bad config or a
 * failure prints one line on stderr and exits 1: the maintainer sees what to fix, not a stack
 * (the stack too at `LOG_LEVEL=debug`).
 */
export interface RunCliOptions {
  /**
   * `terminal`: notes as they are, `warning: …`, `error: …` (a maintainer's command);
   * `service`: a timestamp and the level on every line (the bot's log).
   * @default "terminal"
   */
  log?: "terminal" | "service";
}

export function runCli(main: (config: Config, args: string[], log: Logger) => Promise<number | void>, options: RunCliOptions = {}): void {
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
  const line = options.log === "service" ? timestampedLine : terminalLine;
  // The token never appears in a line, whatever error message carried it.
  const secrets = config.telegramBotToken === undefined ? [] : [config.telegramBotToken];
  const log = createLogger({ level: config.logLevel, secrets, write: (level, message) => process.stderr.write(`${line(level, message)}\n`) });
  main(config, process.argv.slice(2), log).then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      log.error(error instanceof Error ? error.message : String(error));
      if (error instanceof Error && error.stack) log.debug(error.stack);
      process.exitCode = 1;
    },
  );
}
