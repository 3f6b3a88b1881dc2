import { describe, expect, it } from "vitest";
import { memoize } from "../../src/util/memo.js";

describe("memoize", () => {
  it("looks each key up once, null answers included, and forgets the oldest half past its limit", () => {
    const looked: string[] = [];
    const idf = memoize((word: string) => {
      looked.push(word);
      return word === "企业" ? 3.5 : null;
    }, 4);
    expect([idf("企业"), idf("企业"), idf("多晶硅"), idf("多晶硅")]).toEqual([
      3.5,
      3.5,
      null,
      null,
    ]);
    expect(looked).toEqual(["企业", "多晶硅"]);
    for (const w of ["a", "b", "c"]) idf(w);
    // 企业 and 多晶硅 were the oldest when the fifth key came: looked up again.
    idf("企业");
    idf("c");
    expect(looked).toEqual(["企业", "多晶硅", "a", "b", "c", "企业"]);
  });
});
