import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildIndex } from "../src/index/build-index.js";
import { SEEDS_DIR } from "./helpers/seeds.js";

declare module "vitest" {
  export interface ProvidedContext {
    /**
     * A keyword-only index of the five real pages, built once per run (see helpers/qa-fixture.ts).
     */
    keywordIndexDir: string;
  }
}

/**
 * Builds the keyword-only index the engine tests share once for the whole run, instead of once per
 * test file, and removes it when the run ends: no temp directory is left behind.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "qa-keyword-"));
  await buildIndex({ seedsDir: SEEDS_DIR, indexDir: dir, embeddings: null });
  project.provide("keywordIndexDir", dir);
  return () => rm(dir, { recursive: true, force: true });
}
