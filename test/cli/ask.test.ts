import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { askCommand } from "../../src/cli/commands/ask.js";
import { runCommand } from "../helpers/run-command.js";
import { runInProcess } from "../helpers/run-in-process.js";

/** `npm run ask` as a function: stdin given as lines. */
const ask = (args: string[], env: Record<string, string>, stdin?: string) =>
  runInProcess(askCommand, args, env, stdin === undefined ? {} : { stdin: stdin.split("\n") });

let env: Record<string, string>;
beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), "qa-ask-"));
  // No model in MODELS_DIR: the command must still answer, keyword-only, and say so.
  env = { INDEX_DIR: join(root, "embeddings"), MODELS_DIR: join(root, "no-models") };
  // Removed when the file is done: no temp folder is left behind.
  return () => rm(root, { recursive: true, force: true });
});

describe("npm run ask", () => {
  it("--json prints the contract: answer, grounded, mode, citations with verbatim quotes", async () => {
    const { code, stdout, stderr } = await ask(["--json", "西宁开发区多晶硅出口额是多少？"], env);
    expect(code).toBe(0);
    expect(stderr).toContain("No index in");
    expect(stderr).toContain("Answering with keyword search only.");
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!);
    expect(answer).toMatchObject({
      question: "西宁开发区多晶硅出口额是多少？",
      grounded: true,
      mode: "extractive",
    });
    expect(answer.answer).toContain("8.5亿元");
    expect(answer.citations[0]).toMatchObject({
      n: 1,
      source: "003_bcfb9783f9e97214.txt",
      title: "多项指标领跑! 西宁开发区经济答卷亮眼",
    });
    expect(typeof answer.citations[0].quote).toBe("string");
    expect(typeof answer.citations[0].score).toBe("number");
  });

  it("answers stdin line by line with --json, loading once, and explains bad input without crashing", async () => {
    const questions = [
      "3月25日市政府党组会议由谁主持？",
      "",
      "？？？",
      "西宁".repeat(200),
      "西宁市常住人口有多少？",
    ].join("\n");
    const { code, stdout, stderr } = await ask(["--json"], env, questions);
    expect(code).toBe(0);
    expect(stderr).not.toContain("No index in"); // built by the first test, reused here
    const answers = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // One output line per input line, the blank one included.
    expect(answers).toHaveLength(5);
    expect(answers[0].answer).toContain("石建平");
    expect(answers[1]).toMatchObject({ grounded: false, mode: "none" });
    expect(answers[2]).toMatchObject({ grounded: false, mode: "none" });
    expect(answers[3]).toMatchObject({ grounded: false, mode: "none" });
    expect(answers[3].answer).toContain("问题太长了");
    expect(answers[4]).toMatchObject({ grounded: false });
    expect(answers[4].answer).toMatch(/^没有在已收录的报道中找到/);
  });

  it("prints a readable answer with its sources", async () => {
    const { code, stdout } = await ask(["省政协十三届三次会议实到多少委员？"], env);
    expect(code).toBe(0);
    expect(stdout).toContain("353人");
    expect(stdout).toMatch(
      /出处：\n\[1\] 《省政协十三届三次会议胜利闭幕》 · 003_bcfb9783f9e97214.txt · 1月21日\n {4}“/,
    );
  });

  it("answers an empty question given on the command line with the explanation, not silence", async () => {
    // Piped stdin holds a question: an argument, even an empty one, is the question asked.
    const json = await ask(["--json", ""], env, "西宁开发区多晶硅出口额是多少？");
    expect(json.code).toBe(0);
    const lines = json.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ question: "", grounded: false, mode: "none" });
    expect(JSON.parse(lines[0]!).answer).toContain("请输入一个问题");
    const text = await ask([""], env, "西宁开发区多晶硅出口额是多少？");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("请输入一个问题");
    expect(text.stdout).not.toContain("8.5亿元");
  });

  it("answers from the existing index with a warning when SEEDS_DIR is missing or a file; without an index names the absolute path tried, never a raw ENOENT/ENOTDIR", async () => {
    const absent = join(env.INDEX_DIR!, "..", "no-seeds");
    const missing = await ask(["西宁开发区多晶硅出口额是多少？"], { ...env, SEEDS_DIR: absent });
    expect(missing.code).toBe(0);
    expect(missing.stdout).toContain("8.5亿元");
    expect(missing.stderr).toContain(`SEEDS_DIR ${absent} does not exist`);
    expect(missing.stderr).toContain("Answering from the existing index");
    expect(missing.stderr).not.toMatch(/ENOENT|ENOTDIR|scandir/);
    const file = await ask(["西宁开发区多晶硅出口额是多少？"], {
      ...env,
      SEEDS_DIR: fileURLToPath(import.meta.url),
    });
    expect(file.code).toBe(0);
    expect(file.stdout).toContain("8.5亿元");
    expect(file.stderr).toContain("is a file, not a folder of pages");
    expect(file.stderr).not.toMatch(/ENOENT|ENOTDIR|scandir/);
    const noIndex = await ask(["西宁开发区多晶硅出口额是多少？"], {
      ...env,
      INDEX_DIR: join(env.INDEX_DIR!, "..", "no-index"),
      SEEDS_DIR: absent,
    });
    expect(noIndex.code).toBe(1);
    expect(noIndex.stderr).toContain(`SEEDS_DIR ${absent} does not exist`);
    expect(noIndex.stderr).not.toMatch(/ENOENT|ENOTDIR|scandir/);
  });

  it("shows the usage line for an unknown option", async () => {
    const { code, stderr } = await ask(["--verbose"], env);
    expect(code).toBe(2);
    expect(stderr).toContain("usage: npm run ask");
  });

  it("as a process (smoke): --json answers the questions piped to it, one line each", async () => {
    const { code, stdout } = await runCommand(
      "src/cli/ask.ts",
      ["--json"],
      env,
      "西宁开发区多晶硅出口额是多少？\n\n",
    );
    expect(code).toBe(0);
    const answers = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(answers).toHaveLength(2);
    expect(answers[0].answer).toContain("8.5亿元");
    expect(answers[1]).toMatchObject({ grounded: false, mode: "none" });
  });

  it("--json on stdin keeps one conversation per id, interleaved, and explains broken lines", async () => {
    const lines = [
      JSON.stringify({ question: "西宁开发区多晶硅出口额是多少？", conversation: "a" }),
      JSON.stringify({ question: "3月25日市政府党组会议由谁主持？", conversation: "b" }),
      JSON.stringify({ question: "单晶硅棒呢？", conversation: "a" }),
      JSON.stringify({ question: "那省政府党组会议呢？", conversation: "b" }),
      "单晶硅棒呢？",
      '{"question": "broken',
      JSON.stringify({ question: "最近有什么新鲜事？", conversation: "a" }),
    ].join("\n");
    const { code, stdout } = await ask(["--json"], env, lines);
    expect(code).toBe(0);
    const out = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(7);
    expect(out[0]).toMatchObject({
      conversation: "a",
      intent: "fact",
      resolved_question: "西宁开发区多晶硅出口额是多少？",
      grounded: true,
    });
    expect(out[2]).toMatchObject({
      conversation: "a",
      intent: "fact",
      resolved_question: "西宁开发区单晶硅棒出口额是多少？",
      grounded: true,
    });
    expect(out[2].answer).toContain("2.1亿元");
    expect(out[3]).toMatchObject({
      conversation: "b",
      resolved_question: "3月25日省政府党组会议由谁主持？",
    });
    expect(out[3].answer).toContain("罗东川");
    // A plain line stands alone: nothing to follow up on, answered as typed.
    expect(out[4].resolved_question).toBe("单晶硅棒呢？");
    expect(out[4].conversation).toBeUndefined();
    expect(out[5]).toMatchObject({ grounded: false, mode: "none", intent: "fact" });
    expect(out[5].answer).toMatch(/not valid JSON/);
    expect(out[6]).toMatchObject({ conversation: "a", intent: "browse", grounded: true });
    expect(out[6].citations[0].source).toBe("002_587bb7119f8aca81.txt");
  });
});
