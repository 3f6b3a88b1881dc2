import { readFeedbackFile } from "../../interfaces/feedback/feedback-file.js";
import {
  formatFeedbackSummary,
  summarizeFeedback,
} from "../../interfaces/feedback/feedback-summary.js";
import type { Command } from "../command.js";

/**
 * `npm run feedback [-- --json]`: what readers said of the answers (`FEEDBACK_FILE`): 👍/👎
 * counts, the share of 👎 per intent and the questions most often marked 👎.
 */
export const feedbackCommand: Command = async (config, args, io) => {
  const unknown = args.filter((a) => a !== "--json");
  if (unknown.length > 0) {
    io.stderr(`usage: npm run feedback [-- --json]  (unknown: ${unknown.join(" ")})\n`);
    return 2;
  }
  const { records, badLines } = await readFeedbackFile(config.feedbackFile);
  if (badLines.length > 0)
    io.log.warn(
      `${config.feedbackFile}: skipped ${badLines.length} line(s) that are not feedback records (line ${badLines.slice(0, 5).join(", ")}${badLines.length > 5 ? ", …" : ""})`,
    );
  const summary = summarizeFeedback(records);
  if (args.includes("--json")) io.stdout(`${JSON.stringify(summary)}\n`);
  else io.stdout(`${config.feedbackFile}\n${formatFeedbackSummary(summary)}\n`);
  return 0;
};
