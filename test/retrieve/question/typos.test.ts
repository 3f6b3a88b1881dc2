import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadEnglishTranslator } from "../../../src/english/english-translator.js";
import {
  loadGeneralLanguage,
  type GeneralLanguage,
} from "../../../src/retrieve/question/general-language.js";
import {
  pageVocabulary,
  type PageVocabulary,
} from "../../../src/retrieve/question/page-vocabulary.js";
import {
  createTypoCorrector,
  loadFuzzyPinyin,
  type FuzzyPinyin,
  type TypoCorrector,
} from "../../../src/retrieve/question/typos.js";
import { keywordIndex } from "../../helpers/qa-fixture.js";
import { loadSeedPages } from "../../helpers/seeds.js";

let vocabulary: PageVocabulary;
let syllables: Readonly<Record<string, string>>;
let general: GeneralLanguage;
let fuzzy: FuzzyPinyin;
let corrector: TypoCorrector;

beforeAll(async () => {
  const index = await keywordIndex();
  vocabulary = pageVocabulary(index.keyword);
  // CC-CEDICT's reverse index: built (a few seconds) on the first run, read from its cache
  // afterwards.
  syllables = (await loadEnglishTranslator()).syllables;
  // What the engine uses (src/answer/question-understanding.ts): jieba's general idf table.
  general = await loadGeneralLanguage();
  fuzzy = await loadFuzzyPinyin();
  corrector = createTypoCorrector({
    vocabulary,
    syllables,
    isGeneralWord: general.isGeneralWord,
    fuzzy,
  });
}, 120_000);

/**
 * The page vocabulary without some words, or with some added: shows which word a decision rests on.
 */
function editedVocabulary(
  base: PageVocabulary,
  edit: { without?: readonly string[]; with?: readonly string[] },
): PageVocabulary {
  const without = new Set(edit.without ?? []);
  const added = new Set(edit.with ?? []);
  const has = (word: string): boolean => added.has(word) || (!without.has(word) && base.has(word));
  return {
    has,
    passageCount: (word) => (added.has(word) ? 1 : has(word) ? base.passageCount(word) : 0),
    words: () => [...[...base.words()].filter((word) => !without.has(word)), ...added],
  };
}

describe("the pages print the words the typos stand for", () => {
  it.each([
    "锂电池",
    "锂电",
    "光伏",
    "碳达峰",
    "多晶硅",
    "绿色算力",
    "绿电",
    "零碳产业园",
    "西宁开发区",
    "政协",
    "人大常委会",
    "源网荷储",
    "电解铜箔",
    "罗东川",
    "虚拟电厂",
  ])("%s", (word) => {
    expect(vocabulary.has(word)).toBe(true);
  });
});

describe("a one-character homophone slip is read as meant", () => {
  it.each([
    ["锂点池产业发展得怎么样？", "锂点池", "锂电池"],
    ["西宁的光扶产业有多大规模？", "光扶", "光伏"],
    ["西宁什么时候实现碳达锋？", "碳达锋", "碳达峰"],
    ["西宁开发曲多晶硅出口额是多少？", "西宁开发曲", "西宁开发区"],
    ["绿色算历项目有几个？", "绿色算历", "绿色算力"],
    ["绿店交易规模有多大？", "绿店", "绿电"],
    ["零碳产业圆在哪里？", "零碳产业圆", "零碳产业园"],
    ["省政携会议讨论了什么？", "省政携", "省政协"],
    ["人大常委汇第十四次会议有多少人出席？", "人大常委汇", "人大常委会"],
    ["源网荷除一体化是什么？", "源网荷除", "源网荷储"],
    ["电解铜伯项目投产了吗？", "电解铜伯", "电解铜箔"],
    ["罗东穿在会上强调了什么？", "罗东穿", "罗东川"],
    ["开发区要发展新形产业吗？", "新形产业", "新兴产业"],
  ])("%s", (question, from, to) => {
    const result = corrector.correct(question);
    expect(result.corrections).toEqual([{ from, to }]);
    expect(result.text).toBe(question.replace(from, to));
  });

  it("corrects two slips in one question and keeps everything else as typed", () => {
    const result = corrector.correct("2024年锂点池和光扶产业（西宁）增长了8.5%吗？");
    expect(result.corrections).toEqual([
      { from: "锂点池", to: "锂电池" },
      { from: "光扶", to: "光伏" },
    ]);
    expect(result.text).toBe("2024年锂电池和光伏产业（西宁）增长了8.5%吗？");
  });

  it("prefers the longest stretch the pages print", () => {
    // `开发曲` alone would do too, but the pages' `西宁开发区` is the longer, surer reading.
    expect(corrector.correct("西宁开发曲有哪些企业？").corrections).toEqual([
      { from: "西宁开发曲", to: "西宁开发区" },
    ]);
  });
});

describe("fuzzy pinyin (data/fuzzy-pinyin.json)", () => {
  it("loads the pairs input methods offer", () => {
    expect(fuzzy.initials).toContainEqual(["z", "zh"]);
    expect(fuzzy.finals).toContainEqual(["en", "eng"]);
  });

  it("corrects a fuzzy homophone (fen for feng) only when the pairs are given", () => {
    expect(corrector.correct("西宁什么时候实现碳达分？").corrections).toEqual([
      { from: "碳达分", to: "碳达峰" },
    ]);
    const exactOnly = createTypoCorrector({
      vocabulary,
      syllables,
      isGeneralWord: general.isGeneralWord,
    });
    expect(exactOnly.correct("西宁什么时候实现碳达分？").corrections).toEqual([]);
    expect(exactOnly.correct("西宁什么时候实现碳达锋？").corrections).toEqual([
      { from: "碳达锋", to: "碳达峰" },
    ]);
  });

  it("prefers an exact homophone to a fuzzy one", () => {
    // 风 is feng like 峰 (exact); 分 is fen (fuzzy). With both words printed, 碳达风 means 碳达峰.
    const both = editedVocabulary(vocabulary, { with: ["碳达分"] });
    const withBoth = createTypoCorrector({
      vocabulary: both,
      syllables,
      isGeneralWord: general.isGeneralWord,
      fuzzy,
    });
    expect(withBoth.correct("碳达风是什么意思？").corrections).toEqual([
      { from: "碳达风", to: "碳达峰" },
    ]);
  });

  it("leaves two-character stretches to exact homophones: ni for li is too loose there", () => {
    // Four characters pin the word down (n/l is a fuzzy pair); two do not.
    expect(corrector.correct("绿色算腻有多大规模？").corrections).toEqual([
      { from: "绿色算腻", to: "绿色算力" },
    ]);
    expect(corrector.correct("算腻有多大规模？").corrections).toEqual([]);
  });
});

describe("nothing is changed when the reader's intent is unsure", () => {
  it("two page words fit the same slip (市常: 市长 or 市场, both chang)", () => {
    expect(vocabulary.has("市长") && vocabulary.has("市场")).toBe(true);
    expect(corrector.correct("市常怎么说？")).toEqual({ text: "市常怎么说？", corrections: [] });
    // Each word alone would be the reading: the ambiguity is what stops the correction.
    for (const [keep, drop] of [
      ["市长", "市场"],
      ["市场", "市长"],
    ] as const) {
      const single = createTypoCorrector({
        vocabulary: editedVocabulary(vocabulary, { without: [drop] }),
        syllables,
        isGeneralWord: general.isGeneralWord,
        fuzzy,
      });
      expect(single.correct("市常怎么说？").corrections).toEqual([{ from: "市常", to: keep }]);
    }
  });

  it("two page words fit the same slip (紧年: 近年 or 今年, both jin), unless a longer stretch settles it", () => {
    expect(corrector.correct("紧年西宁开发区引进了哪些项目？").corrections).toEqual([]);
    const single = createTypoCorrector({
      vocabulary: editedVocabulary(vocabulary, { without: ["今年"] }),
      syllables,
      isGeneralWord: general.isGeneralWord,
      fuzzy,
    });
    expect(single.correct("紧年西宁开发区引进了哪些项目？").corrections).toEqual([
      { from: "紧年", to: "近年" },
    ]);
    // The pages print 近年来 and no 今年来: the three characters leave one reading.
    expect(corrector.correct("紧年来有什么变化？").corrections).toEqual([
      { from: "紧年来", to: "近年来" },
    ]);
  });

  it.each([
    ["西宁光复了吗？", "光复: a general word (recovered), not 光伏"],
    ["虚拟电场是什么？", "电场: a general word (electric field), not 电厂"],
    ["天合光能的组建产能是多少？", "组建: a general word (to form), not 组件"],
    ["扶贫工作怎么样？", "扶贫: a general word, 扶 is not 伏 here"],
  ])("a general word typed on purpose: %s (%s)", (question) => {
    expect(corrector.correct(question)).toEqual({ text: question, corrections: [] });
  });

  it("a function character is the question's grammar, not a slip", () => {
    // 是 (shi) sounds like 市, 的 (de/di) like 得 and 第: all typed on purpose.
    for (const question of [
      "西宁是第几批国家碳达峰试点城市？",
      "会议是哪天在西宁开的？",
      "这是他的一次讲话吗？",
    ]) {
      expect(corrector.correct(question).corrections).toEqual([]);
    }
  });

  it.each([
    ["省为书记讲了什么？", "为 → 委 (省委) may be the slip, so 省 → 行 (行为) is no sure reading"],
    ["关于省政写有哪些报道？", "写 → 协 (省政协) though 写有 is a word, so not 省政 → 行政"],
    ["关于总书给有哪些报道？", "给 → 记 (总书记), so not 总书 → 总数"],
    ["产业不局怎么优化？", "不 → 布 (布局), so not 不局 → 不足"],
    ["关于同察有哪些报道？", "察有 → 查有 would rest on one character and a particle"],
  ])("a slip the corrector may not fix does not lead it to a wrong one: %s (%s)", (question) => {
    expect(corrector.correct(question)).toEqual({ text: question, corrections: [] });
  });

  it("a slip beside a particle is fixed when what it gives is a word of Chinese at large", () => {
    // 就 is a function character (就是), but 就业 is a common word, not a chance homophone.
    expect(general.isGeneralWord("就业")).toBe(true);
    expect(corrector.correct("西宁开发区2024年新增就页人员多少？").corrections).toEqual([
      { from: "就页", to: "就业" },
    ]);
  });

  it("a reading left in doubt does not block a neighbouring one", () => {
    // 西宁世 could be 西宁市 (世 → 市) but 西宁 is a word of its own; 世接级 is still 世界级.
    expect(corrector.correct("西宁世接级发展得如何？").corrections).toEqual([
      { from: "世接级", to: "世界级" },
    ]);
  });

  it("a character beside a whole word the pages use on their own stays a word of its own", () => {
    // 工业源 is 工业 + 源 (the pages list it among pollution sources), not 工业园; 省能源 is 省 + 能源.
    expect(corrector.correct("工业源排放怎么治理？").corrections).toEqual([]);
    expect(corrector.correct("青海省能源结构怎么样？").corrections).toEqual([]);
  });

  it("a variant character that is not a homophone is out of reach (矽 xi for 硅 gui)", () => {
    expect(corrector.correct("多晶矽出口多少？").corrections).toEqual([]);
  });
});

describe("correct questions are left exactly as typed", () => {
  const QUESTIONS: readonly string[] = [
    "西宁开发区多晶硅出口额是多少？",
    "罗东川在会上强调了什么？",
    "省十四届人大常委会第十四次会议有多少人出席？",
    "西宁公安返还了多少涉诈资金？",
    "西宁开发区引进了哪些绿色算力项目？",
    "西宁开发区计划建成多少台机架？",
    "虚拟电厂是哪一年建立的？",
    "零碳产业园有哪些措施？",
    "绿电态势感知分析平台是做什么的？",
    "西宁开发区节能技改项目节约了多少吨煤？",
    "“西宁蓝”提质行动有哪些具体任务？",
    "市政府党组会议研究了哪些事项？",
    "省政府党组会议由谁主持？",
    "全省安全生产和秋冬季森林草原防灭火会议提出了什么要求？",
    "市政协专题协商会协商的是什么议题？",
    "全市生态环境保护大会上王卫东讲了什么？",
    "石建平主持了哪个会议？",
    "开发区新兴产业规模占比是多少？",
    "700余人轮番上阵是在什么活动上？",
    "职工书法篆刻国画摄影作品展在哪里举办？",
    "省政协十三届三次会议实到委员多少人？",
    "公保扎西在闭幕会上说了什么？",
    "罗东川看望了哪些委员？",
    "西宁开发区经济答卷有哪些亮眼指标？",
    "产业四地中心城市建设进展如何？",
    "西宁开发区化工产业竞争力怎么样？",
    "关爱保护未成年人健康成长有哪些举措？",
    "有诉必应马上办机制受理了多少件诉求？",
    "安全隐患举报受理情况怎么样？",
    "锂电产业链完整吗？",
    "光伏制造全产业链建成了吗？",
    "碳达峰试点建设方案有哪些部署？",
    "电解铝企业怎样通过绿电替代实现降碳增效？",
    "源网荷储一体化新型电力系统示范城市建设得怎样？",
    "中复神鹰在西宁投资了什么项目？",
    "天合光能的产能有多大？",
    "东数西算工程和西宁有什么关系？",
    "每月一地机制是什么时候提出的？",
    "十四五规划收官之年有哪些任务？",
    "西宁的单晶硅产量是多少？",
    "今年西宁开发区工业增加值增长了多少？",
    "刑警支队退赃大会返还了多少钱？",
    "城中分局民警收到了什么锦旗？",
    "绿书签活动是什么内容？",
    "护苗行动保护了哪些未成年人？",
    "西宁市的空气质量改善了吗？",
    "大气污染防治工作怎么推进？",
    "人大常委会审议了哪些法规草案？",
    "十五五规划什么时候开始？",
    "西宁到底有多少家国家级绿色工厂？",
    "铁合金矿热炉改造升级是怎么回事？",
    "中国联通三江源国家大数据基地在哪里？",
    "阿里云万卡绿色算力项目什么时候建成？",
    "图灵小镇是谁建的？",
    "扬尘源治理有什么新要求？",
    "人大常委会表决通过了几部法规？",
    "有诉必应马上办今天受理了多少件？",
    "四个重大转变指的是什么？",
    "省政协十三届三次会议应出席委员多少人？",
    "罗东川代省长出席了什么会议？",
    "规上工业增加值同比增长多少？",
    "六氟磷酸锂项目投产了吗？",
    "冷凉蔬菜供港是怎么回事？",
    "雪豹之都和丁香之城指的是哪里？",
    "盐湖产业创新服务基地建在哪里？",
    "记者樊娅楠写了哪篇报道？",
    "谁是西宁市市长？",
    "零碳园区和零碳产业园有什么区别？",
    "东数西算和算电协同是什么关系？",
    "PM2.5浓度下降了吗？",
    "我想了解一下西宁开发区的情况",
    "招商引资签约了多少亿元？",
    "新质生产力怎么发展？",
    // Off the pages' topics: general words, none a slip.
    "今天西宁天气怎么样？",
    "青海湖门票多少钱？",
    "塔尔寺在哪里？",
    "西宁到兰州的高铁要多久？",
    "明天会下雨吗？",
    "你好，请问你是谁？",
  ];

  it.each(QUESTIONS)("%s", (question) => {
    expect(corrector.correct(question)).toEqual({ text: question, corrections: [] });
  });

  it("the evaluation's Chinese questions (golden and held-out)", () => {
    const questions = ["golden", "heldout"].flatMap((set) =>
      readFileSync(new URL(`../../eval/${set}.jsonl`, import.meta.url), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as { question: string; lang: string })
        .filter((entry) => entry.lang === "zh")
        .map((entry) => entry.question),
    );
    expect(questions.length).toBeGreaterThan(50);
    const changed = questions
      .map((question) => ({ question, corrections: corrector.correct(question).corrections }))
      .filter((r) => r.corrections.length > 0);
    expect(changed).toEqual([]);
  });

  it("every sentence of the five pages", () => {
    const sentences = loadSeedPages()
      .flatMap((page) =>
        page.text.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, "").split(/[。！？!?\n]/u),
      )
      .filter((sentence) => /\p{Script=Han}/u.test(sentence));
    expect(sentences.length).toBeGreaterThan(200);
    const changed = sentences
      .map((sentence) => ({ sentence, corrections: corrector.correct(sentence).corrections }))
      .filter((r) => r.corrections.length > 0);
    expect(changed).toEqual([]);
  });
});

describe("a question with several slips", () => {
  // Timings are in npm run bench, not here: this checks only what a reader would see.
  it("corrects each slip of a 30-character question", () => {
    const built = createTypoCorrector({
      vocabulary,
      syllables,
      isGeneralWord: general.isGeneralWord,
      fuzzy,
    });
    const question = "西宁开发区多晶硅出口额是多少锂点池产能扩大了多少光扶和绿店呢";
    expect(Array.from(question)).toHaveLength(30);
    expect(built.correct(question).corrections).toHaveLength(3);
  });
});

describe("jieba's general word list", () => {
  it("knows general words and not slips", () => {
    expect(general.isGeneralWord("光复")).toBe(true);
    expect(general.isGeneralWord("锂电池")).toBe(true);
    expect(general.isGeneralWord("锂点池")).toBe(false);
  });
});
