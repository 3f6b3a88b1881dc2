import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { runCommand } from "../helpers/run-command.js";

// The REPL's commands and answers are tested on its interface (test/interfaces/repl.test.ts);
// here only that `npm run repl` starts, answers what is piped to it, and quits.
describe("npm run repl", () => {
  it("as a process (smoke): builds its index, answers a piped question with a citation, quits", async () => {
    const root = await mkdtemp(join(tmpdir(), "qa-repl-"));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const env = { INDEX_DIR: join(root, "embeddings"), MODELS_DIR: join(root, "no-models") };
    const { code, stdout, stderr } = await runCommand(
      "src/cli/repl.ts",
      [],
      env,
      "西宁开发区多晶硅出口额是多少？\n:quit\n",
    );
    expect(code).toBe(0);
    expect(stderr).toContain("No index in");
    expect(stdout).toMatch(/^西宁报问答 · 5 个版面 · 23 篇报道 · 关键词检索/);
    expect(stdout).toContain("8.5亿元");
    expect(stdout).toContain("[1]");
    expect(stdout.trim().endsWith("再见。")).toBe(true);
  });
});
