import { describe, expect, it } from "vitest";
import { chineseNumeral, chineseNumeralValue } from "../../src/util/chinese-numerals.js";

describe("Chinese numerals", () => {
  it("writes a number as the pages write their ordinals, and reads it back", () => {
    expect([1, 10, 14, 20, 25, 100, 102, 110, 999].map(chineseNumeral)).toEqual([
      "一",
      "十",
      "十四",
      "二十",
      "二十五",
      "一百",
      "一百零二",
      "一百一十",
      "九百九十九",
    ]);
    for (let n = 1; n <= 999; n++) expect(chineseNumeralValue(chineseNumeral(n))).toBe(n);
  });

  it("writes nothing outside 1-999", () => {
    expect([0, -3, 1000, 2.5].map(chineseNumeral)).toEqual(["", "", "", ""]);
  });
});
