import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { setPriority } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Config } from "../../config.js";
import type { BuildSummary } from "../../index/build-index.js";
import type { Logger, LogLevel } from "../../util/logger.js";

/** How a background build ended. */
export type BuildOutcome =
  | { kind: "built"; summary: BuildSummary }
  /** Another process holds the build lock: its CURRENT will be picked up when it publishes. */
  | { kind: "busy"; message: string }
  | { kind: "failed"; message: string };

export type BuildChildMessage =
  | { log: { level: LogLevel; message: string } }
  | { reply: BuildOutcome };

/**
 * Rebuilds the configured index in a child process (`npm run embed`'s build, incremental: unchanged
 * chunks keep their vectors) and says how it ended; the child's log lines come out on `log`. Never
 * throws: a crashed child is a failed build, and the index in use stays.
 */
export function runIndexBuild(config: Config, log: Logger): Promise<BuildOutcome> {
  const typescript = import.meta.url.endsWith(".ts");
  const entry = fileURLToPath(
    new URL(typescript ? "./index-build-child.ts" : "./index-build-child.js", import.meta.url),
  );
  // The project runs TypeScript through tsx: the child loads it the way `node --import tsx` does.
  const execArgv = typescript
    ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href]
    : [];
  const child = fork(entry, [], { execArgv, stdio: ["ignore", "ignore", "pipe", "ipc"] });
  // Background work: on a machine with few cores, the build (and its start-up, compiling and
  // loading modules on two threads) would otherwise take CPU time the answers are waiting for.
  lowerPriority(child.pid, log);
  child.send(config);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  return new Promise((resolve) => {
    let outcome: BuildOutcome | null = null;
    child.on("message", (message: BuildChildMessage) => {
      if ("log" in message) log[message.log.level](message.log.message);
      else outcome = message.reply;
    });
    child.once("error", (error) => resolve({ kind: "failed", message: error.message }));
    // Settled on exit, not on the reply: by then the child's build lock is released for certain.
    child.once("exit", (code) =>
      resolve(
        outcome ?? {
          kind: "failed",
          message: `the build process exited (code ${code}) without a reply${stderr ? `: ${stderr.trim()}` : ""}`,
        },
      ),
    );
  });
}

/** The build child's niceness: it runs when the answering process does not need the CPU. */
const BUILD_NICENESS = 10;

function lowerPriority(pid: number | undefined, log: Logger): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, BUILD_NICENESS);
  } catch (error) {
    // Not fatal (a platform or container that refuses it): the build only competes more.
    log.debug(`could not lower the build process's priority: ${(error as Error).message}`);
  }
}
