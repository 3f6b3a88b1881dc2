import { appendFile, mkdir, readFile, readdir, rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIndex } from "../../src/index/build-index.js";
import { ensureIndex } from "../../src/index/ensure-index.js";
import { CorruptIndexError } from "../../src/index/errors/corrupt-index-error.js";
import { EmbeddingModelUnavailableError } from "../../src/index/errors/embedding-model-unavailable-error.js";
import { BUILD_MARKER } from "../../src/index/index-files.js";
import { indexStatus } from "../../src/index/index-status.js";
import { loadIndex, type LoadedIndex } from "../../src/index/load-index.js";
import {
  searchKeywordIndex,
  serializeKeywordIndex,
  termIdf,
} from "../../src/index/keyword-index.js";
import {
  BGE,
  capturingLogger,
  CountingEmbeddings,
  E5,
  makeWorkspace,
  removeWorkspaces,
} from "../helpers/index-fixture.js";

let ws: Awaited<ReturnType<typeof makeWorkspace>>;
let embedder: CountingEmbeddings;
const { logs, log } = capturingLogger();
const build = (extra: Partial<Parameters<typeof buildIndex>[0]> = {}) =>
  buildIndex({ seedsDir: ws.seedsDir, indexDir: ws.indexDir, embeddings: embedder, log, ...extra });
const page = (prefix: string) => join(ws.seedsDir, `${prefix}${prefixes[prefix]}`);
const prefixes: Record<string, string> = {
  "000": "_288891b281d8cdae.txt",
  "003": "_bcfb9783f9e97214.txt",
  "004": "_477e742880208b76.txt",
};

afterEach(removeWorkspaces);

beforeEach(async () => {
  ws = await makeWorkspace();
  embedder = new CountingEmbeddings({ modelId: BGE, modelsDir: ws.modelsDir });
  logs.length = 0;
});

describe("npm run embed's build", () => {
  it("embeds every chunk once, and answers dense and keyword searches from what it saved", async () => {
    const summary = await build();
    expect(summary).toMatchObject({
      pages: 5,
      articles: 23,
      dense: true,
      reused: 0,
      fullRebuildReason: null,
    });
    expect(summary.embedded).toBe(summary.chunks);
    expect(embedder.embeddedTexts).toBe(summary.chunks);

    const index = (await loadIndex(ws.indexDir, embedder))!;
    expect(index.manifest.dense).toEqual({
      modelId: BGE,
      dimension: embedder.dimension,
      pooling: "cls",
      normalized: true,
    });
    expect(index.manifest.pages.map((p) => p.sha256)).toHaveLength(5);
    expect(index.chunks.map((c) => c.id)).toEqual(index.manifest.chunkIds);
    const hits = await index.dense!.similaritySearchVectorWithScore(
      await embedder.embedQuery("多晶硅出口"),
      3,
    );
    expect(hits).toHaveLength(3);
    expect(hits[0]![1]).toBeGreaterThanOrEqual(hits[2]![1]);
    const byId = new Map(index.chunks.map((c) => [c.id, c]));
    const top = byId.get(searchKeywordIndex(index.keyword, "多晶硅出口8.5亿", 1)[0]!.id)!;
    expect(top.text).toContain("多晶硅出口8.5亿元");
  });

  it("re-embeds only the chunks of the page that changed, and drops a removed page", async () => {
    const first = await build();
    embedder.embeddedTexts = 0;
    expect((await build()).embedded).toBe(0);

    await appendFile(
      page("003"),
      "\n新增就业人员再创新高,西宁开发区表示将持续优化营商环境。(记者 樊娅楠)\n",
    );
    const status = await indexStatus(ws.seedsDir, ws.indexDir, BGE);
    expect(status).toMatchObject({
      state: "stale",
      reasons: ["page 003_bcfb9783f9e97214.txt changed"],
    });
    const afterEdit = await build();
    const index = (await loadIndex(ws.indexDir, embedder))!;
    const changedPageChunks = index.chunks.filter((c) => c.source.startsWith("003"));
    expect(afterEdit.embedded).toBeGreaterThan(0);
    expect(afterEdit.embedded).toBeLessThanOrEqual(changedPageChunks.length);
    expect(embedder.embeddedTexts).toBe(afterEdit.embedded);
    expect(afterEdit.reused).toBe(afterEdit.chunks - afterEdit.embedded);

    embedder.embeddedTexts = 0;
    await rm(page("000"));
    expect((await indexStatus(ws.seedsDir, ws.indexDir, BGE)).reasons).toEqual([
      "page 000_288891b281d8cdae.txt was removed",
    ]);
    const afterRemoval = await build();
    expect(afterRemoval).toMatchObject({ pages: 4, embedded: 0 });
    const smaller = (await loadIndex(ws.indexDir, embedder))!;
    expect(smaller.chunks.some((c) => c.source.startsWith("000"))).toBe(false);
    expect(smaller.dense!.count).toBe(smaller.chunks.length);
    expect(smaller.chunks.length).toBeLessThan(first.chunks);
  });

  it("rebuilds in full, saying why, when the model changes — vector spaces are never mixed", async () => {
    await build();
    const e5 = new CountingEmbeddings({ modelId: E5, modelsDir: ws.modelsDir });
    const summary = await buildIndex({
      seedsDir: ws.seedsDir,
      indexDir: ws.indexDir,
      embeddings: e5,
      log,
    });
    expect(summary.fullRebuildReason).toBe(`embedding model changed (${BGE} → ${E5})`);
    expect(summary.embedded).toBe(summary.chunks);
    expect(logs).toContain(`Rebuilding everything: embedding model changed (${BGE} → ${E5}).`);
    await expect(loadIndex(ws.indexDir, embedder)).rejects.toThrow(`was built with "${E5}"`);
  });

  it("an incremental rebuild's keyword index finds an added page and forgets a removed one", async () => {
    await build();
    const sourceOf = (index: LoadedIndex, id = "") => index.chunks.byId(id)?.source ?? "";
    const first = (await loadIndex(ws.indexDir, embedder))!;
    expect(sourceOf(first, searchKeywordIndex(first.keyword, "绿书签", 1)[0]?.id)).toMatch(/^004_/);
    await rm(page("004"));
    await writeFile(
      join(ws.seedsDir, "005_new.txt"),
      "本报讯（记者 测试）3月26日，西宁市召开新闻发布会，介绍全市冬季供暖保障情况。\n\n供暖保障新闻发布会召开\n",
    );
    const summary = await build();
    expect(summary).toMatchObject({ pages: 5, fullRebuildReason: null });
    expect(summary.reused).toBeGreaterThan(0);

    const after = (await loadIndex(ws.indexDir, embedder))!;
    const hits = searchKeywordIndex(after.keyword, "冬季供暖保障", 3);
    expect(sourceOf(after, hits[0]?.id)).toBe("005_new.txt");
    expect(after.keyword.bm25.ids).toEqual(after.manifest.chunkIds);
    // Only page 004 printed 绿书签: its words left with it (the characters 绿, 书 are elsewhere).
    expect(after.keyword.bm25.ids.every((id) => !sourceOf(after, id).startsWith("004_"))).toBe(
      true,
    );
    expect(
      searchKeywordIndex(after.keyword, "绿书签", 5).map((h) => sourceOf(after, h.id)),
    ).not.toContain(expect.stringMatching(/^004_/));
    expect(termIdf(after.keyword, "w:绿书签")).toBe(0);
  });

  it("--full re-embeds everything", async () => {
    await build();
    const summary = await build({ full: true });
    expect(summary).toMatchObject({ fullRebuildReason: "--full requested", reused: 0 });
    expect(summary.embedded).toBe(summary.chunks);
  });

  it("leaves the previous index loading and answering when a build fails halfway", async () => {
    await build();
    const before = (await loadIndex(ws.indexDir, embedder))!;
    await writeFile(
      join(ws.seedsDir, "005_new.txt"),
      "本报讯（记者 测试）3月26日，西宁市召开新闻发布会，介绍全市冬季供暖保障情况。\n\n供暖保障新闻发布会召开\n",
    );
    await appendFile(page("004"), "\n西宁市新增公共停车泊位1200个。\n");
    embedder.failAfter = embedder.embeddedTexts + 1;
    await expect(build({ full: true })).rejects.toThrow("simulated crash while embedding");

    const after = (await loadIndex(ws.indexDir, embedder))!;
    expect(after.manifest.chunkIds).toEqual(before.manifest.chunkIds);
    const hits = await after.dense!.similaritySearchVectorWithScore(
      await embedder.embedQuery("碳达峰试点"),
      2,
    );
    expect(hits).toHaveLength(2);
    expect(searchKeywordIndex(after.keyword, "碳达峰", 1)).toHaveLength(1);
    // The failed build's folder is gone; only the live build remains.
    expect((await readdir(ws.indexDir)).filter((f) => f.startsWith("build-"))).toHaveLength(1);
  });

  it("ignores and then removes a build folder left by a process killed mid-write", async () => {
    await build();
    const crashed = join(ws.indexDir, "build-20990101T000000-dead00");
    await mkdir(crashed);
    await writeFile(join(crashed, BUILD_MARKER), "");
    await writeFile(join(crashed, "chunks.bin"), "XNQA-CH\n");
    expect((await loadIndex(ws.indexDir, embedder))!.chunks.length).toBeGreaterThan(0);
    await build();
    expect(await readdir(ws.indexDir)).not.toContain("build-20990101T000000-dead00");
  });

  it("leaves build-* entries it did not make in INDEX_DIR (an operator's build-scripts/, build-notes.txt)", async () => {
    await build();
    await mkdir(join(ws.indexDir, "build-scripts"));
    await writeFile(join(ws.indexDir, "build-scripts", "deploy.sh"), "echo deploy\n");
    await writeFile(join(ws.indexDir, "build-notes.txt"), "notes\n");
    await mkdir(join(ws.indexDir, "build-20990101T000000-0perat"));
    await build();
    const entries = await readdir(ws.indexDir);
    expect(entries).toEqual(
      expect.arrayContaining(["build-scripts", "build-notes.txt", "build-20990101T000000-0perat"]),
    );
    expect(await readFile(join(ws.indexDir, "build-scripts", "deploy.sh"), "utf8")).toBe(
      "echo deploy\n",
    );
    // Of the program's own builds, only the live one is left.
    const ours = entries.filter((e) => /^build-\d{8}T\d{6}-[0-9a-f]{6}$/.test(e));
    expect(ours).toHaveLength(1);
  });

  it("builds the keyword index alone, and says why, when the model cannot be loaded", async () => {
    const missing = new CountingEmbeddings({ modelId: BGE, modelsDir: join(ws.root, "no-models") });
    const summary = await buildIndex({
      seedsDir: ws.seedsDir,
      indexDir: ws.indexDir,
      embeddings: missing,
      log,
    });
    expect(summary).toMatchObject({ dense: false, embedded: 0, pages: 5 });
    expect(logs.join("\n")).toMatch(
      /warning: Embedding model "Xenova\/bge-small-zh-v1.5" could not be loaded from .*no-models.*Building the keyword index only/,
    );
    const index = (await loadIndex(ws.indexDir, missing))!;
    expect(index.dense).toBeNull();
    expect(index.manifest.denseAbsentReason).toContain("Xenova/bge-small-zh-v1.5");
    expect(searchKeywordIndex(index.keyword, "西宁蓝", 1)).toHaveLength(1);
  });
});

describe("a build without the embedding model (offline)", () => {
  const offline = () =>
    new CountingEmbeddings({ modelId: BGE, modelsDir: join(ws.root, "no-models") });

  it("with requireDense (--strict) fails before writing anything: the dense index stays live", async () => {
    await build();
    const current = await readFile(join(ws.indexDir, "CURRENT"), "utf8");
    const entries = await readdir(ws.indexDir);
    await expect(build({ embeddings: offline(), requireDense: true })).rejects.toThrow(
      EmbeddingModelUnavailableError,
    );
    expect(await readFile(join(ws.indexDir, "CURRENT"), "utf8")).toBe(current);
    expect(await readdir(ws.indexDir)).toEqual(entries);
    expect((await loadIndex(ws.indexDir, embedder))!.dense).not.toBeNull();
  });

  it("keeps the previous vectors of unchanged chunks, says which have none, and the next build embeds only those", async () => {
    const first = await build();
    await appendFile(page("004"), "\n西宁市新增公共停车泊位1200个。\n");
    logs.length = 0;
    const keywordOnly = await build({ embeddings: offline() });
    expect(keywordOnly.dense).toBe(false);
    const kept =
      /warning: Kept the previous vectors of (\d+) of (\d+) chunks for when the model is back; (\d+) chunks? ha(?:s|ve) no vector yet \(new or changed text\): 004_477e742880208b76\.txt \((\d+)\)\./.exec(
        logs.join("\n"),
      );
    expect(kept).not.toBeNull();
    const [, keptCount, total, without] = kept!.map(Number);
    expect(keptCount! + without!).toBe(total);
    expect(keptCount).toBeGreaterThan(first.chunks / 2);

    embedder.embeddedTexts = 0;
    logs.length = 0;
    const back = await build();
    expect(back.dense).toBe(true);
    expect(back.embedded).toBe(without);
    expect(back.reused).toBe(keptCount);
    expect(logs.join("\n")).not.toContain("corrupt");
  });

  it("after a keyword-only build, the next dense build says the previous build had no vectors, not that it is corrupt", async () => {
    await build({ embeddings: offline() });
    logs.length = 0;
    const dense = await build();
    expect(dense.embedded).toBe(dense.chunks);
    expect(logs.join("\n")).toContain(
      "The previous build had no vectors (keyword-only): embedding every chunk.",
    );
    expect(logs.join("\n")).not.toContain("corrupt");
  });
});

describe("an empty SEEDS_DIR (an unmounted volume)", () => {
  const emptySeeds = async () => {
    for (const f of await readdir(ws.seedsDir)) await rm(join(ws.seedsDir, f));
  };

  it("keeps the previous build, refuses loudly, and builds the empty index only with allowEmpty", async () => {
    const first = await build();
    await emptySeeds();
    await expect(build()).rejects.toThrow(
      /holds no pages, but the index has 5: keeping the previous index.*--allow-empty/,
    );
    const kept = (await loadIndex(ws.indexDir, embedder))!;
    expect(kept.manifest.pages).toHaveLength(5);
    expect(await readdir(ws.indexDir)).toContain(
      first.buildDir.slice(first.buildDir.lastIndexOf("/") + 1),
    );

    const empty = await build({ allowEmpty: true });
    expect(empty.pages).toBe(0);
    expect(logs.join("\n")).toContain("warning: SEEDS_DIR");
  });

  it("answers from the previous index at start, with a warning, instead of wiping it", async () => {
    await build();
    await emptySeeds();
    logs.length = 0;
    const ready = await ensureIndex({
      seedsDir: ws.seedsDir,
      indexDir: ws.indexDir,
      embeddings: embedder,
      log,
    });
    expect(ready.built).toBeNull();
    expect(ready.index.manifest.pages).toHaveLength(5);
    expect(logs.join("\n")).toMatch(/warning: SEEDS_DIR .* holds no pages, but the index has 5/);
  });

  it("warns that 0 pages were found when there is no index yet", async () => {
    await emptySeeds();
    const summary = await build();
    expect(summary.pages).toBe(0);
    expect(logs.join("\n")).toMatch(/warning: 0 pages found in SEEDS_DIR/);
  });
});

describe("a damaged index", () => {
  it("is a clear CorruptIndexError naming the file, not a crash", async () => {
    const { buildDir } = await build();
    await writeFile(join(buildDir, "keyword.bin"), "{ not json");
    await expect(loadIndex(ws.indexDir, embedder)).rejects.toThrow(CorruptIndexError);
    await expect(loadIndex(ws.indexDir, embedder)).rejects.toThrow(
      /keyword\.bin is unusable \(Keyword index is corrupted: not a keyword index file/,
    );
  });

  it("is refused when its keyword index was built by another tokenizer (stale)", async () => {
    const { buildDir } = await build();
    const loaded = (await loadIndex(ws.indexDir, embedder))!;
    await writeFile(
      join(buildDir, "keyword.bin"),
      serializeKeywordIndex({ ...loaded.keyword, tokenizer: "zh-0-00000000" }),
    );
    await expect(loadIndex(ws.indexDir, embedder)).rejects.toThrow(
      /keyword\.bin is unusable \(Keyword index is stale: built with tokenizer zh-0-00000000/,
    );
  });

  it("is rebuilt at start (bot/REPL) with a note saying so — truncated vectors, garbage JSON, a dangling CURRENT", async () => {
    const damages: Array<(buildDir: string) => Promise<void>> = [
      (dir) => truncate(join(dir, "dense", "hnswlib.index"), 100),
      (dir) => writeFile(join(dir, "chunks.bin"), "[]"),
      (dir) => writeFile(join(dir, "manifest.json"), "garbage"),
      () => writeFile(join(ws.indexDir, "CURRENT"), "build-19700101T000000-gone00\n"),
    ];
    for (const damage of damages) {
      const { buildDir } = await build();
      await damage(buildDir);
      logs.length = 0;
      const { index, built } = await ensureIndex({
        seedsDir: ws.seedsDir,
        indexDir: ws.indexDir,
        embeddings: embedder,
        log,
      });
      expect(built, logs.join("\n")).not.toBeNull();
      expect(logs.join("\n")).toMatch(/(unreadable|unusable).*rebuilding it/);
      expect(index.chunks.length).toBe(built!.chunks);
      expect(index.dense!.count).toBe(index.chunks.length);
    }
  });
});

describe("ensureIndex at bot/REPL start", () => {
  it("builds a missing index, updates a stale one, and leaves a fresh one alone, saying what it does", async () => {
    const first = await ensureIndex({
      seedsDir: ws.seedsDir,
      indexDir: ws.indexDir,
      embeddings: embedder,
      log,
    });
    expect(logs[0]).toBe(`No index in ${ws.indexDir} yet: building it.`);
    expect(first.built).not.toBeNull();

    logs.length = 0;
    expect(
      (
        await ensureIndex({
          seedsDir: ws.seedsDir,
          indexDir: ws.indexDir,
          embeddings: embedder,
          log,
        })
      ).built,
    ).toBeNull();
    expect(logs).toEqual([]);

    await appendFile(page("000"), "\n西宁市新增城市绿地面积120公顷。\n");
    embedder.embeddedTexts = 0;
    const updated = await ensureIndex({
      seedsDir: ws.seedsDir,
      indexDir: ws.indexDir,
      embeddings: embedder,
      log,
    });
    expect(logs[0]).toBe(
      "The index is out of date (page 000_288891b281d8cdae.txt changed): updating it.",
    );
    expect(updated.built!.embedded).toBeLessThan(updated.built!.chunks);
    expect(updated.index.chunks.some((c) => c.text.includes("新增城市绿地面积120公顷"))).toBe(true);
  });

  it("says INDEX_DIR is a file, not that it is rebuilding, when a file stands there", async () => {
    await mkdir(ws.root, { recursive: true });
    await writeFile(ws.indexDir, "not a folder\n");
    await expect(
      ensureIndex({ seedsDir: ws.seedsDir, indexDir: ws.indexDir, embeddings: embedder, log }),
    ).rejects.toThrow(`INDEX_DIR "${ws.indexDir}" is a file, not a folder`);
    expect(logs.join("\n")).not.toMatch(/rebuilding|building it/);
  });

  it("opens keyword-only when the model is unavailable, and adds vectors once it is back", async () => {
    const offline = new CountingEmbeddings({ modelId: BGE, modelsDir: join(ws.root, "no-models") });
    const keywordOnly = await ensureIndex({
      seedsDir: ws.seedsDir,
      indexDir: ws.indexDir,
      embeddings: offline,
      log,
    });
    expect(keywordOnly.index.dense).toBeNull();
    expect(logs.join("\n")).toContain("Answering with keyword search only.");

    logs.length = 0;
    const back = await ensureIndex({
      seedsDir: ws.seedsDir,
      indexDir: ws.indexDir,
      embeddings: embedder,
      log,
    });
    expect(logs[0]).toBe("The embedding model is available now: adding vectors to the index.");
    expect(back.index.dense!.count).toBe(back.index.chunks.length);
  });
});

describe("the manifest", () => {
  it("records the model, dimension, pooling, chunker version, page hashes and chunk ids", async () => {
    const { buildDir } = await build();
    const manifest = JSON.parse(await readFile(join(buildDir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest)).toEqual(
      expect.arrayContaining([
        "dense",
        "chunkerVersion",
        "tokenizerVersion",
        "pages",
        "chunkIds",
        "builtAt",
        "formatVersion",
      ]),
    );
    expect(manifest.pages[0]).toMatchObject({
      source: "000_288891b281d8cdae.txt",
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});
