import { mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { pipeline } from "@xenova/transformers";
import { type PipelineLoader, TransformersEmbeddings } from "../../src/index/embeddings.js";
import { EmbeddingModelUnavailableError } from "../../src/index/errors/embedding-model-unavailable-error.js";
import { modelSettingsFor } from "../../src/index/model-settings.js";
import { writeTinyModel, type TinyModelInfo } from "../helpers/tiny-model.js";

// End to end through transformers.js and onnxruntime on a tiny generated model whose output is
// simple enough to recompute here: token vectors v_t = E[id_t] + T[0], output_t = v_t + mean(v).

const BGE = "Xenova/bge-small-zh-v1.5";
const E5 = "Xenova/multilingual-e5-small";
const BGE_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";
const HEADLINE = "西宁开发区多晶硅出口8.5亿元";
const QUESTION = "多晶硅出口多少亿元？";

const temporaryDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "embeddings-test-"));
  temporaryDirs.push(dir);
  return dir;
}

let modelsDir: string;
let bge: TinyModelInfo;
let e5: TinyModelInfo;

beforeAll(async () => {
  modelsDir = await tempDir();
  bge = await writeTinyModel(modelsDir, BGE);
  e5 = await writeTinyModel(modelsDir, E5);
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await Promise.all(temporaryDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** What the tiny model outputs for `tokens` (without [CLS]/[SEP], which are added here). */
function hiddenStates(model: TinyModelInfo, tokens: readonly string[]): number[][] {
  const typeRow = model.typeEmbeddings[0] ?? [];
  const vectors = ["[CLS]", ...tokens, "[SEP]"].map((token) => {
    const id = model.tokenIds.get(token);
    if (id === undefined)
      throw new Error(`test text uses ${token}, which the tiny vocabulary lacks`);
    return add(model.embeddings[id] ?? [], typeRow);
  });
  const context = mean(vectors);
  return vectors.map((vector) => add(vector, context));
}

const expectedCls = (model: TinyModelInfo, tokens: readonly string[]): number[] =>
  normalize(hiddenStates(model, tokens)[0] ?? []);
const expectedMean = (model: TinyModelInfo, tokens: readonly string[]): number[] =>
  normalize(mean(hiddenStates(model, tokens)));
// CJK characters, digits and punctuation are one token each.
const chars = (text: string): string[] => Array.from(text);

function add(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x + (b[i] ?? Number.NaN));
}
function mean(rows: readonly (readonly number[])[]): number[] {
  const zero = new Array<number>(rows[0]?.length ?? 0).fill(0);
  const sum = rows.reduce<number[]>((acc, row) => add(acc, row), zero);
  return sum.map((x) => x / rows.length);
}
function norm(v: readonly number[]): number {
  return Math.hypot(...v);
}
function normalize(v: readonly number[]): number[] {
  const length = norm(v);
  return v.map((x) => x / length);
}
function maxDifference(a: readonly number[], b: readonly number[]): number {
  expect(a).toHaveLength(b.length);
  return Math.max(...a.map((x, i) => Math.abs(x - (b[i] ?? Number.NaN))));
}

describe("TransformersEmbeddings on a local models folder", () => {
  it("tokenizes Chinese one character per token, without [UNK]", async () => {
    const embedder = new TransformersEmbeddings({ modelsDir });
    const tokens = await embedder.tokenize(HEADLINE);
    expect(tokens).toEqual(["[CLS]", ...chars(HEADLINE), "[SEP]"]);
    expect(tokens).not.toContain("[UNK]");
  });

  it("bge: takes the normalized CLS vector of the passage, with no prefix", async () => {
    const embedder = new TransformersEmbeddings({ modelsDir });
    expect(embedder.settings.pooling).toBe("cls");
    const [headline, question] = await embedder.embedDocuments([HEADLINE, QUESTION]);

    expect(maxDifference(headline ?? [], expectedCls(bge, chars(HEADLINE)))).toBeLessThan(1e-4);
    expect(maxDifference(question ?? [], expectedCls(bge, chars(QUESTION)))).toBeLessThan(1e-4);
    // The CLS vector is not the mean vector: pooling really is CLS.
    expect(maxDifference(headline ?? [], expectedMean(bge, chars(HEADLINE)))).toBeGreaterThan(1e-2);
  });

  it("e5: takes the normalized masked mean, with `passage: ` before passages", async () => {
    const embedder = new TransformersEmbeddings({ modelsDir, modelId: E5 });
    expect(embedder.settings.pooling).toBe("mean");
    const [vector] = await embedder.embedDocuments([HEADLINE]);

    const expected = expectedMean(e5, ["passage", ":", ...chars(HEADLINE)]);
    expect(maxDifference(vector ?? [], expected)).toBeLessThan(1e-4);
  });

  it("returns unit-length vectors and reports their dimension once loaded", async () => {
    for (const modelId of [BGE, E5]) {
      const embedder = new TransformersEmbeddings({ modelsDir, modelId });
      expect(embedder.dimension).toBeUndefined();
      await embedder.load();
      expect(embedder.dimension).toBe(bge.hiddenSize);

      const vectors = [
        ...(await embedder.embedDocuments([HEADLINE, "区"])),
        await embedder.embedQuery(QUESTION),
      ];
      for (const vector of vectors) {
        expect(vector).toHaveLength(bge.hiddenSize);
        expect(norm(vector)).toBeCloseTo(1, 5);
      }
    }
  });

  it("bge: puts the retrieval instruction before queries only", async () => {
    const embedder = new TransformersEmbeddings({ modelsDir });
    const query = await embedder.embedQuery(QUESTION);
    const [withInstruction, asPassage] = await embedder.embedDocuments([
      BGE_INSTRUCTION + QUESTION,
      QUESTION,
    ]);

    expect(maxDifference(query, withInstruction ?? [])).toBeLessThan(1e-5);
    expect(maxDifference(query, asPassage ?? [])).toBeGreaterThan(1e-2);
    const expected = expectedCls(bge, chars(BGE_INSTRUCTION + QUESTION));
    expect(maxDifference(query, expected)).toBeLessThan(1e-4);
  });

  it("e5: puts `query: ` before queries and `passage: ` before passages", async () => {
    const embedder = new TransformersEmbeddings({ modelsDir, modelId: E5 });
    const query = await embedder.embedQuery(QUESTION);
    const [passage] = await embedder.embedDocuments([QUESTION]);

    const expectedQuery = expectedMean(e5, ["query", ":", ...chars(QUESTION)]);
    const expectedPassage = expectedMean(e5, ["passage", ":", ...chars(QUESTION)]);
    expect(maxDifference(query, expectedQuery)).toBeLessThan(1e-4);
    expect(maxDifference(passage ?? [], expectedPassage)).toBeLessThan(1e-4);
    expect(maxDifference(query, passage ?? [])).toBeGreaterThan(1e-2);
  });

  it("gives the same vectors in padded batches as one text at a time, in order", async () => {
    const texts = [
      "区",
      HEADLINE,
      "全面推进产业绿色转型发展",
      QUESTION,
      "本报讯（记者樊娅楠）3月25日，西宁开发区多晶硅出口8.5亿元，居全国首位。",
      "省",
      "绿色",
    ];
    const batched = await new TransformersEmbeddings({ modelsDir, batchSize: 3 }).embedDocuments(
      texts,
    );
    const single = new TransformersEmbeddings({ modelsDir, batchSize: 1 });

    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [alone] = await single.embedDocuments([text]);
      expect(maxDifference(batched[i] ?? [], alone ?? [])).toBeLessThan(1e-5);
    }
  });

  it("loads a model once for all embedders with the same options, even when asked concurrently", async () => {
    const dir = await tempDir();
    await writeTinyModel(dir, BGE);
    // Counted at the wire: the loader transformers.js is asked through.
    const loads = vi.fn<PipelineLoader>((task, modelId, options) =>
      pipeline(task, modelId, options),
    );

    const first = new TransformersEmbeddings({ modelsDir: dir, loadPipeline: loads });
    const second = new TransformersEmbeddings({
      modelsDir: dir,
      batchSize: 2,
      loadPipeline: loads,
    });
    await Promise.all([
      first.load(),
      second.load(),
      first.embedQuery(QUESTION),
      second.embedDocuments([HEADLINE]),
    ]);
    expect(loads).toHaveBeenCalledTimes(1);

    // A different ONNX file is a different model: onnx/model.onnx instead of model_quantized.onnx.
    await new TransformersEmbeddings({
      modelsDir: dir,
      quantized: false,
      loadPipeline: loads,
    }).load();
    expect(loads).toHaveBeenCalledTimes(2);
    expect(loads.mock.calls.map(([, , options]) => options.quantized)).toEqual([true, false]);
  });

  it("picks its settings from the table, with documented defaults for unknown models", () => {
    expect(modelSettingsFor(BGE)).toMatchObject({
      pooling: "cls",
      queryPrefix: BGE_INSTRUCTION,
      passagePrefix: "",
      dimension: 512,
      multilingual: false,
    });
    expect(modelSettingsFor(E5)).toMatchObject({
      pooling: "mean",
      queryPrefix: "query: ",
      passagePrefix: "passage: ",
      dimension: 384,
      multilingual: true,
    });
    expect(modelSettingsFor("someone/unknown-model")).toEqual({
      pooling: "mean",
      normalize: true,
      queryPrefix: "",
      passagePrefix: "",
      dimension: undefined,
      multilingual: false,
    });
    expect(new TransformersEmbeddings().modelId).toBe(BGE);
  });
});

describe("TransformersEmbeddings when the model cannot be loaded", () => {
  it("names the model and the folder when the folder lacks it, without touching the network", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const emptyDir = await tempDir();
    // Retries are for embedding calls; a missing model must fail on the first attempt.
    const retried = vi.fn();
    const loads = vi.fn<PipelineLoader>((task, modelId, options) =>
      pipeline(task, modelId, options),
    );
    const embedder = new TransformersEmbeddings({
      modelsDir: emptyDir,
      maxRetries: 3,
      onFailedAttempt: retried,
      loadPipeline: loads,
    });

    const error = await embedder.embedQuery(QUESTION).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingModelUnavailableError);
    expect(retried).not.toHaveBeenCalled();
    // The folder is checked first: transformers.js is not even asked.
    expect(loads).not.toHaveBeenCalled();
    const { message, modelId } = error as EmbeddingModelUnavailableError;
    expect(modelId).toBe(BGE);
    expect(message).toContain(`"${BGE}"`);
    expect(message).toContain(emptyDir);
    expect(message).not.toContain("\n");
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("names the missing file", async () => {
    const dir = await tempDir();
    const model = await writeTinyModel(dir, BGE);
    await unlink(path.join(model.modelDir, "tokenizer.json"));

    const missing = path.join(model.modelDir, "tokenizer.json");
    await expect(new TransformersEmbeddings({ modelsDir: dir }).load()).rejects.toThrow(
      `Embedding model "${BGE}" could not be loaded from ${dir}: file not found: ${missing}`,
    );
  });

  it("says the ONNX file could not be opened when it is corrupt", async () => {
    // transformers.js logs onnxruntime's own reason before falling back to wasm; keep the output
    // clean.
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const dir = await tempDir();
    const model = await writeTinyModel(dir, BGE);
    await writeFile(path.join(model.modelDir, "onnx", "model_quantized.onnx"), "not an onnx graph");

    const error = await new TransformersEmbeddings({ modelsDir: dir })
      .load()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingModelUnavailableError);
    expect((error as Error).message).toMatch(/could not open onnx\/model_quantized\.onnx/);
    expect((error as Error).cause).toBeDefined();
  });

  it("does not remember the failure: once the files are in place, the next call loads", async () => {
    const dir = await tempDir();
    const embedder = new TransformersEmbeddings({ modelsDir: dir });
    await expect(embedder.load()).rejects.toBeInstanceOf(EmbeddingModelUnavailableError);

    await writeTinyModel(dir, BGE);
    const [vector] = await embedder.embedDocuments([HEADLINE]);
    expect(maxDifference(vector ?? [], expectedCls(bge, chars(HEADLINE)))).toBeLessThan(1e-4);
  });

  it("without a models folder, reports an unreachable hub as a failed download", async () => {
    // transformers.js warns that its own bundled models folder lacks the model before it tries the
    // hub.
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const offline = Object.assign(new Error("getaddrinfo ENOTFOUND huggingface.co"), {
      code: "ENOTFOUND",
    });
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      .mockRejectedValue(new TypeError("fetch failed", { cause: offline }));
    const cacheDir = await tempDir();

    const modelId = "test-org/not-cached-anywhere";
    const error = await new TransformersEmbeddings({ modelId, cacheDir })
      .load()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingModelUnavailableError);
    expect((error as Error).message).toBe(
      `Embedding model "${modelId}" could not be loaded from the Hugging Face hub (cache ${cacheDir}): ` +
        "download failed, no network? (ENOTFOUND); use a local models folder to work offline",
    );
    const urls = fetchSpy.mock.calls.map(([url]) => String(url));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith(`https://huggingface.co/${modelId}/`)).toBe(true);
  });
});
