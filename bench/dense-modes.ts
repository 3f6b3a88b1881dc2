/**
 * Answer quality with and without the dense half (issue 15), every question set side by side:
 * keyword-only; the tiny generated models of the tests — `noise` (vectors that mean almost
 * nothing) and `lexical` (a random projection of the bag of characters: a model that carries
 * signal); and, with MODELS_DIR set, the model found there (`../shared/models-shape`: the real
 * model's shape and cost with random weights, the worst case at full size — slow: it embeds the 95
 * chunks and every question at bge-small's cost).
 *
 *   npx tsx bench/dense-modes.ts [mode…]     (modes: keyword, tiny-noise, tiny-lexical, models-dir)
 *
 * One index per mode, built fresh; every set answered by the same engine, extractive, no LLM; the
 * conversation sets (dev and rounds 2–5, with the reader-intent requests) through its conversation
 * layer.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../src/app/create-app.js";
import { evalConversations } from "../src/cli/commands/eval-conversations.js";
import { EVAL_SETS } from "../src/cli/commands/eval.js";
import { loadConfig } from "../src/config.js";
import { evaluate, type EvalReport } from "../src/eval/evaluate.js";
import { loadGolden } from "../src/eval/golden.js";
import { silentLogger } from "../src/util/logger.js";
import { TINY_LEXICAL_MODEL, writeTinyModel } from "../test/helpers/tiny-model.js";

type Mode = "keyword" | "tiny-noise" | "tiny-lexical" | "models-dir";
const ALL: Mode[] = ["keyword", "tiny-noise", "tiny-lexical", "models-dir"];
const asked = process.argv.slice(2).filter((a): a is Mode => ALL.includes(a as Mode));
const modes = (asked.length > 0 ? asked : ALL).filter(
  (m) => m !== "models-dir" || process.env.MODELS_DIR !== undefined,
);

/** What the README's table shows of one set's report. */
function figures(report: EvalReport): Record<string, unknown> {
  return {
    hitAt1: report.hitAt1,
    hitAt3: report.hitAt3,
    facts: report.factInAnswer,
    answered: report.answeredInScope,
    abstained: report.abstainedOutOfScope,
    verbatim: report.citationsVerbatim,
    ...(report.byKind
      ? { byKind: Object.fromEntries(Object.entries(report.byKind).map(([k, v]) => [k, v.score])) }
      : {}),
  };
}

/** The environment a mode's config is read from: which model, in which folder. */
async function envFor(mode: Mode, scratch: string): Promise<Record<string, string>> {
  const dir = join(scratch, "models");
  switch (mode) {
    case "keyword":
      return {};
    case "models-dir":
      return { MODELS_DIR: process.env.MODELS_DIR!, ...pick("EMBEDDING_MODEL") };
    case "tiny-noise":
      await writeTinyModel(dir, "Xenova/bge-small-zh-v1.5", { kind: "noise" });
      return { MODELS_DIR: dir };
    case "tiny-lexical":
      await writeTinyModel(dir, TINY_LEXICAL_MODEL, { kind: "lexical" });
      return { MODELS_DIR: dir, EMBEDDING_MODEL: TINY_LEXICAL_MODEL };
  }
}

function pick(key: string): Record<string, string> {
  const value = process.env[key];
  return value === undefined ? {} : { [key]: value };
}

const out: Record<string, unknown> = {};
for (const mode of modes) {
  const scratch = await mkdtemp(join(tmpdir(), "bench-dense-"));
  try {
    const env = await envFor(mode, scratch);
    const started = performance.now();
    const { engine, conversations } = await createApp(loadConfig(env), {
      log: silentLogger,
      index: { kind: "fresh", dir: join(scratch, "index"), dense: mode !== "keyword" },
      llm: false,
    });
    const built = performance.now() - started;
    const sets: Record<string, unknown> = {};
    for (const [name, file] of Object.entries(EVAL_SETS)) {
      const { report } = await evaluate(engine, await loadGolden(file));
      sets[name] = figures(report);
      console.error(`bench dense-modes: ${mode} ${name} facts ${report.factInAnswer}`);
    }
    // "More" reads on through the retrieved passages, so the dense additions reach conversations.
    for (const round of [0, 2, 3, 4, 5] as const) {
      const figures = await evalConversations(
        engine,
        { baseline: false, verbose: false, round, file: null },
        conversations,
      );
      sets[round === 0 ? "conversations" : `conversations-heldout${round}`] = figures;
    }
    out[mode] = {
      retrieval: engine.retrievalMode,
      startMs: Math.round(built),
      totalMs: Math.round(performance.now() - started),
      ...sets,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
console.log(JSON.stringify(out, null, 2));
