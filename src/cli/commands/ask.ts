import { createApp } from "../../app/create-app.js";
import { createLineAnswerer } from "../../interfaces/ask-lines.js";
import { formatAnswerText, resolvedLine } from "../../interfaces/format-text.js";
import { isUsageError, parseAskArgs } from "../args.js";
import type { Command } from "../command.js";
import { createProgress } from "../progress.js";

/**
 * `npm run ask -- "问题"`: one answer, readable. `--json` prints the JSON contract of PRODUCT.md;
 * with no question it answers stdin line by line, loading the models and index once; JSON lines
 * with a `conversation` id share a conversation (follow-ups), plain lines stand alone.
 */
export const askCommand: Command = async (config, args, io) => {
  // A question given on the command line, even an empty one (`ask --json ""`), is answered — with
  // the explanation of what is wrong when it is empty — rather than read as "no question, use stdin".
  const given = args.some((a) => !a.startsWith("--"));
  const parsed = parseAskArgs(args, given ? false : io.stdinIsTTY);
  if (isUsageError(parsed)) {
    io.stderr(`${parsed.error}\n`);
    return parsed.code;
  }
  const json = parsed.json;
  const question = parsed.question ?? (given ? "" : null);

  const progress = createProgress("embedding", io.progress);
  const { engine, conversations } = await createApp(config, {
    log: io.log,
    onProgress: (d, t, stage) => progress.update(d, t, stage),
  });
  progress.finish();
  const answerLine = createLineAnswerer(engine, conversations, (error) =>
    io.log.error(`answering failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  const print = async (line: string) => {
    const answer = await answerLine(line);
    if (json) return io.stdout(`${JSON.stringify(answer)}\n`);
    const readAs = resolvedLine({ ...answer, resolvedQuestion: answer.resolved_question });
    io.stdout(`${readAs ? `${readAs}\n` : ""}${formatAnswerText(answer)}\n\n`);
  };

  if (question !== null) {
    await print(question);
    return 0;
  }
  // Every line gets its one answer line, blank ones included (they are told what to type).
  for await (const line of io.stdinLines()) await print(line);
  return 0;
};
