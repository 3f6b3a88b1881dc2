import { evalCommand } from "./commands/eval.js";
import { runCli } from "./run-cli.js";

runCli(evalCommand);
