import { describe, expect, it } from "vitest";
import { sentencePieces, splitSentences } from "../../src/util/sentences.js";

describe("one sentence splitter for chunks, quotes and messages", () => {
  const text = "会议指出，要抓好落实。“必须坚持！”他说。\n第二段？ 还有半句";

  it("gives spans that are exact, trimmed slices", () => {
    const sentences = splitSentences(text).map((s) => text.slice(s.start, s.end));
    expect(sentences).toEqual([
      "会议指出，要抓好落实。",
      "“必须坚持！”",
      "他说。",
      "第二段？",
      "还有半句",
    ]);
  });

  it("gives message pieces that keep every character, cut where the sentences end", () => {
    const pieces = sentencePieces(text);
    expect(pieces.join("")).toBe(text);
    expect(pieces).toEqual([
      "会议指出，要抓好落实。",
      "“必须坚持！”",
      "他说。",
      "\n第二段？",
      " 还有半句",
    ]);
    expect(sentencePieces("")).toEqual([]);
    expect(sentencePieces("  ")).toEqual(["  "]);
  });
});
