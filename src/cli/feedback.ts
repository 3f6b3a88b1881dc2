import { feedbackCommand } from "./commands/feedback.js";
import { runCli } from "./run-cli.js";

runCli(feedbackCommand);
