import { describe, expect, it } from "vitest";
import { occurrences } from "../../src/util/occurrences.js";

describe("occurrences", () => {
  it("finds every start of a word, overlapping ones too, and none of an empty word", () => {
    expect(occurrences("书法篆刻国画，书法篆刻", "书法篆刻")).toEqual([0, 7]);
    expect(occurrences("啊啊啊", "啊啊")).toEqual([0, 1]);
    expect(occurrences("国画", "摄影")).toEqual([]);
    expect(occurrences("国画", "")).toEqual([]);
  });
});
