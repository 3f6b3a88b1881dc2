import { HELD_OUT_ROUNDS, type EvalSet } from "../eval/sets.js";

export type { EvalSet };
/**
 * Each command's arguments, read by pure functions: what the command will do, or the message and
 * exit code of a usage error. The commands act on the result; the tests call these directly.
 */

/** A usage error: printed on stderr, the command exits with `code` (2, by convention). */
export interface UsageError {
  error: string;
  code: 2;
}

export const isUsageError = (parsed: object): parsed is UsageError => "error" in parsed;

const unknownOption = (unknown: readonly string[], usage: string): UsageError => ({
  error: `error: unknown option ${unknown.join(" ")}\n${usage}`,
  code: 2,
});

export const ASK_USAGE =
  'usage: npm run ask -- [--json] "问题"   (with --json and no question: one question per line on stdin, or {"question": "…", "conversation": "c1"})';

export interface AskArgs {
  json: boolean;
  /** The question from the command line, or null: read questions from stdin, one per line. */
  question: string | null;
}

/**
 * `ask [--json] [question…]`. Without a question it reads stdin when `--json` is given or stdin
 * is not a terminal (piped input); on a terminal with neither it is a usage error.
 */
export function parseAskArgs(args: readonly string[], stdinIsTTY: boolean): AskArgs | UsageError {
  const json = args.includes("--json");
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--json");
  if (unknown.length > 0) return unknownOption(unknown, ASK_USAGE);
  const question = args.filter((a) => a !== "--json").join(" ");
  if (question !== "") return { json, question };
  if (json || !stdinIsTTY) return { json, question: null };
  return { error: ASK_USAGE, code: 2 };
}

export const EMBED_USAGE =
  "usage: npm run embed [-- --check | --full] [--strict] [--allow-empty] [--watch]";
const EMBED_FLAGS = new Set(["--check", "--full", "--strict", "--allow-empty", "--watch"]);

export interface EmbedArgs {
  /** Only say whether the index is stale (exit 1 when it is). */
  check: boolean;
  /** Re-embed everything. */
  full: boolean;
  /** Fail when the dense model cannot be loaded instead of building the keyword index alone. */
  strict: boolean;
  /** Build an empty index when SEEDS_DIR holds no pages, replacing one that has some. */
  allowEmpty: boolean;
  /** After the build, keep rebuilding whenever the pages change, until SIGINT/SIGTERM. */
  watch: boolean;
}

/** `embed [--check | --full] [--strict] [--allow-empty]`. */
export function parseEmbedArgs(args: readonly string[]): EmbedArgs | UsageError {
  const unknown = args.filter((a) => !EMBED_FLAGS.has(a));
  if (unknown.length > 0) return unknownOption(unknown, EMBED_USAGE);
  // --check only reads; a flag that changes how a build is made cannot apply to it.
  const buildOnly = ["--full", "--strict", "--allow-empty", "--watch"].filter((f) =>
    args.includes(f),
  );
  if (args.includes("--check") && buildOnly.length > 0)
    return {
      error: `error: --check only reports whether the index is up to date; it cannot be combined with ${buildOnly.join(" ")}\n${EMBED_USAGE}`,
      code: 2,
    };
  return {
    check: args.includes("--check"),
    full: args.includes("--full"),
    strict: args.includes("--strict"),
    allowEmpty: args.includes("--allow-empty"),
    watch: args.includes("--watch"),
  };
}

export interface ArticlesArgs {
  json: boolean;
}

/** `articles [--json]`; other arguments are ignored, as they always were. */
export function parseArticlesArgs(args: readonly string[]): ArticlesArgs {
  return { json: args.includes("--json") };
}

export interface EvalArgs {
  /** The question set; `--conversations` uses its own sets instead. */
  set: EvalSet;
  conversations: boolean;
  /** With `--conversations`: every message answered as if it were the first. */
  baseline: boolean;
  /**
   * `--heldout2` … `--heldout<last>` (src/eval/sets.ts): a later held-out round (understanding or
   * conversations); 0 for none.
   */
  round: number;
  /**
   * `--file <path>`: a set of one's own, in the format of the set the other flags pick (golden or
   * understanding questions; conversations with `--conversations`) — for a round not yet committed.
   */
  file: string | null;
  /** Use the configured embedding model too (default: keyword-only, what runs without it). */
  dense: boolean;
  calibrate: boolean;
  verbose: boolean;
}

function valueAfter(args: readonly string[], flag: string): string | null {
  const at = args.indexOf(flag);
  const value = at >= 0 ? args[at + 1] : undefined;
  return value !== undefined && !value.startsWith("--") ? value : null;
}

/**
 * `eval [--heldout] [--understanding [--heldout<n>]] [--file path] [--conversations [--baseline]
 * [--heldout<n>]]
 * [--dense] [--calibrate] [--verbose]`; other arguments are ignored.
 */
export function parseEvalArgs(args: readonly string[]): EvalArgs {
  const heldOut = args.includes("--heldout");
  const round = HELD_OUT_ROUNDS.find((n) => args.includes(`--heldout${n}`)) ?? 0;
  const understanding = args.includes("--understanding");
  const understandingSet: EvalSet =
    round > 0
      ? (`understanding-heldout${round}` as const)
      : heldOut
        ? "understanding-heldout"
        : "understanding";
  return {
    set: understanding ? understandingSet : heldOut ? "heldout" : "golden",
    conversations: args.includes("--conversations"),
    baseline: args.includes("--baseline"),
    round,
    file: valueAfter(args, "--file"),
    dense: args.includes("--dense"),
    calibrate: args.includes("--calibrate"),
    verbose: args.includes("--verbose"),
  };
}
