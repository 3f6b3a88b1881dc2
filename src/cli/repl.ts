import { replCommand } from "./commands/repl.js";
import { runCli } from "./run-cli.js";

runCli(replCommand);
