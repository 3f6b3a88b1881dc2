/**
 * The general-language weights read jieba's idf table from a binary cache instead of building
 * jieba's native keyword extractor on every start: the weights must be the extractor's own, for
 * every word a question or a page can hold, or every ranking that uses them moves.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Jieba, TfIdf } from "@node-rs/jieba";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jieba } from "../../../src/index/chinese-tokenizer.js";
import { JIEBA_IDF_FILE, loadIdfTable } from "../../../src/index/jieba-idf.js";
import { loadGeneralLanguage } from "../../../src/retrieve/question/general-language.js";
import { nativeJieba } from "../../helpers/native-jieba.js";
import { evaluationQuestions, loadSeedPages } from "../../helpers/seeds.js";

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "jieba-idf-"));
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

/** A word's idf as the code read it before, from jieba's native keyword extractor. */
function nativeIdf(): (word: string) => number | null {
  const tfidf = TfIdf.withDict(readFileSync(JIEBA_IDF_FILE));
  const sentinel = "㐀㐁";
  const median = tfidf.extractKeywords(
    Jieba.withDict(Buffer.from(`${sentinel} 1 x`)),
    sentinel,
    1,
  )[0]!.weight;
  return (word) => {
    const [top, second] = tfidf.extractKeywords(nativeJieba(), word, 2);
    if (!top || second || top.keyword !== word) return null;
    return Math.abs(top.weight - median) < 1e-9 ? null : top.weight;
  };
}

describe("general-language weights", () => {
  it("gives every word of the questions and pages the weight jieba's keyword extractor gave it", async () => {
    const general = await loadGeneralLanguage();
    const expected = nativeIdf();
    const segmenter = jieba();
    const texts = [...evaluationQuestions(), ...loadSeedPages().map((p) => p.text)];
    const words = new Set<string>();
    for (const text of texts) {
      for (const word of segmenter.cutAll(text)) words.add(word);
      for (const word of segmenter.cutForSearch(text, true)) words.add(word);
      // Stretches jieba does not keep whole, typos and spaced text as well.
      const chars = Array.from(text);
      for (let i = 0; i + 3 <= chars.length; i += 5) words.add(chars.slice(i, i + 3).join(""));
    }
    // A word in the table, one outside it (the median: unknown), one jieba cuts apart, one character,
    // one of the extractor's stop words, mixed case, spaces.
    for (const word of ["多晶硅", "公司", "㐀㐁", "的多晶硅", "铝", "the", "The", "GW", "a b", " "])
      words.add(word);
    expect(words.size).toBeGreaterThan(5_000);
    const differing = [...words].filter((word) => general.idf(word) !== expected(word));
    expect(differing).toEqual([]);
    expect(general.idf("多晶硅")).toBeGreaterThan(general.idf("公司")! + 3);
    expect(general.idf("㐀㐁")).toBeNull();
  });

  it("writes the table's binary form once, reads it afterwards, and rebuilds a damaged one", async () => {
    const first = await loadIdfTable({ cacheDir });
    const [file] = await readdir(cacheDir);
    expect(file).toMatch(/^jieba-idf-\d+-\d+-\d+\.bin$/);
    const again = await loadIdfTable({ cacheDir });
    expect(again.lookup("多晶硅")).toBe(first.lookup("多晶硅"));
    expect(again.median).toBe(first.median);
    // Cut short: the length no longer matches its header, so it is built anew.
    const path = join(cacheDir, file!);
    writeFileSync(path, readFileSync(path).subarray(0, 1000));
    const rebuilt = await loadIdfTable({ cacheDir });
    expect(rebuilt.lookup("多晶硅")).toBe(first.lookup("多晶硅"));
    expect(readFileSync(path).length).toBeGreaterThan(1_000_000);
    expect(rebuilt.lookup("不在表里的词语")).toBeUndefined();
  });
});
