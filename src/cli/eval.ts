import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../app/create-app.js";
import { calibrateThreshold } from "../eval/calibrate.js";
import { evaluate } from "../eval/evaluate.js";
import { inScope, loadGolden } from "../eval/golden.js";
import { evalConversations } from "./eval-conversations.js";
import { runCli } from "./run-cli.js";

const GOLDEN = "test/eval/golden.jsonl";
// Written after the abstention threshold was calibrated and never used to tune anything: how the
// system does on questions it was not fitted to.
const HELD_OUT = "test/eval/heldout.jsonl";
// Questions asked the way readers ask (paraphrases, Traditional characters, typos, English, which
// report, two questions in one, near misses the pages cannot answer), one `kind` each.
const UNDERSTANDING = "test/eval/understanding.jsonl";
// Written by someone else after the mechanisms were built, and run once as it came.
const UNDERSTANDING_HELD_OUT = "test/eval/understanding-heldout.jsonl";

/**
 * `npm run eval [-- --dense] [--calibrate] [--verbose] [--heldout] [--understanding]`: quality
 * figures on the golden set (or, with `--heldout`, on the held-out questions; with
 * `--understanding`, on the question-understanding sets, one line per kind on stderr), as JSON.
 * By default on a fresh keyword-only index (what runs without the model); `--dense` uses the
 * configured embedding model too. `--calibrate` reports the abstention threshold that best
 * separates answerable from unanswerable questions.
 */
runCli(async (config, args, log) => {
  const heldOut = args.includes("--heldout");
  const file = args.includes("--understanding") ? (heldOut ? UNDERSTANDING_HELD_OUT : UNDERSTANDING) : heldOut ? HELD_OUT : GOLDEN;
  const golden = await loadGolden(file);
  const dir = await mkdtemp(join(tmpdir(), "qa-eval-"));
  try {
    const calibrating = args.includes("--calibrate");
    // The figures are the extractive engine's: no LLM, whatever the config says.
    const { engine, conversations } = await createApp(config, {
      log,
      index: { kind: "fresh", dir, dense: args.includes("--dense") },
      llm: false,
      ...(calibrating ? { extractive: { threshold: 0 } } : {}),
    });
    if (args.includes("--conversations")) {
      console.log(JSON.stringify(await evalConversations(engine, args, conversations), null, 2));
      return 0;
    }
    const { report, outcomes } = await evaluate(engine, golden);
    const out: Record<string, unknown> = { mode: engine.retrievalMode, ...report };
    if (calibrating) {
      const points = outcomes.map((o, i) => ({ evidence: o.answer.evidence ?? 0, answerable: inScope(golden[i]!), lang: golden[i]!.lang }));
      out.calibration = {
        all: calibrateThreshold(points),
        zh: calibrateThreshold(points.filter((p) => p.lang === "zh")),
        en: calibrateThreshold(points.filter((p) => p.lang === "en")),
      };
    }
    if (args.includes("--verbose")) {
      out.failures = outcomes
        .filter((o, i) => (inScope(golden[i]!) ? !o.factFound || o.sourceRank !== 1 : o.answer.grounded))
        .map((o) => ({ id: o.id, question: o.question, expected: o.expectedSource, sourceRank: o.sourceRank, grounded: o.answer.grounded, evidence: o.answer.evidence, answer: o.answer.answer.slice(0, 160) }));
    }
    console.log(JSON.stringify(out, null, 2));
    for (const [kind, { questions, score }] of Object.entries(report.byKind ?? {})) {
      console.error(`${kind.padEnd(20)} ${String(questions).padStart(3)} questions  ${kind === "close_unanswerable" ? "abstained" : "facts"} ${score.toFixed(2)}`);
    }
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
