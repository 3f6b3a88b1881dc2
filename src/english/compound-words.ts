import type { Match } from "./question-tokens.js";
import { MAX_CANDIDATES } from "./word-candidates.js";

/**
 * Adds the pages' words formed by joining the translations of two or three neighbouring matches:
 * `Xining Blue` → 西宁 + 蓝 = 西宁蓝; `air quality` → 空气质量; `vice governor` → 副 + 省长 = 副省长;
 * `Green Bookmark` → 绿 + 书签 = 绿书签, a single character a capitalised word would not be
 * searched as (`Match.joinable`). A joined word must be at least three characters: two single
 * characters joined would match nearly anything.
 */
export function addCompounds(matches: Match[], isKnown: (zh: string) => boolean): void {
  const ordered = [...matches]
    .filter((match) => match.composable)
    .sort((a, b) => a.start - b.start);
  const found: Match[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const first = ordered[i];
    let joined: string[] = first?.joinable ?? first?.chinese ?? [];
    for (let j = i + 1; j < ordered.length && j <= i + 2; j++) {
      const previous = ordered[j - 1];
      const next = ordered[j];
      if (previous === undefined || next === undefined || next.start !== previous.end + 1) break;
      joined = joined.flatMap((left) =>
        (next.joinable ?? next.chinese).map((right) => left + right),
      );
      const known = joined.filter((word) => Array.from(word).length >= 3 && isKnown(word));
      // 职工书法 and 工书法 both occur (one inside the other): the longer is the word.
      const words = known.filter(
        (word) => !known.some((other) => other !== word && other.includes(word)),
      );
      if (words.length > 0) {
        found.push({
          start: ordered[i]?.start ?? 0,
          end: next.end,
          english: ordered
            .slice(i, j + 1)
            .map((match) => match.english)
            .join(" "),
          chinese: words.slice(0, MAX_CANDIDATES),
          composable: false,
        });
      }
    }
  }
  matches.push(...found);
}
