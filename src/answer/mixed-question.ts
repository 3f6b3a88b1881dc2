/**
 * A mainly-Chinese question with English words in it (`西宁开发区 polysilicon export 多少?`): the
 * pages are Chinese, so the English words are read as the Chinese the pages use for them.
 */

/** A run of Latin words, joined by spaces or hyphens (`polysilicon export`, `lithium-ion`). */
const LATIN_RUN = /[A-Za-z][A-Za-z'-]*(?:[ \t]+[A-Za-z][A-Za-z'-]*)*/gu;

/**
 * `question` with each run of English words replaced by the best Chinese term `translate` finds
 * for it that the pages use (`polysilicon export` → `多晶硅出口`). A run the pages print as it is
 * (`5G`), a single letter, or one with no such translation stays as typed.
 */
export function withEnglishTranslated(
  question: string,
  translate: (phrase: string) => { terms: readonly string[]; unknown: readonly string[] },
  isKnownTerm: (term: string) => boolean,
): string {
  return question.replace(LATIN_RUN, (run) => {
    if (run.length < 2 || isKnownTerm(run)) return run;
    const { terms, unknown } = translate(run);
    // Only the reader's own framing (`sorry不太懂`, `是哪篇news`): no topic, nothing to look for.
    if (terms.length === 0 && unknown.length === 0) return " ";
    // Only a term the pages print: a word they never use (GDP → 国内生产毛额) is left as typed,
    // where it counts as a word the pages lack rather than as a weaker near match.
    const best = terms.find(isKnownTerm);
    return best === undefined ? run : best;
  });
}

/** Whether a question has a run of Latin letters worth translating. */
export function hasEnglishWords(question: string): boolean {
  return /[A-Za-z]{2}/u.test(question);
}
