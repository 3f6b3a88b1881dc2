/**
 * Whether an embedding model can be loaded, found out without loading the model runtime:
 * transformers.js with ONNX Runtime costs a few hundred milliseconds to import, which a start
 * without a model (keyword-only) must not pay just to learn that the model is missing.
 */
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { EmbeddingModelUnavailableError } from "./errors/embedding-model-unavailable-error.js";

/** Where a model comes from, as `TransformersEmbeddings` loads it. */
export interface ModelLocation {
  modelId: string;
  /** A local folder in transformers.js layout: nothing is downloaded. */
  modelsDir: string | undefined;
  /** Where downloads are cached; transformers.js's own folder when unset. */
  cacheDir: string | undefined;
  quantized: boolean;
}

/** A model that cannot be loaded: the maintainer's one-line reason, and what caused it. */
export interface ModelProblem {
  reason: string;
  cause?: unknown;
}

// transformers.js's defaults (its `env.localModelPath` and `env.cacheDir`): folders of its package.
const TRANSFORMERS_DIR = path.dirname(
  createRequire(import.meta.url).resolve("@xenova/transformers/package.json"),
);
export const TRANSFORMERS_MODELS_DIR = path.join(TRANSFORMERS_DIR, "/models/");
export const TRANSFORMERS_CACHE_DIR = path.join(TRANSFORMERS_DIR, "/.cache/");

/**
 * The hub transformers.js downloads from (its `env.remoteHost` and `env.remotePathTemplate`): a
 * model's files are under `<host><modelId>/resolve/main/`.
 */
const HUB = "https://huggingface.co/";

const REQUIRED_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json"];

export function modelFile(quantized: boolean): string {
  return `onnx/model${quantized ? "_quantized" : ""}.onnx`;
}

/**
 * {@link modelProblem} as the error loading would raise: naming the model, where it was looked for
 * and why; null when loading may go ahead.
 */
export async function modelUnavailable(
  location: ModelLocation,
): Promise<EmbeddingModelUnavailableError | null> {
  const problem = await modelProblem(location);
  if (problem === null) return null;
  return new EmbeddingModelUnavailableError(
    location.modelId,
    describeLocation(location),
    problem.reason,
    problem.cause === undefined ? {} : { cause: problem.cause },
  );
}

/** Where a model is looked for, as the maintainer is told: the folder, or the hub and its cache. */
export function describeLocation(location: ModelLocation): string {
  return (
    location.modelsDir ??
    `the Hugging Face hub (cache ${location.cacheDir ?? TRANSFORMERS_CACHE_DIR})`
  );
}

/**
 * Why the model cannot be loaded, or null when loading may go ahead: with a models folder, a
 * missing folder or file (nothing is downloaded); without one, files in transformers.js's own
 * folders or cache are used, and otherwise the hub must answer — an unreachable hub is reported
 * as transformers.js's failed download would be. What the files hold is for the runtime to judge.
 */
export async function modelProblem(location: ModelLocation): Promise<ModelProblem | null> {
  const expected = [...REQUIRED_FILES, modelFile(location.quantized)];
  if (location.modelsDir !== undefined) {
    const modelDir = path.join(location.modelsDir, ...location.modelId.split("/"));
    if (!(await isDirectory(modelDir))) {
      return {
        reason: `folder not found: ${modelDir} (expected ${expected.join(", ")} there, in transformers.js layout)`,
      };
    }
    const missing = await missingFiles(modelDir, expected);
    return missing.length === 0 ? null : { reason: `file not found: ${missing.join(", ")}` };
  }
  for (const folder of [TRANSFORMERS_MODELS_DIR, location.cacheDir ?? TRANSFORMERS_CACHE_DIR]) {
    const modelDir = path.join(folder, ...location.modelId.split("/"));
    if ((await missingFiles(modelDir, expected)).length === 0) return null;
  }
  try {
    // Any answer means the hub is reachable: whether it has the model is the download's to say.
    await fetch(`${HUB}${location.modelId}/resolve/main/config.json`, { method: "HEAD" });
    return null;
  } catch (error) {
    return { reason: describeLoadFailure(error, modelFile(location.quantized)), cause: error };
  }
}

/** transformers.js's (and the hub probe's) errors, as the one-line reason a maintainer can act on. */
export function describeLoadFailure(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const notFound = /file was not found locally at "([^"]+)"/.exec(message);
  if (notFound?.[1] !== undefined) return `file not found: ${notFound[1]}`;
  // onnxruntime-node's own reason is only logged; what reaches us is the wasm fallback's generic
  // error.
  if (message.includes("Can't create a session")) {
    return `onnxruntime could not open ${file} (corrupt file or unsupported operator)`;
  }
  if (message === "fetch failed") {
    const code = errorCode(error instanceof Error ? error.cause : undefined) ?? message;
    return `download failed, no network? (${code}); use a local models folder to work offline`;
  }
  return message.split("\n", 1)[0]?.trim() || "unknown error";
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

async function missingFiles(dir: string, files: readonly string[]): Promise<string[]> {
  const present = await Promise.all(files.map((file) => isFile(path.join(dir, file))));
  return files.filter((_, i) => !present[i]).map((file) => path.join(dir, file));
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
