/**
 * How CC-CEDICT's senses are read as English: which senses are translations at all, which are
 * marked (literary, Taiwan, slang…), and the words of a gloss once its notes, placeholders and
 * leading `to` are gone. These rules shape the index, so they are part of its cache key.
 */
import { normalizeWords } from "./word-forms.js";

/** Senses that are cross-references or name notes, not translations. */
export const SKIP_SENSE =
  /^\s*(?:(?:old |archaic |japanese |erhua |also |euphemistic )?variant of|see |used in|surname |abbr\. (?:for|of|to)|also (?:written|pr\.|called)|CL:|pr\. )/i;
/** Register labels of senses a question's word should rarely map to. */
export const MARKED_REGISTER =
  /\((?:literary|archaic|old|classical|dialect|Tw|Cantonese|Internet slang|slang|loanword|euphemism|vulgar|obsolete|Buddhism|onom\.|in classical Chinese)\b/i;
/** Words after which a gloss's head has ended: `return of something to…` → `return`. */
export const GLOSS_PREPOSITIONS: ReadonlySet<string> = new Set([
  "of",
  "to",
  "for",
  "from",
  "with",
  "in",
  "on",
  "at",
  "by",
  "as",
  "into",
  "about",
]);
/** Placeholders in glosses (`to return sth`), dropped so the gloss matches the question's word. */
export const GLOSS_PLACEHOLDERS: ReadonlySet<string> = new Set([
  "sth",
  "sb",
  "something",
  "someone",
  "somebody",
  "oneself",
  "one",
  "ones",
  "etc",
  "esp",
  "eg",
  "ie",
]);

/**
 * The words of one gloss, without the leading `to` or article, placeholders (`sth`) and trailing
 * prepositions.
 */
export function glossWords(text: string): string[] {
  const words = normalizeWords(text).filter((word) => !GLOSS_PLACEHOLDERS.has(word));
  let start = 0;
  while (
    start < words.length - 1 &&
    (words[start] === "to" ||
      words[start] === "a" ||
      words[start] === "an" ||
      words[start] === "the")
  )
    start++;
  let end = words.length;
  while (end - start > 1 && GLOSS_PREPOSITIONS.has(words[end - 1] ?? "")) end--;
  return start === 0 && end === words.length ? words : words.slice(start, end);
}

/**
 * Whether a gloss is a list of three or more short items (`red, orange, yellow`), not a
 * description.
 */
export function isList(gloss: string): boolean {
  const items = gloss.split(",");
  return items.length >= 3 && items.every((item) => item.trim().split(/\s+/).length <= 3);
}

/** A gloss without its notes: parentheses, pinyin brackets, Chinese characters, `|` pairs. */
export function stripNotes(sense: string): string {
  let text = sense;
  if (text.includes("(")) {
    for (let previous = ""; previous !== text; ) {
      previous = text;
      text = text.replace(/\([^()]*\)/g, " ");
    }
  }
  return text.includes("[") ? text.replace(/\[[^\]]*\]/g, " ") : text;
}
