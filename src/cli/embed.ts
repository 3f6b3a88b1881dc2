import { embedCommand } from "./commands/embed.js";
import { runCli } from "./run-cli.js";

runCli(embedCommand);
