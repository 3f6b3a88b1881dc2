/**
 * The evaluation sets in `test/eval/` (test/eval/README.md says who wrote each and how it was first
 * run). Held-out rounds are numbered: `--heldout2` … `--heldout<last>` pick one, each an
 * `understanding-heldout<n>.jsonl` and a `conversations-heldout<n>.jsonl` written apart from the
 * code. A new round is its two files and {@link LAST_HELD_OUT_ROUND} raised by one.
 */
export const LAST_HELD_OUT_ROUND = 110;

/** 2 … {@link LAST_HELD_OUT_ROUND}; round 1 is `--heldout` (`heldout.jsonl`, `understanding-heldout.jsonl`). */
export const HELD_OUT_ROUNDS: readonly number[] = Array.from(
  { length: LAST_HELD_OUT_ROUND - 1 },
  (_, i) => i + 2,
);

export type EvalSet =
  | "golden"
  | "heldout"
  | "understanding"
  | "understanding-heldout"
  | `understanding-heldout${number}`;

/**
 * Every question set `npm run eval` knows, by name (the bench's dense-modes section runs them all):
 * the golden set; the questions written after the abstention threshold was calibrated (`heldout`);
 * the ways readers ask, one `kind` each (`understanding`); and the held-out rounds of those.
 */
export const EVAL_SETS: Readonly<Record<EvalSet, string>> = Object.fromEntries(
  (["golden", "heldout", "understanding", "understanding-heldout"] as EvalSet[])
    .concat(HELD_OUT_ROUNDS.map((n): EvalSet => `understanding-heldout${n}`))
    .map((name) => [name, evalSetFile(name)]),
) as Record<EvalSet, string>;

export function evalSetFile(set: EvalSet): string {
  return `test/eval/${set}.jsonl`;
}

/** The dev conversations (round 0) or a held-out round's. */
export function conversationsFile(round: number): string {
  return round === 0
    ? "test/eval/conversations.jsonl"
    : `test/eval/conversations-heldout${round}.jsonl`;
}
