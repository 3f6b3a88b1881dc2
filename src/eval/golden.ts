import { readFile } from "node:fs/promises";

/** One hand-written question of test/eval/golden.jsonl (see test/eval/README.md). */
export interface GoldenQuestion {
  id: string;
  question: string;
  lang: "zh" | "en";
  type: string;
  /** The seed page that answers it, or "none" for a question the pages cannot answer. */
  source: string;
  title: string | null;
  /** Strings the answer must contain; [] for out-of-scope questions. */
  must_contain: string[];
  note?: string;
  /**
   * The way the question is asked, in the question-understanding sets
   * (test/eval/understanding*.jsonl): `paraphrase`, `traditional`, `typo`, `english`, `which`,
   * `two_part`, `close_unanswerable`.
   */
  kind?: string;
  /** For a two-part question: the pages of both parts. */
  sources?: string[];
}

export async function loadGolden(file: string): Promise<GoldenQuestion[]> {
  const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l.trim() !== "");
  return lines.map((line, i) => {
    const q = JSON.parse(line) as GoldenQuestion;
    if (
      typeof q.question !== "string" ||
      typeof q.source !== "string" ||
      !Array.isArray(q.must_contain)
    ) {
      throw new Error(`${file}:${i + 1}: needs question, source and must_contain`);
    }
    return q;
  });
}

export const inScope = (q: GoldenQuestion) => q.source !== "none";
