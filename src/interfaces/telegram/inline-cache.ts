/**
 * Results of recent inline queries, by query: people type `@bot 问题` a letter at a time and
 * several people ask the same, so the same query often comes again within seconds. A promise is
 * kept, so identical queries arriving together are answered by one engine call.
 */
export interface InlineCache<T> {
  get(key: string, compute: () => Promise<T>): Promise<T>;
}

export interface InlineCacheOptions {
  /** How long a result is reused. @default 60000 (the index may be swapped under it: keep it short) */
  ttlMs?: number;
  /** Entries kept at most (oldest dropped first). @default 500 */
  max?: number;
  /** @default Date.now */
  clock?: () => number;
}

export function createInlineCache<T>(options: InlineCacheOptions = {}): InlineCache<T> {
  const ttlMs = options.ttlMs ?? 60_000;
  const max = options.max ?? 500;
  const clock = options.clock ?? Date.now;
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key, compute) {
      const now = clock();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      entries.delete(key);
      const value = compute();
      entries.set(key, { at: now, value });
      // A failure is not remembered: the next identical query tries again.
      value.catch(() => entries.delete(key));
      if (entries.size > max) entries.delete(entries.keys().next().value!);
      return value;
    },
  };
}
