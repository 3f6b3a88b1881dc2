import {
  mkdir,
  mkdtemp,
  readFile as readFileBytes,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { decodePage } from "../../src/ingest/decode.js";
import { ingestPages } from "../../src/ingest/ingest.js";
import { readSeedPages } from "../../src/ingest/read-seeds.js";
import { encodeGb18030 } from "../helpers/gb18030.js";
import { seedText } from "../helpers/seeds.js";

const original = seedText("000");
const articlesOf = (text: string) => ingestPages([{ source: original.source, text }]).articles;

describe("reading pages in the encodings scanners produce", () => {
  it("decodes a GB18030 page into the same articles as its UTF-8 original", () => {
    const decoded = decodePage(encodeGb18030(original.text));
    expect(decoded).toMatchObject({ ok: true, encoding: "gb18030" });
    expect(articlesOf(decoded.ok ? decoded.text : "")).toEqual(articlesOf(original.text));
  });

  it("decodes a UTF-8 page with BOM and CRLF line ends into the same articles", () => {
    const bytes = new TextEncoder().encode(`\uFEFF${original.text.replace(/\n/g, "\r\n")}`);
    const decoded = decodePage(bytes);
    expect(decoded).toMatchObject({ ok: true, encoding: "utf-8" });
    expect(articlesOf(decoded.ok ? decoded.text : "")).toEqual(articlesOf(original.text));
  });

  it("skips empty, blank, binary and undecodable files with a reason that names them, and reads the rest", async () => {
    const dir = await mkdtemp(join(tmpdir(), "seeds-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, "000_good.txt"), original.text);
    await writeFile(join(dir, "001_gbk.txt"), encodeGb18030(original.text));
    await writeFile(join(dir, "002_empty.txt"), "");
    await writeFile(join(dir, "003_blank.txt"), " \n\r\n\t\n");
    await writeFile(
      join(dir, "004_binary.txt"),
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    );
    await writeFile(
      join(dir, "005_broken.txt"),
      Uint8Array.from([0xe8, 0xa5, 0xbf, 0xff, 0xfe, 0xfd, 0x80, 0x80]),
    );
    await writeFile(join(dir, "notes.md"), "# not a page");

    const { pages, skipped } = await readSeedPages(dir);
    expect(pages.map((p) => p.source)).toEqual(["000_good.txt", "001_gbk.txt"]);
    expect(pages[1]!.text).toBe(original.text);
    expect(pages[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(skipped).toEqual([
      { source: "002_empty.txt", reason: "empty file" },
      { source: "003_blank.txt", reason: "empty file (only white space)" },
      { source: "004_binary.txt", reason: "binary file (contains NUL bytes)" },
      { source: "005_broken.txt", reason: "undecodable: neither UTF-8 nor GB18030" },
      { source: "notes.md", reason: "not a .txt page" },
    ]);
  });
});

describe("large pages", () => {
  it("finds every article of a 1 MB page made of one real page repeated, each with its own headline", () => {
    const page = seedText("001");
    const single = articlesOf(page.text).map((a) => a.title);
    const copies = Math.ceil(1_000_000 / Buffer.byteLength(page.text));
    const big = Array.from({ length: copies }, () => page.text).join("\n\n");
    const titles = articlesOf(big).map((a) => a.title);
    expect(titles).toEqual(Array.from({ length: copies }, () => single).flat());
  });

  it("skips a page over the size limit with a reason naming the size and the limit, and reads the rest", async () => {
    const dir = await mkdtemp(join(tmpdir(), "seeds-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, "000_good.txt"), original.text);
    await writeFile(join(dir, "001_huge.txt"), original.text.repeat(4));
    const { pages, skipped } = await readSeedPages(dir, {
      maxPageBytes: 2 * Buffer.byteLength(original.text),
    });
    expect(pages.map((p) => p.source)).toEqual(["000_good.txt"]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.source).toBe("001_huge.txt");
    expect(skipped[0]!.reason).toMatch(/^too large: [\d.]+ MB, over the [\d.]+ MB limit/);
  });
});

describe("files that cannot be read", () => {
  it("skips a page whose read fails with EACCES, naming the reason, and reads the others", async () => {
    const dir = await mkdtemp(join(tmpdir(), "seeds-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, "000_good.txt"), original.text);
    await writeFile(join(dir, "001_locked.txt"), original.text);
    await writeFile(join(dir, "002_good.txt"), original.text);
    // Tests may run as root, for whom chmod 000 changes nothing: the failure is injected where
    // the bytes are read.
    const readFile = async (path: string) => {
      if (path.endsWith("001_locked.txt"))
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), {
          code: "EACCES",
        });
      return readFileBytes(path);
    };
    const { pages, skipped } = await readSeedPages(dir, { readFile });
    expect(pages.map((p) => p.source)).toEqual(["000_good.txt", "002_good.txt"]);
    expect(skipped).toEqual([
      { source: "001_locked.txt", reason: "unreadable: permission denied (EACCES)" },
    ]);
  });
});

describe("UTF-16 pages", () => {
  const utf16 = (text: string, order: "le" | "be") => {
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      bytes[2 * i + (order === "le" ? 0 : 1)] = unit & 0xff;
      bytes[2 * i + (order === "le" ? 1 : 0)] = unit >> 8;
    }
    return bytes;
  };

  it("decodes a UTF-16LE page with its byte-order mark into the same articles", () => {
    const decoded = decodePage(utf16(`\uFEFF${original.text}`, "le"));
    expect(decoded).toMatchObject({ ok: true, encoding: "utf-16le" });
    expect(articlesOf(decoded.ok ? decoded.text : "")).toEqual(articlesOf(original.text));
  });

  it("decodes a UTF-16BE page with its byte-order mark into the same articles", () => {
    const decoded = decodePage(utf16(`\uFEFF${original.text}`, "be"));
    expect(decoded).toMatchObject({ ok: true, encoding: "utf-16be" });
    expect(articlesOf(decoded.ok ? decoded.text : "")).toEqual(articlesOf(original.text));
  });

  it("names UTF-16 as the likely encoding when a page without a byte-order mark is skipped", () => {
    for (const [order, name] of [
      ["le", "UTF-16LE"],
      ["be", "UTF-16BE"],
    ] as const) {
      const decoded = decodePage(utf16(original.text, order));
      expect(decoded).toEqual({
        ok: false,
        reason: `binary file (contains NUL bytes); likely ${name} without a byte-order mark: save it as UTF-8`,
      });
    }
  });
});

describe("what a seeds folder holds besides page files", () => {
  it("reads pages linked from inside and outside the folder, and lists dangling and looping links as skipped with the reason", async () => {
    const dir = await mkdtemp(join(tmpdir(), "seeds-"));
    const outside = await mkdtemp(join(tmpdir(), "outside-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    onTestFinished(() => rm(outside, { recursive: true, force: true }));
    await mkdir(join(dir, "store"));
    await writeFile(join(dir, "store", "page.md"), original.text);
    await writeFile(join(outside, "page.txt"), original.text);
    await symlink(join(dir, "store", "page.md"), join(dir, "000_inside.txt"));
    await symlink(join(outside, "page.txt"), join(dir, "001_outside.txt"));
    await symlink(join(outside, "gone.txt"), join(dir, "002_dangling.txt"));
    await symlink(join(dir, "003_loop.txt"), join(dir, "003_loop.txt"));

    const { pages, skipped } = await readSeedPages(dir);
    expect(pages.map((p) => [p.source, p.text])).toEqual([
      ["000_inside.txt", original.text],
      ["001_outside.txt", original.text],
    ]);
    expect(skipped).toEqual([
      {
        source: "002_dangling.txt",
        reason: `broken symbolic link: its target ${join(outside, "gone.txt")} does not exist`,
      },
      {
        source: "003_loop.txt",
        reason: `symbolic link loop (${join(dir, "003_loop.txt")} leads back to a link)`,
      },
      { source: "store", reason: "a folder, not a page (sub-folders are not read)" },
    ]);
  });

  it("lists sub-folders, also one named like a page, as skipped with the reason", async () => {
    const dir = await mkdtemp(join(tmpdir(), "seeds-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, "000_good.txt"), original.text);
    await mkdir(join(dir, "archive"));
    await writeFile(join(dir, "archive", "old.txt"), original.text);
    await mkdir(join(dir, "x.txt"));

    const { pages, skipped } = await readSeedPages(dir);
    expect(pages.map((p) => p.source)).toEqual(["000_good.txt"]);
    expect(skipped).toEqual([
      { source: "archive", reason: "a folder, not a page (sub-folders are not read)" },
      { source: "x.txt", reason: "a folder, not a page (sub-folders are not read)" },
    ]);
  });
});
