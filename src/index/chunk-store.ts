/**
 * `chunks.bin`: the articles and chunks of a build — the text every answer quotes — read back
 * without parsing JSON and without making an object per chunk. At 10,000 pages `chunks.json` was
 * 191 MB, parsed and checked by zod in 2.0 s at every start; here loading is one CRC, one decode of
 * the text and the checks below, and a chunk becomes an object when something asks for it.
 *
 * The frame of binary-file.ts (magic `XNQA-CH\n`, version {@link CHUNK_FILE_VERSION}, CRC-32,
 * length), then the sections:
 *   counts (u32 articles, chunks)
 *   · strings: every article's id, source, title, subtitle, kicker, date, reporter, byline and
 *     text, then every chunk's id, back to back as UTF-16LE (the pages are Chinese: 2 bytes a
 *     character where UTF-8 takes 3, and decoded by a copy)
 *   · string offsets (u32 × 9·articles + chunks + 1, in UTF-16 code units, as JavaScript counts)
 *   · nulls (u8 per article: bit i set when the i-th nullable field, subtitle … byline, is null)
 *   · article numbers (u32 × 3 per article: index, start, end)
 *   · chunk numbers (u32 × 4 per chunk: article ordinal, start, end, ordinal in its article)
 *   · id order (u32 × chunks: chunk ordinals sorted by id, for finding a chunk by id)
 *
 * A chunk's text is not stored: it is its article's text between its offsets, by construction
 * (chunk.ts), and so are its headline and source. Loading checks what quoting relies on —
 * offsets within their text, every chunk in an article, ids unique and present — and a changed
 * byte or a cut-short file is refused whole by the CRC, never half-used.
 */
import type { Article, Chunk } from "../ingest/types.js";
import { ByteWriter, checkOffsets, openBinaryFile } from "./binary-file.js";

const MAGIC = Buffer.from("XNQA-CH\n", "latin1");
/** Bump when the layout changes; a file of another version is refused as corrupted. */
export const CHUNK_FILE_VERSION = 1;

/** An article's strings, in the order they are stored. */
const ARTICLE_STRINGS = 9;
/** The nullable ones, by their bit in the nulls section. */
const NULLABLE = ["subtitle", "kicker", "date", "reporter", "byline"] as const;

/** What is wrong with a chunk file, in words; the caller wraps it in its own error. */
export class ChunkFileProblem extends Error {}
const problem = (message: string) => new ChunkFileProblem(message);

/**
 * The articles and chunks as the bytes of `chunks.bin`. Each chunk must be its article's text at
 * its offsets, with its article's headline and source (what chunk.ts makes): anything else
 * is a bug of the caller, thrown, since the file could not give it back.
 */
export function encodeChunkStore(articles: readonly Article[], chunks: readonly Chunk[]): Buffer {
  const out = ByteWriter.file(MAGIC, CHUNK_FILE_VERSION);
  out.u32s([articles.length, chunks.length]);
  const strings: string[] = [];
  const offsets = new Uint32Array(ARTICLE_STRINGS * articles.length + chunks.length + 1);
  let at = 0;
  const add = (s: string) => {
    strings.push(s);
    at += s.length;
    offsets[strings.length] = at;
  };
  const nulls = new Uint8Array(articles.length);
  const articleNumbers = new Uint32Array(3 * articles.length);
  articles.forEach((a, i) => {
    add(a.id);
    add(a.source);
    add(a.title);
    NULLABLE.forEach((field, bit) => {
      const value = a[field];
      if (value === null) nulls[i] = (nulls[i] as number) | (1 << bit);
      add(value ?? "");
    });
    add(a.text);
    articleNumbers.set([a.index, a.start, a.end], 3 * i);
  });
  const ordinalOf = new Map(articles.map((a, i) => [a.id, i]));
  if (ordinalOf.size !== articles.length) throw new Error("article ids are not unique");
  const chunkNumbers = new Uint32Array(4 * chunks.length);
  chunks.forEach((c, i) => {
    const a = ordinalOf.get(c.articleId);
    const article = a === undefined ? undefined : articles[a];
    if (a === undefined || article === undefined)
      throw new Error(`chunk ${c.id}: no article ${c.articleId}`);
    if (
      article.text.slice(c.start, c.end) !== c.text ||
      c.title !== article.title ||
      c.source !== article.source
    )
      throw new Error(`chunk ${c.id} is not its article's text at its offsets`);
    add(c.id);
    chunkNumbers.set([a, c.start, c.end, c.ordinal], 4 * i);
  });
  const byId = chunks.map((_, i) => i).sort((x, y) => compareStrings(chunks[x]!.id, chunks[y]!.id));
  out.section(() => out.raw(Buffer.from(strings.join(""), "utf16le")));
  out.u32s(offsets);
  out.section(() => out.raw(nulls));
  out.u32s(articleNumbers);
  out.u32s(chunkNumbers);
  out.u32s(byId);
  return out.finish();
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A build's articles and chunks, as loaded. */
export interface StoredChunks {
  articles: Article[];
  chunks: ChunkList;
}

/**
 * Reads `chunks.bin`: the articles as objects (every consumer reads them all: the catalogue, the
 * question understanding), the chunks as a {@link ChunkList} that makes each one when asked.
 * @throws {ChunkFileProblem}
 */
export function decodeChunkStore(bytes: Uint8Array): StoredChunks {
  const reader = openBinaryFile(
    bytes,
    { magic: MAGIC, version: CHUNK_FILE_VERSION, what: "chunk store" },
    problem,
  );
  const counts = reader.u32s("counts", 2);
  const articleCount = counts[0] as number;
  const chunkCount = counts[1] as number;
  const stringBytes = reader.section("strings");
  if (stringBytes.length % 2 !== 0) throw problem("strings are not UTF-16 (odd byte length)");
  // One decode for all the text; every string is a slice of it (V8 shares the characters).
  const all = stringBytes.toString("utf16le");
  const offsets = reader.u32s("string offsets", ARTICLE_STRINGS * articleCount + chunkCount + 1);
  checkOffsets("string offsets", offsets, all.length, problem);
  const nullBytes = reader.section("nulls");
  if (nullBytes.length !== articleCount)
    throw problem(`section nulls holds ${nullBytes.length} flags, expected ${articleCount}`);
  const articleNumbers = reader.u32s("article numbers", 3 * articleCount);
  const chunkNumbers = reader.u32s("chunk numbers", 4 * chunkCount);
  const byId = reader.u32s("id order", chunkCount);
  reader.end();

  const string = (s: number) => all.slice(offsets[s], offsets[s + 1]);
  // The nullable field at `s` of an article whose null flags are `flags`.
  const nullable = (s: number, flags: number, bit: number) =>
    (flags & (1 << bit)) === 0 ? string(s + 3 + bit) : null;
  const articles: Article[] = new Array(articleCount);
  let source = "";
  for (let i = 0; i < articleCount; i++) {
    const s = ARTICLE_STRINGS * i;
    const flags = nullBytes[i] as number;
    if (flags >> NULLABLE.length !== 0) throw problem(`article ${i} has unknown null flags`);
    for (let bit = 0; bit < NULLABLE.length; bit++) {
      if ((flags & (1 << bit)) !== 0 && offsets[s + 3 + bit] !== offsets[s + 4 + bit])
        throw problem(`article ${i}'s ${NULLABLE[bit]} is null and not empty`);
    }
    // The articles of a page follow each other: one string for their page's name.
    const sourceStart = offsets[s + 1] as number;
    const sourceEnd = offsets[s + 2] as number;
    if (
      sourceEnd - sourceStart !== source.length ||
      compareWith(all, sourceStart, sourceEnd, source) !== 0
    )
      source = all.slice(sourceStart, sourceEnd);
    const article: Article = {
      id: string(s),
      source,
      index: articleNumbers[3 * i] as number,
      title: string(s + 2),
      subtitle: nullable(s, flags, 0),
      kicker: nullable(s, flags, 1),
      date: nullable(s, flags, 2),
      reporter: nullable(s, flags, 3),
      byline: nullable(s, flags, 4),
      text: string(s + 8),
      start: articleNumbers[3 * i + 1] as number,
      end: articleNumbers[3 * i + 2] as number,
    };
    if (article.id === "" || article.source === "")
      throw problem(`article ${i} has an empty id or source`);
    if (article.start > article.end) throw problem(`article ${i} ends before it starts`);
    articles[i] = article;
  }
  const articleOrdinals = new Map(articles.map((a, i) => [a.id, i]));
  if (articleOrdinals.size !== articleCount) throw problem("article ids are not unique");

  // Each chunk in an article, within its text; and the chunks of each article, in order.
  const chunkArticles = new Uint32Array(chunkCount);
  const perArticle = new Uint32Array(articleCount + 1);
  for (let c = 0; c < chunkCount; c++) {
    const a = chunkNumbers[4 * c] as number;
    const start = chunkNumbers[4 * c + 1] as number;
    const end = chunkNumbers[4 * c + 2] as number;
    const article = articles[a];
    if (article === undefined)
      throw problem(`chunk ${c} belongs to article ${a} of ${articleCount}`);
    if (start > end || end > article.text.length)
      throw problem(`chunk ${c} is not within its article's text (${start}–${end})`);
    chunkArticles[c] = a;
    perArticle[a + 1] = (perArticle[a + 1] as number) + 1;
  }
  for (let a = 0; a < articleCount; a++)
    perArticle[a + 1] = (perArticle[a + 1] as number) + (perArticle[a] as number);
  const articleChunks = new Uint32Array(chunkCount);
  const next = perArticle.slice(0, articleCount);
  for (let c = 0; c < chunkCount; c++) {
    const a = chunkArticles[c] as number;
    articleChunks[next[a] as number] = c;
    next[a] = (next[a] as number) + 1;
  }

  // Ids: every chunk once in the id order, each id after the one before (so unique), none empty.
  const idStart = ARTICLE_STRINGS * articleCount;
  const seen = new Uint8Array(chunkCount);
  for (let i = 0; i < chunkCount; i++) {
    const c = byId[i] as number;
    if (c >= chunkCount || seen[c] === 1) throw problem("the id order is not a permutation");
    seen[c] = 1;
    const start = offsets[idStart + c] as number;
    const end = offsets[idStart + c + 1] as number;
    if (start === end) throw problem(`chunk ${c} has an empty id`);
    if (i > 0) {
      const p = byId[i - 1] as number;
      if (
        compareRanges(
          all,
          offsets[idStart + p] as number,
          offsets[idStart + p + 1] as number,
          start,
          end,
        ) >= 0
      )
        throw problem(`chunk ids are not sorted and unique at ${i}`);
    }
  }

  const make = (c: number): Chunk => {
    const article = articles[chunkArticles[c] as number] as Article;
    const start = chunkNumbers[4 * c + 1] as number;
    const end = chunkNumbers[4 * c + 2] as number;
    return {
      id: string(idStart + c),
      articleId: article.id,
      source: article.source,
      title: article.title,
      text: article.text.slice(start, end),
      start,
      end,
      ordinal: chunkNumbers[4 * c + 3] as number,
    };
  };
  const find = (id: string, hint = -1): number => {
    if (
      hint >= 0 &&
      hint < chunkCount &&
      compareWith(
        all,
        offsets[idStart + hint] as number,
        offsets[idStart + hint + 1] as number,
        id,
      ) === 0
    )
      return hint;
    let lo = 0;
    let hi = chunkCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = byId[mid] as number;
      const cmp = compareWith(
        all,
        offsets[idStart + c] as number,
        offsets[idStart + c + 1] as number,
        id,
      );
      if (cmp === 0) return c;
      if (cmp < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const ofArticle = (articleId: string): ArrayLike<number> => {
    const a = articleOrdinals.get(articleId);
    if (a === undefined) return [];
    return articleChunks.subarray(perArticle[a], perArticle[a + 1]);
  };
  const articleIdAt = (c: number) => (articles[chunkArticles[c] as number] as Article).id;
  return {
    articles,
    chunks: new ChunkList({ length: chunkCount, make, find, ofArticle, articleIdAt }),
  };
}

/** `all[aStart, aEnd)` against `all[bStart, bEnd)`, as JavaScript compares strings. */
function compareRanges(
  all: string,
  aStart: number,
  aEnd: number,
  bStart: number,
  bEnd: number,
): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const d = all.charCodeAt(aStart + i) - all.charCodeAt(bStart + i);
    if (d !== 0) return d;
  }
  return aEnd - aStart - (bEnd - bStart);
}

/** `all[start, end)` against `s`, as JavaScript compares strings. */
function compareWith(all: string, start: number, end: number, s: string): number {
  const n = Math.min(end - start, s.length);
  for (let i = 0; i < n; i++) {
    const d = all.charCodeAt(start + i) - s.charCodeAt(i);
    if (d !== 0) return d;
  }
  return end - start - s.length;
}

/** How a {@link ChunkList} gets at its chunks. */
interface ChunkSource {
  length: number;
  /** A new object for the chunk at ordinal `i` (called once per ordinal). */
  make(i: number): Chunk;
  /** The ordinal of the chunk with this id, -1 when none; `hint` is checked first. */
  find(id: string, hint?: number): number;
  /** The id of the article of the chunk at ordinal `i`, without making the chunk. */
  articleIdAt(i: number): string;
  /** The ordinals of an article's chunks, in reading order. */
  ofArticle(articleId: string): ArrayLike<number>;
}

/**
 * The chunks of an index, in build order, read-only: an array's reading side (`length`, `at`,
 * iteration, `find`, `filter`, `map`, `some`) plus lookups by id and by article that do not scan.
 * A chunk is made when first asked for and kept, so the same chunk is always the same object; an
 * index loaded from its file makes only the chunks questions reach (at 10,000 pages, making all
 * ~110,000 at start was most of the 2 s chunks.json cost). A scan (`find`, `filter`…) makes every
 * chunk it passes: prefer {@link ChunkList.byId} and {@link ChunkList.ofArticle}.
 */
export class ChunkList implements Iterable<Chunk> {
  readonly length: number;
  readonly #source: ChunkSource;
  readonly #made: Array<Chunk | undefined>;

  constructor(source: ChunkSource) {
    this.length = source.length;
    this.#source = source;
    this.#made = new Array(source.length);
  }

  /** Chunks already in memory (built, or hand-made in a test) as a list. */
  static of(chunks: readonly Chunk[]): ChunkList {
    const byId = new Map<string, number>();
    const byArticle = new Map<string, number[]>();
    chunks.forEach((c, i) => {
      if (!byId.has(c.id)) byId.set(c.id, i);
      const list = byArticle.get(c.articleId) ?? [];
      list.push(i);
      byArticle.set(c.articleId, list);
    });
    return new ChunkList({
      length: chunks.length,
      make: (i) => chunks[i] as Chunk,
      find: (id) => byId.get(id) ?? -1,
      ofArticle: (articleId) => byArticle.get(articleId) ?? [],
      articleIdAt: (i) => (chunks[i] as Chunk).articleId,
    });
  }

  /** The chunk at ordinal `i` (negative counts from the end, as `Array.prototype.at`). */
  at(i: number): Chunk | undefined {
    const at = Math.trunc(i) < 0 ? this.length + Math.trunc(i) : Math.trunc(i);
    if (!(at >= 0 && at < this.length)) return undefined;
    let chunk = this.#made[at];
    if (chunk === undefined) {
      chunk = this.#source.make(at);
      this.#made[at] = chunk;
    }
    return chunk;
  }

  /** The chunk with this id, or undefined: a binary search, no scan. */
  byId(id: string): Chunk | undefined {
    const i = this.#source.find(id);
    return i < 0 ? undefined : this.at(i);
  }

  /**
   * The id of the article holding the chunk with this id, without making the chunk (undefined
   * for an unknown id). `at`: where the chunk is expected, checked first (lists in build order).
   */
  articleIdOf(id: string, at?: number): string | undefined {
    const i = this.#source.find(id, at);
    return i < 0 ? undefined : this.#source.articleIdAt(i);
  }

  /** The chunks of the article with this id, in reading order ([] for an unknown article). */
  ofArticle(articleId: string): Chunk[] {
    return Array.from(this.#source.ofArticle(articleId), (i) => this.at(i) as Chunk);
  }

  *[Symbol.iterator](): Iterator<Chunk> {
    for (let i = 0; i < this.length; i++) yield this.at(i) as Chunk;
  }

  find(test: (chunk: Chunk, i: number) => boolean): Chunk | undefined {
    for (let i = 0; i < this.length; i++) {
      const chunk = this.at(i) as Chunk;
      if (test(chunk, i)) return chunk;
    }
    return undefined;
  }

  some(test: (chunk: Chunk, i: number) => boolean): boolean {
    return this.find(test) !== undefined;
  }

  filter(test: (chunk: Chunk, i: number) => boolean): Chunk[] {
    const out: Chunk[] = [];
    for (let i = 0; i < this.length; i++) {
      const chunk = this.at(i) as Chunk;
      if (test(chunk, i)) out.push(chunk);
    }
    return out;
  }

  map<T>(fn: (chunk: Chunk, i: number) => T): T[] {
    const out: T[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = fn(this.at(i) as Chunk, i);
    return out;
  }
}
