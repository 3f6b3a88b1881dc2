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

export type EvalSet =
  | "golden"
  | "heldout"
  | "understanding"
  | "understanding-heldout"
  | "understanding-heldout2"
  | "understanding-heldout3"
  | "understanding-heldout4"
  | "understanding-heldout5"
  | "understanding-heldout6"
  | "understanding-heldout7"
  | "understanding-heldout8"
  | "understanding-heldout9"
  | "understanding-heldout10"
  | "understanding-heldout11"
  | "understanding-heldout12"
  | "understanding-heldout13"
  | "understanding-heldout14"
  | "understanding-heldout15"
  | "understanding-heldout16"
  | "understanding-heldout17"
  | "understanding-heldout18"
  | "understanding-heldout19"
  | "understanding-heldout20"
  | "understanding-heldout21"
  | "understanding-heldout22"
  | "understanding-heldout23"
  | "understanding-heldout24"
  | "understanding-heldout25"
  | "understanding-heldout26"
  | "understanding-heldout27"
  | "understanding-heldout28"
  | "understanding-heldout29"
  | "understanding-heldout30"
  | "understanding-heldout31"
  | "understanding-heldout32"
  | "understanding-heldout33"
  | "understanding-heldout34"
  | "understanding-heldout35"
  | "understanding-heldout36"
  | "understanding-heldout37"
  | "understanding-heldout38"
  | "understanding-heldout39"
  | "understanding-heldout40"
  | "understanding-heldout41"
  | "understanding-heldout42"
  | "understanding-heldout43"
  | "understanding-heldout44"
  | "understanding-heldout45"
  | "understanding-heldout46"
  | "understanding-heldout47"
  | "understanding-heldout48"
  | "understanding-heldout49"
  | "understanding-heldout50"
  | "understanding-heldout51"
  | "understanding-heldout52"
  | "understanding-heldout53"
  | "understanding-heldout54"
  | "understanding-heldout55"
  | "understanding-heldout56"
  | "understanding-heldout57"
  | "understanding-heldout58"
  | "understanding-heldout59"
  | "understanding-heldout60"
  | "understanding-heldout61"
  | "understanding-heldout62"
  | "understanding-heldout63"
  | "understanding-heldout64"
  | "understanding-heldout65"
  | "understanding-heldout66"
  | "understanding-heldout67"
  | "understanding-heldout68"
  | "understanding-heldout69"
  | "understanding-heldout70"
  | "understanding-heldout71"
  | "understanding-heldout72"
  | "understanding-heldout73"
  | "understanding-heldout74"
  | "understanding-heldout75"
  | "understanding-heldout76"
  | "understanding-heldout77"
  | "understanding-heldout78"
  | "understanding-heldout79"
  | "understanding-heldout80"
  | "understanding-heldout81"
  | "understanding-heldout82"
  | "understanding-heldout83"
  | "understanding-heldout84"
  | "understanding-heldout85"
  | "understanding-heldout86"
  | "understanding-heldout87"
  | "understanding-heldout88"
  | "understanding-heldout89";

export interface EvalArgs {
  /** The question set; `--conversations` uses its own sets instead. */
  set: EvalSet;
  conversations: boolean;
  /** With `--conversations`: every message answered as if it were the first. */
  baseline: boolean;
  /**
   * `--heldout2` … `--heldout89`: a later held-out round (understanding or conversations); 0 for
   * none.
   */
  round:
    | 0
    | 2
    | 3
    | 4
    | 5
    | 6
    | 7
    | 8
    | 9
    | 10
    | 11
    | 12
    | 13
    | 14
    | 15
    | 16
    | 17
    | 18
    | 19
    | 20
    | 21
    | 22
    | 23
    | 24
    | 25
    | 26
    | 27
    | 28
    | 29
    | 30
    | 31
    | 32
    | 33
    | 34
    | 35
    | 36
    | 37
    | 38
    | 39
    | 40
    | 41
    | 42
    | 43
    | 44
    | 45
    | 46
    | 47
    | 48
    | 49
    | 50
    | 51
    | 52
    | 53
    | 54
    | 55
    | 56
    | 57
    | 58
    | 59
    | 60
    | 61
    | 62
    | 63
    | 64
    | 65
    | 66
    | 67
    | 68
    | 69
    | 70
    | 71
    | 72
    | 73
    | 74
    | 75
    | 76
    | 77
    | 78
    | 79
    | 80
    | 81
    | 82
    | 83
    | 84
    | 85
    | 86
    | 87
    | 88
    | 89;
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
 * `eval [--heldout] [--understanding [--heldout2…89]] [--file path] [--conversations [--baseline]
 * [--heldout2…89]]
 * [--dense] [--calibrate] [--verbose]`; other arguments are ignored.
 */
export function parseEvalArgs(args: readonly string[]): EvalArgs {
  const heldOut = args.includes("--heldout");
  const round =
    (
      [
        89, 88, 87, 86, 85, 84, 83, 82, 81, 80, 79, 78, 77, 76, 75, 74, 73, 72, 71, 70, 69, 68, 67,
        66, 65, 64, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44,
        43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21,
        20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2,
      ] as const
    ).find((n) => args.includes(`--heldout${n}`)) ?? 0;
  const understanding = args.includes("--understanding");
  const understandingSet: EvalSet =
    round > 0
      ? (`understanding-heldout${round}` as EvalSet)
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
