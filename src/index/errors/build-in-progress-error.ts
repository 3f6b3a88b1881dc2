/**
 * Thrown when another process holds the build lock of an INDEX_DIR: one builder at a time, so two
 * `npm run embed` never publish over each other or delete each other's build folder.
 */
export class BuildInProgressError extends Error {
  override name = "BuildInProgressError";

  constructor(
    readonly lockFile: string,
    /** The process building, and when it started (ISO 8601), as its lock file says. */
    readonly pid: number,
    readonly startedAt: string,
  ) {
    super(
      `another build of this index is running (pid ${pid}, started ${startedAt}; lock ${lockFile}): wait for it to finish, or remove the lock file if that process is gone`,
    );
  }
}
