import type { Config } from "../config.js";
import type { DenseEmbedder } from "./build-index.js";
import type { TransformersEmbeddings, TransformersEmbeddingsOptions } from "./embeddings.js";
import { modelUnavailable } from "./model-files.js";
import { DEFAULT_EMBEDDING_MODEL, modelSettingsFor, type ModelSettings } from "./model-settings.js";

/**
 * The configured dense embedder. Nothing is loaded until it is first used, not even its code:
 * `TransformersEmbeddings` (LangChain's `Embeddings`, transformers.js) is imported by the first
 * `load()` or embedding once the model's files are known to be there (or the hub reachable), so
 * a start without the model — keyword-only — never loads LangChain or the model runtime.
 */
export function createEmbeddings(
  config: Pick<Config, "embeddingModel" | "modelsDir" | "modelCacheDir">,
): ConfiguredEmbeddings {
  return new ConfiguredEmbeddings({
    modelId: config.embeddingModel,
    ...(config.modelsDir === undefined ? {} : { modelsDir: config.modelsDir }),
    ...(config.modelCacheDir === undefined ? {} : { cacheDir: config.modelCacheDir }),
  });
}

/** {@link TransformersEmbeddings}, imported and made on first use. */
export class ConfiguredEmbeddings implements DenseEmbedder {
  readonly modelId: string;
  readonly settings: ModelSettings;
  readonly #options: TransformersEmbeddingsOptions;
  #embedder: Promise<TransformersEmbeddings> | undefined;
  #loaded: TransformersEmbeddings | undefined;

  constructor(options: TransformersEmbeddingsOptions) {
    this.#options = options;
    this.modelId = options.modelId ?? DEFAULT_EMBEDDING_MODEL;
    this.settings = modelSettingsFor(this.modelId);
  }

  /** Length of the model's vectors, once it is loaded. */
  get dimension(): number | undefined {
    return this.#loaded?.dimension;
  }

  /**
   * Loads the model now (see `TransformersEmbeddings.load`).
   * @throws {EmbeddingModelUnavailableError} when the model cannot be loaded.
   */
  async load(): Promise<void> {
    await (await this.#use()).load();
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.#use()).embedQuery(text);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.#use()).embedDocuments(texts);
  }

  async #use(): Promise<TransformersEmbeddings> {
    if (this.#embedder === undefined) {
      // Until the model is there, nothing is imported; a failure is not remembered (the next call
      // looks again, as the loaded embedder's own loads do).
      const unavailable = await modelUnavailable({
        modelId: this.modelId,
        modelsDir: this.#options.modelsDir,
        cacheDir: this.#options.cacheDir,
        quantized: this.#options.quantized ?? true,
      });
      if (unavailable !== null) throw unavailable;
      this.#embedder ??= import("./embeddings.js").then(
        (m) => (this.#loaded = new m.TransformersEmbeddings(this.#options)),
      );
    }
    return this.#embedder;
  }
}
