/**
 * Thrown by `HnswStore.load` when a file of a saved index is missing, truncated, not valid JSON, or
 * disagrees with the other files (e.g. the index holds 120 vectors but the docstore 119 documents).
 * The native loader is never handed a file that failed these checks, so a damaged index surfaces
 * as this error instead of a crash or silently wrong results. Rebuilding the index fixes it.
 */
export class CorruptIndexError extends Error {
  override name = "CorruptIndexError";

  constructor(
    /** Path of the offending file. */
    readonly file: string,
    /** What is wrong with it, worded to follow the file name: "is not valid JSON". */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(
      `${file} ${reason}: the index is corrupt, rebuild it with npm run embed -- --full`,
      options,
    );
  }
}
