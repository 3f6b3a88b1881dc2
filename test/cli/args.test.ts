import { describe, expect, it } from "vitest";
import {
  ASK_USAGE,
  EMBED_USAGE,
  parseArticlesArgs,
  parseAskArgs,
  parseEmbedArgs,
  parseEvalArgs,
} from "../../src/cli/args.js";

describe("ask's arguments", () => {
  it("takes the words after the options as the question", () => {
    expect(parseAskArgs(["--json", "西宁开发区", "出口额是多少？"], true)).toEqual({
      json: true,
      question: "西宁开发区 出口额是多少？",
    });
    expect(parseAskArgs(["谁主持的？"], true)).toEqual({ json: false, question: "谁主持的？" });
  });

  it("reads stdin without a question when --json is given or input is piped", () => {
    expect(parseAskArgs(["--json"], true)).toEqual({ json: true, question: null });
    expect(parseAskArgs([], false)).toEqual({ json: false, question: null });
  });

  it("shows the usage line without a question on a terminal, and rejects an unknown option", () => {
    expect(parseAskArgs([], true)).toEqual({ error: ASK_USAGE, code: 2 });
    expect(parseAskArgs(["--verbose"], false)).toEqual({
      error: `error: unknown option --verbose\n${ASK_USAGE}`,
      code: 2,
    });
  });
});

describe("embed's arguments", () => {
  it("reads --check, --full, --strict and --watch", () => {
    expect(parseEmbedArgs([])).toEqual({
      check: false,
      full: false,
      strict: false,
      allowEmpty: false,
      watch: false,
    });
    expect(parseEmbedArgs(["--full", "--strict", "--allow-empty", "--watch"])).toEqual({
      check: false,
      full: true,
      strict: true,
      allowEmpty: true,
      watch: true,
    });
    expect(parseEmbedArgs(["--check"])).toMatchObject({ check: true });
  });

  it("rejects --check with --full (or another build flag) as contradictory, instead of ignoring it", () => {
    expect(parseEmbedArgs(["--check", "--full"])).toEqual({
      error: `error: --check only reports whether the index is up to date; it cannot be combined with --full\n${EMBED_USAGE}`,
      code: 2,
    });
    expect(parseEmbedArgs(["--strict", "--check", "--allow-empty"])).toMatchObject({
      error: expect.stringContaining("cannot be combined with --strict --allow-empty"),
      code: 2,
    });
  });

  it("rejects anything else with the usage line", () => {
    expect(parseEmbedArgs(["--fast"])).toEqual({
      error: `error: unknown option --fast\n${EMBED_USAGE}`,
      code: 2,
    });
    expect(parseEmbedArgs(["--check", "x"])).toEqual({
      error: `error: unknown option x\n${EMBED_USAGE}`,
      code: 2,
    });
  });
});

describe("articles' and eval's arguments", () => {
  it("articles prints JSON with --json", () => {
    expect(parseArticlesArgs(["--json"])).toEqual({ json: true });
    expect(parseArticlesArgs([])).toEqual({ json: false });
  });

  it("eval picks its question set from --heldout and --understanding", () => {
    expect(parseEvalArgs([]).set).toBe("golden");
    expect(parseEvalArgs(["--heldout"]).set).toBe("heldout");
    expect(parseEvalArgs(["--understanding"]).set).toBe("understanding");
    expect(parseEvalArgs(["--understanding", "--heldout"]).set).toBe("understanding-heldout");
    expect(parseEvalArgs(["--conversations", "--baseline", "--verbose"])).toMatchObject({
      conversations: true,
      baseline: true,
      verbose: true,
      dense: false,
      calibrate: false,
    });
  });

  it("eval reads a set of one's own with --file, and no file without a path", () => {
    expect(parseEvalArgs(["--understanding", "--file", "/tmp/round.jsonl"])).toMatchObject({
      set: "understanding",
      file: "/tmp/round.jsonl",
    });
    expect(parseEvalArgs(["--file"]).file).toBeNull();
    expect(parseEvalArgs(["--file", "--verbose"]).file).toBeNull();
  });
});
