/**
 * jieba's bundled dictionary (`@node-rs/jieba/dict.txt`) with the project's own words, as the
 * {@link DictionaryTrie} the segmenter walks. Built once from the text, the way jieba-rs loads it,
 * and kept as a binary file in the cache folder (beside jieba's idf table): every later start
 * reads that file and parses nothing.
 *
 * The file, little-endian: `JBDT`, format (u32), node count n (u32), bytes of the tag names (u32),
 * ln(total count) (f64), CRC-32 of everything after the 32-byte header (u32), bytes per character
 * (u32: 2, or 4 when a character lies beyond U+FFFF); then n + 1 child starts (u32), n counts
 * (u32), n characters, n tag ids (u8), the tag names (JSON). It is named after the dictionary's size and mtime, the user words and the format, so an
 * upgraded jieba, an edited `data/user-words-zh.txt` or another layout is a new file; a file of
 * the wrong length, header or checksum is built again. When the cache can be neither read nor
 * written, the trie is built in memory (~1–2 s, once per process).
 */
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { DEFAULT_CACHE_DIR, writeCache } from "../../english/index-cache.js";
import { fnv1a } from "../../util/fnv1a.js";
import {
  buildTrie,
  type DictionaryEntry,
  DictionaryTrie,
  type TrieArrays,
} from "./dictionary-trie.js";

const MAGIC = 0x5444424a; // "JBDT"
const FORMAT = 2;
const HEADER_BYTES = 32;

/** jieba's own dictionary, from the installed `@node-rs/jieba`. */
export const JIEBA_DICT_FILE: string = createRequire(import.meta.url).resolve(
  "@node-rs/jieba/dict.txt",
);

export interface DictionaryOptions {
  /** Words added to jieba's dictionary, each with `frequency` and tag `n` (or its own tag). */
  userWords: readonly string[];
  userWordFrequency: number;
  dictFile?: string;
  cacheDir?: string;
}

const userLines = (options: DictionaryOptions): string[] =>
  options.userWords.map((word) => `${word} ${options.userWordFrequency} n`);

/** Where the binary dictionary of these options is cached. */
export function dictionaryCacheFile(options: DictionaryOptions): string {
  const { size, mtimeMs } = statSync(options.dictFile ?? JIEBA_DICT_FILE);
  const words = fnv1a(userLines(options).join("\n"));
  return join(
    options.cacheDir ?? DEFAULT_CACHE_DIR,
    `jieba-dict-${FORMAT}-${size}-${Math.trunc(mtimeMs)}-${words}.bin`,
  );
}

/** The dictionary trie, from its binary cache or built from the text (and cached). */
export function loadJiebaDictionary(options: DictionaryOptions): DictionaryTrie {
  const cacheFile = dictionaryCacheFile(options);
  const cached = readCached(cacheFile);
  if (cached !== null) return new DictionaryTrie(cached);
  const entries = new Map<string, DictionaryEntry>();
  loadDictText(entries, readFileSync(options.dictFile ?? JIEBA_DICT_FILE, "utf8"));
  loadDictText(entries, userLines(options).join("\n"));
  let total = 0;
  for (const entry of entries.values()) total += entry.freq;
  const arrays = buildTrie(entries, total);
  // A failed write only means building again next time.
  writeCache(cacheFile, toBytes(arrays));
  return new DictionaryTrie(arrays);
}

/**
 * Adds `word count tag` lines to `entries` as jieba-rs's `load_dict` does: a word already there
 * keeps its tag and takes the new count; a line without a count counts 0, without a tag has "".
 */
export function loadDictText(entries: Map<string, DictionaryEntry>, text: string): void {
  for (const line of text.split("\n")) {
    const [word, count, tag] = line.trim().split(/\s+/u);
    if (word === undefined || word === "") continue;
    const freq = count === undefined ? 0 : Number(count);
    if (!Number.isSafeInteger(freq) || freq < 0)
      throw new Error(`jieba dictionary: ${JSON.stringify(line)}: the count is not a whole number`);
    const known = entries.get(word);
    if (known) known.freq = freq;
    else entries.set(word, { freq, tag: tag ?? "" });
  }
}

/** The file's length for n nodes, characters of `charBytes` and tag names of `tagBytes`. */
const fileLength = (n: number, charBytes: number, tagBytes: number) =>
  HEADER_BYTES + 4 * (n + 1) + 4 * n + charBytes * n + n + tagBytes;

function toBytes(trie: TrieArrays): Buffer {
  const n = trie.freq.length;
  const tagBytes = Buffer.from(JSON.stringify(trie.tagNames));
  const charBytes = trie.chars.BYTES_PER_ELEMENT;
  const out = Buffer.alloc(fileLength(n, charBytes, tagBytes.length));
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(FORMAT, 4);
  out.writeUInt32LE(n, 8);
  out.writeUInt32LE(tagBytes.length, 12);
  out.writeDoubleLE(trie.logTotal, 16);
  out.writeUInt32LE(charBytes, 28);
  let at = HEADER_BYTES;
  for (const array of [trie.childStart, trie.freq, trie.chars, trie.tagIds]) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  tagBytes.copy(out, at);
  out.writeUInt32LE(crc32(out.subarray(HEADER_BYTES)), 24);
  return out;
}

/** The trie's arrays over the file's bytes; null when there is no such file or it is not whole. */
function readCached(file: string): TrieArrays | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  if (bytes.length < HEADER_BYTES) return null;
  if (bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== FORMAT) return null;
  const n = bytes.readUInt32LE(8);
  const tagLength = bytes.readUInt32LE(12);
  const charBytes = bytes.readUInt32LE(28);
  if (charBytes !== 2 && charBytes !== 4) return null;
  if (bytes.length !== fileLength(n, charBytes, tagLength)) return null;
  if (crc32(bytes.subarray(HEADER_BYTES)) !== bytes.readUInt32LE(24)) return null;
  // Typed arrays need aligned starts: a file's buffer usually is, else it is copied.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  const { buffer, byteOffset } = aligned;
  let at = byteOffset + HEADER_BYTES;
  const childStart = new Uint32Array(buffer, at, n + 1);
  at += 4 * (n + 1);
  const freq = new Uint32Array(buffer, at, n);
  at += 4 * n;
  const chars = charBytes === 2 ? new Uint16Array(buffer, at, n) : new Uint32Array(buffer, at, n);
  at += charBytes * n;
  const tagIds = new Uint8Array(buffer, at, n);
  at += n;
  let tagNames: unknown;
  try {
    tagNames = JSON.parse(Buffer.from(buffer, at, tagLength).toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(tagNames) || !tagNames.every((t) => typeof t === "string")) return null;
  // The walk trusts these: every child range inside the nodes, and growing.
  if (childStart[0] !== 1 || childStart[n] !== n) return null;
  for (let i = 0; i < n; i++) if (childStart[i + 1]! < childStart[i]!) return null;
  return { logTotal: aligned.readDoubleLE(16), freq, childStart, chars, tagIds, tagNames };
}
