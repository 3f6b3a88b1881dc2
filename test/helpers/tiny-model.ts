import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import onnxProto from "onnx-proto";
import type { onnx as Onnx } from "onnx-proto";
import { mulberry32 } from "./mulberry32.js";

// onnx-proto is CommonJS (`module.exports = $root`), so the namespace is reached through the
// default import.
const { onnx } = onnxProto;

/** What a test needs to recompute the tiny model's output by hand. */
export interface TinyModelInfo {
  /** `dir/<modelId>`: the folder holding config.json, tokenizer.json, onnx/… */
  readonly modelDir: string;
  readonly modelId: string;
  readonly hiddenSize: number;
  /** The WordPiece vocabulary; a token's id is its index. */
  readonly vocab: readonly string[];
  readonly tokenIds: ReadonlyMap<string, number>;
  /**
   * E: one float32 row of `hiddenSize` per vocabulary entry (values already rounded to float32).
   */
  readonly embeddings: readonly (readonly number[])[];
  /** One float32 row per token type (0 and 1); every single-text input uses row 0. */
  readonly typeEmbeddings: readonly (readonly number[])[];
}

/**
 * What the tiny model's vectors mean. `noise`: ~500 characters in its vocabulary (most of the
 * pages' characters are `[UNK]`), 16 dimensions and random special-token rows — its vectors carry
 * almost nothing about the text, the worst case of a weak model. `lexical`: every CJK unified
 * ideograph has a row (the 500 most common ones shorter), punctuation and special tokens have zero
 * rows, 128 dimensions — CLS or mean pooling then returns the mean of the characters' random rows,
 * a random projection of the text's weighted bag of characters (Johnson–Lindenstrauss: cosines of
 * the bags are kept to about ±1/√128), so texts that share characters are near. A dense model
 * that carries lexical signal, generated offline. Write it under {@link TINY_LEXICAL_MODEL}: an id
 * with no query instruction, which would otherwise outweigh a short question's own characters.
 */
export type TinyModelKind = "noise" | "lexical";

/** An id the embedder does not know: mean pooling, no prefixes (see model-settings.ts). */
export const TINY_LEXICAL_MODEL = "xining-news-qa/tiny-lexical-zh";

export interface TinyModelOptions {
  /** @default "noise" */
  kind?: TinyModelKind;
}

const HIDDEN_SIZES: Record<TinyModelKind, number> = { noise: 16, lexical: 128 };
const SEED = 0x5eed_2024;
// The CJK Unified Ideographs block: every character of the pages and of readers' questions.
const CJK_FIRST = 0x4e00;
const CJK_LAST = 0x9fff;
// opset 13 is the first with `axes` as an input of ReduceSum/Unsqueeze and is well inside what the
// bundled onnxruntime-node 1.14 runs; IR 7 is the IR version that introduced opset 13.
const OPSET = 13;
const IR_VERSION = 7;

const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

// The most frequent characters of written Chinese, in order of frequency.
const COMMON_HANZI = [
  "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学",
  "对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头",
  "面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向",
  "情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信",
  "北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难",
  "神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物",
  "台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指",
  "思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步",
  "完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双",
  "历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞",
  "观争究包组造落视济喜离虽坏兴切养",
].join("");
// Common characters plus everything the embedding tests write (including the bge query
// instruction), so those texts tokenize one character per token without [UNK].
const HANZI = `${COMMON_HANZI}晶硅亿宁检索句表示章推进绿色转型省记者樊娅楠讯`;
// lexical: a common character says little about what a text is about (an idf learned from
// Chinese at large, as a trained model would), so its row is shorter.
const COMMON_ROW_SCALE = 0.25;
const PUNCTUATION = "，。：；！？、（）《》“”％%.,:;!?()-";
const DIGITS = "0123456789";
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
// Whole words so the e5 prefixes `query: ` / `passage: ` are one token each, as in a real
// vocabulary.
const WORDS = ["query", "passage"];

/**
 * Writes a tiny BERT-shaped feature-extraction model under `dir/<modelId>/` in the layout
 * transformers.js reads from a local models folder (`config.json`, `tokenizer.json`,
 * `tokenizer_config.json`, `special_tokens_map.json`, `onnx/model_quantized.onnx` and the same
 * graph as `onnx/model.onnx`).
 *
 * The graph is one line of algebra instead of a transformer, so tests can predict its output
 * exactly: `v[b,t] = E[input_ids[b,t]] + T[token_type_ids[b,t]]` and `last_hidden_state[b,t] =
 * v[b,t] + Σ_t' mask[b,t']·v[b,t'] / Σ_t' mask[b,t']`. The second term mixes the context into every
 * position (so CLS pooling tells texts apart) and ignores padding (so a text's output does not
 * depend on what else is in its batch). Everything is generated here from a seeded PRNG:
 * deterministic, offline, a few milliseconds.
 */
export async function writeTinyModel(
  dir: string,
  modelId = "Xenova/bge-small-zh-v1.5",
  options: TinyModelOptions = {},
): Promise<TinyModelInfo> {
  const kind = options.kind ?? "noise";
  const hiddenSize = HIDDEN_SIZES[kind];
  const modelDir = path.join(dir, ...modelId.split("/"));
  await mkdir(path.join(modelDir, "onnx"), { recursive: true });

  const vocab = buildVocab(kind);
  const tokenIds = new Map(vocab.map((token, id) => [token, id]));
  const random = mulberry32(SEED);
  const randomRow = (): number[] =>
    Array.from({ length: hiddenSize }, () => Math.fround(random() * 2 - 1));
  const zeroRow = (): number[] => new Array<number>(hiddenSize).fill(0);
  // lexical: only characters that carry meaning vote; [CLS], [SEP] and punctuation would add the
  // same offset to every vector and pull all cosines towards 1.
  const meaningless = new Set<string>([...SPECIAL_TOKENS, ...PUNCTUATION]);
  const common = new Set(COMMON_HANZI);
  const embeddings = vocab.map((token) => {
    if (kind === "noise") return randomRow();
    if (meaningless.has(token)) return zeroRow();
    const row = randomRow();
    return common.has(token) ? row.map((x) => Math.fround(x * COMMON_ROW_SCALE)) : row;
  });
  const typeEmbeddings = kind === "lexical" ? [zeroRow(), zeroRow()] : [randomRow(), randomRow()];

  const graph = encodeGraph(embeddings, typeEmbeddings, hiddenSize);
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  await Promise.all([
    writeFile(path.join(modelDir, "onnx", "model_quantized.onnx"), graph),
    writeFile(path.join(modelDir, "onnx", "model.onnx"), graph),
    writeFile(path.join(modelDir, "config.json"), json(configJson(vocab.length, hiddenSize))),
    writeFile(path.join(modelDir, "tokenizer.json"), json(tokenizerJson(tokenIds))),
    writeFile(path.join(modelDir, "tokenizer_config.json"), json(TOKENIZER_CONFIG)),
    writeFile(path.join(modelDir, "special_tokens_map.json"), json(SPECIAL_TOKENS_MAP)),
  ]);

  return {
    modelDir,
    modelId,
    hiddenSize,
    vocab,
    tokenIds,
    embeddings,
    typeEmbeddings,
  };
}

function buildVocab(kind: TinyModelKind): string[] {
  const tokens = new Set<string>(SPECIAL_TOKENS);
  for (const char of HANZI + PUNCTUATION + DIGITS + LETTERS) tokens.add(char);
  if (kind === "lexical")
    for (let code = CJK_FIRST; code <= CJK_LAST; code++) tokens.add(String.fromCodePoint(code));
  for (const word of WORDS) tokens.add(word);
  // Continuation pieces so any ASCII word splits into known pieces instead of becoming [UNK].
  for (const char of DIGITS + LETTERS) tokens.add(`##${char}`);
  return [...tokens];
}

function encodeGraph(
  embeddings: readonly (readonly number[])[],
  typeEmbeddings: readonly (readonly number[])[],
  hiddenSize: number,
): Uint8Array {
  const { DataType } = onnx.TensorProto;
  const floatTable = (name: string, rows: readonly (readonly number[])[]): Onnx.ITensorProto => ({
    name,
    dataType: DataType.FLOAT,
    dims: [rows.length, hiddenSize],
    floatData: rows.flat(),
  });
  const int64Vector = (name: string, values: number[]): Onnx.ITensorProto => ({
    name,
    dataType: DataType.INT64,
    dims: [values.length],
    int64Data: values,
  });
  const tensorType = (
    name: string,
    elemType: number,
    dims: readonly (string | number)[],
  ): Onnx.IValueInfoProto => ({
    name,
    type: {
      tensorType: {
        elemType,
        shape: {
          dim: dims.map((dim) => (typeof dim === "string" ? { dimParam: dim } : { dimValue: dim })),
        },
      },
    },
  });
  const intAttribute = (name: string, i: number): Onnx.IAttributeProto => ({
    name,
    type: onnx.AttributeProto.AttributeType.INT,
    i,
  });
  const node = (
    opType: string,
    input: string[],
    output: string,
    attribute: Onnx.IAttributeProto[] = [],
  ): Onnx.INodeProto => ({ opType, input, output: [output], name: output, attribute });

  const graph: Onnx.IGraphProto = {
    name: "tiny-bert",
    initializer: [
      floatTable("word_embeddings", embeddings),
      floatTable("token_type_embeddings", typeEmbeddings),
      int64Vector("axis_sequence", [1]),
      int64Vector("axis_hidden", [2]),
    ],
    node: [
      node("Gather", ["word_embeddings", "input_ids"], "words"),
      node("Gather", ["token_type_embeddings", "token_type_ids"], "types"),
      node("Add", ["words", "types"], "token_vectors"),
      node("Cast", ["attention_mask"], "mask", [intAttribute("to", DataType.FLOAT)]),
      node("Unsqueeze", ["mask", "axis_hidden"], "mask_3d"),
      node("Mul", ["token_vectors", "mask_3d"], "masked_vectors"),
      node("ReduceSum", ["masked_vectors", "axis_sequence"], "vector_sum", [
        intAttribute("keepdims", 1),
      ]),
      node("ReduceSum", ["mask_3d", "axis_sequence"], "token_count", [intAttribute("keepdims", 1)]),
      node("Div", ["vector_sum", "token_count"], "context"),
      node("Add", ["token_vectors", "context"], "last_hidden_state"),
    ],
    input: [
      tensorType("input_ids", DataType.INT64, ["batch_size", "sequence_length"]),
      tensorType("attention_mask", DataType.INT64, ["batch_size", "sequence_length"]),
      tensorType("token_type_ids", DataType.INT64, ["batch_size", "sequence_length"]),
    ],
    output: [
      tensorType("last_hidden_state", DataType.FLOAT, [
        "batch_size",
        "sequence_length",
        hiddenSize,
      ]),
    ],
  };

  return onnx.ModelProto.encode({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: "", version: OPSET }],
    producerName: "xining-news-qa tests",
    graph,
  }).finish();
}

function configJson(vocabSize: number, hiddenSize: number): Record<string, unknown> {
  return {
    architectures: ["BertModel"],
    model_type: "bert",
    hidden_size: hiddenSize,
    intermediate_size: hiddenSize,
    num_attention_heads: 1,
    num_hidden_layers: 1,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    vocab_size: vocabSize,
    pad_token_id: 0,
    hidden_act: "gelu",
    layer_norm_eps: 1e-12,
  };
}

function tokenizerJson(tokenIds: ReadonlyMap<string, number>): Record<string, unknown> {
  const idOf = (token: string): number => {
    const id = tokenIds.get(token);
    if (id === undefined) throw new Error(`tiny vocabulary lacks ${token}`);
    return id;
  };
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: idOf(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: false,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: {
        "[CLS]": { id: "[CLS]", ids: [idOf("[CLS]")], tokens: ["[CLS]"] },
        "[SEP]": { id: "[SEP]", ids: [idOf("[SEP]")], tokens: ["[SEP]"] },
      },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(tokenIds),
    },
  };
}

const TOKENIZER_CONFIG = {
  clean_up_tokenization_spaces: true,
  cls_token: "[CLS]",
  do_basic_tokenize: true,
  do_lower_case: false,
  mask_token: "[MASK]",
  model_max_length: 512,
  never_split: null,
  pad_token: "[PAD]",
  sep_token: "[SEP]",
  strip_accents: null,
  tokenize_chinese_chars: true,
  tokenizer_class: "BertTokenizer",
  unk_token: "[UNK]",
};

const SPECIAL_TOKENS_MAP = {
  cls_token: "[CLS]",
  mask_token: "[MASK]",
  pad_token: "[PAD]",
  sep_token: "[SEP]",
  unk_token: "[UNK]",
};
