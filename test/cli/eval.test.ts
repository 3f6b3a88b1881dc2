import { describe, expect, it } from "vitest";
import { evalCommand } from "../../src/cli/commands/eval.js";
import { runInProcess } from "../helpers/run-in-process.js";

// The figures themselves are held by test/eval/*.test.ts; here, that the command runs and reports.
describe("npm run eval", () => {
  it("prints the held-out figures as JSON, keyword-only, from a fresh index", async () => {
    const { code, stdout } = await runInProcess(evalCommand, ["--heldout"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ mode: "keyword", questions: 16, citationsVerbatim: 1 });
  });
});
