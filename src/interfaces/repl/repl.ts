import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { catalogArticleCount } from "../../answer/catalog.js";
import { cleanQuestion, stripControls } from "../../answer/question.js";
import type { QaEngine } from "../../answer/qa-engine.js";
import type { Answer } from "../../answer/types.js";
import {
  createConversationEngine,
  type ConversationEngine,
} from "../../conversation/conversation.js";
import type { ConversationState } from "../../conversation/state.js";
import { citationLabel, formatAnswerText, resolvedLine } from "../format-text.js";

export interface ReplOptions {
  engine: QaEngine;
  /** The conversation layer over `engine`. @default a new one, with `clock` */
  conversations?: ConversationEngine;
  input: Readable;
  output: Writable;
  /** Show a prompt and let readline echo: true on a terminal. @default false */
  terminal?: boolean;
  /** The conversation's clock (a quiet hour starts a new conversation). @default Date.now */
  clock?: () => number;
}

const HELP = [
  "直接输入问题（中文或英文），回车提问。Type a question (Chinese or English) and press Enter.",
  "  :sources   列出已收录的报道 / list the articles, by page",
  "  :show N    显示第 N 条出处的完整段落 / the full passage of citation N",
  "  :new       开始新的对话（忘记上文）/ start a new conversation",
  "  :history   本次对话的提问及其理解 / this conversation's questions, as understood",
  "追问可以省略上文：“那锂电池呢？”“他做了什么？”“更多”“全文”“总结一下这篇报道”。",
  "  :help      本帮助 / this help",
  "  :quit      退出 / quit (Ctrl-D works too)",
].join("\n");

/**
 * The terminal question loop over the QA core. Resolves when the user quits or input ends —
 * `"interrupted"` when by Ctrl-C, perhaps with an abandoned answer still running.
 */
export function runRepl(options: ReplOptions): Promise<"quit" | "interrupted"> {
  const { engine, output } = options;
  // Nothing typed or read from a page reaches the terminal as an escape sequence.
  const say = (text: string): void => {
    output.write(`${stripControls(text)}\n`);
  };
  const rl = createInterface({
    input: options.input,
    output,
    terminal: options.terminal ?? false,
    prompt: "问> ",
  });
  let last: Answer | null = null;
  const conversations =
    options.conversations ??
    createConversationEngine(engine, options.clock ? { clock: options.clock } : {});
  let conversation: ConversationState | null = null;
  let history: string[] = [];
  let queue = Promise.resolve();

  const catalog = engine.catalog();
  say(
    `西宁报问答 · ${catalog.length} 个版面 · ${catalogArticleCount(catalog)} 篇报道 · ${engine.retrievalMode === "hybrid" ? "语义+关键词检索" : "关键词检索（未加载向量模型）"}`,
  );
  say("输入 :help 查看命令。");
  if (options.terminal) rl.prompt();

  // Set by :quit: lines already read after it (piped or pasted input) are not answered.
  let quitting = false;
  /** Set while an answer is awaited: Ctrl-C calls it. */
  let cancelAnswer: (() => void) | null = null;
  /** Ctrl-C with no answer to cancel: the next one quits. */
  let armed = false;
  let interrupted = false;
  const handle = async (line: string): Promise<void> => {
    if (quitting) return;
    const input = cleanQuestion(line);
    if (input === "") return;
    if (input === ":quit" || input === ":q" || input === ":exit") {
      quitting = true;
      rl.close();
      return;
    }
    if (input === ":help") return say(HELP);
    if (input === ":sources") return say(listSources(engine));
    if (input === ":new") {
      conversation = null;
      history = [];
      return say("已开始新的对话。New conversation.");
    }
    if (input === ":history")
      return say(history.length > 0 ? history.join("\n") : "本次对话还没有提问。No questions yet.");
    const show = /^:show\s+(\d+)$/.exec(input);
    if (show) return say(showPassage(engine, last, Number(show[1])));
    if (input.startsWith(":"))
      return say(`未知命令 ${input}，输入 :help 查看命令。Unknown command; type :help.`);
    // Ctrl-C while this answer is being worked out cancels it: the LLM call in hand is aborted
    // (its request closed), and the rest of the work, if any, is not waited for.
    const abort = new AbortController();
    const cancelled = new Promise<null>((resolve) => {
      cancelAnswer = () => {
        abort.abort();
        resolve(null);
      };
    });
    const turn = await Promise.race([
      conversations.ask(conversation, input, { signal: abort.signal }),
      cancelled,
    ]).finally(() => {
      cancelAnswer = null;
    });
    if (turn === null)
      return say("已取消这个问题。Cancelled. (再按 Ctrl-C 退出 / Ctrl-C again to quit)");
    conversation = turn.state;
    last = turn.answer;
    const readAs = resolvedLine(last);
    history.push(
      `${history.length + 1}. ${input}${readAs ? `  → ${turn.answer.resolvedQuestion}` : ""}  [${turn.answer.intent}]`,
    );
    if (readAs) say(readAs);
    say(formatAnswerText(last));
    say("");
  };

  return new Promise((resolve) => {
    rl.on("line", (line) => {
      // Questions are answered in order even when lines arrive faster than answers (pasted input).
      queue = queue
        .then(() => handle(line))
        .catch((error: unknown) =>
          say(`出错了：${error instanceof Error ? error.message : String(error)}`),
        )
        .then(() => {
          if (options.terminal && !quitting) rl.prompt();
        });
    });
    // Ctrl-C (a terminal's readline): the first cancels the answer in hand, a second one quits.
    rl.on("SIGINT", () => {
      if (cancelAnswer !== null && !armed) {
        armed = true;
        cancelAnswer();
        return;
      }
      if (armed || cancelAnswer !== null) {
        quitting = true;
        interrupted = true;
        cancelAnswer?.();
        rl.close();
        return;
      }
      armed = true;
      say("(再按 Ctrl-C 退出，或输入 :quit / Press Ctrl-C again to quit, or type :quit)");
      if (options.terminal) rl.prompt();
    });
    rl.on("line", () => {
      armed = false;
    });
    rl.on("close", () => {
      void queue.then(() => {
        say("再见。");
        resolve(interrupted ? "interrupted" : "quit");
      });
    });
  });
}

function listSources(engine: QaEngine): string {
  const lines: string[] = [];
  for (const page of engine.catalog()) {
    lines.push(`${page.source}`);
    for (const a of page.articles) {
      lines.push(`  ${a.index + 1}. 《${a.title || "（无标题）"}》${a.date ? ` · ${a.date}` : ""}`);
    }
  }
  return lines.join("\n");
}

function showPassage(engine: QaEngine, last: Answer | null, n: number): string {
  const citation = last?.citations.find((c) => c.n === n);
  if (!citation)
    return last
      ? `没有第 ${n} 条出处（本次回答共 ${last.citations.length} 条）。`
      : "还没有回答，先提一个问题。";
  const passage = engine.citedPassage(citation);
  if (!passage) return `找不到第 ${n} 条出处的原文。`;
  return `${citationLabel(citation)}\n\n${passage.chunk.text}`;
}
