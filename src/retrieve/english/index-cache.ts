/**
 * The reverse index's cache file under `os.tmpdir()/xining-news-qa/`: named after the package version,
 * the data file's size and mtime, and the build rules, so that any change to one of them is a new
 * file, never a stale read. The cache is an optimisation only: every failure here means building.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseIndexText } from "./reverse-index.js";
import type { ReverseIndex } from "./reverse-index.js";

/** The cache file for this data file and these build rules; null when the data cannot be inspected. */
export function cachePath(packageDir: string, dataFile: string, rules: string): string | null {
  try {
    const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version?: string };
    const { size, mtimeMs } = statSync(dataFile);
    return join(tmpdir(), "xining-news-qa", `cedict-en-zh-${version ?? "unknown"}-${size}-${Math.trunc(mtimeMs)}-${rules}.txt`);
  } catch {
    return null;
  }
}

/** The index in a cache file; null when there is none, or it is unreadable, truncated or of another format. */
export function readCache(file: string): ReverseIndex | null {
  if (!existsSync(file)) return null;
  try {
    return parseIndexText(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Writes the cache atomically (aside, then renamed), so a concurrent reader never sees half a file. Returns a problem, if any. */
export function writeCache(file: string, text: string): string | undefined {
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
