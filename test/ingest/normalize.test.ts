import { describe, expect, it } from "vitest";
import {
  removeStraySpaces,
  toHalfWidthAlnum,
  undoDoubledLine,
} from "../../src/ingest/normalize.js";
import { segmentPage } from "../../src/ingest/segment-articles.js";
import { seedText } from "../helpers/seeds.js";

/** The normalized text of the article on page `prefix` whose body contains `marker`. */
function articleWith(prefix: string, marker: string): string {
  const page = seedText(prefix);
  const article = segmentPage(page.source, page.text).articles.find((a) => a.text.includes(marker));
  if (!article) throw new Error(`no article on ${prefix} contains ${marker}`);
  return article.text;
}

describe("normalization of the OCR quirks, on the real pages", () => {
  it("joins hard-wrapped lines without inserting anything between Chinese characters", () => {
    // 000: `西宁国家\n级经济技术开发区`
    expect(articleWith("000", "第二批")).toContain(
      "西宁国家级经济技术开发区（以下简称：西宁开发区）",
    );
  });

  it("joins a sentence across a column break (a blank line inside a sentence)", () => {
    // 000: `在推进绿色低碳发展转型方面，西` / blank line / `宁开发区创新实施…`
    const text = articleWith("000", "第二批");
    expect(text).toContain("在推进绿色低碳发展转型方面，西宁开发区创新实施“一园一策”绿色制造工程");
    // 002: `…不断抖动着手中的空竹,…11月23日,` / blank / `全省"敬老月"体育系列展示活动…`
    expect(articleWith("002", "空竹")).toContain(
      '11月23日,全省"敬老月"体育系列展示活动迎来"收官之战"。',
    );
  });

  it("keeps paragraphs apart where a sentence did end", () => {
    expect(articleWith("000", "第二批")).toContain("奠定坚实基础。\n在推进绿色低碳发展转型方面");
  });

  it("removes stray spaces between Chinese characters", () => {
    // 002: `建设生态文明高地上的中心城 市,扛牢…`
    expect(articleWith("002", "王卫东强调")).toContain(
      "建设生态文明高地上的中心城市,扛牢生态保护重大责任",
    );
    expect(articleWith("004", "西宁知道")).toContain("把习近平总书记擘画的宏伟蓝图变为美好现实");
  });

  it("keeps numbers with their units whole", () => {
    const text = articleWith("000", "第二批");
    expect(text).toContain("5万台机架规模"); // `建成 5 万台机架规模`
    expect(text).toContain("实现节能0.54万吨煤"); // `节能0.54\n万吨煤`
    expect(text).toContain("重点实施21个节能技改项目"); // `重点实施 21 个`
    expect(text).toContain("3至5年内"); // `3 至 5 年内`
  });

  it("maps full-width digits to half-width and keeps Chinese punctuation", () => {
    const text = articleWith("001", "啸宇");
    expect(text).toContain("省科技小巨人4户"); // `省科技小巨人４户`
    expect(text).toContain("本报讯（记者 啸宇）"); // full-width brackets stay, the byline's space too
    expect(text).toMatch(/，/);
    expect(toHalfWidthAlnum("４户，ＡＢｃ（）")).toBe("4户，ABc（）");
  });

  it("undoes doubled headings", () => {
    expect(undoDoubledLine("持续放大绿电资源能源优势持续放大绿电资源能源优势")).toBe(
      "持续放大绿电资源能源优势",
    );
    expect(undoDoubledLine("哈哈")).toBe("哈哈");
    expect(articleWith("001", "啸宇")).toContain("\n持续放大绿电资源能源优势\n");
  });

  it("drops markdown heading marks and list bullets but not the text", () => {
    const page = seedText("002");
    const { articles } = segmentPage(page.source, page.text);
    for (const a of articles) {
      expect(a.title).not.toMatch(/#/);
      expect(a.text).not.toMatch(/(^|\n)#/);
    }
    expect(articleWith("002", "千亿")).toContain("\n全方位推进千亿计划落地见效\n");
    expect(articleWith("004", "1215件次")).toContain("\n1.物业管理64件,无集中反映问题");
  });

  it("repairs OCR's repetition of a column's last line", () => {
    const text = articleWith("004", "绿书签");
    expect(text).toContain("主题宣传视频《守一扇心窗》");
    expect(text).not.toContain("《守活动现场");
  });

  it("keeps the spaces that separate names in a byline", () => {
    expect(removeStraySpaces("本报讯（特约记者  田得乾 石成砚）3月25日， 省政府")).toBe(
      "本报讯（特约记者 田得乾 石成砚）3月25日，省政府",
    );
    expect(removeStraySpaces("Intel Core 处理器 8 核")).toBe("Intel Core处理器8核");
  });
});
