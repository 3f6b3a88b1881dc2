import { beforeAll, describe, expect, it } from "vitest";
import type { QaEngine } from "../../src/answer/qa-engine.js";
import {
  createConversationEngine,
  type ConversationEngine,
} from "../../src/conversation/conversation.js";
import { classifyIntent } from "../../src/conversation/intents.js";
import { resolveFollowUp, subjectOf } from "../../src/conversation/resolve-follow-up.js";
import {
  activeContext,
  QUIET_MS,
  stateBytes,
  type TurnContext,
} from "../../src/conversation/state.js";
import { keywordEngine } from "../helpers/qa-fixture.js";

const context = (over: Partial<TurnContext>): TurnContext => ({
  q: "",
  lang: "zh",
  intent: "fact",
  topic: null,
  subject: null,
  person: null,
  articles: [],
  shown: [],
  ...over,
});

describe("resolving follow-ups (rules, on the real pages' wording)", () => {
  const polysilicon = context({
    q: "西宁开发区多晶硅出口额是多少？",
    subject: "西宁开发区多晶硅出口额",
    articles: ["003_bcfb9783f9e97214.txt#2"],
  });
  const titleOf = (id: string) =>
    id === "003_bcfb9783f9e97214.txt#2" ? "多项指标领跑! 西宁开发区经济答卷亮眼" : null;

  it("ellipsis puts X in place of the topic, not of the setting or the attribute", () => {
    expect(resolveFollowUp("那锂电池呢？", polysilicon, { titleOf }).question).toBe(
      "西宁开发区锂电池出口额是多少？",
    );
  });
  it("ellipsis replaces a word of the same kind, widened over its modifiers", () => {
    const plan = context({ q: "到2025年开发区新材料产业的规上工业产值目标是多少？" });
    expect(resolveFollowUp("新能源产业呢？", plan).question).toBe(
      "到2025年开发区新能源产业的规上工业产值目标是多少？",
    );
    const meeting = context({ q: "3月25日市政府党组会议由谁主持？" });
    expect(resolveFollowUp("那省政府党组会议呢？", meeting).question).toBe(
      "3月25日省政府党组会议由谁主持？",
    );
  });
  it("ellipsis replaces the word the pages print in the same places as X (an item of one list)", async () => {
    const { createSlotFinder } = await import("../../src/conversation/siblings.js");
    const engine = await keywordEngine();
    const articles = engine.catalog().flatMap((p) => p.articles.map((a) => engine.article(a.id)!));
    const slots = createSlotFinder(articles);
    // 新材料 shares no characters with 新能源, but the pages list both before 产业, after a comma.
    const plan = context({ q: "开发区新能源产业到2025年规上工业产值要到多少？" });
    expect(resolveFollowUp("那新材料呢？", plan, { slots }).question).toBe(
      "开发区新材料产业到2025年规上工业产值要到多少？",
    );
    // Without the pages' evidence the last content word is replaced, as before.
    expect(resolveFollowUp("那新材料呢？", plan).question).not.toContain("新材料产业");
  });
  it("`秘书长呢` takes the place of the title asked (副主席), not of a word that begins like it (主席台)", async () => {
    const { createSlotFinder } = await import("../../src/conversation/siblings.js");
    const engine = await keywordEngine();
    const articles = engine.catalog().flatMap((p) => p.articles.map((a) => engine.article(a.id)!));
    const frame = context({ q: "省政协十三届三次会议闭幕 主席台前排的副主席第一个是谁" });
    expect(resolveFollowUp("秘书长呢", frame, { slots: createSlotFinder(articles) }).question).toBe(
      "省政协十三届三次会议闭幕 主席台前排的秘书长第一个是谁",
    );
  });
  it("ellipsis replaces a topic the pages print whole though jieba cuts it (博士后|工作站), not its verb", async () => {
    const engine = await keywordEngine();
    const frame = context({ q: "开发区2024年新增博士后工作站几个" });
    expect(resolveFollowUp("专精特新的呢", frame, { isPrinted: engine.isKnownTerm }).question).toBe(
      "开发区2024年新增专精特新几个",
    );
    // Without the pages, its last word only, as before.
    expect(resolveFollowUp("专精特新的呢", frame).question).toBe(
      "开发区2024年新增博士后专精特新几个",
    );
  });
  it("ellipsis naming its own attribute replaces the topic and the frame's attribute", () => {
    const rate = context({ q: "甘河园区铝液就地转化率是多少？" });
    expect(resolveFollowUp("循环经济工业产值比重呢？", rate).question).toBe(
      "甘河园区循环经济工业产值比重是多少？",
    );
    // Without an attribute of its own, X takes the topic's place only.
    expect(resolveFollowUp("电解铝呢？", rate).question).toBe("甘河园区电解铝就地转化率是多少？");
    // …also where the last ellipsis put its own X (`铝深加工`) in the frame.
    const again = context({ q: "甘河园区铝深加工就地转化率多少", topic: "铝深加工" });
    expect(resolveFollowUp("复合肥的产能呢", again).question).toBe("甘河园区复合肥的产能多少");
  });
  it("ellipsis naming a thing by what was done to it (`冻结的涉诈资金呢`) takes the place of the frame's deed", () => {
    const cases = context({ q: "西宁公安今年以来成功破获了多少起电诈案件？" });
    expect(resolveFollowUp("那冻结的涉诈资金呢", cases).question).toBe(
      "西宁公安今年以来冻结的涉诈资金是多少",
    );
  });
  it("ellipsis puts X where a word of its kind stands (单晶硅棒 in 多晶硅's place), not in the last word's", async () => {
    const share = context({ q: "请问2024年该区多晶硅出口占全国同类产品出口的比重是多少？" });
    expect(resolveFollowUp("那单晶硅棒呢", share).question).toBe(
      "请问2024年该区单晶硅棒出口占全国同类产品出口的比重是多少？",
    );
    // (a word X holds whole is its modifier, not its kind: 光伏组件 takes 光伏电池's place whole)
    const { isKnownTerm } = await keywordEngine();
    const capacity = context({ q: "开发区现在光伏电池产能有多大" });
    expect(resolveFollowUp("光伏组件呢", capacity, { isPrinted: isKnownTerm }).question).toBe(
      "开发区现在光伏组件产能有多大",
    );
  });
  it("`这篇报道里说…` is looked up in the report in focus, the reference itself removed", () => {
    const focus = context({ subject: "全省敬老月体育展示活动", articles: ["002.txt#1"] });
    expect(resolveFollowUp("这篇报道里说近三年办了多少场老年人体育活动？", focus)).toMatchObject({
      question: "近三年办了多少场老年人体育活动？",
      rule: "pronoun",
      focus: "002.txt#1",
    });
    // A person pronoun points at no report.
    expect(
      resolveFollowUp("他看望了谁？", context({ person: "罗东川", articles: ["003.txt#4"] })),
    ).toMatchObject({ question: "罗东川看望了谁？", focus: null });
  });
  it("a date replaces a date; the next ellipsis replaces what the last one put in", () => {
    expect(
      resolveFollowUp("那9月23日呢？", context({ q: "10月15日当天12345便民热线接了多少个电话？" }))
        .question,
    ).toBe("9月23日当天12345便民热线接了多少个电话？");
    const after = context({ q: "西宁开发区锂电池出口额是多少？", topic: "锂电池" });
    expect(resolveFollowUp("单晶硅棒呢？", after).question).toBe(
      "西宁开发区单晶硅棒出口额是多少？",
    );
  });
  it("那个会 is the meeting the last question was about", () => {
    const tenth = context({
      q: "省人大常委会第十次会议有多少人出席？",
      subject: "省人大常委会第十次会议",
    });
    expect(resolveFollowUp("那个会是哪天开的", tenth).question).toBe(
      "省人大常委会第十次会议是哪天开的",
    );
  });

  it("an ordinal replaces an ordinal; the body it belongs to stays", () => {
    const tenth = context({ q: "省人大常委会第十次会议出席了多少人" });
    expect(resolveFollowUp("第十四次会议呢？", tenth).question).toBe(
      "省人大常委会第十四次会议出席了多少人",
    );
    expect(resolveFollowUp("那第十四次呢", tenth).question).toBe(
      "省人大常委会第十四次会议出席了多少人",
    );
  });

  it("what about X in English", () => {
    const en = context({
      q: "How much polysilicon did the Xining development zone export?",
      lang: "en",
    });
    expect(resolveFollowUp("What about lithium batteries?", en).question).toBe(
      "How much lithium batteries did the Xining development zone export?",
    );
    // `and X?` is an ellipsis too; `and who…?` asks anew.
    expect(resolveFollowUp("and lithium batteries?", en).question).toBe(
      "How much lithium batteries did the Xining development zone export?",
    );
    expect(resolveFollowUp("and who reported it?", en).rule).not.toBe("ellipsis");
    // X takes the place of the noun phrase after `of`, not of the rest of the question.
    const share = context({
      q: "What share of the province's tech little giants are in the Xining development zone?",
      lang: "en",
    });
    expect(resolveFollowUp("what about innovative SMEs?", share).question).toBe(
      "What share of the innovative SMEs are in the Xining development zone?",
    );
    // X replaces the frame's phrase that shares its first or last word: an item of the same list.
    const plan = context({
      q: "how much investment do the new energy projects in the zone's 100bn plan total",
      lang: "en",
    });
    expect(resolveFollowUp("what about new materials", plan).question).toBe(
      "how much investment do the new materials projects in the zone's 100bn plan total?",
    );
  });

  it("a summary asked with particles around it is of the report in focus; 他 stays a person", () => {
    expect(classifyIntent("这篇大概讲啥 总结下呗")).toEqual({ intent: "summary", target: "" });
    expect(classifyIntent("他说了什么？")).toEqual({ intent: "summary", target: "他" });
    expect(classifyIntent("请简单说一下绿书签活动那个报道").intent).toBe("summary");
  });

  it("X takes the place of the frame's word with the one character jieba left after it", () => {
    const rods = context({ q: "开发区24年单晶硅棒出口做了多少" });
    expect(resolveFollowUp("锂离子蓄电池的呢", rods).question).toBe(
      "开发区24年锂离子蓄电池出口做了多少",
    );
  });

  it("a demonstrative after a noun names that noun's thing, it points back at nothing", () => {
    const last = context({ q: "2024开发区认定了多少家科技型企业", subject: "开发区" });
    const resolved = resolveFollowUp("省人大第十四次会议 家庭教育那个条例到哪一步了", last);
    expect(resolved.rewritten).toBe(false);
    expect(resolveFollowUp("那个条例到哪一步了", last).rewritten).toBe(true);
  });

  it("a share asked with no topic of its own (占全省多少) is of the last question's subject", () => {
    expect(
      resolveFollowUp("占全省多少", context({ subject: "开发区获评两化融合贯标企业" })).question,
    ).toBe("开发区获评两化融合贯标企业占全省多少");
  });

  it("`会上…` opening a question means the meeting in focus, read in its report", () => {
    const resolved = resolveFollowUp(
      "会上说下一步要重点做好哪几方面",
      context({ subject: "市政协专题协商会", articles: ["001.txt#3"] }),
    );
    expect(resolved).toMatchObject({
      question: "下一步要重点做好哪几方面",
      rewritten: true,
      focus: "001.txt#3",
    });
  });

  it("an English `it` keeps its words and reads the report in focus, no Chinese headline put in", () => {
    const projects = context({
      q: "How many salt lake science and technology projects did Xining carry out?",
      lang: "en",
      articles: ["004.txt#2"],
    });
    const resolved = resolveFollowUp("and how many research results came out of it?", projects, {
      titleOf: () => "产业四地中心城市建设加速器",
    });
    expect(resolved).toMatchObject({
      question: "and how many research results came out of it?",
      rewritten: false,
      focus: "004.txt#2",
    });
  });

  it("该活动 is the event the subject names, not what was done at it", () => {
    const kuaiban = context({
      q: "绿书签活动上表演的快板叫什么名字？",
      subject: "绿书签活动上表演的快板",
    });
    expect(resolveFollowUp("该活动以什么为主题？", kuaiban).question).toBe(
      "绿书签活动以什么为主题？",
    );
  });

  it("an English question with a Chinese name in it has no Chinese subject", () => {
    // Else `it` in the next question became `What did 段发达 stress`.
    expect(subjectOf("What did 段发达 stress?")).toBeNull();
    expect(subjectOf("全市生态环境保护大会是哪天召开的？")).toBe("全市生态环境保护大会");
  });

  it("`X的呢` is X; a category head (企业) stays the frame's, and is not said twice", () => {
    const firms = context({ q: "2024年西宁开发区认定了几户专精特新企业" });
    const giants = resolveFollowUp("小巨人的呢", firms);
    expect(giants.question).toBe("2024年西宁开发区认定了几户小巨人企业");
    const next = resolveFollowUp(
      "那创新型中小企业呢？",
      context({ q: giants.question, topic: giants.topic }),
    );
    expect(next.question).toBe("2024年西宁开发区认定了几户创新型中小企业");
  });
  it("pronouns become the person or the subject in focus", () => {
    expect(resolveFollowUp("他看望了哪些委员？", context({ person: "罗东川" })).question).toBe(
      "罗东川看望了哪些委员？",
    );
    expect(
      resolveFollowUp(
        "该会议出席人数是多少？",
        context({ subject: "省十四届人大常委会第十四次会议" }),
      ).question,
    ).toBe("省十四届人大常委会第十四次会议出席人数是多少？");
    // 其他 is not a pronoun
    expect(
      resolveFollowUp("其他县区呢有没有发言？", context({ person: "罗东川" })).question,
    ).not.toContain("罗东川");
  });
  it("a question with no topic of its own gets the last subject; highlighted text is the focus", () => {
    expect(
      resolveFollowUp("谁主持的？", context({ subject: "全市生态环境保护大会" })).question,
    ).toBe("全市生态环境保护大会谁主持的？");
    expect(
      resolveFollowUp("他讲了什么？", context({}), {
        quote: "王卫东",
        isPerson: (t) => t === "王卫东",
      }).question,
    ).toBe("王卫东讲了什么？");
    // Two generic words make no topic (主办单位 = 主办 + 单位); 该方案 needs a subject that is a 方案.
    expect(
      resolveFollowUp("主办单位有哪些？", context({ subject: "全省职工书法篆刻国画摄影作品展" }))
        .question,
    ).toBe("全省职工书法篆刻国画摄影作品展主办单位有哪些？");
    expect(
      resolveFollowUp("该方案的目标是什么？", context({ subject: "西宁蓝提质行动工作方案" }))
        .question,
    ).toBe("西宁蓝提质行动工作方案的目标是什么？");
    // A bare verb names what was done, not what about.
    expect(resolveFollowUp("是谁提出的？", context({ subject: "产业四地建设" })).question).toBe(
      "产业四地建设是谁提出的？",
    );
  });
  it("never rewrites a question that stands on its own, nor anything without a context", () => {
    for (const q of [
      "西宁公安给受害群众返还了多少涉案资金？",
      "这次生态环境保护大会是哪天召开的？",
      "西宁市公安机关冻结了多少个银行账户呢？",
      "绿书签活动现场播放的护苗宣传片叫什么？",
      // `会议上` after a meeting's name is where, not a reference to the meeting in focus.
      "省人大常委会第十四次会议上是谁传达的十四届全国人大三次会议精神？",
    ]) {
      expect(resolveFollowUp(q, polysilicon, { titleOf })).toMatchObject({
        question: q,
        rewritten: false,
      });
    }
    expect(resolveFollowUp("那锂电池呢？", null)).toMatchObject({
      question: "那锂电池呢？",
      rewritten: false,
      rule: "no-context",
    });
  });
});

describe("reader intents", () => {
  it.each([
    ["更多", "more"],
    ["还有呢？", "more"],
    ["more", "more"],
    ["全文", "fulltext"],
    ["full text", "fulltext"],
    ["给我看全文", "fulltext"],
    ["看看这篇文章的原文吧", "fulltext"],
    ["show me the full article", "fulltext"],
    ["Can I see this report in full?", "fulltext"],
    ["把这篇的全文发给我", "fulltext"],
    // Overlapping request words (`给我发` / `发过来`) leave nothing behind.
    ["把这篇的原文整个给我发过来看看", "fulltext"],
    ["can you send me the whole of it", "fulltext"],
    ["再多给我讲点", "more"],
    ["再往下说说", "more"],
    ["go on, what else does that report say", "more"],
    ["can I get the whole of this report", "fulltext"],
    ["3月25号市政府党组会议那篇 大概讲了些啥", "summary"],
    ["我想看完整的原文", "fulltext"],
    // A remark after a space asks nothing; a question after one asks a fact.
    ["这篇原文麻烦全文发我一下 写论文要引用", "fulltext"],
    ["全文 多晶硅出口多少", "fact"],
    ["这篇报道的原文里提到了多少钱？", "fact"],
    ["最近有什么新鲜事？", "browse"],
    ["第三版有哪些报道？", "browse"],
    ["What's new?", "browse"],
    ["总结一下第一版", "summary"],
    ["市政协专题协商会讲了什么？", "summary"],
    ["罗东川做了什么？", "activity"],
    ["What did Luo Dongchuan do?", "activity"],
    ["西宁开发区多晶硅出口额是多少？", "fact"],
    ["最新的多晶硅出口额是多少？", "fact"],
    // A "more" word among request words only, however it is put.
    ["更多细节", "more"],
    ["说详细点", "more"],
    ["Tell me more details", "more"],
    ["还有哪些单位参加？", "fact"],
    ["更多的多晶硅出口数据", "fact"],
    ["给我看下原文", "fulltext"],
    // Colloquial and English browsing and activity requests.
    ["最近报了啥", "browse"],
    ["最新的报道是什么", "browse"],
    ["give me the headlines", "browse"],
    ["any news today?", "browse"],
    ["王卫东干了啥", "activity"],
    ["罗东川最近有什么活动", "activity"],
    ["what has Luo Dongchuan been up to", "activity"],
    ["最近多晶硅出口了多少", "fact"],
    ["这篇讲的啥", "summary"],
    ["简单说说市政协专题协商会", "summary"],
    ["概述一下反诈那篇", "summary"],
    ["tl;dr 第一版", "summary"],
    ["说说多晶硅出口额是多少", "fact"],
    ["下一条", "more"],
    ["还有其他数据吗", "more"],
    ["keep going", "more"],
    // Other ways of asking: 讲/介绍 beside 多/再, 贴出来, `can you…`.
    ["多讲一点", "more"],
    ["能不能再介绍一下", "more"],
    ["原文贴出来看看", "fulltext"],
    ["can you send me the full article", "fulltext"],
    ["could you share the whole article with me", "fulltext"],
    ["原文里多晶硅产能是多少", "fact"],
    ["给我看看这篇的完整内容", "fulltext"],
    ["这篇能整篇发我看看吗", "fulltext"],
    ["还有什么内容", "more"],
    ["还有什么单位参加", "fact"],
    ["这方面还有别的内容么", "more"],
    ["把这篇完整发我看看", "fulltext"],
    ["大概讲讲这篇都说了些啥", "summary"],
    ["Could you paste the entire report?", "fulltext"],
    // A full-text request with a remark that asks nothing; what else a report says is more.
    ["把这篇原文整篇给我看看吧，我想自己从头读一遍", "fulltext"],
    ["原文全部发我下", "fulltext"],
    ["please send me the complete text of that article", "fulltext"],
    ["给我原文，多晶硅出口多少", "fact"],
    ["展开讲讲这事", "more"],
    ["这篇里还讲了些啥，再展开说说", "more"],
    ["简单讲讲这篇说了啥", "summary"],
    ["简单说下这篇讲啥", "summary"],
    ["这篇后面还写了些什么 多说几句", "more"],
    ["刚才那篇 原文整段发我看看", "fulltext"],
    ["还写了哪些单位", "fact"],
    ["简单介绍一下这篇", "summary"],
    ["他讲啥了", "fact"],
    // What is left besides the request words names nothing: adverbs, particles, references.
    ["这篇后面还说了啥 接着讲", "more"],
    ["这个方案接着往下讲讲", "more"],
    ["tell me more abt it", "more"],
    ["原文甩我一下呗", "fulltext"],
    ["把这条日报的原文完整贴出来", "fulltext"],
    ["can u send the whole thing", "fulltext"],
    ["can you show me the whole story word for word", "fulltext"],
    ["原文里多晶硅产能是多少", "fact"],
    ["还有别的内容吗 请您接着往下介绍", "more"],
    ["接着往下唠 还有干货没", "more"],
    ["前面提到的那个方案 整篇原稿给我贴出来", "fulltext"],
    ["介绍一下多晶硅", "fact"],
  ])("%s → %s", (text, intent) => {
    expect(classifyIntent(text).intent).toBe(intent);
  });
});

describe("the conversation engine", () => {
  let engine: QaEngine;
  let now = 1_000_000;
  let conversations: ConversationEngine;
  beforeAll(async () => {
    engine = await keywordEngine();
    conversations = createConversationEngine(engine, { clock: () => now });
  });
  const verbatim = (answer: {
    citations: Array<{ articleId: string; quote: string; source: string; title: string }>;
  }) => {
    for (const c of answer.citations) {
      const article = engine.article(c.articleId)!;
      expect(article.text).toContain(c.quote);
      expect([article.source, article.title]).toEqual([c.source, c.title]);
    }
  };

  it("`X呢` is answered by the sentence about X, not by the frame's heading sentence", async () => {
    const first = await conversations.ask(null, "开发区千亿计划里新能源产业对接了几个重点项目？");
    const bio = await conversations.ask(first.state, "生物经济呢？");
    expect(bio.answer.resolvedQuestion).toContain("生物经济");
    const [top] = bio.answer.answer.split("\n");
    expect(top).toContain("生物经济产业涉及项目11项");
    verbatim(bio.answer);
  });

  it("the issue's conversation: 多晶硅 → 那锂电池呢 → 记者是谁 → 最近有什么新鲜事 → 总结一下第一版", async () => {
    let turn = await conversations.ask(null, "西宁开发区多晶硅出口额是多少？");
    expect(turn.answer.answer).toContain("8.5亿元");
    turn = await conversations.ask(turn.state, "那锂电池呢？");
    expect(turn.answer.resolvedQuestion).toBe("西宁开发区锂电池出口额是多少？");
    expect(turn.answer.answer).toContain("锂离子蓄电池出口6.2亿元");
    turn = await conversations.ask(turn.state, "记者是谁？");
    expect(turn.answer.answer).toContain("樊娅楠");
    // Asked otherwise, the same byline.
    expect(
      (await conversations.ask(turn.state, "这篇报道是哪位记者写的？")).answer.answer,
    ).toContain("樊娅楠");
    turn = await conversations.ask(turn.state, "最近有什么新鲜事？");
    expect(turn.answer).toMatchObject({ intent: "browse", grounded: true });
    expect(turn.answer.citations).toHaveLength(23);
    verbatim(turn.answer);
    turn = await conversations.ask(turn.state, "总结一下第一版");
    expect(turn.answer).toMatchObject({ intent: "summary", grounded: true });
    expect(turn.answer.citations.every((c) => c.source === "000_288891b281d8cdae.txt")).toBe(true);
    verbatim(turn.answer);
  });

  it("他 after a 谁 question is whom the answer named; 该会议 is the report in focus when the subject names no meeting", async () => {
    let turn = await conversations.ask(null, "省政协十三届三次会议闭幕会由谁主持？");
    turn = await conversations.ask(turn.state, "他说了什么？");
    expect(turn.answer.resolvedQuestion).toBe("公保扎西说了什么？");
    expect(turn.answer.answer).toContain("公保扎西说,会议开得风清气正、圆满成功");
    turn = await conversations.ask(null, "罗东川看望了哪些委员？");
    turn = await conversations.ask(turn.state, "该会议在哪天举行？");
    expect(turn.answer.resolvedQuestion).toBe("《罗东川看望省政协港澳委员并座谈交流》在哪天举行？");
    expect(turn.answer.answer).toContain("1月19日");
  });

  it("谁主持 is answered by the sentence that says who hosted, and 他 is the host, not the speaker before him", async () => {
    let turn = await conversations.ask(null, "全市生态环境保护大会是谁主持的？");
    // (`石建平在主持中指出…` says what he said while hosting; `…市长石建平主持。` says who hosted)
    expect(turn.answer.answer).toContain("市长石建平主持");
    turn = await conversations.ask(turn.state, "他在主持时说问题整改要实行什么制度？");
    expect(turn.answer.resolvedQuestion).toContain("石建平");
    expect(turn.answer.answer).toContain("挂牌销号制度");
  });

  it("a spoken request for the full text (`…我听听`) or for more in official wording (`请就上述报道再多介绍一些情况`)", async () => {
    let turn = await conversations.ask(null, "职工书法篆刻国画摄影作品展是哪天开展的");
    const more = await conversations.ask(turn.state, "请就上述报道再多介绍一些情况。");
    expect(more.answer).toMatchObject({ intent: "more", grounded: true });
    turn = await conversations.ask(turn.state, "把那篇原文整个发过来我听听");
    expect(turn.answer).toMatchObject({ intent: "fulltext", grounded: true });
    expect(turn.answer.answer).toContain("《我省举办职工书法篆刻国画摄影作品展》");
    // (a copy editor's `全文发我核对`: 核对 describes no other report either)
    const toCheck = await conversations.ask(turn.state, "全文发我核对");
    expect(toCheck.answer.answer).toContain("《我省举办职工书法篆刻国画摄影作品展》");
    // (a formal request, `请提供全文`: 提供 describes no other report)
    const provided = await conversations.ask(turn.state, "请提供全文。");
    expect(provided.answer.answer).toContain("《我省举办职工书法篆刻国画摄影作品展》");
    // (read out to a listener: the whole report, though no word says 全文; `全部给我看`)
    for (const request of ["全部念给我听", "全部给我看", "全部 给 我"]) {
      const read = await conversations.ask(turn.state, request);
      expect(read.answer, request).toMatchObject({ intent: "fulltext", grounded: true });
    }
  });

  it("a blogger's address to the readers (`家人们`) is no word of the question, nor of a request for more", async () => {
    let turn = await conversations.ask(
      null,
      "家人们 那个职工书法篆刻国画摄影作品展 书法篆刻最后有多少幅获奖啊",
    );
    expect(turn.answer.answer).toContain("40幅书法篆刻作品");
    turn = await conversations.ask(turn.state, "再多说点 家人们想听细节🙏");
    expect(turn.answer).toMatchObject({ intent: "more", grounded: true });
  });

  it("该会议几号闭幕 asks the day the meeting in focus closed, not the day its report dates it", async () => {
    let turn = await conversations.ask(null, "第十次常委会上杨逢春作的是什么报告");
    // The 第十次 session's report says `9月24日…在西宁举行` and nothing of its closing.
    turn = await conversations.ask(turn.state, "该会议几号闭幕的");
    expect(turn.answer.resolvedQuestion).toContain("闭幕");
    expect(turn.answer.grounded).toBe(false);
    // …while its day, asked as such, is that sentence's.
    turn = await conversations.ask(turn.state, "该会议在哪天举行？");
    expect(turn.answer.answer).toContain("9月24日");
  });

  it("more shows passages not shown yet, the same article first", async () => {
    const first = await conversations.ask(null, "西宁开发区多晶硅出口额是多少？");
    const more = await conversations.ask(first.state, "更多");
    expect(more.answer.intent).toBe("more");
    const before = new Set(first.answer.citations.map((c) => c.quote));
    expect(more.answer.citations.length).toBeGreaterThan(0);
    expect(more.answer.citations.some((c) => before.has(c.quote))).toBe(false);
    expect(more.answer.citations[0]!.articleId).toBe(first.answer.citations[0]!.articleId);
    verbatim(more.answer);
  });

  it("X呢 of a frame that already names X in a list (作品展's name) replaces the sibling where the question asks", async () => {
    let turn = await conversations.ask(
      null,
      "全省职工书法篆刻国画摄影作品展，书法篆刻最后入展的有多少幅",
    );
    turn = await conversations.ask(turn.state, "那国画呢");
    // The exhibition's name stays whole; 国画 takes 书法篆刻's place in the asking clause.
    expect(turn.answer.resolvedQuestion).toBe(
      "全省职工书法篆刻国画摄影作品展，国画最后入展的有多少幅",
    );
    expect(turn.answer.answer.split("\n")[0]).toContain("58幅国画作品");
    turn = await conversations.ask(turn.state, "摄影的呢");
    expect(turn.answer.resolvedQuestion).toBe(
      "全省职工书法篆刻国画摄影作品展，摄影最后入展的有多少幅",
    );
  });

  it("a day typed with a dot and a kind (`那9.23那天的物业呢`) replace the day and the kind; `X呢` of a frame counting 的诉求 replaces the kind", async () => {
    let turn = await conversations.ask(null, "10.15那天12345 物业管理的诉求几件");
    turn = await conversations.ask(turn.state, "消费维权呢");
    expect(turn.answer.resolvedQuestion).toContain("消费维权的诉求");
    expect(turn.answer.answer).toContain("消费维权58件");
    turn = await conversations.ask(turn.state, "那9.23那天的物业呢");
    expect(turn.answer.resolvedQuestion).toContain("9月23日");
    expect(turn.answer.answer).toContain("物业服务76件");
  });

  it("X的呢 names another kind: it takes the place of the kind before the frame's 的", async () => {
    let turn = await conversations.ask(null, "10月15号12345热线物业管理的诉求有多少件");
    turn = await conversations.ask(turn.state, "那供暖的呢");
    expect(turn.answer.resolvedQuestion).toBe("10月15号12345热线供暖的诉求有多少件");
    // The day's report counts 物业管理, 消费维权…, never 供暖: not its 物业管理64件.
    expect(turn.answer.grounded).toBe(false);
    turn = await conversations.ask(null, "10月15号12345热线物业管理的诉求有多少件");
    turn = await conversations.ask(turn.state, "消费维权的呢");
    expect(turn.answer.answer).toContain("消费维权58件");
  });

  it("该会议 in a question that names its report (第十次那篇) is that report, not the one in focus", async () => {
    let turn = await conversations.ask(null, "有哪些讲省人大常委会开会的报道");
    // (the list puts the 第十四次 session's report first: it is in focus)
    turn = await conversations.ask(turn.state, "第十次那篇 该会议上杨逢春作了啥报告");
    expect(turn.answer.resolvedQuestion).not.toContain("第十四次");
    expect(turn.answer.answer).toContain("代表资格审查委员会");
  });

  it("an ellipsis in the other language keeps the last question's frame", async () => {
    const english = await conversations.ask(
      null,
      "How much polysilicon did the Xining development zone export?",
    );
    const lithium = await conversations.ask(english.state, "那锂电池呢？");
    expect(lithium.answer.resolvedQuestion).toBe(
      "How much 锂电池 did the Xining development zone export?",
    );
    expect(lithium.answer.answer).toContain("锂离子蓄电池出口6.2亿元");
    const chinese = await conversations.ask(null, "西宁开发区多晶硅出口额是多少？");
    const rods = await conversations.ask(chinese.state, "What about monocrystalline silicon rods?");
    expect(rods.answer.resolvedQuestion).toContain("西宁开发区");
    expect(rods.answer.answer).toContain("出口额达2.1亿元");
  });

  it("an English question about `he` reads the report the last answer named him in first", async () => {
    const who = await conversations.ask(
      null,
      "Who spoke at Qinghai's provincial work safety and forest fire prevention meeting?",
    );
    expect(who.answer.answer).toContain("吴晓军");
    const campaign = await conversations.ask(
      who.state,
      "What three-year campaign did he call for?",
    );
    expect(campaign.answer.resolvedQuestion).toContain("吴晓军");
    expect(campaign.answer.answer).toContain("治本攻坚三年行动");
  });

  it("reads follow-ups in Traditional characters and Cantonese as the pages' language", async () => {
    const first = await conversations.ask(null, "西寧開發區多晶矽出口額是多少？");
    // A question standing on its own is shown back as typed.
    expect(first.answer.resolvedQuestion).toBe("西寧開發區多晶矽出口額是多少？");
    const lithium = await conversations.ask(first.state, "那鋰電池呢？");
    expect(lithium.answer.resolvedQuestion).toBe("西宁开发区锂电池出口额是多少？");
    expect(lithium.answer.answer).toContain("锂离子蓄电池出口6.2亿元");
    const reporter = await conversations.ask(lithium.state, "記者係邊個？");
    expect(reporter.answer.question).toBe("記者係邊個？");
    expect(reporter.answer.answer).toContain("樊娅楠");
  });

  it("an English follow-up goes on in the report in focus, and an unanswered turn keeps it", async () => {
    const first = await conversations.ask(null, "How many bank accounts did Xining police freeze?");
    expect(first.answer.answer).toContain("8927个");
    const money = await conversations.ask(first.state, "And how much money was frozen?");
    expect(money.answer.answer).toContain("14.59亿元");
    expect(money.answer.resolvedQuestion).toBe("And how much money was frozen?");
    // Not answered: the report stays in focus for the next reference to it.
    const missed = await conversations.ask(money.state, "And what did they do next year?");
    expect(missed.answer.grounded).toBe(false);
    const byline = await conversations.ask(missed.state, "Who wrote this report?");
    expect(byline.answer.answer).toContain("宁亚琴");
    verbatim(byline.answer);
  });

  it("an English `they` is what the last English question asked about; `what about X, …` is X", async () => {
    let turn = await conversations.ask(
      null,
      "How much were the development zone's lithium-ion battery exports in 2024?",
    );
    expect(turn.answer.answer).toContain("6.2亿元");
    turn = await conversations.ask(turn.state, "and how fast did they grow?");
    expect(turn.answer.resolvedQuestion).toBe(
      "How fast did the development zone's lithium-ion battery exports in 2024 grow?",
    );
    expect(turn.answer.answer).toContain("77.5倍");
    turn = await conversations.ask(
      turn.state,
      "what about monocrystalline silicon rods, where do they rank nationally?",
    );
    expect(turn.answer.resolvedQuestion).toBe(
      "Where do monocrystalline silicon rods rank nationally?",
    );
    expect(turn.answer.answer).toContain("居全国第三");
    verbatim(turn.answer);
  });

  it("an English `and X?` puts X where the frame's item of the same list stands, read through the pages", async () => {
    let turn = await conversations.ask(
      null,
      "Xining ETDZ polysilicon exports in 2024 - what share of the national total?",
    );
    expect(turn.answer.answer).toContain("34.4%");
    turn = await conversations.ask(turn.state, "and monocrystalline silicon rods?");
    expect(turn.answer.resolvedQuestion).toBe(
      "Xining ETDZ monocrystalline silicon rods exports in 2024 - what share of the national total?",
    );
    expect(turn.answer.answer).toContain("12.1%");
    let capacity = await conversations.ask(
      null,
      "How much compound fertiliser capacity does the Xining development zone have?",
    );
    capacity = await conversations.ask(capacity.state, "and high-performance carbon fibre?");
    expect(capacity.answer.resolvedQuestion).toBe(
      "How much high-performance carbon fibre capacity does the Xining development zone have?",
    );
    expect(capacity.answer.answer).toContain("2.5万吨高性能碳纤维");
  });

  it("an English `and the X?` puts X without its article; a running total `so far` reads 截至目前", async () => {
    let turn = await conversations.ask(
      null,
      "How many 专精特新 firms has the dev zone built up so far, per the chemical industry article?",
    );
    expect(turn.answer.answer).toContain("专精特新企业62家");
    turn = await conversations.ask(turn.state, "and the little giants?");
    expect(turn.answer.resolvedQuestion).toBe(
      "How many little giants has the dev zone built up so far, per the chemical industry article?",
    );
    expect(turn.answer.answer).toContain("小巨人");
  });

  it("a Chinese `他…怎么样` after an English question is about him, not X put in the English frame", async () => {
    let turn = await conversations.ask(
      null,
      "Who presided over the closing session of the 省政协十三届三次会议?",
    );
    expect(turn.answer.answer).toContain("公保扎西");
    turn = await conversations.ask(turn.state, "他说这个会开得怎么样");
    expect(turn.answer.resolvedQuestion).toContain("公保扎西说");
    expect(turn.answer.answer).toContain("风清气正");
  });

  it("another session asked by its ordinal (那第十次呢) drops the first session's day", async () => {
    let turn = await conversations.ask(
      null,
      "三月二十五号省人大常委会第十四次会议 出席的委员一共多少人",
    );
    expect(turn.answer.answer).toContain("63人");
    turn = await conversations.ask(turn.state, "那第十次呢");
    expect(turn.answer.resolvedQuestion).toBe("省人大常委会第十次会议 出席的委员一共多少人");
    expect(turn.answer.answer).toContain("64人");
  });

  it("a Cantonese `咁X嗰個呢` is an ellipsis as `那X呢` is", async () => {
    let turn = await conversations.ask(null, "2025年开发区新材料产业规上工业产值要达到多少");
    expect(turn.answer.answer).toContain("1200亿元");
    turn = await conversations.ask(turn.state, "咁新能源嗰個呢");
    expect(turn.answer.resolvedQuestion).toBe("2025年开发区新能源产业规上工业产值要达到多少");
    expect(turn.answer.answer).toContain("2300亿元");
  });

  it("`go on, what else came up at that meeting?` and `接着往下讲 后面几条说的啥` ask for more", async () => {
    for (const more of [
      "go on, what else came up at that meeting?",
      "接着往下讲 后面几条说的啥",
      "接着说说 会上还讲了啥",
      "Go on, what else is in that piece?",
    ]) {
      const first = await conversations.ask(null, "省政协十三届三次会议应出席委员多少人");
      const turn = await conversations.ask(first.state, more);
      expect(turn.answer.intent, more).toBe("more");
    }
  });

  it("`cheers. go on then, what else does it say?` asks for more of the same report", async () => {
    let turn = await conversations.ask(
      null,
      "What was the dev zone's gross industrial output in 2024?",
    );
    expect(turn.answer.answer).toContain("1286.1亿元");
    turn = await conversations.ask(turn.state, "cheers. go on then, what else does it say?");
    expect(turn.answer.intent).toBe("more");
    expect(turn.answer.citations.length).toBeGreaterThan(0);
    expect(turn.answer.answer).not.toContain("1286.1亿元");
  });

  it("an English `what share of the province is that?` is of the last figure; `and in 2023?` changes the year", async () => {
    let turn = await conversations.ask(
      null,
      "How many innovative SMEs did the Xining zone newly certify in 2024?",
    );
    turn = await conversations.ask(turn.state, "what share of the province is that?");
    expect(turn.answer.resolvedQuestion).toBe(
      "How many innovative SMEs did the Xining zone newly certify in 2024 - what share of the province is that?",
    );
    expect(turn.answer.answer).toContain("39%");
    turn = await conversations.ask(turn.state, "and in 2023?");
    expect(turn.answer.resolvedQuestion).toContain("in 2023");
    // The pages give the 2024 figures only.
    expect(turn.answer.grounded).toBe(false);
  });

  it("`what did he hope they would do?` asks what the person in focus said, not what `hope` did", async () => {
    let turn = await conversations.ask(
      null,
      "What did Luo Dongchuan tell the HK and Macao CPPCC members he'd strengthen?",
    );
    turn = await conversations.ask(turn.state, "what did he hope they would do?");
    expect(turn.answer.intent).toBe("fact");
    expect(turn.answer.resolvedQuestion).toBe("what did 罗东川 hope they would do?");
    expect(turn.answer.answer).toContain("双重积极作用");
  });

  it("`and who chaired it?` asks anew, even after a question resolved with a Chinese name", async () => {
    let turn = await conversations.ask(
      null,
      "Who gave the main speech at Xining's eco-environmental protection conference on November 23?",
    );
    turn = await conversations.ask(
      turn.state,
      "What inspection did he say the city must fully cooperate with?",
    );
    expect(turn.answer.answer).toContain("第三轮中央生态环境保护督察");
    turn = await conversations.ask(turn.state, "and who chaired it?");
    expect(turn.answer.resolvedQuestion).toBe("and who chaired it?");
    expect(turn.answer.answer).toContain("石建平主持");
  });

  it("a figure in the headline put in front of a follow-up is the report's, not one the reader states", async () => {
    let turn = await conversations.ask(null, "公安返还诈骗钱那篇说了什么，总结一下");
    turn = await conversations.ask(turn.state, "返还多少钱");
    expect(turn.answer.answer.split("\n")[0]).toContain("1031.5万余元");
  });

  it("`同比呢` asks how the same figure changed, its topic kept; the next `X呢` replaces that topic", async () => {
    let turn = await conversations.ask(null, "西宁开发区2024年锂离子蓄电池出口多少？");
    turn = await conversations.ask(turn.state, "同比呢？");
    expect(turn.answer.resolvedQuestion).toBe("西宁开发区2024年锂离子蓄电池出口同比增长多少？");
    expect(turn.answer.answer).toContain("增长77.5倍");
    turn = await conversations.ask(turn.state, "那多晶硅的呢？");
    expect(turn.answer.resolvedQuestion).toBe("西宁开发区2024年多晶硅出口同比增长多少？");
    expect(turn.answer.answer).toContain("增长73.7倍");
  });

  it("`占全市多少` is the share of the last question's figure; `那占全省呢` changes only the whole", async () => {
    let turn = await conversations.ask(null, "2024年西宁开发区完成固定资产投资多少");
    expect(turn.answer.answer).toContain("138.96亿元");
    turn = await conversations.ask(turn.state, "占全市多少");
    expect(turn.answer.resolvedQuestion).toBe("2024年西宁开发区完成固定资产投资占全市多少");
    expect(turn.answer.answer.split("\n")[0]).toContain("30.1%");
    turn = await conversations.ask(turn.state, "那占全省呢");
    expect(turn.answer.resolvedQuestion).toBe("2024年西宁开发区完成固定资产投资占全省多少");
    // The pages give that figure's share of the city only.
    expect(turn.answer.grounded).toBe(false);
  });

  it("`该会议` after a subject quoting a headline is the headline's meeting; `然后呢`, `please go on` are more", async () => {
    let turn = await conversations.ask(
      null,
      "省人大常委会第十次会议上，关于安全生产法执法检查的那个报告是哪位副主任作的",
    );
    expect(turn.answer.answer).toContain("尼玛卓玛");
    turn = await conversations.ask(turn.state, "她作的这个报告一共检查了哪两部法规的实施情况");
    turn = await conversations.ask(turn.state, "该会议列席的副省长是哪一位");
    expect(turn.answer.resolvedQuestion).toBe("省十四届人大常委会第十次会议列席的副省长是哪一位");
    expect(turn.answer.answer).toContain("副省长杨志文");
    let more = await conversations.ask(null, "西宁公安今年一共给受害人返还了多少钱");
    more = await conversations.ask(more.state, "然后呢");
    expect(more.answer.intent).toBe("more");
    let en = await conversations.ask(
      null,
      "How many calls did Xining's 12345 hotline take on October 15?",
    );
    en = await conversations.ask(en.state, "Anything else from it? Please go on");
    expect(en.answer.intent).toBe("more");
  });

  it("formal English requests are more and full text too (`I should be grateful if you could elaborate further…`, `Would you be so kind as to send me the complete text…`)", async () => {
    let turn = await conversations.ask(
      null,
      "What was the theme of the city CPPCC consultation meeting on 24 September?",
    );
    turn = await conversations.ask(turn.state, "Go on — what else came out of that meeting?");
    expect(turn.answer.intent).toBe("more");
    turn = await conversations.ask(
      turn.state,
      "I should be grateful if you could elaborate further on what else the article reports.",
    );
    expect(turn.answer.intent).toBe("more");
    turn = await conversations.ask(
      turn.state,
      "Would you be so kind as to send me the complete text of this report for our files?",
    );
    expect(turn.answer).toMatchObject({ intent: "fulltext", grounded: true });
  });

  it("`Go on, what else did it say?` and `Anything else in it worth knowing?` are more", async () => {
    let turn = await conversations.ask(
      null,
      "Who chaired the provincial government's Party group meeting on March 25?",
    );
    turn = await conversations.ask(turn.state, "Go on, what else did it say?");
    expect(turn.answer.intent).toBe("more");
    turn = await conversations.ask(turn.state, "Anything else in it worth knowing?");
    expect(turn.answer.intent).toBe("more");
  });

  it("reads Singapore English particles (`Tell me more lah`) and a remark after a full-text request's question mark", async () => {
    let turn = await conversations.ask(
      null,
      "How many specific measures are in the Xining Blue action plan?",
    );
    turn = await conversations.ask(turn.state, "Tell me more lah, what else does it say?");
    expect(turn.answer.intent).toBe("more");
    turn = await conversations.ask(
      null,
      "Who chaired the city government's Party group meeting on March 25?",
    );
    turn = await conversations.ask(
      turn.state,
      "Can you paste the whole article? I need to check it against our draft.",
    );
    expect(turn.answer).toMatchObject({ intent: "fulltext", grounded: true });
    expect(turn.answer.answer).toContain("相关副市长");
  });

  it("`这家企业` after a 哪家 question is the company its answer named; a rank it never gives is not found", async () => {
    let turn = await conversations.ask(null, "开发区哪家化工企业做的硼酸纯度特别高");
    expect(turn.answer.answer).toContain("青海利亚达化工有限公司");
    turn = await conversations.ask(turn.state, "这家企业的案例入选了什么");
    expect(turn.answer.resolvedQuestion).toBe("青海利亚达化工有限公司的案例入选了什么");
    expect(turn.answer.answer).toContain("典型案例");
    turn = await conversations.ask(turn.state, "它在全国硼酸企业里排第几");
    expect(turn.answer.grounded).toBe(false);
  });

  it("the full text after an unanswered question is the nearest report's, said as such", async () => {
    const first = await conversations.ask(null, "西宁开发区2023年多晶硅进口额是多少？");
    expect(first.answer.grounded).toBe(false);
    const nearest = first.answer.citations[0]!;
    const full = await conversations.ask(first.state, "把这篇全文给我");
    expect(full.answer.intent).toBe("fulltext");
    expect(full.answer.answer).toContain("没有找到答案");
    expect(full.answer.answer).toContain(engine.article(nearest.articleId)!.text);
    expect(full.answer.resolvedQuestion).toBe(`《${nearest.title}》全文`);
    verbatim(full.answer);
    // A conversation that has suggested nothing still asks which report.
    expect((await conversations.ask(null, "把这篇全文给我")).answer.grounded).toBe(false);
  });

  it("a full-text request may describe the report: the one in focus, or the one it names", async () => {
    const first = await conversations.ask(null, "市政协专题协商会的协商主题是啥");
    const who = await conversations.ask(first.state, "该会议谁主持的");
    expect(who.answer.answer).toContain("段发达");
    const full = await conversations.ask(who.state, "他主持的这个会 全文发我看看");
    expect(full.answer.intent).toBe("fulltext");
    expect(full.answer.resolvedQuestion).toBe("《市政协召开专题协商会》全文");
    const named = await conversations.ask(null, "西宁蓝提质行动那篇全文");
    expect(named.answer.intent).toBe("fulltext");
    expect(named.answer.answer).toContain("28项具体任务");
    // A remark beside the request names no report.
    expect((await conversations.ask(null, "全文太长了吧")).answer.grounded).toBe(false);
  });

  it("an English `where was it held?` is answered from the report in focus, which states its place", async () => {
    const first = await conversations.ask(null, "when did the provincial CPPCC session close");
    expect(first.answer.answer).toContain("1月21日");
    const where = await conversations.ask(first.state, "where was it held?");
    expect(where.answer.answer).toContain("青海会议中心");
    verbatim(where.answer);
  });

  it("`第二个` / `最后一个` is that item of the list the report in focus numbers", async () => {
    const first = await conversations.ask(null, "9月23号热线热点问题有哪些");
    const second = await conversations.ask(first.state, "第二个多少件");
    expect(second.answer.resolvedQuestion).toContain("旅游管理");
    expect(second.answer.answer.split("\n")[0]).toContain("2.旅游管理46件");
    const last = await conversations.ask(second.state, "最后一个呢");
    expect(last.answer.answer.split("\n")[0]).toContain("3.噪音问题45件");
    verbatim(last.answer);
    // Without a numbered list in focus, no item is made up: `第二个` stays as the reader wrote it.
    const plan = await conversations.ask(null, "开发区千亿计划里新能源产业对接了几个重点项目？");
    const pointer = await conversations.ask(plan.state, "第二个呢");
    expect(pointer.answer.resolvedQuestion).toContain("第二个");
  });

  it("`第二个` is found in whichever report the last answer cited numbers a list; a day as 号 is a day", async () => {
    const first = await conversations.ask(null, "10月15号热线的热点问题有哪几个");
    const second = await conversations.ask(first.state, "第二个是啥问题 多少件");
    expect(second.answer.resolvedQuestion).toContain("消费维权");
    expect(second.answer.answer.split("\n")[0]).toContain("2.消费维权58件");
    // `那9月23号的呢` puts the day in place of `10月15号`.
    const day = await conversations.ask(second.state, "那9月23号的呢");
    expect(day.answer.resolvedQuestion).toContain("9月23号");
    expect(day.answer.resolvedQuestion).not.toContain("10月15号");
  });

  it("an English `it` is the report in focus only: what it does not say is not found elsewhere", async () => {
    const first = await conversations.ask(
      null,
      "What document did the provincial government's party group approve at its March 25 meeting?",
    );
    expect(first.answer.answer).toContain("学习教育工作安排");
    const chair = await conversations.ask(first.state, "who chaired it?");
    expect(chair.answer.answer).toContain("罗东川");
    const session = await conversations.ask(
      null,
      "where did the provincial CPPCC session close in January?",
    );
    expect(session.answer.answer).toContain("青海会议中心");
    // The closing report gives no number of proposals; another report's figure is no answer.
    const proposals = await conversations.ask(
      session.state,
      "how many proposals were filed at it?",
    );
    expect(proposals.answer.grounded).toBe(false);
    // `the handover` is the event in focus, and where it was is its report's place.
    const money = await conversations.ask(
      null,
      "How much money did Xining police return to fraud victims?",
    );
    const where = await conversations.ask(money.state, "where was the handover held");
    expect(where.answer.answer).toContain("城中分局");
    verbatim(where.answer);
  });

  it("`那个座谈会` is the meeting in focus", async () => {
    const first = await conversations.ask(null, "1月19号晚上罗东川去看望的是哪些委员");
    const chair = await conversations.ask(first.state, "那个座谈会是谁主持的");
    expect(chair.answer.answer).toContain("公保扎西");
    verbatim(chair.answer);
  });

  it("a subject named by its report (`…那篇`) is what a reply to that answer asks about", async () => {
    expect(subjectOf("老年人体育活动那篇 近三年办了多少场")).toBe("老年人体育活动");
  });

  it("more after a question the pages do not answer says so, and invents nothing", async () => {
    const first = await conversations.ask(null, "西宁开发区2023年多晶硅进口额是多少？");
    expect(first.answer.grounded).toBe(false);
    const more = await conversations.ask(first.state, "还有呢");
    expect(more.answer.intent).toBe("more");
    expect(more.answer.grounded).toBe(false);
    expect(more.answer.citations).toEqual([]);
    expect(more.answer.answer).toContain("没有找到答案");
    expect(more.answer.answer).toContain("西宁开发区2023年多晶硅进口额是多少");
  });

  it("那个活动 after a question about its theme is the campaign, not the theme", async () => {
    const first = await conversations.ask(null, "护苗绿书签行动的主题是什么");
    const next = await conversations.ask(first.state, "那个活动上演了什么情景剧");
    expect(next.answer.resolvedQuestion).toBe("护苗绿书签行动上演了什么情景剧");
    expect(next.answer.answer).toContain("情景剧《守护》");
    verbatim(next.answer);
  });

  it("more reads on from the sentence shown: the next item of the list it belongs to", async () => {
    const first = await conversations.ask(null, "开发区新能源产业到2025年累计完成投资多少？");
    expect(first.answer.answer).toContain("1000亿元");
    const more = await conversations.ask(first.state, "说详细点");
    expect(more.answer.intent).toBe("more");
    expect(more.answer.citations[0]?.quote).toContain("新材料产业累计完成投资500亿元");
    verbatim(more.answer);
  });

  it("more after a follow-up on the same report repeats nothing either turn showed", async () => {
    const first = await conversations.ask(null, "西宁公安返还了多少涉诈资金？");
    const reporter = await conversations.ask(first.state, "记者是谁？");
    const more = await conversations.ask(reporter.state, "更多");
    const shown = new Set(
      [...first.answer.citations, ...reporter.answer.citations].map((c) => c.quote),
    );
    expect(more.answer.citations.length).toBeGreaterThan(0);
    expect(more.answer.citations.filter((c) => shown.has(c.quote))).toEqual([]);
  });

  it("summaries quote each sentence verbatim, in reading order, lead first", async () => {
    const turn = await conversations.ask(null, "概括一下《西宁公安返还涉诈资金1031.5万余元》");
    expect(turn.answer.intent).toBe("summary");
    verbatim(turn.answer);
    const article = engine.article(turn.answer.citations[0]!.articleId)!;
    const offsets = turn.answer.citations.map((c) => article.text.indexOf(c.quote));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(offsets[0]).toBe(0);
    expect(turn.answer.citations.length).toBeLessThanOrEqual(4);
  });

  it("activity: sentences in which the person acts, grouped by article", async () => {
    const turn = await conversations.ask(null, "罗东川做了什么？");
    expect(turn.answer.intent).toBe("activity");
    expect(turn.answer.citations.every((c) => c.quote.includes("罗东川"))).toBe(true);
    expect(new Set(turn.answer.citations.map((c) => c.articleId)).size).toBeGreaterThanOrEqual(2);
    verbatim(turn.answer);
  });

  it("`他们…` after a question about a group reads the report in focus", async () => {
    let turn = await conversations.ask(null, "罗东川跟港澳委员座谈的时候 都有哪些委员发言了");
    expect(turn.answer.answer).toContain("吴汉忠");
    turn = await conversations.ask(turn.state, "他们表示要当好什么角色");
    expect(turn.answer.answer).toContain("联络员和服务员");
    verbatim(turn.answer);
  });

  it("a question all of whose words the report in focus holds is read there first", async () => {
    let turn = await conversations.ask(null, "10月15号12345热线接了多少来电");
    turn = await conversations.ask(turn.state, "港澳委员座谈那篇讲了啥 简单概括一下");
    expect(turn.answer.intent).toBe("summary");
    // (`座谈会` and `主持` are also in another report: 产业四地's 主持召开座谈会)
    turn = await conversations.ask(turn.state, "座谈会谁主持的");
    expect(turn.answer.answer.split("\n")[0]).toContain("公保扎西主持座谈");
  });

  it("`换个话题 …` starts anew, and the next ellipsis re-asks the question without the marker", async () => {
    let turn = await conversations.ask(null, "10月15号12345热线接了多少来电");
    turn = await conversations.ask(turn.state, "换个话题 开发区多晶硅出口增长多少倍");
    expect(turn.answer.answer).toContain("73.7倍");
    turn = await conversations.ask(turn.state, "锂离子蓄电池呢");
    expect(turn.answer.resolvedQuestion).toBe("开发区锂离子蓄电池出口增长多少倍");
    expect(turn.answer.answer).toContain("77.5倍");
    turn = await conversations.ask(
      null,
      "how much money did Xining police return to fraud victims",
    );
    turn = await conversations.ask(
      turn.state,
      "unrelated - how many salt lake research results did Xining achieve",
    );
    expect(turn.answer.answer).toContain("29项科研成果");
    turn = await conversations.ask(turn.state, "and high-level talents?");
    expect(turn.answer.resolvedQuestion).not.toMatch(/unrelated/i);
    expect(turn.answer.answer).toContain("59名盐湖领域高层次人才");
  });

  it("an ellipsis replaces two words jieba cut apart that the pages print as one item", async () => {
    let turn = await conversations.ask(null, "开发区 光伏电池产能多少");
    expect(turn.answer.answer).toContain("5.7吉瓦光伏电池");
    turn = await conversations.ask(turn.state, "切片呢");
    expect(turn.answer.resolvedQuestion).toBe("开发区 切片产能多少");
    expect(turn.answer.answer).toContain("5.6吉瓦切片");
  });

  it("an English `…there?` after `more` is about the report in focus", async () => {
    let turn = await conversations.ask(
      null,
      "When did Luo Dongchuan meet the Hong Kong and Macao CPPCC members?",
    );
    turn = await conversations.ask(turn.state, "tell me more about that meeting");
    expect(turn.answer.intent).toBe("more");
    turn = await conversations.ask(turn.state, "Which members spoke there?");
    expect(turn.answer.answer).toContain("吴汉忠");
    verbatim(turn.answer);
  });

  it("`把这篇原文全发给俺看看` asks for the full text of the report in focus", async () => {
    let turn = await conversations.ask(null, "3月25日市政府党组会议由谁主持？");
    turn = await conversations.ask(turn.state, "把这篇原文全发给俺看看");
    expect(turn.answer.intent).toBe("fulltext");
    expect(turn.answer.citations[0]?.title).toBe("市政府党组会议召开");
  });

  it("a Chinese `X呢` after an English question takes the place of the English item, the rest kept", async () => {
    let turn = await conversations.ask(
      null,
      "How much were the Xining zone's polysilicon exports in 2024?",
    );
    expect(turn.answer.answer).toContain("多晶硅出口8.5亿元");
    turn = await conversations.ask(turn.state, "单晶硅棒呢");
    expect(turn.answer.resolvedQuestion).toBe(
      "How much were the Xining zone's 单晶硅棒 exports in 2024?",
    );
    expect(turn.answer.answer).toContain("出口额达2.1亿元");
    // (a phrase read two ways, `new-energy` as 新能源 and 清洁能源, is still the item)
    turn = await conversations.ask(
      null,
      "Under the zone's 千亿投资计划, what industrial output is the new-energy sector supposed to reach by 2025?",
    );
    turn = await conversations.ask(turn.state, "那新材料呢");
    expect(turn.answer.answer).toContain("规上工业产值达到1200亿元");
  });

  it("`另外问下 …` starts anew: the next question's subject is the new topic, not the marker", async () => {
    let turn = await conversations.ask(null, "10月15号12345热线接了多少来电");
    turn = await conversations.ask(turn.state, "另外问下 开发区电解铝一年能产多少");
    expect(turn.answer.answer).toContain("165万吨电解铝");
    turn = await conversations.ask(turn.state, "铝深加工呢");
    expect(turn.answer.resolvedQuestion).not.toContain("另外");
    expect(turn.answer.answer).toContain("135万吨铝深加工");
  });

  it("a day replaces a day typed as `10/15`", async () => {
    let turn = await conversations.ask(null, "10/15 12345 来电多少件次");
    expect(turn.answer.answer).toContain("1215件次");
    turn = await conversations.ask(turn.state, "那9月23号呢");
    expect(turn.answer.resolvedQuestion).toBe("9月23号 12345 来电多少件次");
    expect(turn.answer.answer).toContain("865件次");
  });

  it("a quiet hour ends the conversation (injected clock, no waiting)", async () => {
    const first = await conversations.ask(null, "3月25日市政府党组会议由谁主持？");
    expect(activeContext(first.state, now + QUIET_MS)).not.toBeNull();
    now += QUIET_MS + 1;
    const later = await conversations.ask(first.state, "那省政府党组会议呢？");
    expect(later.answer.resolvedQuestion).toBe("那省政府党组会议呢？");
  });

  it("keeps its state small and plain", async () => {
    let turn = await conversations.ask(null, "西宁开发区多晶硅出口额是多少？");
    for (const q of ["更多", "更多", "那锂电池呢？", "更多"])
      turn = await conversations.ask(turn.state, q);
    expect(JSON.parse(JSON.stringify(turn.state))).toEqual(turn.state);
    expect(stateBytes(turn.state)).toBeLessThanOrEqual(1024);
  });
});
