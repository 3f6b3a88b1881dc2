/**
 * Every index (UTF-16) at which `word` starts in `text`, in order, overlapping ones included
 * (`啊啊` twice in `啊啊啊`); none for an empty word.
 */
export function occurrences(text: string, word: string): number[] {
  const out: number[] = [];
  if (word === "") return out;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) out.push(at);
  return out;
}
