import { describe, expect, it } from "vitest";
import { itemReference, numberedItems, pointedItem } from "../../src/conversation/list-items.js";

describe("pointing at an item of a numbered list", () => {
  it.each([
    ["第二个是啥问题 多少件", 2],
    ["那第三个热点呢", 3],
    ["第1项呢", 1],
    ["最后一个呢", -1],
    ["and the second one?", 2],
    ["what about the last one", -1],
  ])("%s → item %i", (text, position) => {
    expect(itemReference(text)?.position).toBe(position);
  });

  it("is no session, round or ordinal of a meeting", () => {
    expect(itemReference("第十四次会议呢")).toBeNull();
    expect(itemReference("第三轮督察是哪年")).toBeNull();
    expect(itemReference("the second session")).toBeNull();
  });

  it("reads the names of a report's numbered items, and nothing from a text that numbers none", () => {
    const report =
      "热点问题：1.物业服务76件，无集中反映问题。\n2.旅游管理46件，无集中反映问题。\n3.噪音问题45件，无集中反映问题。";
    const items = numberedItems(report);
    expect(items).toEqual(["物业服务", "旅游管理", "噪音问题"]);
    expect(pointedItem({ position: -1, span: "最后一个" }, items)).toBe("噪音问题");
    expect(pointedItem({ position: 5, span: "第五个" }, items)).toBeNull();
    expect(numberedItems("2024年,西宁开发区完成规模以上工业总产值1286.1亿元。")).toEqual([]);
  });
});
