import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../app/create-app.js";
import { calibrateThreshold } from "../../eval/calibrate.js";
import { evaluate } from "../../eval/evaluate.js";
import { inScope, loadGolden } from "../../eval/golden.js";
import { evalConversations } from "./eval-conversations.js";
import { parseEvalArgs, type EvalSet } from "../args.js";
import type { Command } from "../command.js";

/** Every question set `npm run eval` knows, by name (the bench's dense-modes section runs them all). */
export const EVAL_SETS: Record<EvalSet, string> = {
  golden: "test/eval/golden.jsonl",
  // Written after the abstention threshold was calibrated and never used to tune anything: how the
  // system does on questions it was not fitted to.
  heldout: "test/eval/heldout.jsonl",
  // Questions asked the way readers ask (paraphrases, Traditional characters, typos, English, which
  // report, two questions in one, near misses the pages cannot answer), one `kind` each.
  understanding: "test/eval/understanding.jsonl",
  // Written by someone else after the mechanisms were built, and run once as it came.
  "understanding-heldout": "test/eval/understanding-heldout.jsonl",
  // A second round, written apart from the code after the first was seen (`--heldout2`).
  "understanding-heldout2": "test/eval/understanding-heldout2.jsonl",
  // A third, written apart again after the second was seen (`--heldout3`).
  "understanding-heldout3": "test/eval/understanding-heldout3.jsonl",
  // A fourth (`--heldout4`).
  "understanding-heldout4": "test/eval/understanding-heldout4.jsonl",
  // A fifth, written apart in the next session and run once as it came (`--heldout5`).
  "understanding-heldout5": "test/eval/understanding-heldout5.jsonl",
  // A sixth, written apart late in that session, run once as it came (`--heldout6`).
  "understanding-heldout6": "test/eval/understanding-heldout6.jsonl",
  // A seventh, written apart in the next session, run once as it came (`--heldout7`).
  "understanding-heldout7": "test/eval/understanding-heldout7.jsonl",
  // An eighth, written apart in the next session, run once as it came (`--heldout8`).
  "understanding-heldout8": "test/eval/understanding-heldout8.jsonl",
  // A ninth, written apart later in that session, run once as it came (`--heldout9`).
  "understanding-heldout9": "test/eval/understanding-heldout9.jsonl",
  // A tenth, written apart after the ninth was tuned on, run once as it came (`--heldout10`).
  "understanding-heldout10": "test/eval/understanding-heldout10.jsonl",
  // An eleventh, written apart after the tenth was tuned on, run once as it came (`--heldout11`).
  "understanding-heldout11": "test/eval/understanding-heldout11.jsonl",
  // A twelfth, written apart after the eleventh was tuned on, run once as it came (`--heldout12`).
  "understanding-heldout12": "test/eval/understanding-heldout12.jsonl",
  // A thirteenth, run once as it came (`--heldout13`).
  "understanding-heldout13": "test/eval/understanding-heldout13.jsonl",
  // A fourteenth, the session's last, run once as it came (`--heldout14`).
  "understanding-heldout14": "test/eval/understanding-heldout14.jsonl",
  // Three more, written apart at the start of the next session, each run once as it came
  // before anything was changed for them (`--heldout15` … `--heldout17`).
  "understanding-heldout15": "test/eval/understanding-heldout15.jsonl",
  "understanding-heldout16": "test/eval/understanding-heldout16.jsonl",
  "understanding-heldout17": "test/eval/understanding-heldout17.jsonl",
  // And three more, written apart later in that session, after the first three were tuned on, each
  // run once as it came (`--heldout18` … `--heldout20`).
  "understanding-heldout18": "test/eval/understanding-heldout18.jsonl",
  "understanding-heldout19": "test/eval/understanding-heldout19.jsonl",
  "understanding-heldout20": "test/eval/understanding-heldout20.jsonl",
  // Three more, written apart at the end of that session, each run once as it came
  // (`--heldout21` … `--heldout23`).
  "understanding-heldout21": "test/eval/understanding-heldout21.jsonl",
  "understanding-heldout22": "test/eval/understanding-heldout22.jsonl",
  "understanding-heldout23": "test/eval/understanding-heldout23.jsonl",
  // The session's last three, run once as they came on its final code (`--heldout24` …
  // `--heldout89`).
  "understanding-heldout24": "test/eval/understanding-heldout24.jsonl",
  "understanding-heldout25": "test/eval/understanding-heldout25.jsonl",
  "understanding-heldout26": "test/eval/understanding-heldout26.jsonl",
  "understanding-heldout27": "test/eval/understanding-heldout27.jsonl",
  "understanding-heldout28": "test/eval/understanding-heldout28.jsonl",
  "understanding-heldout29": "test/eval/understanding-heldout29.jsonl",
  "understanding-heldout30": "test/eval/understanding-heldout30.jsonl",
  "understanding-heldout31": "test/eval/understanding-heldout31.jsonl",
  "understanding-heldout32": "test/eval/understanding-heldout32.jsonl",
  "understanding-heldout33": "test/eval/understanding-heldout33.jsonl",
  "understanding-heldout34": "test/eval/understanding-heldout34.jsonl",
  "understanding-heldout35": "test/eval/understanding-heldout35.jsonl",
  "understanding-heldout36": "test/eval/understanding-heldout36.jsonl",
  "understanding-heldout37": "test/eval/understanding-heldout37.jsonl",
  "understanding-heldout38": "test/eval/understanding-heldout38.jsonl",
  "understanding-heldout39": "test/eval/understanding-heldout39.jsonl",
  "understanding-heldout40": "test/eval/understanding-heldout40.jsonl",
  "understanding-heldout41": "test/eval/understanding-heldout41.jsonl",
  "understanding-heldout42": "test/eval/understanding-heldout42.jsonl",
  "understanding-heldout43": "test/eval/understanding-heldout43.jsonl",
  "understanding-heldout44": "test/eval/understanding-heldout44.jsonl",
  "understanding-heldout45": "test/eval/understanding-heldout45.jsonl",
  "understanding-heldout46": "test/eval/understanding-heldout46.jsonl",
  "understanding-heldout47": "test/eval/understanding-heldout47.jsonl",
  "understanding-heldout48": "test/eval/understanding-heldout48.jsonl",
  "understanding-heldout49": "test/eval/understanding-heldout49.jsonl",
  "understanding-heldout50": "test/eval/understanding-heldout50.jsonl",
  "understanding-heldout51": "test/eval/understanding-heldout51.jsonl",
  "understanding-heldout52": "test/eval/understanding-heldout52.jsonl",
  "understanding-heldout53": "test/eval/understanding-heldout53.jsonl",
  "understanding-heldout54": "test/eval/understanding-heldout54.jsonl",
  "understanding-heldout55": "test/eval/understanding-heldout55.jsonl",
  "understanding-heldout56": "test/eval/understanding-heldout56.jsonl",
  "understanding-heldout57": "test/eval/understanding-heldout57.jsonl",
  "understanding-heldout58": "test/eval/understanding-heldout58.jsonl",
  "understanding-heldout59": "test/eval/understanding-heldout59.jsonl",
  "understanding-heldout60": "test/eval/understanding-heldout60.jsonl",
  "understanding-heldout61": "test/eval/understanding-heldout61.jsonl",
  "understanding-heldout62": "test/eval/understanding-heldout62.jsonl",
  "understanding-heldout63": "test/eval/understanding-heldout63.jsonl",
  "understanding-heldout64": "test/eval/understanding-heldout64.jsonl",
  "understanding-heldout65": "test/eval/understanding-heldout65.jsonl",
  "understanding-heldout66": "test/eval/understanding-heldout66.jsonl",
  "understanding-heldout67": "test/eval/understanding-heldout67.jsonl",
  "understanding-heldout68": "test/eval/understanding-heldout68.jsonl",
  "understanding-heldout69": "test/eval/understanding-heldout69.jsonl",
  "understanding-heldout70": "test/eval/understanding-heldout70.jsonl",
  "understanding-heldout71": "test/eval/understanding-heldout71.jsonl",
  "understanding-heldout72": "test/eval/understanding-heldout72.jsonl",
  "understanding-heldout73": "test/eval/understanding-heldout73.jsonl",
  "understanding-heldout74": "test/eval/understanding-heldout74.jsonl",
  "understanding-heldout75": "test/eval/understanding-heldout75.jsonl",
  "understanding-heldout76": "test/eval/understanding-heldout76.jsonl",
  "understanding-heldout77": "test/eval/understanding-heldout77.jsonl",
  "understanding-heldout78": "test/eval/understanding-heldout78.jsonl",
  "understanding-heldout79": "test/eval/understanding-heldout79.jsonl",
  "understanding-heldout80": "test/eval/understanding-heldout80.jsonl",
  "understanding-heldout81": "test/eval/understanding-heldout81.jsonl",
  "understanding-heldout82": "test/eval/understanding-heldout82.jsonl",
  "understanding-heldout83": "test/eval/understanding-heldout83.jsonl",
  "understanding-heldout84": "test/eval/understanding-heldout84.jsonl",
  "understanding-heldout85": "test/eval/understanding-heldout85.jsonl",
  "understanding-heldout86": "test/eval/understanding-heldout86.jsonl",
  "understanding-heldout87": "test/eval/understanding-heldout87.jsonl",
  "understanding-heldout88": "test/eval/understanding-heldout88.jsonl",
  "understanding-heldout89": "test/eval/understanding-heldout89.jsonl",
};

/**
 * `npm run eval [-- --dense] [--calibrate] [--verbose] [--heldout] [--understanding [--heldout2]]
 * [--file path]`:
 * quality figures on the golden set (or, with `--heldout`, on the held-out questions; with
 * `--understanding`, on the question-understanding sets, one line per kind on stderr; `--heldout2`
 * to `--heldout4` pick the later held-out rounds, for `--conversations` too), as JSON. By default
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
    const golden = await loadGolden(options.file ?? EVAL_SETS[options.set]);
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
