import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createQaEngine } from "../answer/qa-engine.js";
import { loadQuestionUnderstanding } from "../answer/question-understanding.js";
import { buildIndex } from "../index/build-index.js";
import { createEmbeddings } from "../index/create-embeddings.js";
import { loadIndex } from "../index/load-index.js";
import { HybridRetriever } from "../retrieve/hybrid-retriever.js";
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
// A second round, written apart from the code after the first was seen (`--heldout2`).
const UNDERSTANDING_HELD_OUT_2 = "test/eval/understanding-heldout2.jsonl";

/**
 * `npm run eval [-- --dense] [--calibrate] [--verbose] [--heldout] [--understanding [--heldout2]]`:
 * quality figures on the golden set (or, with `--heldout`, on the held-out questions; with
 * `--understanding`, on the question-understanding sets, one line per kind on stderr; `--heldout2`
 * picks the second held-out round, for `--conversations` too), as JSON.
 * By default on a fresh keyword-only index (what runs without the model); `--dense` uses the
 * configured embedding model too. `--calibrate` reports the abstention threshold that best
 * separates answerable from unanswerable questions.
 */
runCli(async (config, args) => {
  const heldOut = args.includes("--heldout");
  const understandingSet = args.includes("--heldout2") ? UNDERSTANDING_HELD_OUT_2 : heldOut ? UNDERSTANDING_HELD_OUT : UNDERSTANDING;
  const file = args.includes("--understanding") ? understandingSet : heldOut ? HELD_OUT : GOLDEN;
  const golden = await loadGolden(file);
  const dir = await mkdtemp(join(tmpdir(), "qa-eval-"));
  try {
    const embeddings = args.includes("--dense") ? createEmbeddings(config) : null;
    await buildIndex({ seedsDir: config.seedsDir, indexDir: dir, embeddings, log: (l) => console.error(l) });
    const index = (await loadIndex(dir, embeddings))!;
    const retriever = new HybridRetriever({ index, embeddings });
    const calibrating = args.includes("--calibrate");
    const understanding = await loadQuestionUnderstanding(index);
    const engine = createQaEngine({ index, retriever, understanding, ...(calibrating ? { extractive: { threshold: 0 } } : {}) });
    if (args.includes("--conversations")) {
      console.log(JSON.stringify(await evalConversations(engine, args), null, 2));
      return 0;
    }
    const { report, outcomes } = await evaluate(engine, golden);
    const out: Record<string, unknown> = { mode: retriever.mode, ...report };
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
