import { describe, expect, it } from "vitest";
import type { QaEngine } from "../../src/answer/qa-engine.js";
import type { ConversationEngine } from "../../src/conversation/conversation.js";
import { createLineAnswerer } from "../../src/interfaces/ask-lines.js";
import { keywordEngine } from "../helpers/qa-fixture.js";

describe("ask --json lines", () => {
  it("gives a line whose answering fails its own explained output line, and goes on", async () => {
    const asked: string[] = [];
    const failing = {
      ask: async (_state: unknown, question: string) => {
        asked.push(question);
        throw new Error("engine exploded");
      },
    } as unknown as ConversationEngine;
    const errors: unknown[] = [];
    const answer = createLineAnswerer({} as QaEngine, failing, (e) => errors.push(e));
    const out = await answer("西宁开发区多晶硅出口额是多少？");
    expect(out).toMatchObject({ grounded: false, mode: "none", citations: [] });
    expect(out.answer).toContain("出错了");
    expect(errors).toHaveLength(1);
    expect(asked).toEqual(["西宁开发区多晶硅出口额是多少？"]);
  });

  it("answers a question with terminal escape sequences in it as the question without them", async () => {
    const answer = createLineAnswerer(await keywordEngine());
    const out = await answer("西宁开发区\u001b[31m多晶硅\u001b[0m出口额\u0007是多少？");
    expect(out.grounded).toBe(true);
    expect(out.answer).toContain("8.5亿元");
    expect(out.question).toBe("西宁开发区多晶硅出口额是多少？");
  });
});
