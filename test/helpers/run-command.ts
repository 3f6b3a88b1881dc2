import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A command's environment: only PATH, HOME and `env`, with `.env` ignored so that the developer's
 * own settings cannot leak into a test.
 */
export function commandEnv(env: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    DOTENV_PATH: "/nonexistent/.env",
    ...env,
  };
}

/** A CLI entry point in a real process (TypeScript through tsx), in {@link commandEnv}. */
function spawnCli(script: string, args: string[], env: Record<string, string>) {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: PROJECT_ROOT,
    env: commandEnv(env),
  });
}

/**
 * Runs one of our CLI entry points as a user would (a real process, real env), with `.env`
 * ignored so the developer's own settings cannot leak into a test.
 */
export function runCommand(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  stdin?: string,
): Promise<CommandResult> {
  return collect(spawnCli(script, args, env), stdin);
}

/** node with `nodeArgs` (the compiled entry, loaders of its own) run to its end, in {@link commandEnv}. */
export function runNode(
  nodeArgs: string[],
  env: Record<string, string> = {},
): Promise<CommandResult> {
  return collect(spawn(process.execPath, nodeArgs, { cwd: PROJECT_ROOT, env: commandEnv(env) }));
}

function collect(child: ChildProcessWithoutNullStreams, stdin?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

/** A command left running: its output so far, a wait for a line of it, and its end. */
export interface RunningCommand {
  /** Resolves once stderr or stdout has matched `pattern` (already, or later). */
  output(pattern: RegExp): Promise<void>;
  signal(name: NodeJS.Signals): void;
  done: Promise<CommandResult>;
}

/** {@link runCommand} for a command that runs until stopped (`embed --watch`, the bot). */
export function startCommand(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): RunningCommand {
  const child = spawnCli(script, args, env);
  let stdout = "";
  let stderr = "";
  const waiting: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const check = () => {
    for (const w of [...waiting])
      if (w.pattern.test(stdout) || w.pattern.test(stderr)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
  };
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
    check();
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
    check();
  });
  child.stdin.end();
  const done = new Promise<CommandResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return {
    output: (pattern) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ pattern, resolve });
        check();
        // A command that ends without the line fails the wait instead of hanging the test.
        void done.then((r) =>
          reject(new Error(`exited (${r.code}) without ${pattern}:\n${r.stderr}`)),
        );
      }),
    signal: (name) => child.kill(name),
    done,
  };
}
