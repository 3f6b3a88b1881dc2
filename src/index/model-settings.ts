/**
 * How an embedding model expects to be called. Sentence-embedding models differ in which token's
 * output stands for the whole text and in what they were trained to see in front of queries and
 * passages; getting either wrong still produces vectors, just worse ones, so these facts live in
 * one table and switching models is a configuration change (`EMBEDDING_MODEL`) rather than a code
 * change.
 */
export interface ModelSettings {
  /**
   * Which hidden states become the text's vector: `cls` takes the first token's (models trained
   * with a CLS objective, like bge), `mean` averages every real token, ignoring padding (e5,
   * sentence-transformers).
   */
  readonly pooling: "cls" | "mean";
  /** Scale vectors to unit length, so inner product and cosine similarity agree. */
  readonly normalize: boolean;
  /** Prepended to every query before embedding; "" for none. */
  readonly queryPrefix: string;
  /** Prepended to every passage before embedding; "" for none. */
  readonly passagePrefix: string;
  /**
   * The published vector length, to size things before the model is loaded. The loaded model has
   * the final word: the embedder reports the length it actually produces.
   */
  readonly dimension: number | undefined;
  /** Trained on many languages, so an English question can find a Chinese passage. */
  readonly multilingual: boolean;
}

/** The model used when `EMBEDDING_MODEL` is not set. */
export const DEFAULT_EMBEDDING_MODEL = "Xenova/bge-small-zh-v1.5";

// bge v1.5 was trained with this instruction on queries only; passages are embedded as they are.
const BGE_ZH_QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

/** The models whose calling conventions are known, by Hugging Face id. */
const KNOWN_MODEL_SETTINGS: Readonly<Record<string, ModelSettings>> = {
  "Xenova/bge-small-zh-v1.5": {
    pooling: "cls",
    normalize: true,
    queryPrefix: BGE_ZH_QUERY_INSTRUCTION,
    passagePrefix: "",
    dimension: 512,
    multilingual: false,
  },
  "Xenova/bge-base-zh-v1.5": {
    pooling: "cls",
    normalize: true,
    queryPrefix: BGE_ZH_QUERY_INSTRUCTION,
    passagePrefix: "",
    dimension: 768,
    multilingual: false,
  },
  // e5 was trained with both prefixes and degrades noticeably without them.
  "Xenova/multilingual-e5-small": {
    pooling: "mean",
    normalize: true,
    queryPrefix: "query: ",
    passagePrefix: "passage: ",
    dimension: 384,
    multilingual: true,
  },
  "Xenova/multilingual-e5-base": {
    pooling: "mean",
    normalize: true,
    queryPrefix: "query: ",
    passagePrefix: "passage: ",
    dimension: 768,
    multilingual: true,
  },
};

/**
 * What an unknown model gets: mean pooling (the sentence-transformers convention, the safest guess
 * for a model of unknown training), unit-length vectors, no prefixes, dimension learned at load,
 * and not assumed multilingual. Add a row to {@link KNOWN_MODEL_SETTINGS} when a model needs
 * otherwise.
 */
const FALLBACK_MODEL_SETTINGS: ModelSettings = {
  pooling: "mean",
  normalize: true,
  queryPrefix: "",
  passagePrefix: "",
  dimension: undefined,
  multilingual: false,
};

/**
 * The calling conventions of `modelId`, or {@link FALLBACK_MODEL_SETTINGS} for a model not in the
 * table.
 */
export function modelSettingsFor(modelId: string): ModelSettings {
  return Object.hasOwn(KNOWN_MODEL_SETTINGS, modelId)
    ? (KNOWN_MODEL_SETTINGS[modelId] ?? FALLBACK_MODEL_SETTINGS)
    : FALLBACK_MODEL_SETTINGS;
}
