import { createHash } from "node:crypto";
import { splitLongSpan, splitSentences, type Span } from "../util/sentences.js";
import type { Article, Chunk } from "./types.js";

/**
 * Chunk sizes in characters. Chinese runs about one token per character in bge's vocabulary, so
 * even the hard maximum stays well inside the 512-token window.
 */
export interface ChunkOptions {
  /** Stop adding sentences once a chunk reaches this length. @default 240 */
  target: number;
  /** A chunk never exceeds this; longer sentences are cut at clause punctuation. @default 400 */
  max: number;
  /**
   * A last chunk shorter than this is merged into the previous one when both fit in `max`. @default
   * 120
   */
  minTail: number;
  /**
   * The last sentence of a chunk is repeated at the start of the next when at most this long.
   * @default 120
   */
  overlap: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = {
  target: 240,
  max: 400,
  minTail: 120,
  overlap: 120,
};

/** Bumped whenever chunk boundaries can change: the index manifest compares it to rebuild. */
export const CHUNKER_VERSION = "sentences-v1";

/**
 * Cuts an article into sentence-aligned chunks: `chunk.text === article.text.slice(start, end)`,
 * chunks in order cover every sentence, neighbours share one short sentence so a fact that
 * straddles a boundary is still whole in one of them.
 */
/** For each page's id set, the next `#n` to try for words already given an id. */
const retriesBySeen = new WeakMap<Set<string>, Map<string, number>>();

export function chunkArticle(
  article: Article,
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
  /** Ids already given on this page: the same words in two articles must still get distinct ids. */
  seen: Set<string> = new Set(),
): Chunk[] {
  const sentences = splitSentences(article.text).flatMap((s) =>
    splitLongSpan(article.text, s, options.max),
  );
  const groups: Span[][] = [];
  let current: Span[] = [];
  // current[0] repeats the previous chunk's last sentence: such a group alone adds nothing.
  let carried = false;
  const flush = () => {
    if (current.length > (carried ? 1 : 0)) groups.push(current);
    const last = current.at(-1);
    carried = last !== undefined && current.length > 1 && last.end - last.start <= options.overlap;
    current = carried && last ? [last] : [];
  };
  for (const sentence of sentences) {
    if (current[0] && sentence.end - current[0].start > options.max) {
      flush();
      if (current[0] && sentence.end - current[0].start > options.max) current = [];
    }
    current.push(sentence);
    if (sentence.end - current[0]!.start >= options.target) flush();
  }
  if (current.length > (carried ? 1 : 0)) groups.push(current);
  mergeShortTail(groups, options);

  return groups.map((group, ordinal) => {
    const start = group[0]!.start;
    const end = group.at(-1)!.end;
    const text = article.text.slice(start, end);
    let id = chunkId(article.source, text);
    // The same words twice on one page (`会议还研究了其他事项。`) still give distinct ids.
    // Numbering resumes where the last copy of these words stopped: retrying from 2 each time made
    // a page that repeats itself quadratic.
    const retries = retriesBySeen.get(seen) ?? new Map<string, number>();
    retriesBySeen.set(seen, retries);
    let n = retries.get(text) ?? 2;
    for (; seen.has(id); n++) id = chunkId(article.source, `${text}#${n}`);
    if (n > 2) retries.set(text, n);
    seen.add(id);
    return {
      id,
      articleId: article.id,
      source: article.source,
      title: article.title,
      text,
      start,
      end,
      ordinal,
    };
  });
}

function mergeShortTail(groups: Span[][], options: ChunkOptions): void {
  const tail = groups.at(-1);
  const before = groups.at(-2);
  if (!tail || !before) return;
  const tailLength = tail.at(-1)!.end - tail[0]!.start;
  if (tailLength < options.minTail && tail.at(-1)!.end - before[0]!.start <= options.max) {
    groups.splice(-2, 2, [...before, ...tail.filter((s) => !before.includes(s))]);
  }
}

/**
 * Hash of the source file name and the chunk text: unchanged text keeps its id (and its cached
 * vector).
 */
function chunkId(source: string, text: string): string {
  return createHash("sha256").update(`${source}\n${text}`).digest("hex").slice(0, 16);
}
