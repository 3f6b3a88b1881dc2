import { mkdtemp, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { articlesCommand } from "../../src/cli/commands/articles.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { runCommand } from "../helpers/run-command.js";
import { SEEDS_DIR, seedText } from "../helpers/seeds.js";

const env = { SEEDS_DIR };

describe("npm run articles", () => {
  it("prints each page's articles with their headlines, dates and bylines", async () => {
    const { code, stdout } = await runInProcess(articlesCommand, [], env);
    expect(code).toBe(0);
    expect(stdout).toContain("003_bcfb9783f9e97214.txt  (3 articles)");
    expect(stdout).toContain("《多项指标领跑! 西宁开发区经济答卷亮眼》");
    expect(stdout).toMatch(
      /《省政府党组会议召开》 罗东川主持\s+3月25日 \| 特约记者 田得乾 石成砚 \| \d+字/,
    );
    expect(stdout).toContain(
      "page furniture, not headlines: 「安全隐患有奖举报」 「辉煌十四五 改革谱新篇」",
    );
    expect(stdout).toContain("5 pages, 23 articles");
  });

  it("--json prints the articles as PRODUCT.md describes them", async () => {
    const { code, stdout } = await runInProcess(articlesCommand, ["--json"], env);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(23);
    for (const row of rows)
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(["source", "title", "subtitle", "date", "reporter", "text"]),
      );
    const police = rows.find((r) => r.title === "西宁公安返还涉诈资金1031.5万余元")!;
    expect(police).toMatchObject({
      source: "002_587bb7119f8aca81.txt",
      date: "11月23日",
      reporter: "宁亚琴",
    });
    expect(police.text).toContain("止付涉诈资金17.25亿元");
  });

  it("warns about each file it skips, by name, and still lists the good pages", async () => {
    const dir = await mkdtemp(join(tmpdir(), "seeds-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const good = seedText("000");
    await writeFile(join(dir, good.source), good.text);
    await writeFile(join(dir, "empty.txt"), "");
    await writeFile(join(dir, "photo.txt"), Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
    const { code, stdout, stderr } = await runInProcess(articlesCommand, [], { SEEDS_DIR: dir });
    expect(code).toBe(0);
    expect(stderr).toContain("warning: skipped empty.txt: empty file");
    expect(stderr).toContain("warning: skipped photo.txt: binary file");
    expect(stdout).toContain("1 pages, 5 articles, 2 files skipped");
  });

  it("escapes a newline in a page's file name so the table keeps one line per page", async () => {
    const dir = await mkdtemp(join(tmpdir(), "seeds-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const good = seedText("000");
    await writeFile(join(dir, "000_two\nlines.txt"), good.text);
    await writeFile(join(dir, "001_empty\n.txt"), "");
    const { code, stdout, stderr } = await runInProcess(articlesCommand, [], { SEEDS_DIR: dir });
    expect(code).toBe(0);
    expect(stdout).toContain("\n000_two\\nlines.txt  (5 articles)\n");
    expect(stdout).not.toMatch(/^lines\.txt/m);
    expect(stderr).toContain("warning: skipped 001_empty\\n.txt: empty file");
  });

  it("says what to do when SEEDS_DIR does not exist", async () => {
    const missing = await runInProcess(articlesCommand, [], { SEEDS_DIR: "/nonexistent/seeds" });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      'error: SEEDS_DIR "/nonexistent/seeds" does not exist; put the newspaper pages (.txt) there.',
    );
  });

  it("as a process (smoke): lists the pages, and an invalid setting stops it with one line before anything runs", async () => {
    const { code, stdout } = await runCommand("src/cli/articles.ts", []);
    expect(code).toBe(0);
    expect(stdout).toContain("5 pages, 23 articles");
    const bad = await runCommand("src/cli/articles.ts", [], { LOG_LEVEL: "loud" });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(
      'Invalid config: LOG_LEVEL must be one of debug, info, warn, error, silent, got "loud"',
    );
  });
});
