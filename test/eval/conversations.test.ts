import { describe, expect, it } from "vitest";
import { readdir } from "node:fs/promises";
import { conversationSessions } from "../../src/cli/commands/eval-conversations.js";
import { conversationsFile, EVAL_SETS, HELD_OUT_ROUNDS } from "../../src/eval/sets.js";
import {
  evaluateConversations,
  evaluateIntents,
  loadConversations,
  loadIntents,
  validateSets,
} from "../../src/eval/conversations.js";
import { engineArticles } from "../../src/eval/articles.js";
import { keywordEngine } from "../helpers/qa-fixture.js";

// Floors just under what the conversation layer reaches (npm run eval -- --conversations); the
// first run, before the layer existed, was: follow-up facts 0.41, every intent 0.
describe("conversations and reader intents (keyword-only)", () => {
  it("stay above their floors", async () => {
    const engine = await keywordEngine();
    const conversations = await loadConversations("test/eval/conversations.jsonl");
    const intents = await loadIntents("test/eval/intents.jsonl");
    expect(conversations.length).toBeGreaterThanOrEqual(30);
    expect(validateSets(engineArticles(engine), conversations, intents)).toEqual([]);
    const { report } = await evaluateConversations(
      conversationSessions(engine),
      conversations,
      engineArticles(engine),
    );
    // Issue 10's target on held-out follow-ups (reached: 15/15 since a year heading a list is near
    // each item).
    expect(report.followUpFactHeldout).toBeGreaterThanOrEqual(0.9);
    expect(report.followUpFact).toBeGreaterThanOrEqual(0.9);
    expect(report.topicChangeWronglyRewritten).toBeLessThanOrEqual(0.05);
    expect(report.firstTurnFact).toBe(1);
    expect(report.citationsVerbatim).toBe(1);
    const requests = await evaluateIntents(
      conversationSessions(engine),
      intents,
      engineArticles(engine),
    );
    expect(requests.report).toMatchObject({
      browse: 1,
      summary: 1,
      citationsVerbatim: 1,
      browseInvented: 0,
    });
    expect(requests.report.activity).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});

describe("the held-out conversation rounds", () => {
  it("are well-formed: facts in their articles, first turns standalone, replies pointing back", async () => {
    const engine = await keywordEngine();
    const intents = await loadIntents("test/eval/intents.jsonl");
    for (const file of HELD_OUT_ROUNDS.map(conversationsFile)) {
      const conversations = await loadConversations(file);
      expect(conversations.length, file).toBeGreaterThanOrEqual(10);
      expect(validateSets(engineArticles(engine), conversations, intents), file).toEqual([]);
    }
  });
});

describe("the evaluation sets", () => {
  it("are every round's file in test/eval, and only those: none written but left out", async () => {
    const files = (await readdir("test/eval")).filter((f) => f.endsWith(".jsonl"));
    const known = new Set([
      ...Object.values(EVAL_SETS),
      conversationsFile(0),
      ...HELD_OUT_ROUNDS.map(conversationsFile),
      "test/eval/intents.jsonl",
    ]);
    expect(files.map((f) => `test/eval/${f}`).filter((f) => !known.has(f))).toEqual([]);
    expect([...known].filter((f) => !files.includes(f.replace("test/eval/", "")))).toEqual([]);
  });
});

describe("an unanswerable follow-up", () => {
  it("counts as answered only when the conversation abstains, and holds no fact to find", async () => {
    const engine = await keywordEngine();
    const articles = engineArticles(engine);
    const spec = (q: string) => ({
      id: "u",
      split: "heldout2" as const,
      kind: "ellipsis",
      turns: [
        { q: "西宁开发区认定专精特新企业多少户", must_contain: ["10户"], standalone: true },
        { q, must_contain: [], unanswerable: true },
      ],
    });
    // The pages give 全省 and 全市 shares only: 全国 is not theirs to answer.
    const abstains = await evaluateConversations(
      conversationSessions(engine),
      [spec("那占全国多少")],
      articles,
    );
    expect(abstains.report.followUpFact).toBe(1);
    // A follow-up the pages do answer is no abstention.
    const answers = await evaluateConversations(
      conversationSessions(engine),
      [spec("那占全市多少")],
      articles,
    );
    expect(answers.report.followUpFact).toBe(0);
    expect(
      validateSets(
        articles,
        [{ ...spec("x"), turns: [{ q: "x", must_contain: ["10户"], unanswerable: true }] }],
        [],
      ),
    ).toHaveLength(1);
  });
});
