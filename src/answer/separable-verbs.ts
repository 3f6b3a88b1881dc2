/**
 * Separable verbs put back together: readers write `发了言`, `开过会`, `见了面`, where the pages
 * print `发言`, `开会`, `见面`. Split by 了/过, the verb is lost to the word cutter (`发了` + `言`,
 * two "words" no page holds), so the question would count it as missing. Only a verb the pages
 * print is rejoined; removing an aspect particle changes nothing else the question asks.
 */
export function rejoinSeparableVerbs(
  text: string,
  isPrintedVerb: (word: string) => boolean,
): string {
  return text.replace(SPLIT_VERB, (whole, head: string, tail: string) =>
    isPrintedVerb(head + tail) ? head + tail : whole,
  );
}

const SPLIT_VERB = /(\p{Script=Han})[了过](\p{Script=Han})/gu;
