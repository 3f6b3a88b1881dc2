import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ConversationEngine } from "../../src/conversation/conversation.js";
import { runRepl } from "../../src/interfaces/repl/repl.js";
import { createLlmAnswerer } from "../../src/answer/llm.js";
import { deferred } from "../helpers/deferred.js";
import { startFakeOpenAiServer } from "../helpers/fake-openai-server.js";
import { keywordEngine } from "../helpers/qa-fixture.js";

/** Types lines into the REPL and returns everything it printed once it exits. */
async function session(lines: string[], end: "quit" | "eof" = "quit"): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (d: Buffer) => (printed += d.toString("utf8")));
  const done = runRepl({ engine: await keywordEngine(), input, output });
  for (const line of lines) input.write(`${line}\n`);
  if (end === "quit") input.write(":quit\n");
  else input.end();
  await done;
  return printed;
}

describe("npm run repl", () => {
  it("answers with numbered citations and shows the passage of citation N", async () => {
    const out = await session(["西宁公安给受害群众返还了多少涉案资金？", ":show 1"]);
    expect(out).toMatch(/西宁报问答 · 5 个版面 · 23 篇报道 · 关键词检索/);
    expect(out).toContain("给部分受害群众共返还涉案资金1031.5万余元。[1]");
    expect(out).toContain(
      "[1] 《西宁公安返还涉诈资金1031.5万余元》 · 002_587bb7119f8aca81.txt · 11月23日",
    );
    // :show prints the whole passage, more than the quoted sentence.
    expect(out).toContain("止付涉诈资金17.25亿元");
    expect(out.trimEnd().endsWith("再见。")).toBe(true);
  });

  it("lists the sources, explains commands, and survives nonsense", async () => {
    const out = await session([":sources", ":help", ":show 9", ":bogus", ""]);
    expect(out).toContain("《多项指标领跑! 西宁开发区经济答卷亮眼》");
    expect(out).toContain(":show N");
    expect(out).toContain("还没有回答，先提一个问题。");
    expect(out).toContain("未知命令 :bogus");
  });

  it("does not echo terminal escape sequences of an unknown command back to the terminal", async () => {
    const out = await session([":bogus\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u0008"]);
    expect(out).toContain("未知命令 :bogusred");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
  });

  it("Ctrl-C during a slow answer cancels it and says so; a second Ctrl-C quits", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    const cancelledShown = deferred();
    output.on("data", (d: Buffer) => {
      printed += d.toString("utf8");
      if (printed.includes("Cancelled")) cancelledShown.resolve();
    });
    const asked = deferred();
    const never = deferred<never>(); // the answer that never comes (a hung LLM call)
    const conversations = {
      ask: () => {
        asked.resolve();
        return never.promise;
      },
      newState: () => {
        throw new Error("unused");
      },
    } as unknown as ConversationEngine;
    const done = runRepl({
      engine: await keywordEngine(),
      conversations,
      input,
      output,
      terminal: true,
    });
    input.write("西宁开发区多晶硅出口额是多少？\r");
    await asked.promise;
    input.write("\u0003"); // Ctrl-C: the answer in hand is cancelled
    await cancelledShown.promise;
    expect(printed).toContain("已取消这个问题。");
    input.write("\u0003"); // Ctrl-C again: quit
    await expect(done).resolves.toBe("interrupted");
    expect(printed.trimEnd().endsWith("再见。")).toBe(true);
  });

  it("Ctrl-C during a slow LLM answer aborts the LLM request itself (the endpoint sees it closed)", async () => {
    const llmServer = await startFakeOpenAiServer();
    try {
      // The endpoint never answers; the client's own deadline is far beyond this test's.
      llmServer.script({ content: "", hold: new Promise(() => {}) });
      const llm = createLlmAnswerer(
        { baseUrl: llmServer.baseUrl, apiKey: "test-key", model: "qwen-test" },
        { timeoutMs: 600_000, maxRetries: 0 },
      );
      const input = new PassThrough();
      const output = new PassThrough();
      let printed = "";
      output.on("data", (d: Buffer) => (printed += d.toString("utf8")));
      const done = runRepl({ engine: await keywordEngine(llm), input, output, terminal: true });
      input.write("西宁开发区多晶硅出口额是多少？\r");
      await llmServer.received(1);
      input.write("\u0003"); // Ctrl-C: the answer in hand, and its LLM request, are cancelled
      await llmServer.abandoned(1);
      expect(printed).toContain("已取消这个问题。");
      input.write("\u0003"); // Ctrl-C again: quit
      await expect(done).resolves.toBe("interrupted");
      expect(llmServer.requests).toHaveLength(1); // no retry of a cancelled call
    } finally {
      await llmServer.close();
    }
  });

  it("answers no piped line after :quit", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d: Buffer) => (printed += d.toString("utf8")));
    const done = runRepl({ engine: await keywordEngine(), input, output });
    // All at once, as a pipe delivers them: the lines after :quit arrive before it is handled.
    input.write(
      "省政协十三届三次会议实到多少委员？\n:quit\n西宁开发区多晶硅出口额是多少？\n:sources\n",
    );
    await done;
    expect(printed).toContain("353人");
    expect(printed).not.toContain("8.5亿元");
    expect(printed).not.toContain("003_bcfb9783f9e97214.txt\n  1.");
    expect(printed.trimEnd().endsWith("再见。")).toBe(true);
  });

  it("exits cleanly at end of input (Ctrl-D), after answering what was typed", async () => {
    const out = await session(["省政协十三届三次会议实到多少委员？"], "eof");
    expect(out).toContain("353人");
    expect(out.trimEnd().endsWith("再见。")).toBe(true);
  });

  it("keeps one conversation: a follow-up is read in context and says how; :history; :new forgets it", async () => {
    const out = await session([
      "3月25日市政府党组会议由谁主持？",
      "那省政府党组会议呢？",
      ":history",
      ":new",
      "那省政府党组会议呢？",
    ]);
    expect(out).toContain("理解为：3月25日省政府党组会议由谁主持？");
    expect(out).toContain("省长罗东川主持召开省政府党组会议");
    expect(out).toMatch(
      /1\. 3月25日市政府党组会议由谁主持？ {2}\[fact\]\n2\. 那省政府党组会议呢？ {2}→ 3月25日省政府党组会议由谁主持？ {2}\[fact\]/,
    );
    expect(out).toContain("已开始新的对话。");
    // After :new the same words have no question to lean on: answered as typed, not rewritten.
    expect(out.split("已开始新的对话。")[1]).not.toContain("理解为");
  });
});
