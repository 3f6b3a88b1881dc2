import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TransformersEmbeddings } from "../../src/index/embeddings.js";
import { createLogger, terminalLine, type Logger } from "../../src/util/logger.js";
import { SEEDS_DIR } from "./seeds.js";
import { writeTinyModel } from "./tiny-model.js";

export const BGE = "Xenova/bge-small-zh-v1.5";
export const E5 = "Xenova/multilingual-e5-small";

const workspaces: string[] = [];

/**
 * A scratch project: a copy of the five pages, an empty index folder, and tiny models in
 * MODELS_DIR. Call {@link removeWorkspaces} after each test (`afterEach(removeWorkspaces)`).
 */
export async function makeWorkspace(): Promise<{
  root: string;
  seedsDir: string;
  indexDir: string;
  modelsDir: string;
}> {
  const root = await mkdtemp(join(tmpdir(), "qa-index-"));
  workspaces.push(root);
  const seedsDir = join(root, "seeds");
  const modelsDir = join(root, "models");
  await cp(SEEDS_DIR, seedsDir, { recursive: true });
  await writeTinyModel(modelsDir, BGE);
  await writeTinyModel(modelsDir, E5);
  return { root, seedsDir, indexDir: join(root, "embeddings"), modelsDir };
}

/** Removes every workspace {@link makeWorkspace} made so far. */
export async function removeWorkspaces(): Promise<void> {
  const roots = workspaces.splice(0);
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
}

/**
 * The real embedder on the tiny model, counting the passages it is asked to embed: the count is
 * what "only changed pages are re-embedded" is about. `failAfter` makes it throw once that many
 * passages have been embedded, to interrupt a build halfway.
 */
export class CountingEmbeddings extends TransformersEmbeddings {
  embeddedTexts = 0;
  failAfter = Infinity;

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    if (this.embeddedTexts + texts.length > this.failAfter)
      throw new Error("simulated crash while embedding");
    this.embeddedTexts += texts.length;
    return super.embedDocuments(texts);
  }
}

/**
 * A debug logger whose lines collect in `logs`, each as a terminal shows it (the level is data,
 * rendered as `warning: …` only there). Empty `logs` with `logs.length = 0`.
 */
export function capturingLogger(): { logs: string[]; log: Logger } {
  const logs: string[] = [];
  const log = createLogger({
    level: "debug",
    write: (level, message) => logs.push(terminalLine(level, message)),
  });
  return { logs, log };
}
