import path from "node:path";
import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import type { FeatureExtractionPipeline } from "@xenova/transformers";
import { EmbeddingModelUnavailableError } from "./errors/embedding-model-unavailable-error.js";
import {
  describeLoadFailure,
  describeLocation,
  modelFile,
  modelUnavailable,
  TRANSFORMERS_CACHE_DIR,
} from "./model-files.js";
import { DEFAULT_EMBEDDING_MODEL, modelSettingsFor, type ModelSettings } from "./model-settings.js";

/**
 * Where the model comes from and how it runs. The `EmbeddingsParams` of LangChain
 * (`maxConcurrency`, `maxRetries`, `onFailedAttempt`) apply to embedding calls, never to loading
 * the model.
 */
export interface TransformersEmbeddingsOptions extends EmbeddingsParams {
  /**
   * Hugging Face id of an ONNX feature-extraction model in transformers.js layout. Its pooling and
   * prefixes come from `modelSettingsFor(modelId)`.
   * @default "Xenova/bge-small-zh-v1.5"
   */
  modelId?: string;
  /**
   * A local folder holding models in transformers.js layout:
   * `<modelsDir>/<org>/<name>/{config.json,tokenizer.json,tokenizer_config.json,onnx/model_quantized.onnx}`.
   * When set, nothing is downloaded: a missing file is an error, not a fetch. When unset, the model
   * is downloaded from the Hugging Face hub on first use and kept in `cacheDir`.
   */
  modelsDir?: string;
  /**
   * Where downloaded models are cached.
   * @default transformers.js's own `node_modules/@xenova/transformers/.cache/`
   */
  cacheDir?: string;
  /**
   * Texts per forward pass in `embedDocuments`. A batch is padded to its longest text, so large
   * batches of uneven passages spend their time on padding (see `bench/embedding-cost.ts`).
   * @default 8
   */
  batchSize?: number;
  /**
   * Load `onnx/model_quantized.onnx` (int8 matrix products, the published q8 file) instead of
   * `onnx/model.onnx`: about a quarter of the size and faster on a CPU, for a negligible change in
   * retrieval quality.
   * @default true
   */
  quantized?: boolean;
  /**
   * What turns a model id into a running pipeline. Called once per model per process (see the
   * class comment), after this class has pointed transformers.js's `env` at the right folders;
   * a wrapper can observe the loads (tests count them).
   * @default transformers.js's `pipeline`
   */
  loadPipeline?: PipelineLoader;
}

/** The part of transformers.js's `pipeline` this class uses. */
export type PipelineLoader = (
  task: "feature-extraction",
  modelId: string,
  options: { quantized: boolean; local_files_only: boolean },
) => Promise<FeatureExtractionPipeline>;

/**
 * Dense embeddings computed locally with transformers.js (ONNX Runtime on the CPU), behind the
 * LangChain `Embeddings` interface so a vector store can take it or a fake interchangeably.
 *
 * The model's conventions come from the model-settings table: bge-small-zh takes the CLS vector and
 * puts its retrieval instruction in front of queries only; e5 averages tokens and marks queries and
 * passages with `query: ` / `passage: `. Texts are otherwise passed through untouched (no newline
 * stripping, no inserted spaces), since the tokenizer already splits Chinese per character.
 *
 * Loading is lazy (first embedding) unless `load()` is called, and shared: every instance with the
 * same model, folders and quantization uses one pipeline, loaded once per process even when many
 * callers ask at the same moment. A model that cannot be loaded raises
 * {@link EmbeddingModelUnavailableError}; the failure is not cached, so a later call retries.
 *
 * transformers.js reads its settings from one global `env`; this class sets `allowRemoteModels`,
 * `localModelPath` and `cacheDir` for each load and runs loads one at a time, so two embedders with
 * different folders never see each other's settings. Nothing else in the project should touch
 * `env`.
 */
export class TransformersEmbeddings extends Embeddings {
  readonly modelId: string;
  /** Pooling, normalization and prefixes in use, from `modelSettingsFor(modelId)`. */
  readonly settings: ModelSettings;
  /**
   * Length of the vectors the loaded model produces; `undefined` until the model is loaded (by
   * `load()` or the first embedding). May differ from `settings.dimension` for a custom export.
   */
  dimension: number | undefined = undefined;
  readonly batchSize: number;
  readonly #source: ModelSource;

  constructor(options: TransformersEmbeddingsOptions = {}) {
    const {
      modelId = DEFAULT_EMBEDDING_MODEL,
      modelsDir,
      cacheDir,
      batchSize = 8,
      quantized = true,
      loadPipeline,
      ...callerParams
    } = options;
    // Inference is local and deterministic: a batch that failed once fails the same way again, so
    // retrying (LangChain's default is 6 times with backoff) would only delay the error.
    super({ maxRetries: 0, ...callerParams });
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    }
    this.modelId = modelId;
    this.settings = modelSettingsFor(modelId);
    this.batchSize = batchSize;
    this.#source = {
      modelId,
      modelsDir: modelsDir === undefined ? undefined : path.resolve(modelsDir),
      cacheDir: cacheDir === undefined ? undefined : path.resolve(cacheDir),
      quantized,
      loadPipeline,
    };
  }

  /**
   * Loads the model now instead of on the first embedding, so a program can fail at start (or
   * decide to go keyword-only) rather than on the first question.
   * @throws {EmbeddingModelUnavailableError} when the model cannot be loaded.
   */
  async load(): Promise<void> {
    await this.#extractor();
  }

  /**
   * Embeds passages (with the model's passage prefix, if any) in batches of `batchSize`, in order.
   * @throws {EmbeddingModelUnavailableError} when the model cannot be loaded.
   */
  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    // Loaded outside the caller: its retries are for embedding calls, a missing model fails at
    // once.
    const extractor = await this.#extractor();
    const prefixed = texts.map((text) => this.settings.passagePrefix + text);
    const vectors: number[][] = [];
    for (let start = 0; start < prefixed.length; start += this.batchSize) {
      const batch = prefixed.slice(start, start + this.batchSize);
      vectors.push(...(await this.caller.call(() => this.#embedBatch(extractor, batch))));
    }
    return vectors;
  }

  /**
   * Embeds a search query, with the model's query instruction or prefix, if any.
   * @throws {EmbeddingModelUnavailableError} when the model cannot be loaded.
   */
  async embedQuery(text: string): Promise<number[]> {
    const extractor = await this.#extractor();
    const query = this.settings.queryPrefix + text;
    const [vector] = await this.caller.call(() => this.#embedBatch(extractor, [query]));
    if (vector === undefined) throw new Error("feature-extraction pipeline returned no vector");
    return vector;
  }

  /**
   * The tokens the model sees for `text`, special tokens included and without truncation, so a
   * chunker can keep passages inside the model's window (512 for bge). Prefixes are not applied:
   * add `settings.passagePrefix` to the text to count them too.
   */
  async tokenize(text: string): Promise<string[]> {
    const { tokenizer } = await this.#extractor();
    return tokenizer.model.convert_ids_to_tokens(tokenizer.encode(text));
  }

  async #embedBatch(extractor: FeatureExtractionPipeline, texts: string[]): Promise<number[][]> {
    const output = await extractor(texts, {
      pooling: this.settings.pooling,
      normalize: this.settings.normalize,
    });
    const [rows, width] = output.dims;
    if (rows !== texts.length || width === undefined) {
      throw new Error(
        `feature-extraction returned dims [${output.dims.join(", ")}] for ${texts.length} texts`,
      );
    }
    this.dimension = width;
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, row) =>
      Array.from(data.subarray(row * width, (row + 1) * width)),
    );
  }

  async #extractor(): Promise<FeatureExtractionPipeline> {
    const extractor = await sharedExtractor(this.#source);
    this.dimension ??= hiddenSize(extractor);
    return extractor;
  }
}

interface ModelSource {
  modelId: string;
  modelsDir: string | undefined;
  cacheDir: string | undefined;
  quantized: boolean;
  /** Not part of the cache key: every loader loads the same model. Unset: transformers.js's. */
  loadPipeline: PipelineLoader | undefined;
}

// transformers.js's default models folder, captured on its first import, before any load changes
// it, for embedders that set nothing.
let defaultLocalModelPath: string | undefined;

// Holds promises, not pipelines, so that concurrent first callers share one load.
const extractors = new Map<string, Promise<FeatureExtractionPipeline>>();
// Loads run one after the other because each sets the global `env` that transformers.js reads.
let previousLoad: Promise<unknown> = Promise.resolve();

function sharedExtractor(source: ModelSource): Promise<FeatureExtractionPipeline> {
  const key = JSON.stringify([source.modelId, source.modelsDir, source.cacheDir, source.quantized]);
  const cached = extractors.get(key);
  if (cached !== undefined) return cached;

  const loading = previousLoad.then(() => loadExtractor(source));
  previousLoad = loading.catch(() => undefined);
  extractors.set(key, loading);
  // Forget a failed load so the next call tries again (e.g. after the model files were put in
  // place).
  loading.catch(() => {
    if (extractors.get(key) === loading) extractors.delete(key);
  });
  return loading;
}

async function loadExtractor(source: ModelSource): Promise<FeatureExtractionPipeline> {
  // Checked before the model runtime is imported (a few hundred ms): a start without the model
  // (keyword-only) never loads it. Also, transformers.js only logs a warning per missing file
  // before failing.
  const unavailable = await modelUnavailable(source);
  if (unavailable !== null) throw unavailable;
  try {
    const { env, pipeline } = await import("@xenova/transformers");
    defaultLocalModelPath ??= env.localModelPath;
    env.allowRemoteModels = source.modelsDir === undefined;
    env.localModelPath = source.modelsDir ?? defaultLocalModelPath;
    env.cacheDir = source.cacheDir ?? TRANSFORMERS_CACHE_DIR;
    const load: PipelineLoader = source.loadPipeline ?? pipeline;
    return await load("feature-extraction", source.modelId, {
      quantized: source.quantized,
      local_files_only: source.modelsDir !== undefined,
    });
  } catch (error) {
    throw new EmbeddingModelUnavailableError(
      source.modelId,
      describeLocation(source),
      describeLoadFailure(error, modelFile(source.quantized)),
      { cause: error },
    );
  }
}

function hiddenSize(extractor: FeatureExtractionPipeline): number | undefined {
  const config: unknown = extractor.model.config;
  if (typeof config !== "object" || config === null || !("hidden_size" in config)) return undefined;
  return typeof config.hidden_size === "number" ? config.hidden_size : undefined;
}
