/**
 * jieba's dictionary (349k words with their counts and part-of-speech tags) as a trie in a handful
 * of typed arrays, so that it can be written to a file once and read back without parsing: a start
 * reads ~6.5 MB and makes four views on it, where `Jieba.withDict` parsed the 5 MB text into a
 * native trie every time (~140 ms of CPU, ~47 MB of RSS).
 *
 * Nodes are numbered breadth first, so the children of a node are consecutive ids, sorted by
 * character: node `n`'s children are `childStart[n]` … `childStart[n + 1] - 1`, and `chars[c]` is
 * the character (a code point) that leads into child `c` — 16 bits wide when every character of
 * the dictionary fits, as in jieba's own. The root is node 0, so 0 never names a child and serves
 * as "none". A node that ends a word holds its count in `freq` and its tag's index in `tagIds`;
 * any other node has the tag index {@link NOT_A_WORD}. The root's ~7,000 children are also indexed
 * by character in a table built at load, so the first step of every walk is one array read.
 */
export interface DictionaryEntry {
  freq: number;
  tag: string;
}

/** The arrays a trie consists of, as they are stored. */
export interface TrieArrays {
  /** `ln` of the sum of every word's count: what each word's log count is taken against. */
  readonly logTotal: number;
  readonly freq: Uint32Array;
  readonly childStart: Uint32Array;
  readonly chars: Uint16Array | Uint32Array;
  readonly tagIds: Uint8Array;
  readonly tagNames: readonly string[];
}

/** The tag index of a node that ends no word: a dictionary may have 255 tags. */
export const NOT_A_WORD = 0xff;

const ROOT_TABLE_LENGTH = 0x10000;

export class DictionaryTrie implements TrieArrays {
  readonly logTotal: number;
  readonly freq: Uint32Array;
  readonly childStart: Uint32Array;
  readonly chars: Uint16Array | Uint32Array;
  readonly tagIds: Uint8Array;
  readonly tagNames: readonly string[];
  private readonly root = new Int32Array(ROOT_TABLE_LENGTH);

  constructor(arrays: TrieArrays) {
    this.logTotal = arrays.logTotal;
    this.freq = arrays.freq;
    this.childStart = arrays.childStart;
    this.chars = arrays.chars;
    this.tagIds = arrays.tagIds;
    this.tagNames = arrays.tagNames;
    for (let child = this.childStart[0]!; child < this.childStart[1]!; child++) {
      const char = this.chars[child]!;
      if (char < ROOT_TABLE_LENGTH) this.root[char] = child;
    }
  }

  /** The child of `node` reached by the code point `char`, or 0 when no word continues so. */
  step(node: number, char: number): number {
    if (node === 0 && char < ROOT_TABLE_LENGTH) return this.root[char]!;
    let low = this.childStart[node]!;
    let high = this.childStart[node + 1]! - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.chars[middle]!;
      if (found === char) return middle;
      if (found < char) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  hasChildren(node: number): boolean {
    return this.childStart[node + 1]! > this.childStart[node]!;
  }

  /** True when the node ends a dictionary word. */
  isWord(node: number): boolean {
    return node !== 0 && this.tagIds[node] !== NOT_A_WORD;
  }

  /**
   * `ln` of the word's count, as jieba-rs takes it (`(freq as f64).ln()`: a count of 0 gives
   * -Infinity). Computed at each use rather than stored: a table of them would be 4 MB more.
   */
  logFreq(node: number): number {
    return Math.log(this.freq[node]!);
  }

  tagOf(node: number): string {
    return this.tagNames[this.tagIds[node]!] ?? "";
  }

  /** The node of the word made of `chars[from…to)`, or 0 when that is no dictionary word. */
  find(chars: ArrayLike<number>, from: number, to: number): number {
    let node = 0;
    for (let i = from; i < to; i++) {
      if (node !== 0 && !this.hasChildren(node)) return 0;
      node = this.step(node, chars[i]!);
      if (node === 0) return 0;
    }
    return this.isWord(node) ? node : 0;
  }

  /** The node of `word`, or 0 when it is no dictionary word. */
  get(word: string): number {
    const chars: number[] = [];
    for (const char of word) chars.push(char.codePointAt(0)!);
    return chars.length === 0 ? 0 : this.find(chars, 0, chars.length);
  }
}

/**
 * The trie of `entries` (word → count and tag), `total` being the sum their log counts are taken
 * against.
 */
export function buildTrie(
  entries: ReadonlyMap<string, DictionaryEntry>,
  total: number,
): TrieArrays {
  const words = [...entries.keys()]
    .filter((word) => word !== "")
    .map((word) => ({ word, chars: Array.from(word, (c) => c.codePointAt(0)!) }));
  // By code point, the order the children are searched in (JavaScript's own string order is by
  // UTF-16 unit, which puts characters beyond U+FFFF before U+E000–U+FFFF).
  words.sort((a, b) => {
    const n = Math.min(a.chars.length, b.chars.length);
    for (let i = 0; i < n; i++) if (a.chars[i] !== b.chars[i]) return a.chars[i]! - b.chars[i]!;
    return a.chars.length - b.chars.length;
  });

  const tagNames: string[] = [];
  const tagIndex = new Map<string, number>();
  const freq: number[] = [];
  const childStart: number[] = [];
  const chars: number[] = [0];
  const tagIds: number[] = [];
  // Each node is the range of sorted words that share its prefix, `depth` characters long.
  const rangeStart: number[] = [0];
  const rangeEnd: number[] = [words.length];
  const depthOf: number[] = [0];
  for (let node = 0; node < rangeStart.length; node++) {
    const depth = depthOf[node]!;
    let from = rangeStart[node]!;
    const to = rangeEnd[node]!;
    freq[node] = 0;
    tagIds[node] = NOT_A_WORD;
    if (node !== 0 && from < to && words[from]!.chars.length === depth) {
      const entry = entries.get(words[from]!.word)!;
      if (entry.freq > 0xffffffff)
        throw new Error(`jieba dictionary: ${words[from]!.word}: count too large`);
      freq[node] = entry.freq;
      let tag = tagIndex.get(entry.tag);
      if (tag === undefined) {
        tag = tagNames.length;
        if (tag >= NOT_A_WORD) throw new Error("jieba dictionary: over 254 part-of-speech tags");
        tagNames.push(entry.tag);
        tagIndex.set(entry.tag, tag);
      }
      tagIds[node] = tag;
      from++;
    }
    childStart[node] = rangeStart.length;
    while (from < to) {
      const char = words[from]!.chars[depth]!;
      let end = from + 1;
      while (end < to && words[end]!.chars[depth] === char) end++;
      rangeStart.push(from);
      rangeEnd.push(end);
      depthOf.push(depth + 1);
      chars.push(char);
      from = end;
    }
  }
  childStart.push(rangeStart.length);
  const wide = chars.some((char) => char > 0xffff);
  return {
    logTotal: Math.log(total),
    freq: Uint32Array.from(freq),
    childStart: Uint32Array.from(childStart),
    chars: wide ? Uint32Array.from(chars) : Uint16Array.from(chars),
    tagIds: Uint8Array.from(tagIds),
    tagNames,
  };
}
