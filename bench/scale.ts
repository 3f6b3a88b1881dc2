/**
 * Issue 14's curve: the keyword index at archive size, beside the fastest peers, in one process.
 *
 *   npm run bench -- scale          (1,000 and 10,000 synthetic pages; several minutes)
 *   npx tsx bench/scale.ts --pages 1000,10000 [--minisearch-max 1000]
 *
 * Pages are the real pages' sentences reshuffled (bench/synthetic-pages.ts), ingested and chunked as
 * `npm run embed` does. Every contender indexes the same chunks as the same terms — our tokenizer's
 * (jieba words, numbers, bigrams, characters). For the peers they are cut once, on this thread, and
 * shared, so the peers are compared on indexing and search, not on Chinese word segmentation, which
 * they do not have: their "build" is that tokenizing plus their own indexing. Ours is `npm run
 * embed`'s, the text cut on every core by worker threads (tokenize-pool.ts) and indexed as it
 * comes; its CPU time counts every thread's.
 *
 * Queries: every Chinese question of the evaluation sets, each searched for its best 30 (the
 * retriever's depth). First one pass per contender alone right after loading (`firstPass…`: ours
 * decodes a term's postings on its first use; in this process the peers' garbage and a JIT
 * warmed by the smaller sizes ride along, so the target's figure is a fresh process's, see
 * `wholeIndexLoad`), then a pass with the contenders interleaved question
 * by question (their order rotating) so that the machine's noise hits all alike (`query…`). A
 * query's time includes cutting the question into terms. Our pruned search is also checked
 * against scoring every document: `mismatches` must be 0. `oursVerifyAll…` is decoding and
 * checking every posting at once. `chunkStore`: reading and checking chunks.bin (the articles and
 * chunks, which loading an index reads beside keyword.bin), beside parsing and checking the
 * chunks.json it replaced (its zod schema, kept in bench/scale-start.ts as the reference), each in
 * fresh processes (in this one, with the bench's heap, a collection rides along). `wholeIndexLoad`: what a
 * start pays, `loadIndex` on a published build of manifest.json, chunks.bin and keyword.bin
 * (keyword-only) in fresh processes, each then asked every question at once (`firstPass…`), and
 * the heap the loaded index holds.
 *
 * heap: V8 heap plus array buffers held by the index, after a forced GC, over the same figure
 * before it was made (for ours, the index as loaded from its file — what the bot holds, the file's
 * bytes and the posting arrays, decoded or not — over the figure before loading it).
 * file: our keyword.bin; FlexSearch's export; MiniSearch's JSON. load: reading it back (ours from
 * disk, the peers from memory).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import FlexSearch from "flexsearch";
import MiniSearch from "minisearch";
import { scoreBm25, scoreBm25Exhaustive } from "../src/index/bm25.js";
import { embeddingText } from "../src/index/build-index.js";
import { tokenize } from "../src/index/chinese-tokenizer.js";
import {
  buildKeywordIndexInParallel,
  deserializeKeywordIndex,
  type KeywordIndexData,
  searchKeywordIndex,
  serializeKeywordIndex,
  verifyKeywordIndex,
} from "../src/index/keyword-index.js";
import { encodeChunkStore } from "../src/index/chunk-store.js";
import { BUILD_MARKER, INDEX_FILES } from "../src/index/index-files.js";
import { loadIndex } from "../src/index/load-index.js";
import { INDEX_FORMAT_VERSION, type IndexManifest } from "../src/index/manifest.js";
import { CHUNKER_VERSION } from "../src/ingest/chunk.js";
import { TOKENIZER_VERSION } from "../src/index/chinese-tokenizer.js";
import { ingestPages } from "../src/ingest/ingest.js";
import type { Article, Chunk } from "../src/ingest/types.js";
import { syntheticPages } from "./synthetic-pages.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const { values: flags } = parseArgs({
  options: {
    pages: { type: "string", default: "1000,10000" },
    // MiniSearch takes ~10 minutes to index 10,000 pages here: by default it runs on the smaller sizes.
    "minisearch-max": { type: "string", default: "1000" },
  },
});
const sizes = flags.pages.split(",").map(Number);
const DEPTH = 30;
// The keyword index's weights (keyword-index.ts), for the exhaustive reference.
const WEIGHTS = { namespaceWeights: { w: 1, n: 1, b: 0.5, c: 0.2 } };

const EVAL_FILES = [
  "golden",
  "heldout",
  "understanding",
  "understanding-heldout",
  "understanding-heldout2",
  "understanding-heldout3",
  "understanding-heldout4",
  "understanding-heldout5",
  "understanding-heldout6",
];
const queries = [
  ...new Set(
    EVAL_FILES.flatMap((name) =>
      readFileSync(new URL(`../test/eval/${name}.jsonl`, import.meta.url), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as { question: string; lang?: string })
        .filter((item) => item.lang !== "en")
        .map((item) => item.question),
    ),
  ),
];

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
/** Heap and array buffers in use, after GCs and pauses that let V8 release freed buffers too. */
const held = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const mb = (bytes: number) => round(bytes / 1e6, 1);
const timed = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const value = fn();
  return [value, performance.now() - t];
};
/** CPU milliseconds (all threads: GC's too) spent in `fn`: the machine is shared, wall time is not. */
const cpu = <T>(fn: () => T): [T, number] => {
  const before = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(before);
  return [value, (used.user + used.system) / 1000];
};

interface Contender {
  name: string;
  buildMs: number;
  buildCpuMs: number;
  heapBytes: number;
  fileBytes: number;
  loadMs: number;
  loadCpuMs: number;
  search(query: string): unknown;
  times: number[];
  firstPassTimes: number[];
}

/**
 * The chunk store: chunks.bin as loadIndex reads it, beside the chunks.json it replaced parsed and
 * checked as it was, each in fresh processes (bench/scale-start.ts --chunks), alternated,
 * {@link STARTS} of each: the medians.
 */
async function chunkStoreLoad(dir: string, articles: Article[], chunks: Chunk[]) {
  const bin = join(dir, "chunks.bin");
  const json = join(dir, "chunks.json");
  await writeFile(bin, encodeChunkStore(articles, chunks));
  await writeFile(json, JSON.stringify({ articles, chunks }));
  const binRuns: Array<{ loadMs: number; loadCpuMs: number }> = [];
  const jsonRuns: Array<{ loadMs: number; loadCpuMs: number }> = [];
  for (let i = 0; i < STARTS; i++) {
    binRuns.push(await runStart(["--chunks", bin]));
    jsonRuns.push(await runStart(["--chunks", json]));
  }
  const median = (xs: Array<{ loadMs: number; loadCpuMs: number }>) => ({
    loadMs: round(
      quantile(
        xs.map((x) => x.loadMs),
        0.5,
      ),
    ),
    loadCpuMs: round(
      quantile(
        xs.map((x) => x.loadCpuMs),
        0.5,
      ),
    ),
  });
  const size = async (file: string) => mb((await readFile(file)).length);
  return {
    fileMB: await size(bin),
    ...median(binRuns),
    chunksJson: { fileMB: await size(json), ...median(jsonRuns) },
  };
}

/** How many fresh processes start the index (bench/scale-start.ts): the median is reported. */
const STARTS = 3;

/**
 * A published keyword-only build of these pages, as `npm run embed` writes it, then `loadIndex`
 * on it: here for the heap the loaded index holds, and in {@link STARTS} fresh processes
 * (bench/scale-start.ts) for what a start pays — the load (manifest, chunks, keyword index) on a
 * cold JIT, and every question fired the moment it is loaded. The keyword index's background
 * decoding (warmKeywordIndex) runs on timers after the load and is not counted.
 */
async function wholeIndexLoad(
  indexDir: string,
  pages: ReadonlyArray<{ source: string; text: string }>,
  articles: Article[],
  chunks: Chunk[],
  keywordBytes: Buffer,
) {
  const name = "build-bench";
  const dir = join(indexDir, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, BUILD_MARKER), "");
  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    builtAt: new Date().toISOString(),
    chunkerVersion: CHUNKER_VERSION,
    tokenizerVersion: TOKENIZER_VERSION,
    dense: null,
    denseAbsentReason: "bench",
    pages: pages.map((p) => ({
      source: p.source,
      sha256: createHash("sha256").update(p.text).digest("hex"),
      articles: 0,
      chunks: 0,
    })),
    skipped: [],
    chunkIds: chunks.map((c) => c.id),
  };
  await writeFile(join(dir, INDEX_FILES.manifest), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, INDEX_FILES.chunks), encodeChunkStore(articles, chunks));
  await writeFile(join(dir, INDEX_FILES.keyword), keywordBytes);
  await writeFile(join(indexDir, "CURRENT"), `${name}\n`);
  const before = await held();
  const loaded = await loadIndex(indexDir, null);
  if (loaded?.chunks.length !== chunks.length) throw new Error("the index did not load whole");
  // Its background decoding done now (its timers do not keep a process alive), so that it does
  // not run beside the starts below.
  verifyKeywordIndex(loaded.keyword);
  const heapBytes = (await held()) - before;
  const questionsFile = join(indexDir, "questions.json");
  await writeFile(questionsFile, JSON.stringify(queries));
  const starts: Array<{ loadMs: number; loadCpuMs: number; firstPassMs: number[] }> = [];
  for (let i = 0; i < STARTS; i++) starts.push(await runStart([indexDir, questionsFile]));
  const median = (xs: number[]) => quantile(xs, 0.5);
  return {
    loadMs: round(median(starts.map((s) => s.loadMs))),
    loadCpuMs: round(median(starts.map((s) => s.loadCpuMs))),
    heapMB: mb(heapBytes),
    manifestMB: mb((await readFile(join(dir, INDEX_FILES.manifest))).length),
    // Each start's p50 and p99 over all the questions; the median start's figures are ours.
    firstPassP50Ms: round(median(starts.map((s) => quantile(s.firstPassMs, 0.5))), 3),
    firstPassP99Ms: round(median(starts.map((s) => quantile(s.firstPassMs, 0.99))), 3),
    starts: starts.map((s) => ({
      loadMs: round(s.loadMs),
      loadCpuMs: round(s.loadCpuMs),
      firstPassP50Ms: round(quantile(s.firstPassMs, 0.5), 3),
      firstPassP99Ms: round(quantile(s.firstPassMs, 0.99), 3),
      firstPassMaxMs: round(Math.max(...s.firstPassMs), 3),
    })),
  };
}

/** bench/scale-start.ts in a process of its own; what it printed. */
function runStart<T = { loadMs: number; loadCpuMs: number; firstPassMs: number[] }>(
  args: string[],
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/scale-start.ts", ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (data: Buffer) => {
      out += data.toString("utf8");
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`scale-start exited ${code}`)),
    );
  });
}

async function measure(pageCount: number) {
  const generator = syntheticPages();
  const pages = Array.from({ length: pageCount }, (_, i) => generator.page(i));
  const { articles, chunks } = ingestPages(pages);
  const texts = chunks.map((c) => embeddingText(c));
  const ids = chunks.map((c) => c.id);

  // Cut once, shared: each chunk's terms as numbers into one vocabulary.
  const vocabulary: string[] = [];
  const numbers = new Map<string, number>();
  const [[encoded, tokenizeCpuMs], tokenizeMs] = timed(() =>
    cpu(() =>
      texts.map((text) =>
        Uint32Array.from(tokenize(text), (term) => {
          let n = numbers.get(term);
          if (n === undefined) {
            n = vocabulary.length;
            numbers.set(term, n);
            vocabulary.push(term);
          }
          return n;
        }),
      ),
    ),
  );
  const termsOf = (i: number) => Array.from(encoded[i] ?? [], (n) => vocabulary[n] ?? "");
  const joined = (i: number) => termsOf(i).join(" ");
  const postings = encoded.reduce((sum, terms) => sum + new Set(terms).size, 0);

  const contenders: Contender[] = [];

  // Ours: build, write, read back; the loaded copy is the one searched and weighed.
  const dir = await mkdtemp(join(tmpdir(), "bench-scale-"));
  const keywordFile = join(dir, "keyword.bin");
  let ours: KeywordIndexData;
  {
    const file = keywordFile;
    // Built and written in a function of its own, so that the built copy is garbage before the
    // loaded one is weighed.
    const write = async () => {
      // Our build as `npm run embed` runs it: the text cut on every core (tokenize-pool.ts) and
      // indexed as it comes, not the shared terms the peers index.
      const before = process.cpuUsage();
      const started = performance.now();
      const built = await buildKeywordIndexInParallel(
        texts.map((text, i) => ({ id: ids[i] ?? "", text })),
      );
      const buildMs = performance.now() - started;
      const used = process.cpuUsage(before);
      await writeFile(file, serializeKeywordIndex(built));
      return { buildMs, buildCpuMs: (used.user + used.system) / 1000 };
    };
    const { buildMs, buildCpuMs } = await write();
    const fileBytes = (await readFile(file)).length;
    const before = await held();
    const loadStart = performance.now();
    const loadCpu = process.cpuUsage();
    ours = deserializeKeywordIndex(await readFile(file));
    const loadMs = performance.now() - loadStart;
    const loadCpuUsed = process.cpuUsage(loadCpu);
    const loadCpuMs = (loadCpuUsed.user + loadCpuUsed.system) / 1000;
    contenders.push({
      name: "ours",
      buildMs,
      buildCpuMs,
      heapBytes: (await held()) - before,
      fileBytes,
      loadMs,
      loadCpuMs,
      search: (q) => searchKeywordIndex(ours, q, DEPTH),
      times: [],
      firstPassTimes: [],
    });
  }

  // FlexSearch: the same terms, split on the spaces we join them with. `suggest` makes a query
  // match any of its terms (OR), as BM25 does; without it FlexSearch returns only documents
  // holding every term.
  {
    const options = { tokenize: "strict" as const, encode: (s: string) => s.split(" ") };
    const before = await held();
    const [[flex, buildCpuMs], buildMs] = timed(() =>
      cpu(() => {
        const index = new FlexSearch.Index(options);
        for (let i = 0; i < ids.length; i++) index.add(i, joined(i));
        return index;
      }),
    );
    const exported = new Map<string, string>();
    await flex.export((key: string | number, data: string) => {
      exported.set(String(key), data);
    });
    const fileBytes = [...exported].reduce((n, [k, v]) => n + k.length + (v?.length ?? 0), 0);
    const [[, loadCpuMs], loadMs] = timed(() =>
      cpu(() => {
        const copy = new FlexSearch.Index(options);
        for (const [key, data] of exported) copy.import(key, data);
        return copy;
      }),
    );
    exported.clear();
    contenders.push({
      name: "flexsearch",
      buildMs: tokenizeMs + buildMs,
      buildCpuMs: tokenizeCpuMs + buildCpuMs,
      heapBytes: (await held()) - before,
      fileBytes,
      loadMs,
      loadCpuMs,
      search: (q) => flex.search(tokenize(q).join(" "), { limit: DEPTH, suggest: true }),
      times: [],
      firstPassTimes: [],
    });
  }

  if (pageCount <= Number(flags["minisearch-max"])) {
    const options = {
      fields: ["t"],
      tokenize: (s: string) => s.split(" "),
      processTerm: (t: string) => t,
    };
    const before = await held();
    const [[mini, buildCpuMs], buildMs] = timed(() =>
      cpu(() => {
        const index = new MiniSearch<{ id: number; t: string }>(options);
        for (let i = 0; i < ids.length; i++) index.add({ id: i, t: joined(i) });
        return index;
      }),
    );
    const heapBytes = (await held()) - before;
    const json = JSON.stringify(mini);
    const [[, loadCpuMs], loadMs] = timed(() => cpu(() => MiniSearch.loadJSON(json, options)));
    contenders.push({
      name: "minisearch",
      buildMs: tokenizeMs + buildMs,
      buildCpuMs: tokenizeCpuMs + buildCpuMs,
      heapBytes,
      fileBytes: Buffer.byteLength(json),
      loadMs,
      loadCpuMs,
      search: (q) => mini.search(tokenize(q).join(" ")).slice(0, DEPTH),
      times: [],
      firstPassTimes: [],
    });
  }

  // A first pass over every question, each contender alone, as a freshly started process sees
  // them: ours decodes each term's postings on its first use (keyword-index-file.ts). Then our
  // remaining postings are decoded and checked all at once (verifyKeywordIndex, what loading
  // used to do), so that the interleaved pass below measures every contender warm.
  for (const contender of contenders) {
    for (const query of queries) {
      const t = performance.now();
      contender.search(query);
      contender.firstPassTimes.push(performance.now() - t);
    }
  }
  const [[, verifyCpuMs], verifyMs] = timed(() => cpu(() => verifyKeywordIndex(ours)));

  // Queries, interleaved; then ours against the exhaustive reference.
  queries.forEach((query, i) => {
    for (let j = 0; j < contenders.length; j++) {
      const contender = contenders[(i + j) % contenders.length] as Contender;
      const t = performance.now();
      contender.search(query);
      contender.times.push(performance.now() - t);
    }
  });
  let mismatches = 0;
  const exhaustiveTimes: number[] = [];
  const prunedTimes: number[] = [];
  for (const query of queries) {
    const terms = tokenize(query);
    const [reference, exhaustiveMs] = timed(() =>
      scoreBm25Exhaustive(ours.bm25, terms, DEPTH, WEIGHTS),
    );
    const [pruned, prunedMs] = timed(() => scoreBm25(ours.bm25, terms, DEPTH, WEIGHTS));
    exhaustiveTimes.push(exhaustiveMs);
    prunedTimes.push(prunedMs);
    if (JSON.stringify(reference) !== JSON.stringify(pruned)) mismatches++;
  }

  // The peers are garbage now; then the chunk store and a whole index loaded as a start loads it.
  for (const contender of contenders) contender.search = () => undefined;
  const chunkStore = await chunkStoreLoad(dir, articles, chunks);
  const whole = await wholeIndexLoad(
    join(dir, "index"),
    pages,
    articles,
    chunks,
    await readFile(keywordFile),
  );
  await rm(dir, { recursive: true, force: true });

  return {
    pages: pageCount,
    chunks: chunks.length,
    postings,
    queries: queries.length,
    tokenizeMs: round(tokenizeMs),
    tokenizeCpuMs: round(tokenizeCpuMs),
    contenders: Object.fromEntries(
      contenders.map((c) => [
        c.name,
        {
          buildMs: round(c.buildMs),
          buildCpuMs: round(c.buildCpuMs),
          msPerPage: round(c.buildMs / pageCount),
          cpuMsPerPage: round(c.buildCpuMs / pageCount),
          queryP50Ms: round(quantile(c.times, 0.5), 3),
          queryP99Ms: round(quantile(c.times, 0.99), 3),
          firstPassP50Ms: round(quantile(c.firstPassTimes, 0.5), 3),
          firstPassP99Ms: round(quantile(c.firstPassTimes, 0.99), 3),
          heapMB: mb(c.heapBytes),
          fileMB: mb(c.fileBytes),
          loadMs: round(c.loadMs),
          loadCpuMs: round(c.loadCpuMs),
        },
      ]),
    ),
    // Decoding and checking every posting our lazy load left for later.
    oursVerifyAllMs: round(verifyMs),
    oursVerifyAllCpuMs: round(verifyCpuMs),
    // What loadIndex reads beside keyword.bin: chunks.bin (articles and chunks, the quoted text),
    // and chunks.json as it was read before it.
    chunkStore,
    // loadIndex on a published keyword-only build: manifest + chunks.bin + keyword.bin.
    wholeIndexLoad: whole,
    oursScoringOnly: {
      prunedP50Ms: round(quantile(prunedTimes, 0.5), 3),
      prunedP99Ms: round(quantile(prunedTimes, 0.99), 3),
      exhaustiveP50Ms: round(quantile(exhaustiveTimes, 0.5), 3),
      exhaustiveP99Ms: round(quantile(exhaustiveTimes, 0.99), 3),
      mismatches,
    },
  };
}

// jieba's dictionary loads on first use: not a per-page cost.
tokenize("西宁开发区");
const runs = [];
for (const size of sizes) {
  runs.push(await measure(size));
  console.error(`scale: ${size} pages done`);
}

type Run = (typeof runs)[number];
const first = runs[0] as Run;
const last = runs.at(-1) as Run;
const figure = (run: Run, name: string) =>
  (run.contenders as Record<string, Record<string, number>>)[name] ?? {};
const peers = Object.keys(last.contenders).filter((name) => name !== "ours");
const fastestPeer =
  peers.sort((x, y) => (figure(last, x).queryP50Ms ?? 0) - (figure(last, y).queryP50Ms ?? 0))[0] ??
  "";
const ours = figure(last, "ours");
const peer = figure(last, fastestPeer);
// Per-page build cost, largest size over smallest, in CPU time: wall time on a shared machine
// measures the neighbours as much as the code.
const ratio = (run: Run, other: Run, name: string) =>
  round((figure(run, name).cpuMsPerPage ?? 0) / (figure(other, name).cpuMsPerPage ?? 1));
const target = (label: string, value: number, limit: number, peerValue: number | undefined) => ({
  target: label,
  ours: value,
  [fastestPeer]: peerValue,
  met: value <= limit,
});
console.log(
  JSON.stringify(
    {
      benchmark: "keyword index at scale",
      runs,
      perPageBuildRatio: Object.fromEntries(
        Object.keys(last.contenders).map((name) => [name, ratio(last, first, name)]),
      ),
      // Issue 14's targets at the largest size, each with our figure and the fastest peer's.
      targets: [
        target("query p50 ≤ 10 ms", ours.queryP50Ms ?? 0, 10, peer.queryP50Ms),
        target("query p99 ≤ 50 ms", ours.queryP99Ms ?? 0, 50, peer.queryP99Ms),
        target(
          "query p99 ≤ 50 ms, first pass after load (a fresh process)",
          last.wholeIndexLoad.firstPassP99Ms,
          50,
          peer.firstPassP99Ms,
        ),
        target(
          `query p50 no slower than ${fastestPeer}`,
          ours.queryP50Ms ?? 0,
          peer.queryP50Ms ?? 0,
          peer.queryP50Ms,
        ),
        target("heap ≤ 400 MB", ours.heapMB ?? 0, 400, peer.heapMB),
        target("file ≤ 120 MB", ours.fileMB ?? 0, 120, peer.fileMB),
        target("keyword index load ≤ 1000 ms (wall)", ours.loadMs ?? 0, 1000, peer.loadMs),
        target("keyword index load ≤ 1000 ms (CPU)", ours.loadCpuMs ?? 0, 1000, peer.loadCpuMs),
        target(
          "whole index load (manifest + chunks + keyword) ≤ 1000 ms (wall)",
          last.wholeIndexLoad.loadMs,
          1000,
          peer.loadMs,
        ),
        target(
          "whole index load ≤ 1000 ms (CPU)",
          last.wholeIndexLoad.loadCpuMs,
          1000,
          peer.loadCpuMs,
        ),
        target("build ≤ 40000 ms (wall)", ours.buildMs ?? 0, 40_000, peer.buildMs),
        target("build ≤ 40000 ms (CPU)", ours.buildCpuMs ?? 0, 40_000, peer.buildCpuMs),
        target(
          "per-page build CPU 10k/1k ≤ 1.1",
          ratio(last, first, "ours"),
          1.1,
          ratio(last, first, fastestPeer),
        ),
      ],
    },
    null,
    2,
  ),
);
