/**
 * A one-argument function remembered by its argument, for lookups in tables that never change while
 * the process runs (jieba's dictionary and idf table): a reader's words recur from question to
 * question (`企业`, `多少`, `开发区`), and each lookup cuts the word with jieba again. Bounded: past
 * `limit` entries the oldest half is forgotten, so a long-running bot's memory stays flat.
 */
export function memoize<T>(lookup: (key: string) => T, limit = 20_000): (key: string) => T {
  const remembered = new Map<string, T>();
  return (key) => {
    const known = remembered.get(key);
    if (known !== undefined || remembered.has(key)) return known as T;
    const value = lookup(key);
    if (remembered.size >= limit) {
      let drop = limit >> 1;
      for (const old of remembered.keys()) {
        remembered.delete(old);
        if (--drop === 0) break;
      }
    }
    remembered.set(key, value);
    return value;
  };
}
