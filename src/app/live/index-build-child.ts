/**
 * Entry of the child process that rebuilds the index for live reload (started by
 * `run-index-build.ts`): the config is the first IPC message; the child's messages are log lines,
 * then the reply. A child process, so that ingesting and embedding (seconds to minutes of CPU) never stall
 * the answers the parent is giving; the build lock keeps it the only builder of INDEX_DIR.
 */
import type { Config } from "../../config.js";
import { BuildInProgressError } from "../../index/errors/build-in-progress-error.js";
import { createLogger } from "../../util/logger.js";
import { rebuildIndex } from "../index-commands.js";
import type { BuildChildMessage } from "./run-index-build.js";

if (process.send === undefined) {
  console.error("index-build-child: expected an IPC channel (started by run-index-build.ts)");
  process.exitCode = 2;
} else {
  // The config comes as the first message, not as an argument: it holds the bot token and the LLM
  // key, which `ps` would show to every user of the machine.
  process.once("message", (config: Config) => build(config));
}

function build(config: Config): void {
  const send = (message: BuildChildMessage) =>
    new Promise<void>((resolve) => process.send!(message, () => resolve()));
  const log = createLogger({
    level: "debug",
    write: (level, message) => void send({ log: { level, message } }),
  });
  rebuildIndex(config, { log })
    .then(
      (summary) => send({ reply: { kind: "built", summary } }),
      (error: unknown) =>
        send({
          reply:
            error instanceof BuildInProgressError
              ? { kind: "busy", message: error.message }
              : { kind: "failed", message: (error as Error).message },
        }),
    )
    .then(() => process.disconnect());
}
