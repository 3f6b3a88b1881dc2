import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/retrieve/query-language.js";

describe("detectLanguage and markup", () => {
  it.each([
    ['<div class="content"><a href="https://example.com/question">会议由谁主持？</a></div>', "zh"],
    ["<p>西宁开发区多晶硅出口额是多少？</p>", "zh"],
    ["&nbsp;<span>会议由谁主持</span>&amp;", "zh"],
    ["<p>Who chaired the meeting?</p>", "en"],
    ["西宁开发区 polysilicon export 多少?", "zh"],
  ] as const)("a Chinese question wrapped in HTML tags is Chinese: %j → %s", (text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });
});
