/**
 * Turns Chinese (and the odd Latin or numeric) text into search terms for the keyword index.
 * Documents and questions go through the same {@link tokenize}, so whatever a question says in the
 * words of the page produces terms that the page's own terms contain.
 *
 * Four namespaces, kept apart by a prefix so that a two-character word and the same two characters
 * seen as a bigram are different terms that can be weighted differently:
 * - `w:` words from jieba's search mode (`西宁开发区` → `西宁`, `开发`, `开发区`, `西宁开发区`);
 * - `n:` numbers, bare and with each prefix of the unit that follows (`8.5亿元` → `8.5`, `8.5亿`,
 *   `8.5亿元`), so `8.5亿` finds `8.5亿元` but prefers it to `8.5万吨`;
 * - `b:` character bigrams over each run of Han characters: when jieba cuts a phrase one way in
 *   the question and another way in the page, the bigrams still match;
 * - `c:` single Han characters, so a one-character question (`铝`, `硅`) finds something.
 */
import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";
import { fnv1a } from "../util/fnv1a.js";

/**
 * Terms jieba's bundled dictionary lacks or cuts apart, taken from the seed pages. Without them
 * `石建平` becomes `石` + `建平` and `源网荷储` becomes `源网` + `荷储`: a question naming them would
 * only match through bigrams, with a weaker score. Whole words keep the strongest signal.
 *
 * Mind search mode when adding a compound: it adds a long word's 2- and 3-character sub-words, never
 * its 4-character ones. Adding `源网荷储一体化` would hide `源网荷储` from a question that says just
 * that, so list the shortest term people ask for, not every phrase it appears in.
 */
const USER_WORDS: readonly string[] = [
  // People in the seed pages (officials, reporters) that jieba splits, e.g. 罗 + 东川, 公保 + 扎西.
  "石建平", "罗东川", "吴晓军", "王卫东", "公保扎西", "樊娅楠", "王黎明", "杨逢春", "尼玛卓玛",
  "刘同德", "张黄元", "王敬斋", "陈东昌", "刘美频", "王海红", "张泽军", "查庆九", "田得乾",
  "石成砚", "石成观", "乔欣", "文月婷", "何录春", "宁亚琴", "刘海军", "段发达", "褚平俊",
  "汪山泉", "宋晨曦", "刘大业", "才让太", "钟志军", "李小牛", "南海晏", "黎晓刚", "陈刚",
  "乌拉孜别克", "热苏力汗", "赛赤", "确吉洛智嘉措",
  // Places, parks, companies and institutions.
  "西宁开发区", "甘河园区", "南川工业园区", "湟中区", "湟源县", "城中分局", "陶昕", "三江源",
  "湟投", "石头磊", "天合光能", "中复神鹰", "美霖", "博明瑞鸿", "利亚达", "阿里云", "新华三",
  "图灵小镇",
  // Programmes, campaigns and technical terms of these pages.
  "算力", "绿色算力", "智算", "绿电", "源网荷储", "算电协同", "虚拟电厂", "零碳产业园", "零碳园区",
  "碳达峰", "碳中和", "双碳", "东数西算", "多晶硅", "单晶硅", "电解铜箔", "六氟磷酸锂", "锂电",
  "有诉必应马上办", "12345", "西宁蓝", "绿书签", "护苗", "敬老月", "反诈", "每月一地", "四地",
  "一园一策", "一企一策", "十五五", "急难愁盼", "九小场所", "三管三必须", "两单四表", "码上减负",
  "干喷湿纺", "冷凉蔬菜", "丁香之城", "雪豹之都", "专精特新", "小巨人", "便民热线",
];

// High enough that jieba keeps every entry whole against the split its own dictionary suggests
// (`建平` has 528, `开发区` 3667, `马上` 2306). Checked on the seed pages: the only words it costs
// are the pieces of the entries themselves (`公保`, `荷储`) and HMM guesses such as `杨逢春作`.
const USER_WORD_FREQUENCY = 20_000;

/**
 * Words that say nothing about what a passage is about, dropped from the `w:` terms. Kept short on
 * purpose: BM25's idf already discounts common words; these are listed because they would still
 * add noise or, worse, match the wrong passage.
 */
const STOP_WORDS: ReadonlySet<string> = new Set([
  // Structural particles: in nearly every sentence, glue between words.
  "的", "之", "了", "着",
  // Conjunctions and prepositions: relate words to each other, carry no topic of their own.
  "和", "与", "及", "以及", "并", "或", "或者", "而", "在", "对", "于", "从", "向", "把", "被", "将",
  "以", "为",
  // Copula and the list closer `等` (…光伏、锂电等).
  "是", "等",
  // Question words and sentence-final particles: questions are full of them, pages are not, so a
  // page that happens to hold one (`如何走好…`) would get a large idf bonus for an unrelated match.
  "什么", "多少", "哪些", "哪个", "哪里", "如何", "怎么", "怎样", "为什么", "是否", "请问", "吗",
  "呢", "吧", "啊",
]);

/**
 * Where a run of Han characters is cut before pairing characters into bigrams. Only particles and
 * question words: they almost never sit inside a content word, so `西宁开发区的多晶硅` gives
 * `区的`/`的多` nowhere, and a question's `多少` or `如何` does not pair with its neighbours. (Words
 * such as `了解`, whose bigram is lost, still come through as `w:` terms.)
 */
const BIGRAM_BREAKERS = /为什么|什么|多少|哪些|哪个|哪里|如何|怎么|怎样|请问|[的了吗呢吧啊]/u;

/** Longest unit kept after a number: `万余元` (3), `万千瓦时` (4), `gwh` (3). */
const MAX_UNIT_LENGTH = 4;

// A number, optionally followed (after OCR's stray spaces, `5 万台`) by the letters it measures in.
// The leftmost match wins, so `1031.5万` yields `1031.5`, never `1.5`.
const NUMBER_WITH_UNIT = /(\d+(?:\.\d+)?)(?:\s*([\p{Script=Han}a-z%‰℃]+))?/gu;
const HAN_RUN = /\p{Script=Han}+/gu;
// OCR leaves spaces inside Chinese text (`中心城 市`); they would split words and bigrams.
const SPACE_BETWEEN_HAN = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\d/u;

/**
 * Identifies the term scheme, user dictionary included. An index built under another version
 * holds terms a question can no longer produce; the keyword index stores this and refuses to load
 * under a different one. Bump `SCHEME` when changing the code; the word lists are hashed in.
 */
export const TOKENIZER_VERSION: string = (() => {
  const SCHEME = 1;
  const material = [...USER_WORDS, "|", ...STOP_WORDS, "|", BIGRAM_BREAKERS.source, MAX_UNIT_LENGTH].join("\n");
  return `zh-${SCHEME}-${fnv1a(material)}`;
})();

let shared: Jieba | undefined;

/**
 * The one jieba instance, built on first use: loading the 5 MB bundled dictionary takes a few
 * hundred milliseconds, which programs that never tokenize (e.g. `npm run articles`) should not pay.
 * Exported for the question-understanding modules, which cut questions exactly as the index does.
 */
export function jieba(): Jieba {
  if (shared === undefined) {
    // Required here rather than imported at the top so that the dictionary file is read lazily too.
    const { dict } = createRequire(import.meta.url)("@node-rs/jieba/dict") as { dict: Uint8Array };
    const instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(USER_WORDS.map((word) => `${word} ${USER_WORD_FREQUENCY} n`).join("\n")));
    shared = instance;
  }
  return shared;
}

/**
 * The text as the tokenizer reads it: NFKC (full-width `８．５％` → `8.5%`, as users type on a
 * Chinese keyboard), lower case (`GW` and `gw` are one term), and no spaces between Han characters.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(SPACE_BETWEEN_HAN, "");
}

/**
 * All search terms of `text`, with repetitions (they are term frequencies for BM25). Use it for
 * documents and questions alike. Returns `[]` for text without letters or digits.
 *
 * @example
 * tokenize("多晶硅出口8.5亿元")
 * // ["w:多晶", "w:多晶硅", "w:出口", "w:亿元", "n:8.5", "n:8.5亿", "n:8.5亿元",
 * //  "b:多晶", "b:晶硅", "b:硅出", "b:出口", "c:多", "c:晶", "c:硅", "c:出", "c:口", "b:亿元", "c:亿", "c:元"]
 */
export function tokenize(text: string): string[] {
  const normalized = normalizeForSearch(text);
  const terms: string[] = [];

  for (const token of jieba().cutForSearch(normalized, true)) {
    // Punctuation and spaces have no letter; anything with a digit is the numbers' business,
    // because jieba's cut of `8.5亿元` (`8.5` + `亿元`) loses the link between number and unit.
    if (!HAS_LETTER.test(token) || HAS_DIGIT.test(token) || STOP_WORDS.has(token)) continue;
    terms.push(`w:${token}`);
  }

  for (const match of normalized.matchAll(NUMBER_WITH_UNIT)) {
    const number = match[1] ?? "";
    terms.push(`n:${number}`);
    const unit = Array.from(match[2] ?? "").slice(0, MAX_UNIT_LENGTH);
    for (let length = 1; length <= unit.length; length++) terms.push(`n:${number}${unit.slice(0, length).join("")}`);
  }

  for (const [run] of normalized.matchAll(HAN_RUN)) {
    for (const piece of run.split(BIGRAM_BREAKERS)) {
      const chars = Array.from(piece);
      for (let i = 0; i + 1 < chars.length; i++) terms.push(`b:${chars[i]}${chars[i + 1]}`);
    }
    for (const char of run) {
      if (!STOP_WORDS.has(char)) terms.push(`c:${char}`);
    }
  }

  return terms;
}


/**
 * The names in a text — places, people, organisations, as jieba's part-of-speech tags mark them
 * (`海东`, `青海大学`). A question naming one the pages never mention is about something else.
 */
export function properNouns(text: string): string[] {
  return jieba()
    .tag(normalizeForSearch(text), true)
    .filter((t) => /^(ns|nr|nt)/.test(t.tag) && Array.from(t.word).length >= 2)
    .map((t) => t.word);
}
