import { describe, expect, it } from "vitest";
import type { Answer } from "../../../src/answer/types.js";
import {
  escapeHtml,
  formatAnswerHtml,
  formatPassageHtml,
  htmlParagraph,
  htmlToPlain,
  MESSAGE_LIMIT,
  packMessages,
} from "../../../src/interfaces/telegram/format-html.js";
import { parseTelegramHtml } from "../../helpers/fake-telegram-server.js";

/** Parses like Telegram does, failing the test on markup Telegram would reject. */
function visible(html: string): string {
  const parsed = parseTelegramHtml(html);
  if ("error" in parsed)
    throw new Error(`Telegram would reject this: ${parsed.error}\n${html.slice(0, 200)}`);
  return parsed.text;
}

const citation = {
  n: 1,
  source: "003_<x>&.txt",
  title: `产业"四地"<b>加速器</b>`,
  quote: "q",
  score: 1,
  articleId: "a#0",
  date: "1月21日",
};

describe("Telegram HTML", () => {
  it("escapes what a user or a page wrote, so it shows as written", () => {
    const typed = `<b>多晶硅</b> & "x" 'y' &lt; &amp;`;
    expect(visible(escapeHtml(typed))).toBe(typed);
    expect(htmlToPlain(escapeHtml(typed))).toBe(typed);
  });

  it("splits a long answer under 4096 characters between sentences, each part valid on its own", () => {
    const sentence = (i: number) => `第${i}句：开发区<产值>增长&提速"${"很".repeat(150)}"。`;
    const text = Array.from({ length: 60 }, (_, i) => sentence(i)).join("");
    const answer: Answer = {
      question: "?",
      answer: `${text}[1]`,
      grounded: true,
      mode: "extractive",
      citations: [citation],
      language: "zh",
    };
    const parts = formatAnswerHtml(answer);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      const shown = visible(part);
      // each part but the last ends where a sentence ends
      if (part !== parts[parts.length - 1]) expect(shown).toMatch(/。$/);
    }
    const all = parts.map(visible).join("");
    expect(all).toContain(text);
    expect(all).toContain(`[1] 《产业"四地"<b>加速器</b>》 · 003_<x>&.txt · 1月21日`);
  });

  it("cuts a sentence longer than a message between characters, never inside an entity or a tag", () => {
    const pieces = htmlParagraph("&<>".repeat(3000), "b");
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(piece.startsWith("<b>") && piece.endsWith("</b>")).toBe(true);
      visible(piece);
    }
    expect(pieces.map(visible).join("")).toBe("&<>".repeat(3000));
  });

  it("never starts or ends a message with a blank line", () => {
    expect(packMessages(["", "a", "", "", "b", ""])).toEqual(["a\n\n\nb"]);
    expect(packMessages(["a".repeat(4095), "", "b"])).toEqual(["a".repeat(4095), "b"]);
  });

  it("puts each citation's quote in an expandable block quote, its source under it", () => {
    const answer: Answer = {
      question: "?",
      answer: "答案[1][2]",
      grounded: true,
      mode: "extractive",
      citations: [
        { ...citation, quote: "多晶硅出口8.5亿元<占>34.4%。" },
        { ...citation, n: 2, quote: "第二句。" },
      ],
      language: "zh",
    };
    const [html, ...rest] = formatAnswerHtml(answer);
    expect(rest).toEqual([]);
    expect(html).toContain(
      "<blockquote expandable>多晶硅出口8.5亿元&lt;占&gt;34.4%。</blockquote>",
    );
    const parsed = parseTelegramHtml(html!);
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.text).toBe(
      [
        "答案[1][2]",
        "",
        "出处：",
        "多晶硅出口8.5亿元<占>34.4%。",
        `[1] 《产业"四地"<b>加速器</b>》 · 003_<x>&.txt · 1月21日`,
        "第二句。",
        `[2] 《产业"四地"<b>加速器</b>》 · 003_<x>&.txt · 1月21日`,
      ].join("\n"),
    );
    const quotes = parsed.entities.filter((e) => e.type === "expandable_blockquote");
    expect(quotes.map((e) => parsed.text.slice(e.offset, e.offset + e.length))).toEqual([
      "多晶硅出口8.5亿元<占>34.4%。",
      "第二句。",
    ]);
  });

  it("lists only the sources under a browse answer, which prints every lead it cites already", () => {
    const [html] = formatAnswerHtml({
      question: "最新",
      answer: "第1版\n《标题》：q[1]",
      grounded: true,
      mode: "extractive",
      citations: [citation],
      language: "zh",
      intent: "browse",
    });
    expect(html).not.toContain("<blockquote");
    expect(visible(html!)).toContain(`出处：\n[1] 《产业"四地"<b>加速器</b>》`);
  });

  it("splits many long quotes between block quotes, never inside one", () => {
    const quote = `${"很长的引文".repeat(60)}。`;
    const answer: Answer = {
      question: "?",
      answer: "答案",
      grounded: true,
      mode: "extractive",
      citations: Array.from({ length: 30 }, (_, i) => ({ ...citation, n: i + 1, quote })),
      language: "zh",
    };
    const parts = formatAnswerHtml(answer);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      const shown = visible(part);
      expect(shown.split(quote).length - 1).toBe(part.split("<blockquote expandable>").length - 1);
    }
    expect(parts.map(visible).join("\n").split(quote)).toHaveLength(31);
  });

  it("shows a passage with the quoted sentence in bold", () => {
    const [html] = formatPassageHtml(citation, "前文。<被引用>的句子。后文。", 3, 9);
    expect(html).toContain("<b>&lt;被引用&gt;的句子。</b>");
    expect(visible(html!)).toBe(
      `[1] 《产业"四地"<b>加速器</b>》 · 003_<x>&.txt · 1月21日\n\n前文。<被引用>的句子。后文。`,
    );
  });
});

describe("the fake server's HTML check", () => {
  it("rejects what Telegram rejects", () => {
    expect(parseTelegramHtml("<b>x")).toEqual({
      error: `Can't find end tag corresponding to start tag "b"`,
    });
    expect(parseTelegramHtml("<b>x</i>")).toMatchObject({
      error: expect.stringContaining("Unmatched end tag"),
    });
    expect(parseTelegramHtml("a <script>")).toMatchObject({
      error: expect.stringContaining(`Unsupported start tag "script"`),
    });
    expect(parseTelegramHtml("a &nbsp; b")).toMatchObject({
      error: expect.stringContaining("Unsupported HTML entity"),
    });
    expect(parseTelegramHtml("<b>a &amp; &#20320; & b</b>")).toMatchObject({ text: "a & 你 & b" });
    expect(parseTelegramHtml("<blockquote open>x</blockquote>")).toMatchObject({
      error: expect.stringContaining(`"blockquote" must have no attributes except "expandable"`),
    });
    expect(parseTelegramHtml("<blockquote><blockquote>x</blockquote></blockquote>")).toMatchObject({
      error: expect.stringContaining("can't be nested"),
    });
  });

  it("reads an expandable block quote as Telegram's expandable_blockquote entity", () => {
    expect(parseTelegramHtml("答\n<blockquote expandable>引文</blockquote>\n[1]")).toEqual({
      text: "答\n引文\n[1]",
      entities: [{ type: "expandable_blockquote", offset: 2, length: 2 }],
    });
  });
});
