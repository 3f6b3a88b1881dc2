/**
 * jieba's segmentation (the algorithm of jieba-rs 0.10, which `@node-rs/jieba` wraps) over the
 * {@link DictionaryTrie}, in JavaScript: the same words as the native segmenter for any text —
 * `test/index/segmenter.test.ts` holds the two to every page and every question of the
 * evaluation sets — without the native dictionary's ~47 MB and ~140 ms at every start.
 *
 * - Text is cut into runs of "Han" characters (CJK ideographs, ASCII letters and digits,
 *   `+#&._%-`) and the rest; the rest is one token per character (`\r\n` one).
 * - In a run, every dictionary word starting at every character is an edge of a graph, and the
 *   route taken is the one of highest probability (the sum of each word's ln(count / total),
 *   a character outside the dictionary counting 1; on a tie the longer word).
 * - Characters the route leaves single are joined: without HMM, a run of ASCII letters and digits
 *   into one word; with HMM, a run that is a dictionary word is given char by char, any other run
 *   is cut by jieba's hidden Markov model. That model is jieba-rs's own, compiled into the native
 *   module: the segmenter asks a native instance with an *empty* dictionary (which costs no
 *   dictionary) to cut the run, which it does by the model alone ({@link hmmCut}).
 */
import { createRequire } from "node:module";
import type { Jieba } from "@node-rs/jieba";
import type { DictionaryTrie } from "./dictionary-trie.js";

/**
 * A native jieba with an empty dictionary, for its hidden Markov model: loaded by the first run
 * that needs the model (~6 MB of RSS, which a process that has cut no such run, such as an idle
 * bot, does not hold).
 */
let hmmModel: Jieba | undefined;
function hmmCut(run: string): string[] {
  hmmModel ??= new (
    createRequire(import.meta.url)("@node-rs/jieba") as typeof import("@node-rs/jieba")
  ).Jieba();
  return hmmModel.cut(run, true);
}

export interface TaggedWord {
  tag: string;
  word: string;
}

/** Receives each token of a cut, with its dictionary node when the cut looked it up (else 0). */
type Emit = (word: string, node: number) => void;

/** Characters of jieba's "Han" class besides the ideographs (its `RE_HAN_DEFAULT`). */
const HAN_ASCII = new Uint8Array(128);
for (const c of "+#&._%-") HAN_ASCII[c.charCodeAt(0)] = 1;
for (let c = 0; c < 128; c++) if (isAsciiAlphanumeric(c)) HAN_ASCII[c] = 1;

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isCjkExtension(c: number): boolean {
  return (
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x20000 && c <= 0x2a6df) ||
    (c >= 0x2a700 && c <= 0x2b73f) ||
    (c >= 0x2b740 && c <= 0x2b81f) ||
    (c >= 0x2b820 && c <= 0x2ceaf) ||
    (c >= 0x2ceb0 && c <= 0x2ebef) ||
    (c >= 0x2f800 && c <= 0x2fa1f)
  );
}

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || isCjkExtension(c);
}

/** Full mode keeps runs of ASCII letters, digits, `+`, `#` and newlines whole (its `RE_SKIP`). */
function isSkipInFullMode(c: number): boolean {
  return !isAsciiAlphanumeric(c) && c !== 43 && c !== 35 && c !== 10;
}

function isHanDefault(c: number): boolean {
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  if (c < 128) return HAN_ASCII[c] === 1;
  return isCjkExtension(c);
}

/**
 * Where the run starting at `at` ends: the first character (code point) whose membership of the
 * class differs from `inClass`, or the text's end.
 */
function runEnd(
  sentence: string,
  at: number,
  isInClass: (c: number) => boolean,
  inClass: boolean,
): number {
  let end = at;
  while (end < sentence.length) {
    const char = sentence.codePointAt(end)!;
    if (isInClass(char) !== inClass) break;
    end += char > 0xffff ? 2 : 1;
  }
  return end;
}

/** jieba-rs's tag for a word its dictionary lacks: numbers `m`, other ASCII words `eng`, else `x`. */
function guessTag(word: string): string {
  let letters = 0;
  let digits = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (isAsciiAlphanumeric(c)) {
      letters++;
      if (c <= 57) digits++;
    }
  }
  return letters === 0 ? "x" : letters === digits ? "m" : "eng";
}

export class Segmenter {
  // Scratch arrays for one run, grown as needed: its characters, where each starts in the text,
  // and the best route from each character (end, dictionary node, log probability).
  private chars = new Int32Array(256);
  private starts = new Int32Array(257);
  private routeEnd = new Int32Array(257);
  private routeNode = new Int32Array(257);
  private routeProb = new Float64Array(257);

  constructor(private readonly trie: DictionaryTrie) {}

  /** True when `word` is in the dictionary. */
  has(word: string): boolean {
    return this.trie.get(word) !== 0;
  }

  cut(sentence: string, hmm = false): string[] {
    const words: string[] = [];
    this.cutEach(sentence, hmm, (word) => words.push(word));
    return words;
  }

  /** The cut, each word of over two characters preceded by the dictionary words of two and three inside it. */
  cutForSearch(sentence: string, hmm = false): string[] {
    const words: string[] = [];
    const chars: number[] = [];
    this.cutEach(sentence, hmm, (word) => {
      if (word.length > 2) {
        chars.length = 0;
        for (const char of word) chars.push(char.codePointAt(0)!);
        if (chars.length > 2) this.pushPieces(words, word, chars, 2);
        if (chars.length > 3) this.pushPieces(words, word, chars, 3);
      }
      words.push(word);
    });
    return words;
  }

  /** Pushes the dictionary words of `length` characters inside `word` (its code points `chars`). */
  private pushPieces(words: string[], word: string, chars: number[], length: number): void {
    const n = chars.length;
    for (let i = 0; i + length <= n; i++) {
      if (this.trie.find(chars, i, i + length) === 0) continue;
      words.push(
        word.length === n
          ? word.slice(i, i + length)
          : String.fromCodePoint(...chars.slice(i, i + length)),
      );
    }
  }

  /**
   * Every dictionary word inside the ideograph runs of `sentence`, position by position, shortest
   * first; outside them, runs of ASCII letters, digits, `+`, `#` and newlines are one token each,
   * any other character one token (jieba's full mode).
   */
  cutAll(sentence: string): string[] {
    const words: string[] = [];
    const length = sentence.length;
    let at = 0;
    while (at < length) {
      const start = at;
      const ideographs = isCjk(sentence.codePointAt(at)!);
      at = runEnd(sentence, at, isCjk, ideographs);
      if (ideographs) {
        const n = this.decode(sentence, start, at);
        const { chars, starts } = this;
        for (let x = 0; x < n; x++) {
          let node = this.trie.step(0, chars[x]!);
          for (let y = x + 1; node !== 0; y++) {
            if (this.trie.isWord(node)) words.push(sentence.slice(starts[x], starts[y]));
            if (y >= n || !this.trie.hasChildren(node)) break;
            node = this.trie.step(node, chars[y]!);
          }
        }
        continue;
      }
      for (let i = start; i < at; ) {
        let j = i + (sentence.codePointAt(i)! > 0xffff ? 2 : 1);
        if (!isSkipInFullMode(sentence.charCodeAt(i)))
          while (j < at && !isSkipInFullMode(sentence.charCodeAt(j))) j++;
        words.push(sentence.slice(i, j));
        i = j;
      }
    }
    return words;
  }

  tag(sentence: string, hmm = false): TaggedWord[] {
    const tagged: TaggedWord[] = [];
    this.cutEach(sentence, hmm, (word, node) => {
      const found = node !== 0 ? node : this.trie.get(word);
      // Keys in the native module's order, so that the two serialize alike.
      tagged.push({ tag: found !== 0 ? this.trie.tagOf(found) : guessTag(word), word });
    });
    return tagged;
  }

  private cutEach(sentence: string, hmm: boolean, emit: Emit): void {
    const length = sentence.length;
    let at = 0;
    while (at < length) {
      const start = at;
      const matched = isHanDefault(sentence.codePointAt(at)!);
      at = runEnd(sentence, at, isHanDefault, matched);
      if (matched) {
        this.cutRun(sentence, start, at, hmm, emit);
        continue;
      }
      for (let i = start; i < at; ) {
        const char = sentence.codePointAt(i)!;
        const size = char === 13 && sentence.charCodeAt(i + 1) === 10 ? 2 : char > 0xffff ? 2 : 1;
        emit(sentence.slice(i, i + size), 0);
        i += size;
      }
    }
  }

  /** Cuts the Han run `sentence[from…to)` along its best route. */
  private cutRun(sentence: string, from: number, to: number, hmm: boolean, emit: Emit): void {
    const n = this.decode(sentence, from, to);
    this.route(n);
    const { routeEnd, routeNode, starts, chars } = this;
    const slice = (x: number, y: number) => sentence.slice(starts[x], starts[y]);
    let x = 0;
    let left = -1;
    while (x < n) {
      const y = routeEnd[x]!;
      if (y - x === 1 && (hmm || isAsciiAlphanumeric(chars[x]!))) {
        if (left < 0) left = x;
      } else {
        if (left >= 0) {
          this.cutSingles(slice, left, x, hmm, emit);
          left = -1;
        }
        emit(slice(x, y), routeNode[x]!);
      }
      x = y;
    }
    if (left >= 0) this.cutSingles(slice, left, n, hmm, emit);
  }

  /** Characters `x…y` that the route left single, one after another. */
  private cutSingles(
    slice: (x: number, y: number) => string,
    x: number,
    y: number,
    hmm: boolean,
    emit: Emit,
  ): void {
    if (!hmm) {
      // A run of ASCII letters and digits: one word.
      emit(slice(x, y), y - x === 1 ? this.routeNode[x]! : 0);
    } else if (y - x === 1) {
      emit(slice(x, y), this.routeNode[x]!);
    } else if (this.trie.find(this.chars, x, y) === 0) {
      for (const word of hmmCut(slice(x, y))) emit(word, 0);
    } else {
      for (let i = x; i < y; i++) emit(slice(i, i + 1), this.routeNode[i]!);
    }
  }

  /** Fills `chars` and `starts` with the code points of `sentence[from…to)`; returns their count. */
  private decode(sentence: string, from: number, to: number): number {
    if (this.chars.length < to - from) this.grow(to - from);
    const { chars, starts } = this;
    let n = 0;
    for (let i = from; i < to; n++) {
      const char = sentence.codePointAt(i)!;
      chars[n] = char;
      starts[n] = i;
      i += char > 0xffff ? 2 : 1;
    }
    starts[n] = to;
    return n;
  }

  /**
   * The best route through characters `0…n`: from each character, the end of the word to take
   * next, as jieba-rs's `calc` chooses it (from the last character backwards).
   */
  private route(n: number): void {
    const { trie, chars, routeEnd, routeNode, routeProb } = this;
    const logTotal = trie.logTotal;
    routeEnd[n] = n;
    routeNode[n] = 0;
    routeProb[n] = 0;
    for (let idx = n - 1; idx >= 0; idx--) {
      let bestEnd = -1;
      let bestNode = 0;
      let bestProb = 0;
      let node = trie.step(0, chars[idx]!);
      let next = idx + 1;
      while (node !== 0) {
        if (trie.isWord(node)) {
          const prob = trie.logFreq(node) - logTotal + routeProb[next]!;
          if (bestEnd < 0 || prob > bestProb || (prob === bestProb && next > bestEnd)) {
            bestEnd = next;
            bestNode = node;
            bestProb = prob;
          }
        }
        if (next >= n || !trie.hasChildren(node)) break;
        node = trie.step(node, chars[next]!);
        next++;
      }
      if (bestEnd < 0) {
        bestEnd = idx + 1;
        bestProb = 0 - logTotal + routeProb[idx + 1]!;
      }
      routeEnd[idx] = bestEnd;
      routeNode[idx] = bestNode;
      routeProb[idx] = bestProb;
    }
  }

  private grow(n: number): void {
    const size = Math.max(n, this.chars.length * 2);
    this.chars = new Int32Array(size);
    this.starts = new Int32Array(size + 1);
    this.routeEnd = new Int32Array(size + 1);
    this.routeNode = new Int32Array(size + 1);
    this.routeProb = new Float64Array(size + 1);
  }
}
