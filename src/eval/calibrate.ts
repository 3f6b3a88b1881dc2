/**
 * The abstention threshold that best separates answerable from unanswerable questions: the one
 * maximizing balanced accuracy (the mean of the two sides' accuracies, so the 60 answerable
 * questions do not outvote the 12 unanswerable ones), at the middle of the best interval.
 */
export function calibrateThreshold(
  points: ReadonlyArray<{ evidence: number; answerable: boolean }>,
): {
  threshold: number;
  answeredInScope: number;
  abstainedOutOfScope: number;
} {
  const values = [...new Set(points.map((p) => p.evidence))].sort((a, b) => a - b);
  const candidates = [
    0,
    ...values.slice(0, -1).map((v, i) => (v + values[i + 1]!) / 2),
    (values.at(-1) ?? 0) + 0.01,
  ];
  const inScope = points.filter((p) => p.answerable);
  const outOfScope = points.filter((p) => !p.answerable);
  const rates = (t: number) => ({
    answered: inScope.filter((p) => p.evidence >= t).length / Math.max(1, inScope.length),
    abstained: outOfScope.filter((p) => p.evidence < t).length / Math.max(1, outOfScope.length),
  });
  const score = (t: number) => {
    const r = rates(t);
    return (r.answered + r.abstained) / 2;
  };
  const best = Math.max(...candidates.map(score));
  const winners = candidates.filter((t) => score(t) === best);
  const threshold = winners[Math.floor(winners.length / 2)]!;
  const r = rates(threshold);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    threshold: round(threshold),
    answeredInScope: round(r.answered),
    abstainedOutOfScope: round(r.abstained),
  };
}
