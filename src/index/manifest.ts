import type { SkippedFile } from "../ingest/read-seeds.js";

/** Bumped when the files of a build change shape: an index of another format is rebuilt in full. */
export const INDEX_FORMAT_VERSION = 1;

/** The dense half of an index: which model made the vectors, and how. */
export interface DenseManifest {
  modelId: string;
  dimension: number;
  pooling: string;
  normalized: boolean;
}

export interface PageManifest {
  source: string;
  sha256: string;
  articles: number;
  chunks: number;
}

/**
 * What an index was built from. Comparing it with the pages and settings of today tells whether
 * the index is stale and why; nothing else is needed to decide.
 */
export interface IndexManifest {
  formatVersion: number;
  builtAt: string;
  chunkerVersion: string;
  tokenizerVersion: string;
  /** null when the dense model could not be loaded: the index is keyword-only. */
  dense: DenseManifest | null;
  /** Why `dense` is null, as the build reported it. */
  denseAbsentReason: string | null;
  pages: PageManifest[];
  /** Files in the seeds folder that were not read as pages, and why. */
  skipped: SkippedFile[];
  chunkIds: string[];
}

/** What an index would be built from now. */
export interface IndexInputs {
  pages: ReadonlyArray<{ source: string; sha256: string }>;
  chunkerVersion: string;
  tokenizerVersion: string;
  /** The configured embedding model. */
  modelId: string;
  /** The loaded model's vector length and pooling, when it could be loaded: a change means new vectors. */
  dense?: Pick<DenseManifest, "dimension" | "pooling"> | undefined;
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
  for (const source of before.keys()) if (!now.has(source)) reasons.push(`page ${source} was removed`);
  return reasons;
}

/** Reasons that make every vector or chunk of the old index unusable: a full rebuild. */
export function rebuildReasons(manifest: IndexManifest, inputs: Omit<IndexInputs, "pages">): string[] {
  const reasons: string[] = [];
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    reasons.push(`index format changed (${manifest.formatVersion} → ${INDEX_FORMAT_VERSION})`);
  }
  if (manifest.chunkerVersion !== inputs.chunkerVersion) {
    reasons.push(`chunker changed (${manifest.chunkerVersion} → ${inputs.chunkerVersion})`);
  }
  if (manifest.tokenizerVersion !== inputs.tokenizerVersion) {
    reasons.push(`keyword tokenizer changed (${manifest.tokenizerVersion} → ${inputs.tokenizerVersion})`);
  }
  const built = manifest.dense;
  if (built !== null && built.modelId !== inputs.modelId) {
    reasons.push(`embedding model changed (${built.modelId} → ${inputs.modelId})`);
  } else if (built !== null && inputs.dense !== undefined) {
    if (built.dimension !== inputs.dense.dimension) reasons.push(`embedding dimension changed (${built.dimension} → ${inputs.dense.dimension})`);
    if (built.pooling !== inputs.dense.pooling) reasons.push(`embedding pooling changed (${built.pooling} → ${inputs.dense.pooling})`);
  }
  return reasons;
}
