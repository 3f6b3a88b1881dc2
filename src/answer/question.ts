/**
 * What a question asks for, read from its wording: the kind of fact that answers it. The answer
 * composer prefers sentences holding that kind of fact (a figure for 多少, a name for 谁).
 */
export type QuestionKind =
  | "number"
  | "person"
  | "date"
  | "place"
  | "title"
  | "cause"
  | "rank"
  | "list"
  | "other";

/** Longer than any real question; a pasted article is not one. */
export const MAX_QUESTION_LENGTH = 300;

/**
 * Ordinals (`第十四次`, `第2批`, `十三届三次`, `十三届`): which session or batch is asked about.
 * Without 第, only 届 (a congress's term, `省十三届人大常委会`) and the 届…次 pair: a bare `三次` is
 * more often "three times".
 */
export const ORDINAL =
  /第[一二三四五六七八九十百零两〇\d]+[次届批轮期个项号场天]|[一二三四五六七八九十百零两〇\d]+届(?:[一二三四五六七八九十百零两〇\d]+次)?/gu;
/** The first ordinal of a text (ORDINAL finds them all). */
export const FIRST_ORDINAL = new RegExp(ORDINAL.source, "u");
/** A day in a text: `9月23日`, `9月23号` (a reader writes the day as 号 as often as 日). */
export const DAY_IN_TEXT = /\d{1,2}月\d{1,2}[日号]/u;

const KINDS: Array<[QuestionKind, RegExp]> = [
  // Where something ranks (`排到哪个档次`, `全国排第几`): a place in a ranking, not a count.
  [
    "rank",
    /排(?:到|在|名|进)?(?:第几|哪个档次|什么档次|什么水平|什么位置|哪个位置|哪一档|多少名|几名)|第几名|排名(?:多少|第几|如何|怎么样)|\bwhat rank\b|\bhow (?:did|does|do) .{1,60} rank\b/iu,
  ],
  // Why something happened or is done: only a sentence that gives a cause or a purpose answers it
  // (`得益于…`, `为进一步改善…`); a sentence restating the fact (`增长73.7倍`) does not.
  [
    "cause",
    /为什么|为何|为啥|什么原因|啥原因|原因是|原因有|的原因|怎么会|why\b|what (?:caused|led to|drove|is behind)|the reasons?\b/i,
  ],
  [
    "date",
    /哪天|哪一天|何时|什么时候|几月几日|几号|日期|哪年|when\b|what date|which day|what day/i,
  ],
  [
    "number",
    /多少|几[个家项人件次名户座场所条年倍]?|比例|比重|百分|占比|多大|多高|多长|数量|规模|how (much|many)|what (share|percentage|proportion|number)|how large|how big/i,
  ],
  ["person", /谁|哪位|何人|记者是|什么人|who\b|whom\b|which (official|person|reporter)/i],
  // What something is called: a performance, a campaign, a theme (`快板叫什么名字`, `以什么为主题`),
  // or which work was shown (`上演了什么情景剧`: the pages print its name in 《》).
  [
    "title",
    /叫什么|(?:什么|啥)名字|名字是|名称是|叫啥|叫个啥|以(?:什么|啥)为主题|主题是(?:什么|啥)|(?:什么|啥)主题|什么(?:情景剧|话剧|小品|节目|歌曲|歌|舞蹈|快板|宣传片|视频|影片|电影|书|作品|口号)|what (?:is|was|were|are) (?:it|the .{1,80}?) called|what (?:is|was) the (?:name|title|theme)\b/i,
  ],
  [
    "place",
    /哪里|哪儿|何地|何处|地点|地址|哪所|哪个(?=地方|单位|学校|县|区|市|城市|园区|部门|机构|会场|场馆|公司|企业|基地)|哪家|哪些地方|在哪|什么地方|什么单位|哪座|where\b|which (place|school|city|county|company|venue)/i,
  ],
];

export function questionKind(question: string): QuestionKind {
  const asked = whichOnes(question);
  return KINDS.find(([, re]) => re.test(asked))?.[0] ?? (LISTING.test(question) ? "list" : "other");
}

// `热点问题有哪几个`, `都有哪些项目`, `what were the hot issues`: which ones, answered by a sentence that
// lists them (`小区物业、消防安全、市政道路等问题`) or by a numbered list's items.
const LISTING =
  /哪些|哪几|都有(?:啥|什么)|\bwhich (?:ones|of them)\b|\bwhat (?:are|were) the (?:[a-z-]+ ){0,3}(?:issues|problems|items|sectors|areas|tasks|measures|projects|fields)\b/iu;

/**
 * `哪几位` / `哪几个` / `哪几家` ask which ones, as `哪位` / `哪个` / `哪家` do, not how many: the
 * answer names them (`湟源县、城西区…发言`), it need not count them.
 */
function whichOnes(question: string): string {
  return question.replace(/哪几(?=\p{Script=Han})/gu, "哪");
}

/** The titles the pages put before a name (`副市长褚平俊`, `记者 王琼`). */
const PERSON_TITLES = "书记|市长|省长|主任|主席|记者|部长|院长|检察长|秘书长|委员|负责人|代表";

/**
 * The title a 谁 question asks for (`哪位副市长`, `秘书长是谁`), modifiers included, or null: the
 * answer is someone bearing it, not anyone the sentence names.
 */
export function askedTitle(question: string): string | null {
  const m =
    WHICH_TITLE.exec(question) ?? TITLE_IS_WHO.exec(question) ?? TITLE_THEN_WHO.exec(question);
  return m?.[1] ?? null;
}
/**
 * A sentence naming someone who bears the title: the rank (`主任`, `副市长`) right before a name,
 * and the body it is of (`市人大常委会`) before that, maybe with another post between
 * (`市人大常委会党组书记、主任宋晨曦`).
 */
export function titleHolder(title: string): RegExp {
  const rank = new RegExp(`(?:副|常务)?(?:${PERSON_TITLES})$`, "u").exec(title)?.[0] ?? title;
  const body = title.slice(0, title.length - rank.length);
  const holder = `${rank}[、，,\\s]?\\p{Script=Han}{2}`;
  return new RegExp(body === "" ? holder : `${body}[^。；;，,]{0,8}?${holder}`, "u");
}

// `哪位副市长`, `哪几位副主任`; `秘书长是谁`, `院长又是谁`.
const WHICH_TITLE = new RegExp(
  `(?:哪位|哪个|哪名|哪几位|哪几个|哪些)((?:(?!的)\\p{Script=Han}){0,8}?(?:${PERSON_TITLES}))`,
  "u",
);
const TITLE_IS_WHO = new RegExp(
  `((?:副|常务)?(?:${PERSON_TITLES}))(?:又|分别|各|第[一二三四五六七八九十\\d]+个)?是(?:谁|哪位)`,
  "u",
);

// `市政协副主席谁作了发言`, `副市长里谁出席了`: the title with the body it is of (`市政协`, not the
// 省政协's), then who.
const TITLE_THEN_WHO = new RegExp(
  `((?:(?![是的在由和与及对给把将为于共有])\\p{Script=Han}){0,6}?(?:副|常务)?(?:${PERSON_TITLES}))(?:里|中|当中)?(?:有)?谁`,
  "u",
);

/** Patterns of a sentence that holds each kind of fact. */
export const FACT_PATTERNS: Record<Exclude<QuestionKind, "other">, RegExp> = {
  number:
    /\d[\d.,]*\s*(%|％|万|亿|千|百|个|家|项|人|件|吨|元|户|名|倍|座|场|幅|次|千瓦|吉瓦|瓦|公里|平方米|余|条|所|台|架|天|小时|GWh|GW|P)/u,
  date: /\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月/u,
  // Someone by title or deed — or a body by what it did (`由青海省体育局…主办`): 谁主办 asks for
  // the organisers.
  person: new RegExp(
    `(${PERSON_TITLES})[、，,]?\\p{Script=Han}{2,4}|\\p{Script=Han}{2,4}(主持|讲话|出席|表示|强调|指出|要求|说)|由[^，。,;；]{2,40}?(主办|承办|举办|组织|发起|牵头)`,
    "u",
  ),
  // A place in a ranking, as the pages print one.
  rank: /第[一二三四五六七八九十\d]+(?![次届批轮期])|前列|首位|[十百]强|前[一二三四五六七八九十\d]+[名位强]?|位居|居全国|居全省|领跑/u,
  // Two items or more: `A、B、C`, or an item of a numbered list (`1.物业管理64件`).
  list: /、[^、。；;]{1,20}、|(?:^|[：:\n])\s*\d{1,2}\s*[.．、]\s*\p{Script=Han}/u,
  // A cause or a purpose, as the pages give them.
  cause:
    /因为|由于|得益于|受益于|源于|归功于|原因|在于|为了|旨在|目的是|(?:^|[，,）)]\s*)为(?!了|主|此|期|止|例|人|民|群众)\p{Script=Han}{2,}/u,
  // A name as the pages print names: in 《》 or quotation marks.
  title: /《[^》]{1,40}》|“[^”]{2,40}”|"[^"]{2,40}"/u,
  place:
    /在\p{Script=Han}{2,16}(举行|召开|开展|开幕|闭幕|举办)|\p{Script=Han}{2,10}(学校|中心|园区|基地|艺术馆|会议中心|分局|县|区)/u,
};

/** A question asking for a year (`哪年`, `哪几年`, `哪一年`, `which year`), not a day. */
export const YEAR_ASKED = /哪(?:一|几)?年|什么年份|哪个年份|\b(?:which|what) years?\b/iu;
/** A year as the pages print one (`2024年`, `2023—2025年`). */
export const YEAR_IN_TEXT = /(?<!\d)(?:19|20)\d\d(?:\s*[—–-]\s*(?:19|20)\d\d)?年/u;

/**
 * A question asking an event's theme itself (`主题是啥`, `以什么为主题`), not the name of something
 * themed (`主题宣传视频叫什么`): the pages print a theme as `以"…"为主题`, `主题为…` or `围绕"…"开展`.
 */
export const THEME_ASKED =
  /主题(?:是|为|叫)?(?:什么|啥)|(?:什么|啥)(?:样的)?主题|以(?:什么|啥)为主题|\bwhat (?:is|was) the theme\b/iu;
export const THEME_STATED = /为主题|主题(?:为|是|：|:)|围绕\s*["“]/u;

export type QuestionProblem = "empty" | "no_words" | "too_long";

/**
 * A text's length in characters (code points), as a reader counts them: an emoji or a rare Han
 * character outside the BMP is one character, not two UTF-16 units.
 */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Terminal escape sequences: CSI (`ESC [ … m`, also the 8-bit 0x9B), OSC (`ESC ] … BEL/ST`), DCS/PM/APC strings, two-byte escapes. */
const ESCAPE_SEQUENCE = new RegExp(
  String.raw`\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c)|[\u0090\u009d\u0098\u009e\u009f][\s\S]*?(?:\u0007|\u001b\\|\u009c)|\u001b[ -/]*[0-~]?`,
  "gu",
);
/** Control characters but tab and newline (C0, DEL, C1) and the bidirectional overrides that reorder what a terminal shows. */
const CONTROL = new RegExp(
  String.raw`[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]`,
  "gu",
);

/**
 * Text safe to print to a terminal: escape sequences and control characters removed (tab and
 * newline kept), so page text or a typed line can neither recolour, retitle nor rewrite the screen.
 */
export function stripControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, "").replace(CONTROL, "");
}

/**
 * A question as answered: escape sequences and HTML tags removed, other control characters (newline and tab
 * too) read as spaces, trimmed. `西宁\x1b[31m开发区` is the question `西宁开发区`.
 */
export function cleanQuestion(question: string): string {
  return (
    question
      .replace(ESCAPE_SEQUENCE, "")
      // Markup pasted with a question (`<p>会议由谁主持？</p>`) is not part of it.
      .replace(/<\/?[A-Za-z][^<>]*>/g, " ")
      .replace(/[\t\n]/gu, " ")
      .replace(CONTROL, (c) => (c === "\r" ? " " : ""))
      .trim()
  );
}

/** Checks a question before any work is done; null when it can be answered. */
export function questionProblem(question: string): QuestionProblem | null {
  const trimmed = question.trim();
  if (trimmed === "") return "empty";
  if (characterCount(trimmed) > MAX_QUESTION_LENGTH) return "too_long";
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return "no_words";
  return null;
}

/**
 * The units a 多少/几 question asks in, from its measure word (`多少人`, `几家`) or a noun that
 * implies one (`比例`, `金额`), looked up in `units` (data/question-units.json); null when it names
 * none, and then any figure answers.
 */
export function askedUnits(
  question: string,
  units: Readonly<Record<string, readonly string[]>>,
): readonly string[] | null {
  const keys = Object.keys(units).sort((a, b) => b.length - a.length);
  // A magnitude between question word and unit (`多少亿元`, `几万人`) says nothing about the unit.
  const asked = /(?:多少|几)(.{0,4})/u.exec(question)?.[1] ?? "";
  const magnitude = /^[十百千万亿]+/u.exec(asked)?.[0] ?? "";
  const after = asked.slice(magnitude.length);
  // (`…人`: a noun with that ending counted right after, `多少嫌疑人`)
  // (a unit that starts with a magnitude, `千瓦时`, is that unit: tried before the magnitude goes)
  const measure =
    keys.find((k) => !k.startsWith("…") && (asked.startsWith(k) || after.startsWith(k))) ??
    keys.find(
      (k) =>
        k.startsWith("…") &&
        new RegExp(
          `(?:多少|几)\\p{Script=Han}{0,5}?${k.slice(1)}(?!\\p{Script=Han}{0,1}次)`,
          "u",
        ).test(question),
    ) ??
    keys.find(
      (k) =>
        !k.startsWith("…") &&
        k.length >= 2 &&
        // (an English unit is a whole word: `mu` is no unit in `how much`)
        (/^[a-z ]+$/u.test(k)
          ? new RegExp(`\\b${k}\\b`, "iu").test(question)
          : question.includes(k)),
    );
  // (a unit the table lacks, whose tail it has, is asked as written too: `多少芯公里` of 1300万芯公里)
  const written = measure === undefined ? -1 : after.indexOf(measure);
  if (measure !== undefined && written > 0 && !measure.startsWith("…"))
    return [...(units[measure] ?? []), after.slice(0, written + measure.length)];
  if (measure !== undefined) return units[measure] ?? null;
  // `满意率是多少`, `转化率有多高`: a rate asked, a share (the table's `率`) — a count (`回访量196件`)
  // is no rate.
  if (RATE_ASKED.test(question) && units["率"] !== undefined) return units["率"];
  // `…的占多少`, `占了几成`: a share, whatever it is of.
  if (SHARE_ASKED.test(question) && units["占比"] !== undefined) return units["占比"];
  // `产值有多少亿`: a magnitude asked with no unit is the figure's own (`129万吨` is no 亿 of anything).
  const big = magnitude.includes("亿") ? "亿" : magnitude.includes("万") ? "万" : null;
  return big === null || /^\p{Script=Han}/u.test(after) ? null : [big];
}

const SHARE_ASKED = /占(?:了|到)?(?:多少|几成|多大)/u;
const RATE_ASKED = /\p{Script=Han}率\s*(?:是|为|有|达|到|达到)?\s*(?:多少|多高|多大|几)/u;

/**
 * The units of the table that hold an asked unit with more after it and are none of the asked ones
 * (`千瓦时`, `吉瓦时` for `多少千瓦`'s 瓦, 千瓦…): another measure (energy, not power), whose figures answer another question.
 */
export function unlikeUnits(
  asked: readonly string[] | null,
  units: Readonly<Record<string, readonly string[]>>,
): string[] {
  if (asked === null || asked.length === 0) return [];
  const all = new Set(Object.values(units).flat());
  // (what follows the asked unit makes it another measure: 千瓦 + 时; a magnitude before it, 万吨 of
  // 吨, does not, nor 次 after a count — 865件次 are calls, 3161.8万人次 visitors)
  return [...all].filter(
    (u) =>
      !asked.includes(u) &&
      asked.some((a) => {
        const at = u.indexOf(a);
        const rest = at < 0 ? "" : u.slice(at + a.length);
        return /\p{Script=Han}/u.test(a) && rest !== "" && rest !== "次";
      }),
  );
}

/**
 * What follows a whole the reader states, its figure given (`26处` + `重大危险源里`, `700余人` +
 * `参加 里头`, `138.96亿元` + `，其中`), when a part of it is asked. (A bare 里/中 only before a break or
 * what asks: `中国`, `中心` are words of their own.)
 */
export const TAKES_A_PART =
  /\p{Script=Han}{0,10}?(?:[，,\s]*(?:其中|当中)|\s*(?:里头|里面|里边|之中|当中)|(?:里|中)(?=[，,、\s]|的|有|哪|谁|多少|几))/u;

/**
 * True when the question asks for a count or amount (多少, 几个, 多大, 占多大比重), not for an
 * ordinal (第几批) or a date (几月几日): only then must the answer sentence hold a figure.
 */
export function asksForAmount(question: string): boolean {
  return (
    /多少|几(?![月日号时点])|多[大高长重远]|占比|比重|比例/u.test(
      whichOnes(question).replace(/第几/gu, ""),
    ) || ENGLISH_AMOUNT.test(question)
  );
}

// `how many`, `how much`, `what share`, `what is the … capacity`: English asking for a figure.
// (`how many times` too: the pages print the count.)
const ENGLISH_AMOUNT =
  /\bhow (?:much|many)\b|\bwhat (?:budget|funding)\b|\bby how much\b|\bwhat (?:share|percentage|proportion|percent)\b|\bwhat(?:'s| is| was| are| were) the (?:['’a-z-]+ ){0,4}(?:capacity|output|revenue|income|turnover|volume|amount|total|number|figure|value|rate)\b/iu;
