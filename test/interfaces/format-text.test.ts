import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { formatAnswerText } from "../../src/interfaces/format-text.js";

describe("formatAnswerText", () => {
  it("prints no escape sequence or control character found in page text", () => {
    const answer = {
      question: "q",
      answer: "多晶硅出口8.5亿元\u001b[2J\u001b]0;pwned\u0007。[1]",
      grounded: true,
      mode: "extractive",
      language: "zh",
      citations: [
        {
          n: 1,
          source: "003\u001b[31m.txt",
          title: "标题\u009b2J",
          quote: "多晶硅\u0000出口\u001b[0m8.5亿元",
          score: 1,
        },
      ],
    } as unknown as Answer;
    const text = formatAnswerText(answer);
    expect(text).toContain("多晶硅出口8.5亿元。[1]");
    expect(text).toContain("[1] 《标题》 · 003.txt");
    expect(text).toContain("“多晶硅出口8.5亿元”");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
  });
});
