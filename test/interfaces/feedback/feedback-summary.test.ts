import { describe, expect, it } from "vitest";
import type { FeedbackRecord } from "../../../src/interfaces/feedback/feedback-record.js";
import { summarizeFeedback } from "../../../src/interfaces/feedback/feedback-summary.js";

const record = (over: Partial<FeedbackRecord>): FeedbackRecord => ({
  time: "2026-11-27T10:00:00.000Z",
  user: "u1",
  answer: "a1",
  question: "q",
  resolvedQuestion: "q",
  mode: "extractive",
  intent: "fact",
  grounded: true,
  citations: [],
  verdict: "up",
  ...over,
});

describe("summarizeFeedback", () => {
  it("counts a reader's last verdict on an answer, the 👎 share per intent and the most-👎 questions", () => {
    const summary = summarizeFeedback([
      record({ verdict: "up" }),
      record({ verdict: "down" }), // changed their mind: 👎 stands
      record({ user: "u2", verdict: "down" }),
      record({ user: "u3", answer: "a2", resolvedQuestion: "r", verdict: "down" }),
      record({ user: "u3", answer: "a3", intent: "browse", verdict: "up" }),
    ]);
    expect(summary).toMatchObject({ judged: 4, up: 1, down: 3 });
    expect(summary.byIntent).toEqual([
      { intent: "fact", up: 0, down: 3, downShare: 1 },
      { intent: "browse", up: 1, down: 0, downShare: 0 },
    ]);
    expect(summary.mostDown).toEqual([
      { question: "q", down: 2 },
      { question: "r", down: 1 },
    ]);
  });
});
