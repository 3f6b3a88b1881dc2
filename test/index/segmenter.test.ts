/**
 * The tokenizer's jieba is jieba's algorithm in JavaScript over a dictionary file read without
 * parsing (`src/index/segmenter/`). Every term of the keyword index, and every word the question
 * understanding weighs, comes from it: it must cut, tag and list words exactly as the native
 * `@node-rs/jieba` it replaced, or the index and every ranking move.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  USER_WORD_FREQUENCY,
  USER_WORDS,
  jieba,
  normalizeForSearch,
} from "../../src/index/chinese-tokenizer.js";
import {
  dictionaryCacheFile,
  loadJiebaDictionary,
} from "../../src/index/segmenter/jieba-dictionary.js";
import { Segmenter } from "../../src/index/segmenter/segmenter.js";
import { mulberry32 } from "../helpers/mulberry32.js";
import { nativeJieba } from "../helpers/native-jieba.js";
import { evaluationQuestions, loadSeedPages } from "../helpers/seeds.js";

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "jieba-dict-"));
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

/** Every way the code cuts text, each a function of the segmenter. */
const MODES = {
  "cut, HMM": (s: Segmenter, text: string) => s.cut(text, true),
  "cut, no HMM": (s: Segmenter, text: string) => s.cut(text, false),
  "cut, default": (s: Segmenter, text: string) => s.cut(text),
  "search mode, HMM": (s: Segmenter, text: string) => s.cutForSearch(text, true),
  "search mode, no HMM": (s: Segmenter, text: string) => s.cutForSearch(text, false),
  "tags, HMM": (s: Segmenter, text: string) => s.tag(text, true),
  "tags, default": (s: Segmenter, text: string) => s.tag(text),
  "full mode": (s: Segmenter, text: string) => s.cutAll(text),
};

/** The texts and modes where the segmenter and native jieba disagree, with both results. */
function disagreements(segmenter: Segmenter, texts: readonly string[]): string[] {
  const native = nativeJieba();
  const out: string[] = [];
  for (const text of texts) {
    for (const [mode, cut] of Object.entries(MODES)) {
      const ours = JSON.stringify(cut(segmenter, text));
      const theirs = JSON.stringify(cut(native as unknown as Segmenter, text));
      if (ours !== theirs) out.push(`${mode} ${JSON.stringify(text)}: ${ours} vs ${theirs}`);
    }
  }
  return out;
}

/** Lines of the pages and the evaluation questions, as typed and as the index normalizes them. */
function realTexts(): string[] {
  const texts = [
    ...loadSeedPages().flatMap((page) => page.text.split("\n")),
    ...evaluationQuestions(),
  ];
  return [...texts, ...texts.map(normalizeForSearch)];
}

describe("jieba's segmentation in JavaScript", () => {
  it("cuts, tags and lists every line of the pages and every evaluation question as native jieba does", () => {
    const texts = realTexts();
    expect(texts.length).toBeGreaterThan(10_000);
    expect(disagreements(jieba(), texts)).toEqual([]);
  });

  it("agrees on random text: the pages' characters shuffled with Latin, digits, symbols, spaces and rare characters", () => {
    const random = mulberry32(14);
    const pageChars = Array.from(
      loadSeedPages()
        .map((page) => page.text)
        .join(""),
    );
    const extra = Array.from("abcXYZ019+#&._%-,:;!? \t\r\n，。、《》（）㐀𠀀𪚥豈👪ＡＢ１２");
    const texts = Array.from({ length: 3_000 }, () => {
      const length = 1 + Math.floor(random() * 40);
      return Array.from({ length }, () =>
        random() < 0.8
          ? pageChars[Math.floor(random() * pageChars.length)]
          : extra[Math.floor(random() * extra.length)],
      ).join("");
    });
    // And stretches of the pages cut at random places, where words start and end mid-word.
    for (let i = 0; i < 3_000; i++) {
      const from = Math.floor(random() * (pageChars.length - 30));
      texts.push(pageChars.slice(from, from + 1 + Math.floor(random() * 30)).join(""));
    }
    expect(disagreements(jieba(), [...texts, "", " ", "\r\n", "一", "a"])).toEqual([]);
  });

  it("takes the user words as jieba's loadDict does: a new word whole, a known one at the new count", () => {
    const words = ["锂电新城", "开发区"];
    const segmenter = new Segmenter(
      loadJiebaDictionary({ userWords: words, userWordFrequency: 20_000, cacheDir }),
    );
    expect(segmenter.cut("西宁锂电新城的开发区", true)).toEqual([
      "西宁",
      "锂电新城",
      "的",
      "开发区",
    ]);
    expect(segmenter.has("锂电新城")).toBe(true);
    // The tag of a word jieba already had is its own, not the user words' `n`.
    expect(segmenter.tag("开发区")).toEqual(nativeJieba().tag("开发区"));
    expect(USER_WORDS.length).toBeGreaterThan(0);
    expect(USER_WORD_FREQUENCY).toBe(20_000);
  });
});

describe("the dictionary file", () => {
  const options = () => ({
    userWords: USER_WORDS,
    userWordFrequency: USER_WORD_FREQUENCY,
    cacheDir,
  });
  const file = () => dictionaryCacheFile(options());
  const sample = realTexts().filter((_, i) => i % 7 === 0);

  it("is written on the first load and read back by the next, with the same words", () => {
    expect(existsSync(file())).toBe(false);
    const built = new Segmenter(loadJiebaDictionary(options()));
    expect(existsSync(file())).toBe(true);
    const read = new Segmenter(loadJiebaDictionary(options()));
    expect(disagreements(read, sample)).toEqual([]);
    expect(disagreements(built, sample)).toEqual([]);
  });

  it("is built again when a byte of it changed or it was cut short, and the words are right", () => {
    loadJiebaDictionary(options());
    const bytes = readFileSync(file());
    for (const damage of ["flip", "truncate"] as const) {
      const damaged = Buffer.from(bytes);
      damaged[damaged.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
      writeFileSync(file(), damage === "flip" ? damaged : bytes.subarray(0, bytes.length - 9));
      const segmenter = new Segmenter(loadJiebaDictionary(options()));
      expect(disagreements(segmenter, sample), damage).toEqual([]);
      expect(readFileSync(file()).equals(bytes), damage).toBe(true);
    }
  });

  it("is not needed: where the cache folder cannot be written, the dictionary is built in memory", async () => {
    const notAFolder = join(cacheDir, "a-file");
    writeFileSync(notAFolder, "");
    const segmenter = new Segmenter(loadJiebaDictionary({ ...options(), cacheDir: notAFolder }));
    expect(disagreements(segmenter, sample)).toEqual([]);
  });
});
