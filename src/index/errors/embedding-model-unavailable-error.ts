/**
 * Thrown by `TransformersEmbeddings` when its model cannot be loaded: no network and no cached
 * copy, a models folder without the model's files, or an ONNX file onnxruntime cannot open. Callers
 * that can work without dense vectors (keyword-only retrieval) catch this one error and carry on;
 * the message names the model, where it was looked for and why it failed, in one line fit for a
 * log. A failed load is not remembered: the next call tries again, so fixing the folder is enough.
 */
export class EmbeddingModelUnavailableError extends Error {
  override name = "EmbeddingModelUnavailableError";

  constructor(
    /** The model that failed, e.g. `Xenova/bge-small-zh-v1.5`. */
    readonly modelId: string,
    /** Where it was looked for: a models folder, or the Hugging Face hub and its cache folder. */
    readonly location: string,
    /** Why, in a few words (`file not found: /models/…/tokenizer.json`). */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`Embedding model "${modelId}" could not be loaded from ${location}: ${reason}`, options);
  }
}
