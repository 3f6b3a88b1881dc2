import type { Verdict } from "../feedback/feedback-record.js";

/** Answer times kept for the percentiles: the most recent ones, so the figure follows the present. */
const TIMED_ANSWERS = 2_000;

export interface AnswerCounts {
  answered: number;
  /** Answers that said the pages hold nothing on the question. */
  abstained: number;
}

/** What /stats shows of the bot's own work (the index's figures come from the engine). */
export interface StatsSnapshot {
  startedAt: number;
  sinceStart: AnswerCounts;
  /** Since midnight of the clock's day (the server's time zone). */
  today: AnswerCounts;
  up: number;
  down: number;
  /** Of the last answers; null before the first. */
  answerMs: { p50: number; p99: number } | null;
}

/** Counts this process keeps for the operator: answers, abstentions, 👍/👎, answer times. */
export interface BotStats {
  answer(grounded: boolean, ms: number): void;
  verdict(verdict: Verdict): void;
  snapshot(): StatsSnapshot;
}

const dayOf = (t: number) => new Date(t).toDateString();

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;
}

/** In memory, from the bot's start; `clock` decides what "today" is. */
export function createBotStats(clock: () => number = Date.now): BotStats {
  const startedAt = clock();
  const sinceStart: AnswerCounts = { answered: 0, abstained: 0 };
  let today: AnswerCounts = { answered: 0, abstained: 0 };
  let day = dayOf(startedAt);
  let up = 0;
  let down = 0;
  const times: number[] = [];
  const rollDay = () => {
    const now = dayOf(clock());
    if (now === day) return;
    day = now;
    today = { answered: 0, abstained: 0 };
  };
  return {
    answer(grounded, ms) {
      rollDay();
      for (const counts of [sinceStart, today]) {
        if (grounded) counts.answered++;
        else counts.abstained++;
      }
      times.push(ms);
      if (times.length > TIMED_ANSWERS) times.shift();
    },
    verdict(verdict) {
      if (verdict === "up") up++;
      else down++;
    },
    snapshot() {
      rollDay();
      const sorted = [...times].sort((a, b) => a - b);
      return {
        startedAt,
        sinceStart: { ...sinceStart },
        today: { ...today },
        up,
        down,
        answerMs:
          sorted.length === 0
            ? null
            : { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) },
      };
    },
  };
}
