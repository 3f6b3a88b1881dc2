import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../app/create-app.js";
import { calibrateThreshold } from "../../eval/calibrate.js";
import { evaluate } from "../../eval/evaluate.js";
import { inScope, loadGolden } from "../../eval/golden.js";
import { evalConversations } from "./eval-conversations.js";
import { parseEvalArgs } from "../args.js";
import { EVAL_SETS, evalSetFile } from "../../eval/sets.js";
import type { Command } from "../command.js";

export { EVAL_SETS };

/**
 * `npm run eval [-- --dense] [--calibrate] [--verbose] [--heldout] [--understanding [--heldout2]]
 * [--file path]`:
 * quality figures on the golden set (or, with `--heldout`, on the held-out questions; with
 * `--understanding`, on the question-understanding sets, one line per kind on stderr; `--heldout2`
 * … `--heldout<last>` pick the later held-out rounds, src/eval/sets.ts, for `--conversations` too), as JSON. By default
 * on a fresh keyword-only index (what runs without the model); `--dense` uses the configured
 * embedding model too. `--calibrate` reports the abstention threshold that best separates
 * answerable from unanswerable questions.
 */
export const evalCommand: Command = async (config, args, io) => {
  const options = parseEvalArgs(args);
  const dir = await mkdtemp(join(tmpdir(), "qa-eval-"));
  try {
    const calibrating = options.calibrate;
    // The figures are the extractive engine's: no LLM, whatever the config says.
    const { engine, conversations } = await createApp(config, {
      log: io.log,
      index: { kind: "fresh", dir, dense: options.dense },
      llm: false,
      ...(calibrating ? { extractive: { threshold: 0 } } : {}),
    });
    if (options.conversations) {
      io.stdout(
        `${JSON.stringify(await evalConversations(engine, options, conversations), null, 2)}\n`,
      );
      return 0;
    }
    const golden = await loadGolden(options.file ?? evalSetFile(options.set));
    const { report, outcomes } = await evaluate(engine, golden);
    const out: Record<string, unknown> = { mode: engine.retrievalMode, ...report };
    if (calibrating) {
      const points = outcomes.map((o, i) => ({
        evidence: o.answer.evidence ?? 0,
        answerable: inScope(golden[i]!),
        lang: golden[i]!.lang,
      }));
      out.calibration = {
        all: calibrateThreshold(points),
        zh: calibrateThreshold(points.filter((p) => p.lang === "zh")),
        en: calibrateThreshold(points.filter((p) => p.lang === "en")),
      };
    }
    if (options.verbose) {
      out.failures = outcomes
        .filter((o, i) =>
          inScope(golden[i]!) ? !o.factFound || o.sourceRank !== 1 : o.answer.grounded,
        )
        .map((o) => ({
          id: o.id,
          question: o.question,
          expected: o.expectedSource,
          sourceRank: o.sourceRank,
          grounded: o.answer.grounded,
          factFound: o.factFound,
          evidence: o.answer.evidence,
          answer: o.answer.answer.slice(0, 160),
        }));
    }
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    for (const [kind, { questions, score }] of Object.entries(report.byKind ?? {})) {
      io.stderr(
        `${kind.padEnd(20)} ${String(questions).padStart(3)} questions  ${kind === "close_unanswerable" ? "abstained" : "facts"} ${score.toFixed(2)}\n`,
      );
    }
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
