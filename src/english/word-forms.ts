/**
 * The forms of an English word that the translation looks up: the normalised word of a question or
 * gloss, its singulars, and light stems. Shared by the index build (glosses) and the question
 * (tokens, phrases), so both sides meet on the same spelling.
 */

/**
 * Lower-case words of English text: possessive `'s` dropped, hyphens, apostrophes and other
 * punctuation as breaks.
 */
export function normalizeWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/['’]s\b/g, "")
      .match(/[a-z0-9]+/g) ?? []
  );
}

/**
 * Singular forms to try for a plural: `victims` → `victim`, `companies` → `company`, `taxes` →
 * `tax`.
 */
export function singulars(word: string): string[] {
  const forms: string[] = [];
  if (word.length > 4 && word.endsWith("ies")) forms.push(`${word.slice(0, -3)}y`);
  if (word.length > 3 && /(?:s|x|z|ch|sh)es$/.test(word)) forms.push(word.slice(0, -2));
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) forms.push(word.slice(0, -1));
  if (word.endsWith("men") && word.length > 4) forms.push(`${word.slice(0, -3)}man`);
  return forms;
}

/** Irregular past forms common in questions about events (`met`, `held`, `won`). */
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ["met", "meet"],
  ["held", "hold"],
  ["made", "make"],
  ["took", "take"],
  ["taken", "take"],
  ["gave", "give"],
  ["went", "go"],
  ["gone", "go"],
  ["saw", "see"],
  ["seen", "see"],
  ["won", "win"],
  ["built", "build"],
  ["began", "begin"],
  ["begun", "begin"],
  ["led", "lead"],
  ["sent", "send"],
  ["spent", "spend"],
  ["paid", "pay"],
  ["brought", "bring"],
  ["rose", "rise"],
  ["risen", "rise"],
  ["fell", "fall"],
  ["fallen", "fall"],
  ["grew", "grow"],
  ["grown", "grow"],
  ["became", "become"],
  ["came", "come"],
  ["kept", "keep"],
  ["left", "leave"],
  ["found", "find"],
  ["sold", "sell"],
  ["bought", "buy"],
  ["taught", "teach"],
  ["fought", "fight"],
  ["struck", "strike"],
  ["drew", "draw"],
  ["drawn", "draw"],
  ["wrote", "write"],
  ["written", "write"],
  ["spoke", "speak"],
  ["spoken", "speak"],
  ["broke", "break"],
  ["broken", "break"],
  ["chose", "choose"],
  ["chosen", "choose"],
  ["stood", "stand"],
  ["lost", "lose"],
  ["sought", "seek"],
  ["withdrew", "withdraw"],
  ["undertook", "undertake"],
  ["heard", "hear"],
  ["thought", "think"],
  ["understood", "understand"],
  ["signed", "sign"],
  ["set", "set"],
]);

/**
 * Light stemming, tried in order: plurals, irregular pasts, then `-ed` and `-ing` (`attended` →
 * `attend`, `making` → `make`, `planned` → `plan`).
 */
export function stems(word: string): string[] {
  const forms = singulars(word);
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) forms.push(irregular);
  for (const ending of ["ed", "ing"]) {
    if (word.length <= ending.length + 2 || !word.endsWith(ending)) continue;
    const base = word.slice(0, -ending.length);
    forms.push(base, `${base}e`);
    if (/([b-df-hj-np-tv-z])\1$/.test(base)) forms.push(base.slice(0, -1));
    if (base.endsWith("i")) forms.push(`${base.slice(0, -1)}y`);
  }
  if (word.length > 4 && word.endsWith("ly")) forms.push(word.slice(0, -2));
  // An American spelling, and its own stems (`organised` → organized → organize).
  for (const american of americanSpellings(word)) forms.push(american, ...stems(american));
  return [...new Set(forms)].filter((form) => form !== word && form.length > 1);
}

/**
 * CC-CEDICT glosses are in American spelling; readers in Hong Kong, Britain or India write British
 * (`aluminium`, `centre`, `labour`, `organise`, `programme`, `defence`): the American forms.
 */
export function americanSpellings(word: string): string[] {
  const forms: string[] = [];
  for (const [british, american] of BRITISH_ENDINGS) {
    if (word.length > british.length + 2 && word.endsWith(british))
      forms.push(word.slice(0, -british.length) + american);
  }
  if (word.length > 5 && /[^aeiou]our(s|ed|ing)?$/.test(word))
    forms.push(word.replace(/our(s|ed|ing)?$/, "or$1"));
  // -ise only after the letters the -ize verbs have there (organise, realise, recognise,
  // prioritise, summarise), not in promise, otherwise, exercise, enterprise, supervise.
  if (
    word.length > 6 &&
    /(?:al|an|ar|it|im|ic|gn|or|il|id|og|as|rn|er|en|on)is(?:e|es|ed|ing|ation|ations)$/.test(word)
  )
    forms.push(word.replace(/is(e|es|ed|ing|ation|ations)$/, "iz$1"));
  return forms;
}

const BRITISH_ENDINGS: ReadonlyArray<readonly [string, string]> = [
  ["inium", "inum"],
  ["tre", "ter"],
  ["tres", "ters"],
  ["programme", "program"],
  ["programmes", "programs"],
  ["ogue", "og"],
  ["ogues", "ogs"],
  ["ence", "ense"],
  ["yse", "yze"],
  ["ysed", "yzed"],
  ["lled", "led"],
  ["lling", "ling"],
];
