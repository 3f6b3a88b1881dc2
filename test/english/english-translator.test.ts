import { beforeAll, describe, expect, it } from "vitest";
import {
  loadEnglishTranslator,
  type EnglishQueryTranslation,
  type EnglishTranslator,
} from "../../src/english/english-translator.js";
import { detectLanguage } from "../../src/retrieve/query-language.js";
import { loadSeedPages } from "../helpers/seeds.js";

// The predicate the retriever passes: does this Chinese occur in the pages? Built from the real
// seed pages with whitespace removed, since OCR wraps lines in the middle of words (`西` / `宁开发区`).
const pagesText = loadSeedPages()
  .map((page) => page.text)
  .join("")
  .replace(/\s+/g, "");
const isKnownTerm = (zh: string): boolean => pagesText.includes(zh);

let translator: EnglishTranslator;
const translateEnglishQuery: EnglishTranslator["translate"] = (question, options) =>
  translator.translate(question, options);
const terms = (question: string): string[] => translateEnglishQuery(question).terms;
const knownTerms = (question: string): string[] =>
  translateEnglishQuery(question, { isKnownTerm }).terms;
const chineseFor = (translation: EnglishQueryTranslation, english: string): string[] =>
  translation.matched.find((match) => match.english === english)?.chinese ?? [];

describe("detectLanguage", () => {
  it.each([
    ["西宁开发区多晶硅出口多少？", "zh"],
    ["多晶硅", "zh"],
    ["How much polysilicon did the Xining development zone export?", "en"],
    ["GDP", "en"],
    // Mixed: the frame decides. An English question about a Chinese name is English…
    ["What is 西宁蓝?", "en"],
    ["How many 吉瓦 of 单晶硅?", "en"],
    // …and a Chinese question quoting an English name is Chinese.
    ["西宁蓝是什么 Xining Blue", "zh"],
    ["西宁开发区 export 多少", "zh"],
    // No frame words either way: Han characters weigh three Latin letters.
    ["PVC产量", "zh"],
    // Nothing to go by: the paper's language.
    ["12345", "zh"],
    ["", "zh"],
  ] as const)("%j → %s", (text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });
});

describe("EnglishTranslator.translate", () => {
  // Builds the reverse index in a worker (a few seconds) on the first run, reads its cache
  // afterwards.
  beforeAll(async () => {
    translator = await loadEnglishTranslator();
  }, 120_000);

  describe("questions about the pages find the pages' words", () => {
    it("polysilicon exports of the Xining development zone", () => {
      const question = "How much polysilicon did the Xining development zone export?";
      expect(terms(question)).toEqual(expect.arrayContaining(["多晶硅", "出口", "西宁", "开发区"]));
      // With the pages' vocabulary, the neighbours also join into the page's own name for the zone.
      expect(knownTerms(question)).toEqual(
        expect.arrayContaining(["多晶硅", "出口", "西宁开发区"]),
      );
    });

    it("news phrasing: an event that took place at a conference", () => {
      const found = terms("When did the Xining ecological protection conference take place?");
      expect(found).toEqual(expect.arrayContaining(["大会", "举行"]));
      expect(found).not.toContain("场所");
    });

    it("British spellings reach the dictionary's American ones (aluminium, organised)", () => {
      expect(terms("How much aluminium deep processing capacity is there?")).toContain("铝");
      expect(terms("Who organised the event?")).toEqual(expect.arrayContaining(["组织"]));
      // Not every -ise is British: `promise` stays a promise.
      expect(terms("What did they promise?")).not.toContain("promize");
    });

    it("the Xining Blue air quality action", () => {
      const question = "When did the Xining Blue air quality action start?";
      const plain = terms(question);
      expect(plain).toContain("西宁");
      expect(plain.includes("蓝") || plain.includes("空气质量")).toBe(true);
      const known = knownTerms(question);
      expect(known).toEqual(expect.arrayContaining(["西宁蓝", "空气质量", "启动"]));
    });

    it("committee members at the CPPCC session", () => {
      const question = "How many committee members attended the CPPCC session?";
      expect(terms(question)).toEqual(expect.arrayContaining(["委员", "政协", "出席"]));
    });

    it("money the Xining police returned to fraud victims", () => {
      const question = "How much money did Xining police return to fraud victims?";
      const plain = terms(question);
      expect(plain.includes("公安") || plain.includes("警察")).toBe(true);
      expect(plain).toContain("诈骗");
      const known = knownTerms(question);
      expect(known).toEqual(expect.arrayContaining(["公安", "返还", "诈骗", "受害人", "资金"]));
    });

    it("a Party group meeting chaired on March 25", () => {
      const question = "Who chaired the provincial government Party group meeting on March 25?";
      expect(terms(question)).toEqual(expect.arrayContaining(["主持", "党组", "会议", "3月25日"]));
      expect(knownTerms(question)).toContain("省政府");
    });

    it("Chinese already in an English question is searched as written", () => {
      expect(terms("What is 西宁蓝?")).toEqual(["西宁蓝"]);
    });
  });

  describe("numbers and dates", () => {
    it.each([
      ["8.5 billion yuan", ["85亿", "85亿元"]],
      ["850 million", ["8.5亿"]],
      ["1.2 million", ["120万"]],
      ["ten thousand", ["1万"]],
      ["a hundred million yuan", ["1亿", "1亿元"]],
      ["34.4%", ["34.4%"]],
      ["34.4 percent", ["34.4%"]],
      ["8.5", ["8.5"]],
      ["12345", ["12345"]],
      // The pages also write a round 10,000 as 万 before its unit (万元工业增加值).
      ["10,000 tons", ["10000", "1万", "10000吨", "1万吨", "万吨"]],
      ["73.7 times", ["73.7", "73.7倍"]],
      ["March 25", ["3月25日"]],
      ["25 March", ["3月25日"]],
      ["the 25th of March", ["3月25日"]],
      ["September 23", ["9月23日"]],
      ["Sept. 23", ["9月23日"]],
      ["in March 2024", ["2024年3月", "3月"]],
    ] as const)("%j → %j", (question, expected) => {
      expect(terms(question)).toEqual(expected);
    });

    it("a number in a question sits among the words", () => {
      const translation = translateEnglishQuery(
        "Polysilicon exports reached 850 million yuan, 34.4 percent of the national total",
      );
      expect(translation.terms).toEqual(
        expect.arrayContaining(["多晶硅", "出口", "8.5亿", "8.5亿元", "34.4%", "全国"]),
      );
      expect(chineseFor(translation, "850 million yuan")).toEqual(["8.5亿", "8.5亿元"]);
    });

    it("`may` and `march` are months only where a date says so", () => {
      expect(terms("May 5")).toEqual(["5月5日"]);
      expect(terms("What may change?")).not.toContain("5月");
    });
  });

  describe("phrases, stems and ranking", () => {
    it("matches the longest phrase first", () => {
      const translation = translateEnglishQuery("the standing committee of the people's congress");
      expect(chineseFor(translation, "standing committee")).toContain("常委会");
      expect(chineseFor(translation, "people's congress")).toContain("人大");
      expect(translation.terms).not.toContain("站立");
    });

    it("stems words CC-CEDICT does not list as typed", () => {
      expect(chineseFor(translateEnglishQuery("attended"), "attended")[0]).toBe("出席");
      expect(chineseFor(translateEnglishQuery("victims"), "victims")).toContain("受害者");
      // A plural gloss (`exports` → 出口货) does not hide the singular's word.
      expect(chineseFor(translateEnglishQuery("exports"), "exports")[0]).toBe("出口");
    });

    it("keeps at most three candidates per word", () => {
      const translation = translateEnglishQuery("return start quality government");
      for (const match of translation.matched) expect(match.chinese.length).toBeLessThanOrEqual(3);
    });

    it("prefers the pages' word among CC-CEDICT's candidates", () => {
      // Without the pages, `start` is 开始 (the commonest word); the pages say 启动, never 开始.
      expect(terms("start")[0]).toBe("开始");
      expect(isKnownTerm("开始")).toBe(false);
      expect(knownTerms("start")[0]).toBe("启动");
      // `return` has dozens of translations; the pages' 返还 is found among them.
      expect(terms("return")).not.toContain("返还");
      expect(knownTerms("return")[0]).toBe("返还");
      // The glossary's list is filtered too: the pages call the police 公安 and 民警, never 警察.
      expect(knownTerms("police")).toEqual(["公安", "民警"]);
    });

    it("joins a phrase's word translations into the pages' word when CC-CEDICT's is not theirs", () => {
      // CC-CEDICT reads `family education` as 家教; the pages print 家庭教育 (家庭 + 教育).
      expect(chineseFor(translateEnglishQuery("family education"), "family education")).toContain(
        "家教",
      );
      expect(knownTerms("family education")).toEqual(["家庭教育"]);
    });

    it("reads `sectors` as the pages' 领域/行业, not CC-CEDICT's 板块", () => {
      expect(knownTerms("which sectors to focus on")).toContain("领域");
    });

    it("reads Q1 as the first quarter, and PM2.5 as before", () => {
      expect(chineseFor(translateEnglishQuery("targets for Q1"), "Q1")).toEqual(["一季度"]);
      expect(terms("PM2.5 concentration")).toContain("2.5");
    });

    it("keeps the best candidates when none occurs in the pages", () => {
      expect(knownTerms("giraffe")).toEqual(terms("giraffe"));
      expect(terms("giraffe")).toContain("长颈鹿");
    });
  });

  describe("names in pinyin", () => {
    it("resolves a name the pages contain", () => {
      const translation = translateEnglishQuery("What did Shi Jianping say at the meeting?", {
        isKnownTerm,
      });
      expect(chineseFor(translation, "Shi Jianping")).toEqual(["石建平"]);
      expect(translation.unknown).toEqual([]);
      expect(knownTerms("Who is Gongbao Zhaxi?")).toEqual(["公保扎西"]);
      expect(knownTerms("How many tons of carbon fiber can Zhongfu Shenying produce?")).toContain(
        "中复神鹰",
      );
    });

    it("reads each pair of capitalised words as one name, never across punctuation", () => {
      const known = knownTerms("Wu Xiaojun, Luo Dongchuan and He Luchun attended");
      expect(known).toEqual(expect.arrayContaining(["吴晓军", "罗东川", "何录春", "出席"]));
      // Names do not join their neighbours, even where the pages print them side by side.
      expect(known).not.toContain("吴晓军罗东川");
      expect(known).not.toContain("何录春出席");
      expect(knownTerms("Wu Xiaojun Luo Dongchuan")).toEqual(["吴晓军", "罗东川"]);
    });

    it("trusts a lone pinyin word only when a single spelling fits", () => {
      expect(knownTerms("Which projects are in Huangzhong?")).toContain("湟中");
      // 东川 and 动传 (in 推动传统) both occur: no guess.
      expect(knownTerms("Where is Dongchuan?")).not.toContain("动传");
    });

    it("reports a name as unknown when nothing confirms a spelling", () => {
      const translation = translateEnglishQuery("What did Shi Jianping say at the meeting?");
      expect(translation.unknown).toEqual(["Shi Jianping"]);
      expect(translation.terms).toEqual(["会议", "会晤", "集会"]);
      // A name the pages do not hold stays unknown even with the pages' vocabulary.
      expect(translateEnglishQuery("Did Zhang Sanfeng attend?", { isKnownTerm }).unknown).toEqual([
        "Zhang Sanfeng",
      ]);
    });

    it("leaves capitalised English phrases to the dictionary", () => {
      expect(knownTerms("Luo Dongchuan met Hong Kong and Macao members")).toEqual(
        expect.arrayContaining(["罗东川", "港澳", "委员"]),
      );
    });
  });

  describe("nothing to search for", () => {
    it.each(["What is the?", "How much did what do?", "", "?!"])("%j → no terms", (question) => {
      expect(translateEnglishQuery(question)).toEqual({ terms: [], matched: [], unknown: [] });
    });

    it("lists content words it cannot translate", () => {
      expect(translateEnglishQuery("How many xyzzqt were there?").unknown).toEqual(["xyzzqt"]);
    });
  });

  describe("phrases the pages use, before the words they contain", () => {
    it.each([
      ["How much did the development zone export?", "development zone", ["开发区"]],
      ["lithium battery exports", "lithium battery", ["锂电", "锂电池"]],
      ["What was the export value of polysilicon?", "export value", ["出口额", "出口"]],
      ["the carbon peak pilot", "carbon peak", ["碳达峰"]],
      ["energy-saving retrofit projects", "energy saving", ["节能"]],
      ["to develop new quality productive forces", "new quality productive forces", ["新质生产力"]],
      ["above-scale industrial output value", "above scale", ["规模以上", "规上"]],
      ["the two photovoltaic and lithium storage clusters", "lithium storage", ["锂电储能"]],
    ] as const)("%j: %s → %j", (question, english, chinese) => {
      expect(chineseFor(translateEnglishQuery(question, { isKnownTerm }), english)).toEqual(
        chinese,
      );
    });

    it("reads titles as 副 + the office, whichever office", () => {
      expect(knownTerms("Which vice governor sat in on the session?")).toEqual(
        expect.arrayContaining(["副省长", "列席"]),
      );
      expect(knownTerms("Which CPPCC vice chairmen sat in the front row?")).toEqual(
        expect.arrayContaining(["副主席", "就座", "前排"]),
      );
      expect(knownTerms("Which vice mayor attended?")).toContain("副市长");
    });

    it("never translates the words that frame a question", () => {
      // `date` was 会期 (a session's dates), `gave` 给予, `like` 犹如.
      expect(
        knownTerms("On what date did Luo Dongchuan meet the Hong Kong and Macao members?"),
      ).not.toContain("会期");
      expect(knownTerms("Who gave a speech?")).toEqual(["讲话", "重要讲话"]);
      expect(knownTerms("What will the weather be like?")).not.toContain("犹如");
    });
  });

  describe("the pages' word among CC-CEDICT's candidates", () => {
    it("keeps a word's own single character over longer words that merely contain the word", () => {
      // CC-CEDICT's senses containing "water" include 成立 (established, "water under the bridge").
      expect(knownTerms("How much water did the projects save?")).toContain("水");
      expect(knownTerms("How much water did the projects save?")).not.toContain("成立");
      // 蓝 of 蓝色, not 青 (as much green, and in every 青海).
      expect(knownTerms("blue")).toEqual(["蓝"]);
    });

    it("joins a capitalised name's characters into the pages' word, not a lower-case word's", () => {
      const green = translateEnglishQuery("What was the theme of the Green Bookmark event?", {
        isKnownTerm,
      });
      expect(chineseFor(green, "Green Bookmark")).toEqual(["绿书签"]);
      expect(chineseFor(green, "Green")).toEqual(["绿色"]);
      // 提质行动 holds 质行动, but `quality action` is not a name.
      expect(knownTerms("the Xining Blue air quality action")).toEqual(
        expect.arrayContaining(["西宁蓝", "空气质量"]),
      );
      expect(knownTerms("the Xining Blue air quality action")).not.toContain("质行动");
    });
  });

  describe("numbers both ways, ordinals and spans", () => {
    it.each([
      // English magnitudes become the pages' 万 and 亿, whichever way the English writes them.
      ["850 million yuan", ["8.5亿", "8.5亿元"]],
      ["0.85 billion yuan", ["8.5亿", "8.5亿元"]],
      ["850,000,000 yuan", ["850000000", "8.5亿", "850000000元", "8.5亿元"]],
      ["10,315,000 yuan", ["10315000", "1031.5万", "10315000元", "1031.5万元"]],
      ["10.315 million yuan", ["1031.5万", "1031.5万元"]],
      ["1.157 million tonnes", ["115.7万", "115.7万吨"]],
      ["27 percent", ["27%"]],
      ["27 per cent", ["27%"]],
      // Round figures the pages print in characters: 千亿级产业集群, 万元工业增加值.
      [
        "two 100-billion-yuan clusters",
        ["1000亿", "千亿", "1000亿元", "千亿元", "产业集群", "集群"],
      ],
      ["per 10,000 yuan", ["10000", "1万", "10000元", "1万元", "万元"]],
    ] as const)("%j → %j", (question, expected) => {
      expect(knownTerms(question)).toEqual(expected);
    });

    it.each([
      ["the tenth session", ["第十次", "第10次", "十届", "10届", "十次会议", "10次会议"]],
      ["the 14th session", ["第十四次", "第14次", "十四届", "14届", "十四次会议", "14次会议"]],
      // A congress's session and an anniversary are printed without 第 (十四届全国人大三次会议, 75周年).
      ["the 3rd session", ["第三次", "第3次", "三届", "3届", "三次会议", "3次会议"]],
      ["the 75th anniversary", ["七十五周年", "75周年"]],
      ["the twenty-first batch", ["第二十一批", "第21批"]],
      ["in the past three years", ["近三年", "近3年"]],
      ["over the last 5 years", ["近五年", "近5年"]],
    ] as const)("%j → %j", (question, expected) => {
      expect(terms(question)).toEqual(expected);
    });

    it("the noun an ordinal counts goes with it; the next noun is searched on its own", () => {
      expect(knownTerms("Who chaired the first plenary meeting?")).toEqual([
        "主持",
        "第一次",
        "第1次",
        "会议",
        "全体会议",
        "大会",
      ]);
    });

    it("a word ordinal without the noun it counts says nothing to search for", () => {
      expect(terms("When did it first open?")).not.toContain("第一");
    });
  });

  it("says where its dictionary came from", () => {
    expect(["built", "cache"]).toContain(translator.stats.source);
    expect(translator.stats.keys).toBeGreaterThan(50_000);
    // The typo corrector's homophones come with it.
    expect(translator.syllables.dian).toContain("电");
  });
});
