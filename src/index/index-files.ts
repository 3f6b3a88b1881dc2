import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CorruptIndexError } from "./errors/corrupt-index-error.js";
import { IndexDirNotAFolderError } from "./errors/index-dir-not-a-folder-error.js";

/**
 * The index folder holds complete builds side by side and a `CURRENT` file naming the live one:
 *
 *   embeddings/CURRENT                 "build-20261121T161500-3fa2"
 *   embeddings/build-…/manifest.json   what the build was made from
 *   embeddings/build-…/chunks.bin      articles and chunks (the text quoted in answers, see chunk-store.ts)
 *   embeddings/build-…/keyword.bin     the BM25 index (binary, see keyword-index-file.ts)
 *   embeddings/build-…/vectors.*       every chunk's vector, the cache of the next build
 *   embeddings/build-…/dense/          the HNSW index (absent when the model was unavailable)
 *
 * A build is written into a new folder and published by replacing CURRENT with a rename, which is
 * atomic: a crash at any moment leaves CURRENT naming the previous, complete build.
 */
const CURRENT_FILE = "CURRENT";
const BUILD_PREFIX = "build-";
/**
 * Written first into every build folder this program makes: clean-up removes only folders holding
 * it, never another `build-*` entry someone keeps in INDEX_DIR (`build-scripts/`, `build-notes.txt`).
 */
export const BUILD_MARKER = ".xining-news-qa-build";

export const INDEX_FILES = {
  manifest: "manifest.json",
  chunks: "chunks.bin",
  keyword: "keyword.bin",
  vectorKeys: "vectors.json",
  vectors: "vectors.f32",
  dense: "dense",
} as const;

/** Throws {@link IndexDirNotAFolderError} when `indexDir` is a file or lies under one. */
export async function assertIndexDirIsAFolder(indexDir: string): Promise<void> {
  try {
    if (!(await stat(indexDir)).isDirectory()) throw new IndexDirNotAFolderError(indexDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR")
      throw new IndexDirNotAFolderError(indexDir);
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Makes an empty folder for a new build inside `indexDir`. */
export async function createBuildDir(indexDir: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
  const dir = join(indexDir, `${BUILD_PREFIX}${stamp}-${randomBytes(3).toString("hex")}`);
  await mkdir(indexDir, { recursive: true });
  await mkdir(dir);
  await writeFile(join(dir, BUILD_MARKER), "a build folder made by npm run embed\n");
  return dir;
}

/** Makes `buildDir` the live index, then removes every other build (older ones, crashed ones). */
export async function publishBuild(indexDir: string, buildDir: string): Promise<void> {
  const name = buildDir.slice(buildDir.lastIndexOf("/") + 1);
  const pointer = join(indexDir, CURRENT_FILE);
  await writeFile(`${pointer}.tmp`, `${name}\n`);
  await rename(`${pointer}.tmp`, pointer);
  await removeBuildsExcept(indexDir, name);
}

async function removeBuildsExcept(indexDir: string, keep: string | null): Promise<void> {
  for (const entry of await readdir(indexDir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || !entry.name.startsWith(BUILD_PREFIX) || entry.name === keep)
      continue;
    const dir = join(indexDir, entry.name);
    // Only folders this program made: anything else named build-* is the operator's.
    if (await stat(join(dir, BUILD_MARKER)).catch(() => null))
      await rm(dir, { recursive: true, force: true });
  }
}

/** The live build's folder, or null when no build was ever published. */
export async function currentBuildDir(indexDir: string): Promise<string | null> {
  const pointer = join(indexDir, CURRENT_FILE);
  let name: string;
  try {
    name = (await readFile(pointer, "utf8")).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") throw new IndexDirNotAFolderError(indexDir);
    if (code === "ENOENT") return null;
    throw error;
  }
  if (!name.startsWith(BUILD_PREFIX) || name.includes("/"))
    throw new CorruptIndexError(pointer, `does not name a build ("${name}")`);
  const dir = join(indexDir, name);
  if (!(await stat(dir).catch(() => null))?.isDirectory())
    throw new CorruptIndexError(pointer, `names ${name}, which is missing`);
  return dir;
}
