/**
 * Cutting text into terms on every core. jieba's cut is most of a keyword index build (at 10,000
 * pages ~34 s of ~47 s of CPU) and it is the same work for every passage, so the passages are cut
 * in batches by a pool of worker threads (tokenize-worker.ts), while this thread numbers the terms
 * and hands each passage to the index in order, as a list of numbers.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { CountedTerms } from "./bm25.js";

/** What a worker is sent: a batch of passages to cut. */
export interface TokenizeRequest {
  batch: number;
  texts: string[];
}

/**
 * What a worker answers: each passage's distinct terms as that worker's numbers with their
 * frequencies, passage after passage (`terms[ends[i − 1], ends[i])` is passage i, which holds
 * `lengths[i]` terms in all), and the terms it numbered for the first time, in number order.
 */
export interface TokenizeReply {
  batch: number;
  newTerms: string[];
  terms: Uint32Array<ArrayBuffer>;
  frequencies: Uint32Array<ArrayBuffer>;
  ends: Uint32Array<ArrayBuffer>;
  lengths: Uint32Array<ArrayBuffer>;
}

/**
 * Passages per batch: large enough that messaging costs nothing beside cutting (~0.3 ms a passage),
 * small enough that the batches in flight hold little and the last one leaves no core idle long.
 */
const BATCH_SIZE = 256;
/** Batches a worker holds at once: one to cut, one waiting, so it never idles on a message. */
const IN_FLIGHT_PER_WORKER = 2;

export interface TokenizePoolInput {
  /** Number of passages. */
  count: number;
  /** Passage i's text; called once per passage, in order. */
  text(i: number): string;
  /** The caller's number for a term, the same one each time it is asked. */
  termNumber(term: string): number;
  /**
   * Passage i: its number of terms, and its distinct terms as the caller's numbers with their
   * frequencies, `terms[from, to)` and `frequencies[from, to)`; called for i = 0, 1, … in order.
   */
  passage(i: number, passage: CountedTerms): void;
  /** Worker threads to start (≥ 1). */
  workers: number;
}

/**
 * Cuts every passage with `tokenize` in worker threads and gives each one's terms to
 * `input.passage`, in passage order. Rejects when a worker fails (its error); the workers are
 * stopped either way.
 */
export async function tokenizeInWorkers(input: TokenizePoolInput): Promise<void> {
  const batches = Math.ceil(input.count / BATCH_SIZE);
  if (batches === 0) return;
  const workerCount = Math.max(1, Math.min(input.workers, batches));
  const workers = Array.from({ length: workerCount }, () => startWorker());
  try {
    await new Promise<void>((resolve, reject) => {
      // Per worker: its term numbers → ours. A worker numbers terms in the order it meets them and
      // its replies arrive in the order it sent them, so each reply's new terms extend its table.
      const tables = workers.map(() => new Uint32Array(1024));
      const tableSizes = workers.map(() => 0);
      const ready = new Map<number, TokenizeReply>();
      let sent = 0;
      let nextBatch = 0;
      let failed = false;
      const send = (w: number) => {
        if (sent >= batches) return;
        const first = sent * BATCH_SIZE;
        const last = Math.min(input.count, first + BATCH_SIZE);
        const texts: string[] = [];
        for (let i = first; i < last; i++) texts.push(input.text(i));
        const request: TokenizeRequest = { batch: sent++, texts };
        workers[w]?.postMessage(request);
      };
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      workers.forEach((worker, w) => {
        worker.on("message", (reply: TokenizeReply) => {
          if (failed) return;
          try {
            let table = tables[w] as Uint32Array<ArrayBuffer>;
            let size = tableSizes[w] as number;
            if (size + reply.newTerms.length > table.length) {
              const bigger = new Uint32Array(
                Math.max(table.length * 2, size + reply.newTerms.length),
              );
              bigger.set(table);
              table = bigger;
              tables[w] = table;
            }
            for (const term of reply.newTerms) table[size++] = input.termNumber(term);
            tableSizes[w] = size;
            // Renumbered in place: the array was transferred to this thread and is ours.
            const { terms } = reply;
            for (let i = 0; i < terms.length; i++) terms[i] = table[terms[i] as number] as number;
            ready.set(reply.batch, reply);
            // The index takes passages in order: hand over every batch that is now next in line.
            for (let done = ready.get(nextBatch); done !== undefined; done = ready.get(nextBatch)) {
              ready.delete(nextBatch);
              const first = nextBatch * BATCH_SIZE;
              const passage: CountedTerms = {
                length: 0,
                terms: done.terms,
                frequencies: done.frequencies,
                from: 0,
                to: 0,
              };
              for (let j = 0; j < done.ends.length; j++) {
                passage.length = done.lengths[j] as number;
                passage.to = done.ends[j] as number;
                input.passage(first + j, passage);
                passage.from = passage.to;
              }
              nextBatch++;
            }
            if (nextBatch === batches) resolve();
            else send(w);
          } catch (error) {
            fail(error);
          }
        });
        worker.once("error", fail);
        worker.once("exit", (code) => {
          if (nextBatch < batches)
            fail(
              new Error(`a tokenizer worker stopped (exit code ${code}) before its work was done`),
            );
        });
        for (let k = 0; k < IN_FLIGHT_PER_WORKER; k++) send(w);
      });
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * A worker running tokenize-worker. From the compiled `dist/` it is a plain JavaScript file; run
 * from `src/` (tests, benches under tsx) the worker registers tsx's loader itself before importing
 * the TypeScript, since a worker does not inherit the loader of the thread that starts it.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./tokenize-worker.js", import.meta.url));
  const entry = new URL("./tokenize-worker.ts", import.meta.url).href;
  const tsxPackage = createRequire(import.meta.url).resolve("tsx/package.json");
  const tsxApi = pathToFileURL(join(tsxPackage, "..", "dist", "esm", "api", "index.mjs")).href;
  return new Worker(
    `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
}
