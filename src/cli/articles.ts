import { articlesCommand } from "./commands/articles.js";
import { runCli } from "./run-cli.js";

runCli(articlesCommand);
