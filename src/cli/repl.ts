import { createApp } from "../app/create-app.js";
import { runRepl } from "../interfaces/repl/repl.js";
import { createProgress } from "./progress.js";
import { runCli } from "./run-cli.js";

/** `npm run repl`: questions in the terminal, answers with citations; `:help` lists the commands. */
runCli(async (config, _args, log) => {
  const progress = createProgress("embedding");
  const { engine, conversations } = await createApp(config, { log, onProgress: (d, t) => progress.update(d, t) });
  progress.finish();
  await runRepl({ engine, conversations, input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  return 0;
});
