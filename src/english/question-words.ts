import { readFile } from "node:fs/promises";

/**
 * The words that frame an English question rather than name its topic
 * (`data/english-question-words.txt`).
 */
export const QUESTION_WORDS_FILE = new URL(
  "../../data/english-question-words.txt",
  import.meta.url,
);

/**
 * One lower-case word per line; `#` starts a comment. Rejects, naming the line, on anything else.
 */
export async function loadQuestionWords(
  file: URL | string = QUESTION_WORDS_FILE,
): Promise<ReadonlySet<string>> {
  const words = new Set<string>();
  (await readFile(file, "utf8")).split("\n").forEach((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (line === "") return;
    if (!/^[a-z]+$/.test(line))
      throw new Error(
        `${String(file)}:${i + 1}: expected one lower-case English word, got "${line}"`,
      );
    words.add(line);
  });
  return words;
}
