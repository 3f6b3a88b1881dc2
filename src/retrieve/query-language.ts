/**
 * Which language a question is written in, so that the reply follows it (PRODUCT.md, "Answer") and
 * so that an English question is first turned into Chinese search terms (see
 * `src/english/english-translator.ts`).
 *
 * The rule, in order:
 * 1. Neither Han characters nor Latin letters (`12345`, `?`, empty): `zh`, the paper's language and
 *    the bot's default; such input says nothing either way.
 * 2. Only one of the two scripts present: that script's language.
 * 3. Both present (`What is 西宁蓝?`, `西宁蓝是什么 Xining Blue`): the language of the sentence frame
 *    wins, i.e. the side that holds question or function words (`what`, `is`, `did` / `什么`, `是`,
 *    `多少`). Mixed questions are nearly always one language quoting a name in the other, and it is
 *    the frame, not the quoted name, that says what the reader reads. So `What is 西宁蓝?` is English:
 *    its Han characters are the subject being asked about, not the question.
 * 0. Markup is not language: HTML/XML tags, character entities and URLs (`<a href="…">会议由谁主持？</a>`)
 *    are removed before anything is counted.
 * 4. Both or neither side has function words: compare weighted counts. One Han character carries
 *    about as much as three Latin letters (an English word averages 4–5 letters, a Chinese word 1.5
 *    characters), so Chinese wins when `han * 3 >= latin letters`, i.e. when Han characters make up
 *    a meaningful share (a quarter or more) of the letters.
 */

/**
 * The two languages the bot answers in. Structurally the same as `Language` of the answer module.
 */
export type QueryLanguage = "zh" | "en";

const HAN = /\p{Script=Han}/gu;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/g;
const LATIN_WORD = /[A-Za-z]+/g;

/**
 * English words that make a sentence frame. Question words and auxiliaries are what an English
 * question is built from; a Chinese question quoting an English name (`Xining Blue`) has none.
 */
const ENGLISH_FRAME_WORDS: ReadonlySet<string> = new Set([
  "what",
  "how",
  "who",
  "whom",
  "whose",
  "when",
  "where",
  "which",
  "why",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "do",
  "does",
  "did",
  "has",
  "have",
  "had",
  "can",
  "could",
  "will",
  "would",
  "should",
  "the",
  "a",
  "an",
  "of",
  "in",
  "on",
  "to",
  "for",
  "about",
  "tell",
  "me",
  "please",
  "there",
  "many",
  "much",
]);

/**
 * Chinese question words and particles. Single characters like `的` and `是` are included: they
 * rarely sit inside the names people quote, and a question of any length nearly always has one.
 */
const CHINESE_FRAME = /什么|多少|哪|怎么|怎样|如何|为什么|是否|几|谁|吗|呢|请问|的|了|是|有|在/u;

/**
 * `"zh"` or `"en"` for a question; see the module comment for the rule. Mixed text such as
 * `What is 西宁蓝?` is `"en"` (the question is asked in English about a Chinese name).
 */
export function detectLanguage(raw: string): QueryLanguage {
  const text = withoutMarkup(raw);
  const han = (text.match(HAN) ?? []).length;
  const latin = (text.match(LATIN_LETTER) ?? []).length;
  if (han === 0 && latin === 0) return "zh";
  if (latin === 0) return "zh";
  if (han === 0) return "en";

  const englishFrame = (text.match(LATIN_WORD) ?? []).some((word) =>
    ENGLISH_FRAME_WORDS.has(word.toLowerCase()),
  );
  const chineseFrame = CHINESE_FRAME.test(text);
  if (englishFrame && !chineseFrame) return "en";
  if (chineseFrame && !englishFrame) return "zh";
  return han * 3 >= latin ? "zh" : "en";
}

/** Tags, entities and URLs: words of markup, not of the question. */
function withoutMarkup(text: string): string {
  return text
    .replace(/<\/?[A-Za-z][^<>]*>/g, " ")
    .replace(/&(?:[A-Za-z]+|#\d+|#x[\dA-Fa-f]+);/g, " ")
    .replace(/\b(?:https?|ftp):\/\/\S+/g, " ");
}
