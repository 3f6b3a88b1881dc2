/**
 * Thrown by a build that found no pages in SEEDS_DIR while the live index has some: an unmounted
 * volume or a wrong path would otherwise replace a good index with an empty one. The previous
 * build is kept; `npm run embed -- --allow-empty` builds the empty index on purpose.
 */
export class EmptySeedsError extends Error {
  override name = "EmptySeedsError";

  constructor(
    readonly seedsDir: string,
    /** How many pages the live index holds. */
    readonly previousPages: number,
  ) {
    super(
      `SEEDS_DIR "${seedsDir}" holds no pages, but the index has ${previousPages}: keeping the previous index (is the folder unmounted or the path wrong?). Run npm run embed -- --allow-empty to build an empty index on purpose`,
    );
  }
}
