import { botCommand } from "./commands/bot.js";
import { runCli } from "./run-cli.js";

// The bot's lines carry a timestamp and their level: a service's log, not a terminal's notes.
runCli(botCommand, { log: "service" });
