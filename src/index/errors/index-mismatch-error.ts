/** The model identity an index was built with, or the one an embedder reports. */
export interface EmbedderIdentity {
  modelId: string;
  dimension?: number | undefined;
}

/**
 * Thrown by `HnswStore.load` when the saved index was built by a different model (or dimension)
 * than the configured embedder. Query vectors from another model would land in an unrelated
 * space, so the store refuses rather than answering from meaningless neighbours.
 */
export class IndexMismatchError extends Error {
  override name = "IndexMismatchError";

  constructor(
    /** The index directory, as given to `load`. */
    readonly directory: string,
    readonly built: EmbedderIdentity,
    readonly configured: EmbedderIdentity,
  ) {
    super(
      `Index in ${directory} was built with ${describe(built)} but the configured embedder is ` +
        `${describe(configured)}: rebuild it with npm run embed -- --full`,
    );
  }
}

function describe({ modelId, dimension }: EmbedderIdentity): string {
  return dimension === undefined ? `"${modelId}"` : `"${modelId}" (${dimension}-d)`;
}
