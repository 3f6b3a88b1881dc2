import { askCommand } from "./commands/ask.js";
import { runCli } from "./run-cli.js";

runCli(askCommand);
