import { describe, expect, it } from "vitest";
import expected from "../fixtures/articles-by-page.json" with { type: "json" };
import { segmentPage } from "../../src/ingest/segment-articles.js";
import { loadSeedPages } from "../helpers/seeds.js";

interface ExpectedArticle {
  title: string;
  subtitle: string | null;
  kicker: string | null;
  begins: string;
  date: string | null;
  reporter: string | null;
}
const byPage = expected as unknown as Record<string, ExpectedArticle[]>;
const pages = loadSeedPages();

describe("segmentPage on the five real pages", () => {
  it("covers every page of the fixture", () => {
    expect(pages.map((p) => p.source)).toEqual(
      Object.keys(byPage).filter((k) => !k.startsWith("_")),
    );
  });

  for (const page of pages) {
    it(`finds the articles a reader sees on ${page.source}`, () => {
      const { articles } = segmentPage(page.source, page.text);
      const seen = articles.map((a) => ({
        title: a.title,
        subtitle: a.subtitle,
        kicker: a.kicker,
        begins: a.text.slice(0, byPage[page.source]![articles.indexOf(a)]?.begins.length ?? 20),
        date: a.date,
        reporter: a.reporter,
      }));
      expect(seen).toEqual(byPage[page.source]);
    });

    it(`keeps each article of ${page.source} to itself, with offsets into the page text`, () => {
      const { articles, text } = segmentPage(page.source, page.text);
      articles.forEach((a, i) => {
        expect(text.slice(a.start, a.end)).toBe(a.text);
        expect(a.id).toBe(`${page.source}#${i}`);
        const next = articles[i + 1];
        if (next) {
          expect(a.end).toBeLessThanOrEqual(next.start);
          expect(a.text).not.toContain(next.text.slice(0, 15));
        }
      });
    });
  }

  it("never drops or invents text: every Chinese character of a page is in an article, a headline or the furniture", () => {
    // What normalization removes on purpose: the second half of doubled headings, a photo
    // credit, and OCR's repetition of a column's last line.
    const removed: Record<string, string> = {
      "001": "全面推进产业绿色转型发展持续放大绿电资源能源优势清洁能源装备制造产业加速崛起",
      "003": "黎晓刚摄",
      "004": "活动现场播放了护苗主题宣传视频守",
    };
    for (const page of pages) {
      const { articles, furniture } = segmentPage(page.source, page.text);
      const kept = [
        ...articles.flatMap((a) => [a.text, a.title, a.subtitle ?? "", a.kicker ?? ""]),
        ...furniture,
      ].join("");
      const expectedChars = subtractChars(
        han(page.text),
        han(removed[page.source.slice(0, 3)] ?? ""),
      );
      expect(han(kept), page.source).toEqual(expectedChars);
    }
  });

  it("tells page furniture from headlines", () => {
    const page = pages.find((p) => p.source.startsWith("004"))!;
    const { articles, furniture } = segmentPage(page.source, page.text);
    expect(furniture).toEqual(["安全隐患有奖举报", "辉煌十四五 改革谱新篇"]);
    for (const a of articles) expect(a.text).not.toContain("辉煌十四五");
  });

  it("keeps sub-heads inside their article's text, undoubled", () => {
    const page = pages.find((p) => p.source.startsWith("001"))!;
    const first = segmentPage(page.source, page.text).articles[0]!;
    expect(first.text).toContain("\n全面推进产业绿色转型发展\n2024年西宁经济技术开发区");
    expect(first.text).not.toContain("全面推进产业绿色转型发展全面推进产业绿色转型发展");
  });
});

function han(text: string): string[] {
  return (text.match(/\p{Script=Han}/gu) ?? []).sort();
}

function subtractChars(all: string[], remove: string[]): string[] {
  const out = [...all];
  for (const ch of remove) {
    const i = out.indexOf(ch);
    if (i < 0) throw new Error(`${ch} is not on the page`);
    out.splice(i, 1);
  }
  return out;
}
