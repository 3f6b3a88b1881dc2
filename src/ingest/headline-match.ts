/**
 * Matching headlines to article bodies by what they say. Pages print headlines before their
 * article, after it, or pooled after several articles (page 001 lists three headlines after
 * four bodies), so position alone cannot tell which headline is whose.
 */

/** Distinct pairs of adjacent Han/alphanumeric characters, punctuation and spaces ignored. */
export function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.match(/[\p{Script=Han}A-Za-z0-9]+/gu) ?? []) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return out;
}

export interface HeadlineMatch {
  /** How many of the headline's bigrams occur in the body. */
  matched: number;
  /** How many bigrams the headline has. */
  total: number;
}

export function matchHeadline(headline: Set<string>, body: Set<string>): HeadlineMatch {
  let matched = 0;
  for (const gram of headline) if (body.has(gram)) matched++;
  return { matched, total: headline.size };
}

/**
 * One number to rank candidate pairs: matched²/total rewards headlines that are both well
 * covered and long (a 14-bigram headline matching 7 beats a 7-bigram slogan matching 4).
 */
export function matchScore(m: HeadlineMatch): number {
  return m.total === 0 ? 0 : (m.matched * m.matched) / m.total;
}

/** Below this a headline is not taken as evidence for a body: two shared bigrams can be chance. */
export function isPlausibleMatch(m: HeadlineMatch, minShare = 0.25): boolean {
  return m.matched >= 2 && m.matched / Math.max(1, m.total) >= minShare;
}

/**
 * Greedy one-to-one assignment, best pair first: a headline heads at most one article and an
 * article gets at most one headline. A row of `scores` is an array or, when only some bodies
 * are candidates, a map body index → score. Returns headline index → body index.
 */
export function assignHeadlines(
  scores: ReadonlyArray<{ entries(): Iterable<[number, number]> }>,
  accept: (h: number, b: number) => boolean,
): Map<number, number> {
  const pairs: Array<{ h: number; b: number; score: number }> = [];
  for (const [h, row] of scores.entries()) {
    for (const [b, score] of row.entries()) if (accept(h, b)) pairs.push({ h, b, score });
  }
  // Ties broken by position so the result does not depend on sort stability.
  pairs.sort((x, y) => y.score - x.score || x.h - y.h || x.b - y.b);
  const assigned = new Map<number, number>();
  const takenBodies = new Set<number>();
  for (const { h, b } of pairs) {
    if (assigned.has(h) || takenBodies.has(b)) continue;
    assigned.set(h, b);
    takenBodies.add(b);
  }
  return assigned;
}
