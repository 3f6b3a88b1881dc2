/**
 * The reverse index's cache file, by default under `os.tmpdir()/xining-news-qa/`: named after the
 * package version, the data file's size and mtime, and the build rules, so that any change to one
 * of them is a new file, never a stale read. The cache is an optimisation only: every failure here
 * means building.
 */
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Where the cache lives unless the caller says otherwise. */
export const DEFAULT_CACHE_DIR = join(tmpdir(), "xining-news-qa");

/**
 * The cache file for this data file and these build rules; null when the data cannot be inspected.
 */
export async function cachePath(
  cacheDir: string,
  packageDir: string,
  dataFile: string,
  rules: string,
): Promise<string | null> {
  try {
    const { version } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as {
      version?: string;
    };
    const { size, mtimeMs } = await stat(dataFile);
    return join(
      cacheDir,
      `cedict-en-zh-${version ?? "unknown"}-${size}-${Math.trunc(mtimeMs)}-${rules}.txt`,
    );
  } catch {
    return null;
  }
}

/** The cache file's text; null when there is none or it cannot be read. */
export async function readCache(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return null;
  }
}

/**
 * Writes the cache atomically (aside, then renamed), so a concurrent reader never sees half a file.
 * Synchronous: called by the build child, and once per installation for jieba's idf table
 * (`index/jieba-idf.ts`). Returns a problem, if any.
 */
export function writeCache(file: string, text: string | Uint8Array): string | undefined {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, file);
    return undefined;
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
    return `cache not written: ${(error as Error).message}`;
  }
}
