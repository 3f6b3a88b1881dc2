import { readFileSync, readdirSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const SEEDS_DIR = fileURLToPath(new URL("../../seeds/", import.meta.url));

/** The five real pages, as the files hold them. */
export function loadSeedPages(): Array<{ source: string; text: string }> {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((source) => ({ source, text: readFileSync(SEEDS_DIR + source, "utf8") }));
}

export function seedText(prefix: string): { source: string; text: string } {
  const page = loadSeedPages().find((p) => p.source.startsWith(prefix));
  if (!page) throw new Error(`no seed page starting with ${prefix}`);
  return page;
}

/** `root/seeds` holding copies of the named real pages (the rest left out, to be added later). */
export async function seedsWith(root: string, pages: readonly string[]): Promise<string> {
  const seeds = join(root, "seeds");
  await mkdir(seeds, { recursive: true });
  for (const page of pages) await copyFile(join(SEEDS_DIR, page), join(seeds, page));
  return seeds;
}

/** Every question of the evaluation sets (`test/eval/*.jsonl`), conversations' turns included. */
export function evaluationQuestions(): string[] {
  const dir = fileURLToPath(new URL("../eval/", import.meta.url));
  return readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl"))
    .flatMap((name) => readFileSync(join(dir, name), "utf8").split("\n"))
    .filter((line) => line.trim() !== "")
    .flatMap((line) => {
      const record = JSON.parse(line) as { question?: unknown; turns?: Array<{ q?: unknown }> };
      return [record.question, ...(record.turns ?? []).map((turn) => turn.q)];
    })
    .filter((q): q is string => typeof q === "string");
}
