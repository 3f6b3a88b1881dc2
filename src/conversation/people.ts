import type { Article } from "../ingest/types.js";
import { WORDS, type ConversationWords } from "./words.js";

/**
 * The people the pages name, found the way a reader finds them: a title in front
 * (`市长石建平主持`, `主席公保扎西主持`) or a byline (`记者 樊娅楠`). jieba's name tags miss most
 * of these (`石/建平`, `段/发达`), which is why the pages themselves are read.
 */
export function findPeople(
  articles: readonly Pick<Article, "text" | "reporter">[],
  words: ConversationWords = WORDS,
): Set<string> {
  const titles = words.personTitles.join("|");
  const verbs = [
    "主持",
    "出席",
    "讲话",
    "看望",
    "传达",
    "强调",
    "指出",
    "表示",
    "代表",
    "说",
    "在",
    "作",
    "会见",
    "调研",
  ].join("|");
  // Lazy 2–4 Han characters, ended by a verb or a separator: `石建平` of `市长石建平主持召开`.
  const afterTitle = new RegExp(
    `(?<!总)(?:${titles})[、，,]?\\s?(\\p{Script=Han}{2,4}?)(?=${verbs}|[、，,。；：（）()\\s])`,
    "gu",
  );
  const people = new Set<string>();
  for (const a of articles) {
    for (const m of a.text.matchAll(afterTitle)) {
      const name = m[1]!;
      if (!NOT_IN_NAMES.test(name)) people.add(name);
    }
    for (const name of (a.reporter ?? "").split(/\s+/))
      if (Array.from(name).length >= 2) people.add(name);
  }
  return people;
}

// Characters of the words that follow a title but are no name (`表示`, `重要`, `就座`, `嘱托`).
const NOT_IN_NAMES =
  /[表示代关切交流嘱托选就座工对体言道在要重近期互动欢迎介绍先后等和及同志持席委会议]/u;

/** The people named in a text, in the order they appear. */
export function peopleIn(text: string, people: ReadonlySet<string>): string[] {
  const found: Array<[number, string]> = [];
  for (const name of people) {
    const at = text.indexOf(name);
    if (at >= 0) found.push([at, name]);
  }
  return found.sort((a, b) => a[0] - b[0] || b[1].length - a[1].length).map(([, n]) => n);
}
