import { readFileSync, readdirSync } from "node:fs";
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
