/**
 * `第二个是啥问题`, `那第三个热点呢`, `the last one`: a follow-up pointing at an item of a list the
 * report in focus numbers (`1.物业服务76件` `2.旅游管理46件` `3.噪音问题45件`). The item's name is
 * what the reader means; the question is asked with it in place of the pointer.
 */
import { chineseNumeralValue } from "../util/chinese-numerals.js";

/** Where a message points at an item: its position (1-based; -1 = the last) and the words doing so. */
export interface ItemReference {
  position: number;
  span: string;
}

const ENGLISH: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  last: -1,
};

// `第二个`, `第三条`, `第1项` (not `第十四次`, `第三轮`: a session or round, no item of a list);
// `最后一个`/`最后那个`; `the second one`, `the last one`, `the 2nd one`.
const POINTER =
  /第([一二两三四五六七八九十\d]{1,2})(?:个|条|项|点|名)|最后(?:一个|那个|一条|一项)|\bthe (first|second|third|fourth|fifth|sixth|last|\d(?:st|nd|rd|th)) (?:one|item|issue|point)\b/iu;

export function itemReference(text: string): ItemReference | null {
  const m = POINTER.exec(text);
  if (m === null) return null;
  const [span, zh, en] = m;
  if (zh !== undefined) {
    const position = /^\d+$/u.test(zh) ? Number(zh) : chineseNumeralValue(zh);
    return position > 0 ? { position, span } : null;
  }
  if (en !== undefined) {
    const word = en.toLowerCase();
    const position = ENGLISH[word] ?? Number.parseInt(word, 10);
    return Number.isNaN(position) ? null : { position, span };
  }
  return { position: -1, span };
}

// `1.物业服务76件`, `2、旅游管理46件`: a number opening a line (or following a colon), then the
// item's name up to its figure or punctuation.
const NUMBERED =
  /(?:^|\n|[：:])\s*(\d{1,2})\s*[.．、]\s*(\p{Script=Han}{2,12}?)(?=\d|[，,。；;：:\s]|$)/gu;

/** The names of a text's numbered items, by number; empty when it numbers fewer than two. */
export function numberedItems(text: string): string[] {
  const items: string[] = [];
  for (const m of text.matchAll(NUMBERED)) {
    const n = Number(m[1]);
    if (items[n - 1] === undefined) items[n - 1] = m[2]!;
  }
  const listed = items.filter((x) => x !== undefined);
  return listed.length >= 2 && listed.length === items.length ? items : [];
}

/** The item a reference points at among `items`, or null. */
export function pointedItem(reference: ItemReference, items: readonly string[]): string | null {
  const at = reference.position === -1 ? items.length - 1 : reference.position - 1;
  return items[at] ?? null;
}
