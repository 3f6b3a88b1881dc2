import * as z from "zod";
import { articleSchema, chunkSchema } from "../ingest/types.js";

/**
 * `chunks.json`: the articles and chunks of a build, the text every answer quotes. Beyond shapes it
 * checks what quoting relies on — each chunk belongs to a stored article and is exactly the slice
 * of that article's text its offsets say — so a file cut short or edited by hand is refused at load
 * rather than quoted wrongly.
 */
export const storedChunksSchema = z
  .object({ articles: z.array(articleSchema), chunks: z.array(chunkSchema) })
  .superRefine(({ articles, chunks }, ctx) => {
    const texts = new Map(articles.map((a) => [a.id, a.text]));
    for (const [i, chunk] of chunks.entries()) {
      const text = texts.get(chunk.articleId);
      if (text === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["chunks", i, "articleId"],
          message: `no article ${chunk.articleId}`,
        });
        return;
      }
      if (text.slice(chunk.start, chunk.end) !== chunk.text) {
        ctx.addIssue({
          code: "custom",
          path: ["chunks", i, "text"],
          message: "is not its article's text at its offsets",
        });
        return;
      }
    }
  });
export type StoredChunks = z.infer<typeof storedChunksSchema>;
