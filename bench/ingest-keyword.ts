/**
 * Benchmark of the non-model build cost: ingest (decode → normalize → segment → chunk) and the
 * keyword index, on the five real pages and on synthetic pages made by reshuffling the real pages'
 * sentences into the same OCR layout (short wrapped lines, headlines after bodies).
 *
 *   npx tsx bench/ingest-keyword.ts [--pages 100,300,1000] [--large-mb 1,2,4,10]
 *
 * Also one large page per `--large-mb` size, made of page 001 repeated (issue 11's defect 10: a
 * 10 MB page took 85 s in the issue, 125 s here, before headline matching was limited to nearby articles and chunk ids
 * stopped renumbering from #2; 1.4 s after, ~0.15 s per MB).
 *
 * Prints one JSON object. The build cost should be linear in pages: ms/page roughly constant.
 */
import { parseArgs } from "node:util";
import {
  buildKeywordIndex,
  searchKeywordIndex,
  serializeKeywordIndex,
} from "../src/index/keyword-index.js";
import { tokenize } from "../src/index/chinese-tokenizer.js";
import { ingestPages } from "../src/ingest/ingest.js";
import { embeddingText } from "../src/index/build-index.js";
import { loadSeedPages } from "../test/helpers/seeds.js";
import { syntheticPages } from "./synthetic-pages.js";

const { values: flags } = parseArgs({
  options: {
    pages: { type: "string", default: "100,300,1000" },
    "large-mb": { type: "string", default: "1,2,4,10" },
  },
});
const sizes = flags.pages.split(",").map(Number);
const real = loadSeedPages();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

function buildAll(pages: Array<{ source: string; text: string }>) {
  const ingest = time(() => ingestPages(pages));
  const keyword = time(() =>
    buildKeywordIndex(ingest.value.chunks.map((c) => ({ id: c.id, text: embeddingText(c) }))),
  );
  return {
    ingestMs: ingest.ms,
    keywordMs: keyword.ms,
    chunks: ingest.value.chunks.length,
    articles: ingest.value.articles.length,
    index: keyword.value,
  };
}

// jieba loads its dictionary on first use: measured apart so it does not count as per-page cost.
const jiebaLoadMs = time(() => tokenize("西宁开发区")).ms;

const fiveRuns = Array.from({ length: 7 }, () => buildAll(real));
const five = {
  pages: real.length,
  articles: fiveRuns[0]!.articles,
  chunks: fiveRuns[0]!.chunks,
  ingestMsMedian: round(median(fiveRuns.map((r) => r.ingestMs))),
  keywordMsMedian: round(median(fiveRuns.map((r) => r.keywordMs))),
};

const generator = syntheticPages();
const syntheticPage = (n: number) => generator.page(n);

const synthetic = sizes.map((count) => {
  const pages = Array.from({ length: count }, (_, i) => syntheticPage(i));
  const run = buildAll(pages);
  const file = serializeKeywordIndex(run.index);
  const queries = [
    "多晶硅出口8.5亿元",
    "西宁蓝提质行动",
    "绿色算力项目",
    "石建平主持召开",
    "12345政务服务便民热线",
  ];
  const search = queries.map((q) => time(() => searchKeywordIndex(run.index, q, 20)).ms);
  return {
    pages: count,
    articles: run.articles,
    chunks: run.chunks,
    ingestMs: round(run.ingestMs),
    keywordMs: round(run.keywordMs),
    msPerPage: round((run.ingestMs + run.keywordMs) / count),
    keywordIndexMB: round(file.length / 1e6),
    keywordSearchMsMedian: round(median(search)),
  };
});

// One large page: page 001 repeated to the size asked (ingest only; the keyword index is per chunk).
const page001 = real.find((p) => p.source.startsWith("001"))!;
const largePage = flags["large-mb"].split(",").map((mb) => {
  const copies = Math.ceil((Number(mb) * 1e6) / Buffer.byteLength(page001.text));
  const text = Array.from({ length: copies }, () => page001.text).join("\n\n");
  const run = time(() => ingestPages([{ source: "large.txt", text }]));
  return {
    mb: Number(mb),
    articles: run.value.articles.length,
    ingestMs: round(run.ms),
    msPerMB: round(run.ms / Number(mb)),
  };
});

const perPage = synthetic.map((s) => s.msPerPage);
console.log(
  JSON.stringify(
    {
      benchmark: "ingest+keyword-index",
      jiebaLoadMs: round(jiebaLoadMs),
      fiveRealPages: five,
      synthetic,
      largePage,
      // Linear means ms/page stays flat: largest size over smallest.
      linearity: round(perPage.at(-1)! / perPage[0]!),
    },
    null,
    2,
  ),
);

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
