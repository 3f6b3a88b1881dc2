import { createInterface } from "node:readline";
import { openQaEngine } from "../answer/open-qa-engine.js";
import { formatAnswerText } from "../interfaces/format-text.js";
import { createProgress } from "./progress.js";
import { runCli } from "./run-cli.js";

const USAGE = 'usage: npm run ask -- [--json] "问题"   (with --json and no question: one question per line on stdin)';

/**
 * `npm run ask -- "问题"`: one answer, readable. `--json` prints the JSON contract of PRODUCT.md;
 * with no question it answers stdin line by line, loading the models and index once.
 */
runCli(async (config, args) => {
  const json = args.includes("--json");
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--json");
  if (unknown.length > 0) {
    console.error(`error: unknown option ${unknown.join(" ")}\n${USAGE}`);
    return 2;
  }
  const question = args.filter((a) => a !== "--json").join(" ");
  const fromStdin = question === "" && (json || !process.stdin.isTTY);
  if (question === "" && !fromStdin) {
    console.error(USAGE);
    return 2;
  }

  const progress = createProgress("embedding");
  const engine = await openQaEngine(config, { log: (line) => console.error(line), onProgress: (d, t) => progress.update(d, t) });
  progress.finish();
  const print = (answer: Awaited<ReturnType<typeof engine.ask>>) =>
    process.stdout.write(json ? `${JSON.stringify(answer)}\n` : `${formatAnswerText(answer)}\n\n`);

  if (!fromStdin) {
    print(await engine.ask(question));
    return 0;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === "") continue;
    print(await engine.ask(line));
  }
  return 0;
});
