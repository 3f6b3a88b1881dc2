/**
 * Entry of the child process that builds the reverse index (started by `load-reverse-index.ts`):
 * the request is its one argument; its IPC messages are the pinyin readings, then the reply. A
 * child process rather than a worker thread because a finished worker is joined on the main thread,
 * which then waits while the worker's ~150 MB heap is torn down (measured 60–140 ms, the stall this
 * avoids); a process is torn down by the operating system.
 */
import { buildInThisThread, type BuildRequest } from "./build-job.js";

const request = JSON.parse(process.argv[2] ?? "null") as BuildRequest | null;
if (request === null || process.send === undefined) {
  console.error(
    "build-child: expected a JSON request argument and an IPC channel (started by load-reverse-index.ts)",
  );
  process.exitCode = 2;
} else {
  const send = process.send.bind(process);
  const reply = buildInThisThread(request, (syllables) => send({ syllables }));
  // Exit only once the reply has been handed to the channel.
  send({ reply }, () => process.disconnect());
}
