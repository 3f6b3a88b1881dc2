/**
 * Entry of the child process that rebuilds the index for live reload (started by
 * `run-index-build.ts`): the config is its one argument; its IPC messages are log lines, then the
 * reply. A child process, so that ingesting and embedding (seconds to minutes of CPU) never stall
 * the answers the parent is giving; the build lock keeps it the only builder of INDEX_DIR.
 */
import type { Config } from "../../config.js";
import { BuildInProgressError } from "../../index/errors/build-in-progress-error.js";
import { createLogger } from "../../util/logger.js";
import { rebuildIndex } from "../index-commands.js";
import type { BuildChildMessage } from "./run-index-build.js";

const config = JSON.parse(process.argv[2] ?? "null") as Config | null;
if (config === null || process.send === undefined) {
  console.error("index-build-child: expected a JSON config argument and an IPC channel");
  process.exitCode = 2;
} else {
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
