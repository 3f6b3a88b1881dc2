import { createApp } from "../../app/create-app.js";
import { runRepl } from "../../interfaces/repl/repl.js";
import type { Command } from "../command.js";
import { createProgress } from "../progress.js";

/**
 * `npm run repl`: questions in the terminal, answers with citations; `:help` lists the commands.
 */
export const replCommand: Command = async (config, _args, io) => {
  const progress = createProgress("embedding", io.progress);
  const { engine, conversations, live } = await createApp(config, {
    log: io.log,
    onProgress: (d, t, stage) => progress.update(d, t, stage),
    // A page saved while the REPL is open is answerable at the next question.
    live: {},
  });
  progress.finish();
  const end = await runRepl({
    engine,
    conversations,
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY === true,
  });
  await live?.close();
  // Quit by Ctrl-C: an abandoned answer (a slow LLM call) must not keep the process alive.
  if (end === "interrupted") process.exit(130);
  return 0;
};
