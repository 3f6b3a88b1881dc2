import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildBm25Index, scoreBm25, scoreBm25Exhaustive } from "../../src/index/bm25.js";
import { embeddingText } from "../../src/index/build-index.js";
import { tokenize } from "../../src/index/chinese-tokenizer.js";
import { ingestPages } from "../../src/ingest/ingest.js";
import { loadSeedPages } from "../helpers/seeds.js";
import { mulberry32 } from "../helpers/mulberry32.js";

// The keyword index's weights: single characters weigh little, which is what pruning exploits.
const WEIGHTS = { namespaceWeights: { w: 1, n: 1, b: 0.5, c: 0.2 } };

const questions = (file: string): string[] =>
  readFileSync(new URL(`../eval/${file}`, import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .flatMap((line) => {
      const item = JSON.parse(line) as { question?: string; turns?: Array<{ q: string }> };
      return item.question !== undefined ? [item.question] : (item.turns ?? []).map((t) => t.q);
    });

describe("scoreBm25 (pruned) against scoring every document", () => {
  const { chunks } = ingestPages(loadSeedPages());
  // Every chunk three times over: many exact ties, which must come out in index order.
  const documents = [0, 1, 2].flatMap((copy) =>
    chunks.map((c) => ({ id: `${copy}:${c.id}`, terms: tokenize(embeddingText(c)) })),
  );
  const index = buildBm25Index(documents);
  const random = mulberry32(14);
  const texts = chunks.map((c) => c.text);
  // Spans of the pages (what a user quotes) and the question sets (what users ask).
  const spans = Array.from({ length: 150 }, () => {
    const text = texts[Math.floor(random() * texts.length)]!;
    const from = Math.floor(random() * text.length);
    return text.slice(from, from + 2 + Math.floor(random() * 20));
  });
  const queries = [
    ...spans,
    ...questions("golden.jsonl"),
    ...questions("understanding-heldout2.jsonl"),
    ...questions("conversations.jsonl"),
    "铝",
    "的",
    "西宁",
    "西宁 开发区 西宁",
  ];

  it("returns the same documents, scores and order for every query and depth", () => {
    let compared = 0;
    for (const query of queries) {
      const terms = tokenize(query);
      for (const k of [1, 3, 10, 40]) {
        const pruned = scoreBm25(index, terms, k, WEIGHTS);
        expect(pruned, `${query} @${k}`).toEqual(scoreBm25Exhaustive(index, terms, k, WEIGHTS));
        compared += pruned.length;
      }
    }
    expect(queries.length).toBeGreaterThan(300);
    expect(compared).toBeGreaterThan(queries.length * 40);
  });

  it("stays exact with other k1 and b, and without namespace weights", () => {
    for (const query of queries.slice(0, 60)) {
      const terms = tokenize(query);
      for (const options of [{}, { k1: 2, b: 0.3 }, { k1: 0.5, b: 1, ...WEIGHTS }]) {
        expect(scoreBm25(index, terms, 10, options)).toEqual(
          scoreBm25Exhaustive(index, terms, 10, options),
        );
      }
    }
  });
});
