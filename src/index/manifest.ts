import * as z from "zod";

/**
 * Bumped when the files of a build change shape: an index of another format is rebuilt in full.
 * 2: the keyword index moved from keyword.json to the binary keyword.bin.
 * 3: keyword.bin (its version 3) says where each term's postings start, to decode them on use.
 * 4: the articles and chunks moved from chunks.json to the binary chunks.bin.
 */
export const INDEX_FORMAT_VERSION = 4;

/** The dense half of an index: which model made the vectors, and how. */
const denseManifestSchema = z.object({
  modelId: z.string().min(1),
  dimension: z.number().int().nonnegative(),
  pooling: z.string(),
  normalized: z.boolean(),
  /** Where the vectors are: absent for hnswlib files in the build (all builds before pgvector). */
  store: z.literal("pgvector").optional(),
});
export type DenseManifest = z.infer<typeof denseManifestSchema>;

const pageManifestSchema = z.object({
  source: z.string().min(1),
  sha256: z.string(),
  articles: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
});
export type PageManifest = z.infer<typeof pageManifestSchema>;

/**
 * `manifest.json`: what an index was built from. Comparing it with the pages and settings of today
 * tells whether the index is stale and why; nothing else is needed to decide. Only the fields that
 * decision reads are required to have their type; the format version is compared, not trusted, so
 * a manifest of another format loads far enough to say so.
 */
export const indexManifestSchema = z.object({
  formatVersion: z.number().int(),
  builtAt: z.string(),
  chunkerVersion: z.string(),
  tokenizerVersion: z.string(),
  /** null when the dense model could not be loaded: the index is keyword-only. */
  dense: denseManifestSchema.nullable(),
  /** Why `dense` is null, as the build reported it. */
  denseAbsentReason: z.string().nullable(),
  pages: z.array(pageManifestSchema),
  /** Files in the seeds folder that were not read as pages, and why. */
  // read-seeds' SkippedFile; the build assigns one to the other, so the compiler keeps them alike
  // (a `satisfies z.ZodType<SkippedFile>` here would cost the type check 100k types).
  skipped: z.array(z.object({ source: z.string(), reason: z.string() })),
  chunkIds: z.array(z.string()),
});
export type IndexManifest = z.infer<typeof indexManifestSchema>;

/** What an index would be built from now. */
export interface IndexInputs {
  pages: ReadonlyArray<{ source: string; sha256: string }>;
  chunkerVersion: string;
  tokenizerVersion: string;
  /** The configured embedding model. */
  modelId: string;
  /**
   * The loaded model's vector length and pooling, when it could be loaded: a change means new
   * vectors.
   */
  dense?: Pick<DenseManifest, "dimension" | "pooling"> | undefined;
  /**
   * The configured vector store: an index whose vectors are elsewhere is stale (its vectors are
   * copied over by the next build, not recomputed).
   */
  vectorStore?: "hnsw" | "pgvector" | undefined;
}

/**
 * Why `manifest` no longer describes `inputs`, one line per reason, or [] when it is fresh.
 * A keyword-only index is not stale merely for lacking vectors: that is retried at each build.
 */
export function stalenessReasons(manifest: IndexManifest, inputs: IndexInputs): string[] {
  const reasons = rebuildReasons(manifest, inputs);
  const before = new Map(manifest.pages.map((p) => [p.source, p.sha256]));
  const now = new Map(inputs.pages.map((p) => [p.source, p.sha256]));
  for (const [source, sha] of now) {
    if (!before.has(source)) reasons.push(`page ${source} is new`);
    else if (before.get(source) !== sha) reasons.push(`page ${source} changed`);
  }
  for (const source of before.keys())
    if (!now.has(source)) reasons.push(`page ${source} was removed`);
  const store = manifest.dense === null ? undefined : (manifest.dense.store ?? "hnsw");
  if (store !== undefined && inputs.vectorStore !== undefined && store !== inputs.vectorStore)
    reasons.push(`vector store changed (${store} → ${inputs.vectorStore})`);
  return reasons;
}

/** Reasons that make every vector or chunk of the old index unusable: a full rebuild. */
export function rebuildReasons(
  manifest: IndexManifest,
  inputs: Omit<IndexInputs, "pages">,
): string[] {
  const reasons: string[] = [];
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    reasons.push(`index format changed (${manifest.formatVersion} → ${INDEX_FORMAT_VERSION})`);
  }
  if (manifest.chunkerVersion !== inputs.chunkerVersion) {
    reasons.push(`chunker changed (${manifest.chunkerVersion} → ${inputs.chunkerVersion})`);
  }
  if (manifest.tokenizerVersion !== inputs.tokenizerVersion) {
    reasons.push(
      `keyword tokenizer changed (${manifest.tokenizerVersion} → ${inputs.tokenizerVersion})`,
    );
  }
  const built = manifest.dense;
  if (built !== null && built.modelId !== inputs.modelId) {
    reasons.push(`embedding model changed (${built.modelId} → ${inputs.modelId})`);
  } else if (built !== null && inputs.dense !== undefined) {
    if (built.dimension !== inputs.dense.dimension)
      reasons.push(`embedding dimension changed (${built.dimension} → ${inputs.dense.dimension})`);
    if (built.pooling !== inputs.dense.pooling)
      reasons.push(`embedding pooling changed (${built.pooling} → ${inputs.dense.pooling})`);
  }
  return reasons;
}
