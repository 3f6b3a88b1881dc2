/**
 * The paper's own English vocabulary (`data/english-glossary.txt`), read before CC-CEDICT: the
 * words a question should reach that the dictionary lacks, hides behind a cross-reference, or ranks
 * below a word the pages never use.
 */
import { readFile } from "node:fs/promises";
import type { Pool } from "./reverse-index.js";
import { normalizeWords } from "./word-forms.js";

/** Normalised English key (`police officers`) → Chinese words in order of preference. */
export type Glossary = ReadonlyMap<string, readonly string[]>;

/** The glossary shipped with the project. */
export const GLOSSARY_FILE = new URL("../../data/english-glossary.txt", import.meta.url);

/**
 * Reads a glossary file; rejects, naming the line, when one is malformed (the file ships with the
 * project).
 */
export async function loadGlossary(file: URL | string = GLOSSARY_FILE): Promise<Glossary> {
  return parseGlossary(await readFile(file, "utf8"), String(file));
}

/** Lines `english | english = 中文 中文`; `#` starts a comment. */
function parseGlossary(text: string, name = "glossary"): Glossary {
  const glossary = new Map<string, readonly string[]>();
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (line === "") return;
    const [left, right, extra] = line.split("=");
    const chinese = (right ?? "").trim().split(/\s+/).filter(Boolean);
    const englishes = (left ?? "")
      .split("|")
      .map((form) => normalizeWords(form).join(" "))
      .filter(Boolean);
    if (extra !== undefined || chinese.length === 0 || englishes.length === 0) {
      throw new Error(
        `${name}:${i + 1}: expected "english | english = 中文 中文", got "${raw.trim()}"`,
      );
    }
    for (const english of englishes) glossary.set(english, chinese);
  });
  return glossary;
}

/**
 * The glossary's translations of a normalised word or phrase, as a pool ahead of anything CC-CEDICT
 * offers.
 */
export function glossaryPool(glossary: Glossary, key: string): Pool | undefined {
  const chinese = glossary.get(key);
  return chinese === undefined
    ? undefined
    : { exact: chinese.map((word, i) => ({ word, score: 1000 - i })), head: [], weak: [] };
}
