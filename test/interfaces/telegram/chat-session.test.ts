import { describe, expect, it } from "vitest";
import { citationKey } from "../../../src/answer/citation-key.js";
import {
  MAX_SHOWN,
  newConversationState,
  stateBytes,
  type TurnContext,
} from "../../../src/conversation/state.js";
import {
  answerContext,
  initialChatSession,
  MAX_REMEMBERED_ANSWERS,
  recordTurn,
} from "../../../src/interfaces/telegram/chat-session.js";

/** A context as large as a real answer leaves: a long question, three articles, every shown key. */
function fullContext(n: number): TurnContext {
  const article = (i: number) => `00${i}_bcfb9783f9e97214.txt#${10 + i}`;
  return {
    q: `西宁开发区2024年锂离子蓄电池和多晶硅的出口额分别是多少，占全国同类产品出口的比重各是多少？(${n})`,
    lang: "zh",
    intent: "fact",
    topic: "锂离子蓄电池",
    subject: "西宁开发区锂离子蓄电池出口额",
    person: "乌拉孜别克·热苏力汗",
    articles: [article(1), article(2), article(3)],
    shown: Array.from({ length: MAX_SHOWN }, (_, i) =>
      citationKey(article(i % 3), 10_000 + i * 97),
    ),
  };
}

describe("a chat's session", () => {
  it("stays within 2 KB however many answers the chat has had", () => {
    const session = initialChatSession();
    for (let n = 0; n < 10; n++) {
      const context = fullContext(n);
      recordTurn(
        session,
        { ...newConversationState(1_700_000_000_000 + n), last: context },
        context,
        [2 * n + 1, 2 * n + 2],
      );
    }
    expect(session.answers).toHaveLength(MAX_REMEMBERED_ANSWERS);
    expect(stateBytes(session)).toBeLessThanOrEqual(2048);
  });

  it("finds the context of any message of a remembered answer, and forgets older ones", () => {
    const session = initialChatSession();
    for (let n = 0; n < 5; n++) {
      const context = fullContext(n);
      recordTurn(session, { ...newConversationState(n), last: context }, context, [
        10 * n + 1,
        10 * n + 2,
        10 * n + 3,
      ]);
    }
    expect(answerContext(session, 42)?.q).toContain("(4)");
    expect(answerContext(session, 32)?.q).toContain("(3)");
    expect(answerContext(session, 21)?.q).toContain("(2)");
    expect(answerContext(session, 11)).toBeNull();
  });

  it("keeps a replied-to answer's context when a turn leaves the conversation on another one", () => {
    const session = initialChatSession();
    const first = fullContext(1);
    recordTurn(session, { ...newConversationState(1), last: first }, first, [1]);
    // A turn with no answer context of its own (e.g. "nothing more to show") while replying to an
    // older one.
    recordTurn(session, { ...newConversationState(2), last: fullContext(9) }, null, [2]);
    expect(answerContext(session, 1)?.q).toContain("(1)");
    expect(answerContext(session, 2)).toBeNull();
  });
});
