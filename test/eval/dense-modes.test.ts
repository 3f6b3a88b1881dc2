import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadQuestionUnderstanding } from "../../src/answer/question-understanding.js";
import { composeEngine } from "../../src/app/compose-engine.js";
import { calibrateThreshold } from "../../src/eval/calibrate.js";
import { evaluate, type EvalReport, type QuestionOutcome } from "../../src/eval/evaluate.js";
import { inScope, loadGolden, type GoldenQuestion } from "../../src/eval/golden.js";
import { buildIndex } from "../../src/index/build-index.js";
import { TransformersEmbeddings } from "../../src/index/embeddings.js";
import { loadIndex } from "../../src/index/load-index.js";
import { BGE, makeWorkspace, removeWorkspaces } from "../helpers/index-fixture.js";
import { keywordEngine } from "../helpers/qa-fixture.js";
import { TINY_LEXICAL_MODEL, writeTinyModel } from "../helpers/tiny-model.js";

// Issue 15: the dense half may only add. The golden set answered keyword-only and with each of the
// tests' generated models — `noise` (vectors that mean almost nothing: the worst case of a weak
// model) and `lexical` (a random projection of the bag of characters: a model that carries
// signal) — through the very engine the commands build.

type Run = { report: EvalReport; outcomes: QuestionOutcome[] };

const METRICS = [
  "hitAt1",
  "hitAt3",
  "mrr",
  "factInAnswer",
  "answeredInScope",
  "abstainedOutOfScope",
  "citationsVerbatim",
] as const;

let golden: GoldenQuestion[];
const runs = new Map<"keyword" | "noise" | "lexical", Run>();

async function denseRun(kind: "noise" | "lexical"): Promise<Run> {
  const ws = await makeWorkspace();
  const modelId = kind === "noise" ? BGE : TINY_LEXICAL_MODEL;
  if (kind === "lexical") await writeTinyModel(ws.modelsDir, modelId, { kind });
  const embeddings = new TransformersEmbeddings({ modelId, modelsDir: ws.modelsDir });
  await buildIndex({ seedsDir: ws.seedsDir, indexDir: ws.indexDir, embeddings });
  const index = (await loadIndex(ws.indexDir, embeddings))!;
  const engine = composeEngine({
    index,
    embeddings,
    understanding: await loadQuestionUnderstanding(index),
  });
  expect(engine.retrievalMode).toBe("hybrid");
  return evaluate(engine, golden);
}

beforeAll(async () => {
  golden = await loadGolden("test/eval/golden.jsonl");
  runs.set("keyword", await evaluate(await keywordEngine(), golden));
  runs.set("noise", await denseRun("noise"));
  runs.set("lexical", await denseRun("lexical"));
}, 180_000);
afterAll(removeWorkspaces);

describe.each(["noise", "lexical"] as const)("hybrid with the tiny %s model", (kind) => {
  it("is no worse than keyword-only on any golden figure", () => {
    const keyword = runs.get("keyword")!.report;
    const hybrid = runs.get(kind)!.report;
    for (const metric of METRICS)
      expect(hybrid[metric], metric).toBeGreaterThanOrEqual(keyword[metric]);
  });

  it("answers every question at least as strongly: the dense side only adds sentences to choose from", () => {
    const keyword = runs.get("keyword")!.outcomes;
    const hybrid = runs.get(kind)!.outcomes;
    hybrid.forEach((o, i) => {
      expect(o.answer.evidence ?? 0, o.question).toBeGreaterThanOrEqual(
        (keyword[i]!.answer.evidence ?? 0) - 1e-9,
      );
      // The right page first whenever keyword-only has it first: the keyword side's order is kept.
      if (keyword[i]!.sourceRank === 1) expect(o.sourceRank, o.question).toBe(1);
    });
  });

  it("keeps the abstention threshold calibrated: the same threshold separates the same questions", () => {
    const points = (run: Run) =>
      run.outcomes.map((o, i) => ({
        evidence: o.answer.evidence ?? 0,
        answerable: inScope(golden[i]!),
      }));
    expect(calibrateThreshold(points(runs.get(kind)!))).toEqual(
      calibrateThreshold(points(runs.get("keyword")!)),
    );
    expect(runs.get(kind)!.outcomes.map((o) => o.answer.grounded)).toEqual(
      runs.get("keyword")!.outcomes.map((o) => o.answer.grounded),
    );
  });
});
