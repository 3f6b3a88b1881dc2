import { createHash } from "node:crypto";
import * as z from "zod";

/**
 * Vectors of the last build, keyed by a hash of the exact text that was embedded, so a rebuild
 * embeds only what is new. Stored as one Float32 file plus the keys in order: a JSON array of
 * 512 floats per chunk would be five times larger and slow to parse.
 */
export const vectorCacheSchema = z.object({
  modelId: z.string().min(1),
  dimension: z.number().int().positive(),
  keys: z.array(z.string()),
});
/**
 * `vectors.json`: the model that made the vectors of `vectors.f32`, their length, and their keys in
 * order.
 */
export type VectorCacheData = z.infer<typeof vectorCacheSchema>;

export function embeddingKey(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

export function encodeVectors(vectors: readonly number[][], dimension: number): Uint8Array {
  const flat = new Float32Array(vectors.length * dimension);
  for (const [i, v] of vectors.entries()) flat.set(v, i * dimension);
  return new Uint8Array(flat.buffer);
}

/** Returns key → vector, or throws when the bytes do not hold `keys.length` vectors. */
export function decodeVectors(data: VectorCacheData, bytes: Uint8Array): Map<string, number[]> {
  const expected = data.keys.length * data.dimension * 4;
  if (bytes.byteLength !== expected) {
    throw new Error(
      `holds ${bytes.byteLength} bytes, expected ${expected} (${data.keys.length} vectors of ${data.dimension})`,
    );
  }
  const flat = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  return new Map(
    data.keys.map((key, i) => [
      key,
      Array.from(flat.subarray(i * data.dimension, (i + 1) * data.dimension)),
    ]),
  );
}
