import { describe, expect, it } from "vitest";
import {
  INDEX_FORMAT_VERSION,
  stalenessReasons,
  type IndexManifest,
} from "../../src/index/manifest.js";

const manifest: IndexManifest = {
  formatVersion: INDEX_FORMAT_VERSION,
  builtAt: "2026-11-21T00:00:00.000Z",
  chunkerVersion: "c1",
  tokenizerVersion: "t1",
  dense: { modelId: "Xenova/bge-small-zh-v1.5", dimension: 512, pooling: "cls", normalized: true },
  denseAbsentReason: null,
  pages: [
    { source: "a.txt", sha256: "aa", articles: 1, chunks: 2 },
    { source: "b.txt", sha256: "bb", articles: 1, chunks: 2 },
  ],
  skipped: [],
  chunkIds: ["1", "2", "3", "4"],
};
const same = {
  pages: [
    { source: "a.txt", sha256: "aa" },
    { source: "b.txt", sha256: "bb" },
  ],
  chunkerVersion: "c1",
  tokenizerVersion: "t1",
  modelId: "Xenova/bge-small-zh-v1.5",
};

describe("stalenessReasons", () => {
  it("is empty for the same pages and settings", () => {
    expect(
      stalenessReasons(manifest, { ...same, dense: { dimension: 512, pooling: "cls" } }),
    ).toEqual([]);
  });

  it("names every page that is new, changed or removed", () => {
    const pages = [
      { source: "a.txt", sha256: "a2" },
      { source: "c.txt", sha256: "cc" },
    ];
    expect(stalenessReasons(manifest, { ...same, pages })).toEqual([
      "page a.txt changed",
      "page c.txt is new",
      "page b.txt was removed",
    ]);
  });

  it("says why every vector is void: model, dimension, pooling, chunker, tokenizer", () => {
    expect(
      stalenessReasons(manifest, { ...same, modelId: "Xenova/multilingual-e5-small" }),
    ).toEqual([
      "embedding model changed (Xenova/bge-small-zh-v1.5 → Xenova/multilingual-e5-small)",
    ]);
    expect(
      stalenessReasons(manifest, { ...same, dense: { dimension: 768, pooling: "mean" } }),
    ).toEqual([
      "embedding dimension changed (512 → 768)",
      "embedding pooling changed (cls → mean)",
    ]);
    expect(
      stalenessReasons(manifest, { ...same, chunkerVersion: "c2", tokenizerVersion: "t2" }),
    ).toEqual(["chunker changed (c1 → c2)", "keyword tokenizer changed (t1 → t2)"]);
  });

  it("does not call a keyword-only index stale for lacking vectors", () => {
    expect(
      stalenessReasons({ ...manifest, dense: null, denseAbsentReason: "offline" }, same),
    ).toEqual([]);
  });
});
