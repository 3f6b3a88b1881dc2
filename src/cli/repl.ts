import { openQaEngine } from "../answer/open-qa-engine.js";
import { runRepl } from "../interfaces/repl/repl.js";
import { createProgress } from "./progress.js";
import { runCli } from "./run-cli.js";

/** `npm run repl`: questions in the terminal, answers with citations; `:help` lists the commands. */
runCli(async (config) => {
  const progress = createProgress("embedding");
  const engine = await openQaEngine(config, { log: (line) => console.error(line), onProgress: (d, t) => progress.update(d, t) });
  progress.finish();
  await runRepl({ engine, input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  return 0;
});
