import { createInterface } from "node:readline";
import { createApp } from "../app/create-app.js";
import { createLineAnswerer } from "../interfaces/ask-lines.js";
import { formatAnswerText, resolvedLine } from "../interfaces/format-text.js";
import { createProgress } from "./progress.js";
import { runCli } from "./run-cli.js";

const USAGE = 'usage: npm run ask -- [--json] "问题"   (with --json and no question: one question per line on stdin, or {"question": "…", "conversation": "c1"})';

/**
 * `npm run ask -- "问题"`: one answer, readable. `--json` prints the JSON contract of PRODUCT.md;
 * with no question it answers stdin line by line, loading the models and index once; JSON lines
 * with a `conversation` id share a conversation (follow-ups), plain lines stand alone.
 */
runCli(async (config, args, log) => {
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
  const { engine, conversations } = await createApp(config, { log, onProgress: (d, t) => progress.update(d, t) });
  progress.finish();
  const answerLine = createLineAnswerer(engine, conversations);
  const print = async (line: string) => {
    const answer = await answerLine(line);
    if (json) return void process.stdout.write(`${JSON.stringify(answer)}\n`);
    const readAs = resolvedLine({ ...answer, resolvedQuestion: answer.resolved_question });
    process.stdout.write(`${readAs ? `${readAs}\n` : ""}${formatAnswerText(answer)}\n\n`);
  };

  if (!fromStdin) {
    await print(question);
    return 0;
  }
  // Every line gets its one answer line, blank ones included (they are told what to type).
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) await print(line);
  return 0;
});
