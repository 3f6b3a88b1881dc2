import { chunkArticle, type ChunkOptions, DEFAULT_CHUNK_OPTIONS } from "./chunk.js";
import type { SeedPage } from "./read-seeds.js";
import { segmentPage } from "./segment-articles.js";
import type { Article, Chunk } from "./types.js";

export interface IngestResult {
  articles: Article[];
  chunks: Chunk[];
  /** Page furniture found, by page: shown by `npm run articles` so nothing disappears unseen. */
  furniture: Array<{ source: string; lines: string[] }>;
}

/** Pages → articles → chunks. Pure: reading the files is `readSeedPages`' job. */
export function ingestPages(
  pages: readonly Pick<SeedPage, "source" | "text">[],
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
  /** Called after each page with the characters ingested so far and in all. */
  onProgress?: (doneChars: number, totalChars: number) => void,
): IngestResult {
  const result: IngestResult = { articles: [], chunks: [], furniture: [] };
  const totalChars = pages.reduce((n, p) => n + p.text.length, 0);
  let doneChars = 0;
  for (const page of pages) {
    const segmentation = segmentPage(page.source, page.text);
    result.articles.push(...segmentation.articles);
    const ids = new Set<string>();
    result.chunks.push(...segmentation.articles.flatMap((a) => chunkArticle(a, options, ids)));
    if (segmentation.furniture.length > 0)
      result.furniture.push({ source: page.source, lines: segmentation.furniture });
    doneChars += page.text.length;
    onProgress?.(doneChars, totalChars);
  }
  return result;
}
