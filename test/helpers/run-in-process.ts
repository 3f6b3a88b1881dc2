import { loadConfig } from "../../src/config.js";
import type { Command } from "../../src/cli/command.js";
import { createCommandLogger, runCommand } from "../../src/cli/run-cli.js";
import type { CommandResult } from "./run-command.js";

export interface InProcessOptions {
  /** Lines of standard input. @default none */
  stdin?: readonly string[];
  /** @default false: piped input */
  stdinIsTTY?: boolean;
}

/**
 * Runs a command's function in this process, as `runCli` would run it in its own: the config
 * from `env` alone (no `.env`, nothing of the test runner's environment), stdout and stderr
 * collected as text, log lines as a terminal shows them. What only a real process does (the
 * config check before the command, signals) is left to one spawned smoke test per command.
 */
export async function runInProcess(
  command: Command,
  args: readonly string[],
  env: Record<string, string> = {},
  options: InProcessOptions = {},
): Promise<CommandResult> {
  const config = loadConfig(env);
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
    log: createCommandLogger(config, (text) => {
      stderr += text;
    }),
    progress: {
      isTTY: false,
      write: (text: string) => {
        stderr += text;
      },
    },
    stdinLines: async function* () {
      yield* options.stdin ?? [];
    },
    stdinIsTTY: options.stdinIsTTY ?? false,
  };
  const code = await runCommand(command, config, args, io);
  return { code, stdout, stderr };
}
