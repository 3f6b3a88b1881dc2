/**
 * "Which report" questions (哪篇报道讲了…, …出自哪篇文章, 有没有关于…的报道, which article mentions…):
 * the reader wants the article — headline, page, date — and the sentence that shows it is the one,
 * not a declined answer with the right headline among the suggestions. The wording lives in
 * `data/which-report.txt`.
 */
import { readFile } from "node:fs/promises";
import { escapeRegExp } from "../util/escape-reg-exp.js";

export interface WhichReport {
  /** The question's topic when it asks which report covers it, else null. */
  topic(question: string): string | null;
  /** True when it asks for every report on it (`有哪些讲…的报道`, `which articles`): a list. */
  plural(question: string): boolean;
  /**
   * When it asks who wrote a report it names (`西宁蓝那篇是谁写的`), what names the report; else
   * null (`记者是谁` alone asks of the report in focus, the conversation's business).
   */
  reporterOf(question: string): string | null;
}

function parseWhichReport(text: string): WhichReport {
  const triggers: RegExp[] = [];
  const plurals: RegExp[] = [];
  const frame: string[] = [];
  const reporter: string[] = [];
  let section = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (/^\[\w+\]$/.test(line)) {
      section = line;
      continue;
    }
    if (section === "[trigger]") triggers.push(new RegExp(line, "iu"));
    else if (section === "[plural]") plurals.push(new RegExp(line, "iu"));
    else if (section === "[frame]") frame.push(line);
    else if (section === "[reporter]") reporter.push(line);
  }
  frame.sort((a, b) => b.length - a.length);
  // (`~` marks a line that only removes: it does not ask who wrote)
  const reporterAsks = reporter.filter((l) => !l.startsWith("~")).map((l) => new RegExp(l, "iu"));
  const reporterWords = reporter.map((l) => new RegExp(l.replace(/^~/u, ""), "giu"));
  const framePattern = new RegExp(
    frame
      .map((f) => (/^[a-z ]+$/i.test(f) ? `\\b${escapeRegExp(f)}\\b` : escapeRegExp(f)))
      .join("|"),
    "giu",
  );
  return {
    topic(question) {
      if (!triggers.some((t) => t.test(question))) return null;
      const topic = question
        .replace(framePattern, " ")
        .replace(/\s+/g, " ")
        .replace(/^[\s，,、：:的是]+|[\s，,、？?。！!吗呢的是]+$/gu, "")
        .trim();
      return /[\p{L}\p{N}]/u.test(topic) ? topic : null;
    },
    plural: (question) => plurals.some((p) => p.test(question)),
    reporterOf(question) {
      if (!reporterAsks.some((r) => r.test(question))) return null;
      let about = question;
      for (const r of reporterWords) about = about.replace(r, " ");
      about = about
        .replace(/\s+/g, " ")
        .replace(/^[\s，,、：:的是]+|[\s，,、？?。！!吗呢的是']+$/gu, "")
        .trim();
      // (`who wrote it?`: a pointer names no report — the one in focus is the conversation's)
      const names =
        /\p{Script=Han}{2,}/u.test(about) ||
        (/[A-Za-z0-9]{3,}/u.test(about) && !/^(?:it|this|that|this one|that one)$/iu.test(about));
      return names ? about : null;
    },
  };
}

export async function loadWhichReport(): Promise<WhichReport> {
  return parseWhichReport(
    await readFile(new URL("../../data/which-report.txt", import.meta.url), "utf8"),
  );
}
