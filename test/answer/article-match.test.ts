import { describe, expect, it } from "vitest";
import { matchArticles } from "../../src/answer/article-match.js";
import { article, passage, word } from "../helpers/passages.js";

const CHEMICALS = article(
  "甘河园区构建特色鲜明的产业体系。园区培育循环产业链。建成129万吨复合肥产能矩阵。",
  { id: "c.txt#0", title: "化工产业竞争力持续攀升" },
);
const METALS = article("甘河园区电解铝产能165万吨。", { id: "m.txt#0", title: "有色产业" });

describe("matchArticles: which report holds a topic's words", () => {
  it("scores an article by the words it holds anywhere, not in one sentence", () => {
    const words = [word("甘河园区"), word("复合肥", { weight: 2 }), word("产能")];
    const [best, other] = matchArticles(words, [passage(METALS), passage(CHEMICALS)]);
    expect(best).toMatchObject({ article: { id: "c.txt#0" }, coverage: 1 });
    // 甘河园区 and 产能, not 复合肥: half of the weight.
    expect(other).toMatchObject({ article: { id: "m.txt#0" }, coverage: 0.5 });
  });

  it("counts a synonym at its credit and rules out an article without a required name", () => {
    const words = [
      word("化肥", { weaker: [{ word: "复合肥", credit: 0.5 }] }),
      word("海东", { required: "article" }),
    ];
    expect(matchArticles(words, [passage(CHEMICALS)])).toEqual([]);
    expect(matchArticles([words[0]!], [passage(CHEMICALS)])[0]?.coverage).toBe(0.5);
  });
});
