import { config as loadDotenv } from "dotenv";
import { loadConfig, type Config } from "../config.js";
import { ConfigError } from "../errors/config-error.js";

/**
 * Runs a command's main function with `.env` loaded and the config validated. A bad config or a
 * failure prints one line on stderr and exits 1: the maintainer sees what to fix, not a stack.
 */
export function runCli(main: (config: Config, args: string[]) => Promise<number | void>): void {
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
  main(config, process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      if (process.env.LOG_LEVEL === "debug" && error instanceof Error) console.error(error.stack);
      process.exitCode = 1;
    },
  );
}
