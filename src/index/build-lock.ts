import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as z from "zod";
import type { Logger } from "../util/logger.js";
import { BuildInProgressError } from "./errors/build-in-progress-error.js";
import { assertIndexDirIsAFolder } from "./index-files.js";

/** In INDEX_DIR while a build runs: `{"pid": 1234, "startedAt": "2026-11-27T17:20:00.000Z"}`. */
export const LOCK_FILE = "build.lock";

const lockSchema = z.object({ pid: z.number().int().positive(), startedAt: z.string() });

/**
 * Takes the build lock of `indexDir`, or throws {@link BuildInProgressError} naming the process
 * that holds it. A lock left by a process that is gone (killed mid-build) is taken over, saying
 * so. The lock file is made complete under a private name and linked into place, which fails when
 * the name exists: two builders never both see themselves holding it. Returns the release.
 */
export async function acquireBuildLock(
  indexDir: string,
  log: Logger,
): Promise<() => Promise<void>> {
  await assertIndexDirIsAFolder(indexDir);
  await mkdir(indexDir, { recursive: true });
  const lockFile = join(indexDir, LOCK_FILE);
  const mine = { pid: process.pid, startedAt: new Date().toISOString() };
  const draft = join(
    indexDir,
    `${LOCK_FILE}.${process.pid}.${Math.random().toString(36).slice(2)}`,
  );
  await writeFile(draft, JSON.stringify(mine));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(draft, lockFile);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 3) throw error;
      }
      const holder = await readLock(lockFile);
      if (holder === undefined) continue; // released meanwhile: try again
      if (holder !== null && isAlive(holder.pid))
        throw new BuildInProgressError(lockFile, holder.pid, holder.startedAt);
      log.warn(
        holder === null
          ? `Taking over the unreadable build lock ${lockFile}.`
          : `Taking over the build lock of pid ${holder.pid} (started ${holder.startedAt}), which is no longer running.`,
      );
      await unlink(lockFile).catch(() => undefined);
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
  return async () => {
    // Remove the lock only while it is still ours.
    const holder = await readLock(lockFile);
    if (holder?.pid === mine.pid && holder.startedAt === mine.startedAt)
      await unlink(lockFile).catch(() => undefined);
  };
}

/** The lock's holder, null when the file is unreadable, undefined when it is gone. */
async function readLock(lockFile: string): Promise<z.infer<typeof lockSchema> | null | undefined> {
  let text: string;
  try {
    text = await readFile(lockFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const parsed = lockSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
