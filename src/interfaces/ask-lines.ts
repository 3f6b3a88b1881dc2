import type { QaEngine } from "../answer/qa-engine.js";
import type { Answer, Language } from "../answer/types.js";
import { createConversationEngine, type ConversationEngine } from "../conversation/conversation.js";
import type { ConversationState } from "../conversation/state.js";
import { detectLanguage } from "../answer/language.js";
import { cleanQuestion } from "../answer/question.js";

/** One output line of `ask --json`: the Answer contract plus the conversation fields. */
export type AskJsonLine = Omit<Answer, "resolvedQuestion"> & {
  conversation?: string;
  intent: string;
  resolved_question: string;
};

const BAD_LINE: Record<Language, (why: string) => string> = {
  zh: (why) =>
    `这一行无法读取：${why}。每行是一个问题，或 {"question": "…", "conversation": "c1"}。`,
  en: (why) =>
    `This line cannot be read: ${why}. Each line is a question, or {"question": "…", "conversation": "c1"}.`,
};

/**
 * `ask --json` on stdin: each line is a plain question (answered on its own) or a JSON object
 * `{"question": "…", "conversation": "c1"}`; lines with the same conversation id share one
 * conversation, in order, for the life of the run. Every line gets exactly one answer line —
 * a blank line or broken JSON included, explained rather than skipped.
 */
export function createLineAnswerer(
  engine: QaEngine,
  conversations: ConversationEngine = createConversationEngine(engine),
  onError?: (error: unknown) => void,
) {
  const states = new Map<string, ConversationState>();
  return async (line: string): Promise<AskJsonLine> => {
    let question = line;
    let id: string | undefined;
    if (line.trimStart().startsWith("{")) {
      const parsed = parseLine(line);
      if (typeof parsed === "string") return invalid(line, parsed);
      question = parsed.question;
      id = parsed.conversation;
    }
    let turn: Awaited<ReturnType<ConversationEngine["ask"]>>;
    try {
      turn = await conversations.ask(
        id === undefined ? null : (states.get(id) ?? null),
        cleanQuestion(question),
      );
    } catch (error) {
      // One failed answer is its own explained line: the lines after it still line up.
      onError?.(error);
      return {
        ...invalid(line, error instanceof Error ? error.message : String(error)),
        answer: FAILED[languageOf(line)],
      };
    }
    if (id !== undefined) states.set(id, turn.state);
    const { resolvedQuestion, ...answer } = turn.answer;
    return {
      ...answer,
      ...(id !== undefined ? { conversation: id } : {}),
      intent: turn.answer.intent,
      resolved_question: resolvedQuestion,
    };
  };
}

function parseLine(line: string): { question: string; conversation?: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return "not a JSON object";
  const { question, conversation } = value as Record<string, unknown>;
  if (typeof question !== "string") return 'the "question" field is missing or not a string';
  if (
    conversation !== undefined &&
    typeof conversation !== "string" &&
    typeof conversation !== "number"
  )
    return 'the "conversation" field must be a string';
  return conversation === undefined
    ? { question }
    : { question, conversation: String(conversation) };
}

const FAILED: Record<Language, string> = {
  zh: "回答这个问题时出错了，请稍后再试。",
  en: "Something went wrong while answering this question; please try again.",
};

function languageOf(line: string): Language {
  return detectLanguage(line) === "en" || !/\p{Script=Han}/u.test(line) ? "en" : "zh";
}

function invalid(line: string, why: string): AskJsonLine {
  const language = languageOf(line);
  return {
    question: line,
    answer: BAD_LINE[language](why),
    grounded: false,
    mode: "none",
    citations: [],
    language,
    intent: "fact",
    resolved_question: line,
  };
}
