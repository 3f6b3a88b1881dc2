import type { Config } from "../config.js";
import { TransformersEmbeddings } from "./embeddings.js";

/** The configured dense embedder; nothing is loaded until it is first used. */
export function createEmbeddings(
  config: Pick<Config, "embeddingModel" | "modelsDir" | "modelCacheDir">,
): TransformersEmbeddings {
  return new TransformersEmbeddings({
    modelId: config.embeddingModel,
    ...(config.modelsDir === undefined ? {} : { modelsDir: config.modelsDir }),
    ...(config.modelCacheDir === undefined ? {} : { cacheDir: config.modelCacheDir }),
  });
}
