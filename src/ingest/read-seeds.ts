import { createHash } from "node:crypto";
import type { Stats } from "node:fs";
import { readdir, readFile as readFileBytes, readlink, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { decodePage } from "./decode.js";

/** One page file, decoded. */
export interface SeedPage {
  /** The file's name, which is what citations show (`003_bcfb9783f9e97214.txt`). */
  source: string;
  text: string;
  encoding: string;
  /** sha256 of the file's bytes: what the index manifest compares to find changed pages. */
  sha256: string;
}

/** A file that was not read as a page, and why; callers must show these to the maintainer. */
export interface SkippedFile {
  source: string;
  reason: string;
}

export interface SeedReadResult {
  pages: SeedPage[];
  skipped: SkippedFile[];
}

/**
 * The largest page file read, in bytes. Real pages are ~14 KB; ingest is linear in page size
 * (a 10 MB page takes ~3 s), and a file past this is far more likely a mistake than a page.
 */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

export interface ReadSeedOptions {
  /** Pages larger than this many bytes are skipped with the reason (default `MAX_PAGE_BYTES`). */
  maxPageBytes?: number;
  /** How a page file's bytes are read (tests inject failures here). */
  readFile?: (path: string) => Promise<Uint8Array>;
}

/**
 * Reads every `.txt` page in `dir`, in file-name order. A file that cannot be read as text is
 * returned in `skipped` with the reason: never a crash, never a silent drop.
 */
export async function readSeedPages(
  dir: string,
  { maxPageBytes = MAX_PAGE_BYTES, readFile = readFileBytes }: ReadSeedOptions = {},
): Promise<SeedReadResult> {
  const entries = await readdir(dir, { withFileTypes: true });
  const pages: SeedPage[] = [];
  const skipped: SkippedFile[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    // stat follows symbolic links: a linked page is read wherever its target lies.
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      const reason = entry.isSymbolicLink() ? await brokenLink(path, error) : unreadable(error);
      skipped.push({ source: entry.name, reason });
      continue;
    }
    if (info.isDirectory()) {
      skipped.push({
        source: entry.name,
        reason: "a folder, not a page (sub-folders are not read)",
      });
      continue;
    }
    if (!info.isFile()) {
      skipped.push({ source: entry.name, reason: "not a regular file" });
      continue;
    }
    if (!entry.name.toLowerCase().endsWith(".txt")) {
      skipped.push({ source: entry.name, reason: "not a .txt page" });
      continue;
    }
    if (info.size > maxPageBytes) {
      skipped.push({ source: entry.name, reason: tooLarge(info.size, maxPageBytes) });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      skipped.push({ source: entry.name, reason: unreadable(error) });
      continue;
    }
    const decoded = decodePage(bytes);
    if (!decoded.ok) {
      skipped.push({ source: entry.name, reason: decoded.reason });
      continue;
    }
    pages.push({
      source: entry.name,
      text: decoded.text,
      encoding: decoded.encoding,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  }
  return { pages, skipped };
}

function tooLarge(size: number, limit: number): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `too large: ${mb(size)}, over the ${mb(limit)} limit for one page (real pages are ~14 KB)`;
}

const ERROR_NAMES: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a folder",
  EIO: "input/output error",
  ENOENT: "no longer exists",
};

/** Why a file could not be read, from the error the file system gave. */
function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code) return `unreadable: ${ERROR_NAMES[code] ?? "read failed"} (${code})`;
  return `unreadable: ${error instanceof Error ? error.message : String(error)}`;
}

/** Why a symbolic link leads to no file: its target is missing, or links loop back. */
async function brokenLink(path: string, error: unknown): Promise<string> {
  const target = await readlink(path).catch(() => "?");
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT") return `broken symbolic link: its target ${target} does not exist`;
  if (code === "ELOOP") return `symbolic link loop (${target} leads back to a link)`;
  return `symbolic link to ${target}: ${unreadable(error)}`;
}

/**
 * Why `SEEDS_DIR` cannot be read as the pages' folder — missing, or a file in its place — in a
 * line naming the absolute path tried; null when it is a folder. Said before anything reads the
 * folder, so the maintainer reads what to fix rather than a raw `ENOENT … scandir`.
 */
export async function seedsDirProblem(seedsDir: string): Promise<string | null> {
  const absolute = resolve(seedsDir);
  try {
    if ((await stat(absolute)).isDirectory()) return null;
    return `SEEDS_DIR ${absolute} is a file, not a folder of pages: set SEEDS_DIR to the folder of .txt pages.`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      return `SEEDS_DIR ${absolute} does not exist: set SEEDS_DIR to the folder of .txt pages (a relative path is read from ${process.cwd()}).`;
    return `SEEDS_DIR ${absolute} cannot be read (${code ?? String(error)}).`;
  }
}
