/**
 * jieba's idf table (`@node-rs/jieba/idf.txt`: 270k words, each with its idf in general Chinese),
 * read as a lookup table without building jieba's native keyword extractor. `TfIdf.withDict`
 * parses the 6 MB text into a native hash map on every start: ~80–170 ms holding the event loop
 * and ~22 MB of RSS, for the few dozen words a question asks about. Instead the table is written
 * once, on the first start, as a binary file in the cache folder (beside the English index's
 * cache), and each later start reads that file (~6 MB, no parsing) and looks words up by binary
 * search over its sorted words.
 *
 * The file, little-endian: `JIDF`, format (u32), word count n (u32), bytes of words (u32), the
 * median idf (f64), n idf values (f64), n + 1 offsets into the words (u32), the words (UTF-8, in
 * JavaScript's string order, not separated). It is named after the table's size and mtime and the format, so
 * an upgraded jieba or another layout is a new file; a file of the wrong length or header is
 * rebuilt. The cache is an optimisation: when it can be neither read nor written the table is
 * built in memory.
 */
import { readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { DEFAULT_CACHE_DIR, writeCache } from "../english/index-cache.js";

export interface IdfTable {
  /** The word's idf as jieba's table gives it, or undefined when the table lacks the word. */
  lookup(word: string): number | undefined;
  /**
   * The table's median idf: what jieba's keyword extractor gives a word outside the table (the
   * value that goes halfway down the table sorted by idf, highest first, as jieba-rs takes it).
   */
  readonly median: number;
}

const MAGIC = 0x4644494a; // "JIDF"
const FORMAT = 1;
const HEADER_BYTES = 24;

/** jieba's own table, from the installed `@node-rs/jieba`. */
export const JIEBA_IDF_FILE: string = createRequire(import.meta.url).resolve(
  "@node-rs/jieba/idf.txt",
);

/**
 * Loads the table from its binary cache, or builds it from the text table (and writes the cache).
 * Rejects only when the text table itself cannot be read.
 */
export async function loadIdfTable(
  options: { idfFile?: string; cacheDir?: string } = {},
): Promise<IdfTable> {
  const idfFile = options.idfFile ?? JIEBA_IDF_FILE;
  const { size, mtimeMs } = statSync(idfFile);
  const cacheFile = join(
    options.cacheDir ?? DEFAULT_CACHE_DIR,
    `jieba-idf-${FORMAT}-${size}-${Math.trunc(mtimeMs)}.bin`,
  );
  const cached = await readFile(cacheFile).then(
    (bytes) => fromBytes(bytes),
    () => null,
  );
  if (cached !== null) return cached;
  const bytes = toBytes(parseIdfText(readFileSync(idfFile, "utf8")));
  // A failed write only means building again next time.
  writeCache(cacheFile, bytes);
  const table = fromBytes(bytes);
  if (table === null) throw new Error("jieba-idf: the table just built does not read back");
  return table;
}

/** `word idf` per line, as jieba-rs reads it (a later line for the same word wins). */
export function parseIdfText(text: string): Map<string, number> {
  const table = new Map<string, number>();
  for (const line of text.split("\n")) {
    const [word, value] = line.trim().split(/\s+/u);
    if (word === undefined || word === "") continue;
    const idf = Number(value);
    table.set(word, Number.isFinite(idf) ? idf : 0);
  }
  return table;
}

function toBytes(table: Map<string, number>): Buffer {
  // Sorted as JavaScript compares strings (UTF-16 code units), the order the lookup searches in.
  const words = [...table.keys()].sort();
  // jieba-rs pops half the values off a max-heap and takes the next: the value at n/2 from the top.
  const sorted = [...table.values()].sort((a, b) => b - a);
  const median = sorted[sorted.length >> 1] ?? 0;
  const encoded = words.map((word) => Buffer.from(word));
  const n = words.length;
  const wordBytes = encoded.reduce((sum, bytes) => sum + bytes.length, 0);
  const offsetsAt = HEADER_BYTES + 8 * n;
  const wordsAt = offsetsAt + 4 * (n + 1);
  const out = Buffer.alloc(wordsAt + wordBytes);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(FORMAT, 4);
  out.writeUInt32LE(n, 8);
  out.writeUInt32LE(wordBytes, 12);
  out.writeDoubleLE(median, 16);
  const values = new Float64Array(out.buffer, out.byteOffset + HEADER_BYTES, n);
  const offsets = new Uint32Array(out.buffer, out.byteOffset + offsetsAt, n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    values[i] = table.get(words[i]!)!;
    offsets[i] = at;
    encoded[i]!.copy(out, wordsAt + at);
    at += encoded[i]!.length;
  }
  offsets[n] = at;
  return out;
}

/** The table over the file's bytes; null when they are not a whole table of this format. */
function fromBytes(file: Buffer): IdfTable | null {
  if (file.length < HEADER_BYTES) return null;
  if (file.readUInt32LE(0) !== MAGIC || file.readUInt32LE(4) !== FORMAT) return null;
  const n = file.readUInt32LE(8);
  const wordBytes = file.readUInt32LE(12);
  const offsetsAt = HEADER_BYTES + 8 * n;
  const wordsAt = offsetsAt + 4 * (n + 1);
  if (file.length !== wordsAt + wordBytes) return null;
  // Typed arrays need aligned starts: a buffer read from a file usually is, else it is copied.
  const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
  const values = new Float64Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, n);
  const offsets = new Uint32Array(bytes.buffer, bytes.byteOffset + offsetsAt, n + 1);
  if (offsets[n] !== wordBytes) return null;
  const median = bytes.readDoubleLE(16);
  return {
    median,
    lookup(word) {
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const probe = bytes.toString("utf8", wordsAt + offsets[mid]!, wordsAt + offsets[mid + 1]!);
        if (probe === word) return values[mid];
        if (probe < word) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
  };
}
