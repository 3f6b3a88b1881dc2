/**
 * A worker thread of {@link tokenizeInWorkers}: cuts the texts of each batch it is sent with
 * {@link tokenize}, counts each passage's terms, and answers with numbers, not strings. Each term is sent once, the first time
 * this worker meets it (`newTerms`, numbered on from the last batch's), and from then on only its
 * number: at 10,000 pages that is ~6·10⁷ terms as one transferred array instead of ~6·10⁷ strings
 * copied between threads.
 */
import { parentPort } from "node:worker_threads";
import { tokenize } from "./chinese-tokenizer.js";
import type { TokenizeReply, TokenizeRequest } from "./tokenize-pool.js";
import { U32List } from "./u32-list.js";

const port = parentPort;
if (port === null) throw new Error("tokenize-worker.ts runs as a worker thread only");

const numbers = new Map<string, number>();
// Per term number: how often the passage being cut holds it (0 between passages).
let counts = new Uint32Array(1 << 16);
port.on("message", ({ batch, texts }: TokenizeRequest) => {
  const newTerms: string[] = [];
  const terms = new U32List();
  const frequencies = new U32List();
  const ends = new Uint32Array(texts.length);
  const lengths = new Uint32Array(texts.length);
  const distinct: number[] = [];
  texts.forEach((text, i) => {
    const cut = tokenize(text);
    lengths[i] = cut.length;
    distinct.length = 0;
    for (const term of cut) {
      let n = numbers.get(term);
      if (n === undefined) {
        n = numbers.size;
        numbers.set(term, n);
        newTerms.push(term);
        if (n === counts.length) {
          const bigger = new Uint32Array(counts.length * 2);
          bigger.set(counts);
          counts = bigger;
        }
      }
      const before = counts[n] as number;
      if (before === 0) distinct.push(n);
      counts[n] = before + 1;
    }
    for (const n of distinct) {
      terms.push(n);
      frequencies.push(counts[n] as number);
      counts[n] = 0;
    }
    ends[i] = terms.length;
  });
  const reply: TokenizeReply = {
    batch,
    newTerms,
    terms: terms.done(),
    frequencies: frequencies.done(),
    ends,
    lengths,
  };
  port.postMessage(reply, [
    reply.terms.buffer,
    reply.frequencies.buffer,
    ends.buffer,
    lengths.buffer,
  ]);
});
