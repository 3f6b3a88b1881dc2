import { run } from "@grammyjs/runner";
import type { BotError } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "./context.js";
import type { QaBot } from "./create-bot.js";
import type { Logger } from "../../util/logger.js";
import { TEXTS } from "./texts.js";

import { createUpdateTracker, nativeSignal } from "./update-tracker.js";

export interface PollingOptions {
  log: Logger;
  /** Long-polling timeout of each `getUpdates`, in seconds. @default 30 */
  pollTimeoutSeconds?: number;
  /**
   * How long past its long-polling timeout a `getUpdates` may stay unanswered before it is
   * aborted, logged and sent again (a proxy or a half-open connection that never answers must not
   * leave the bot deaf). @default 10000
   */
  pollMarginMs?: number;
  /** How long `stop()` waits for answers in progress before giving up on them. @default 20000 */
  drainTimeoutMs?: number;
  /**
   * Aborted when the drain budget ends (the bot's `cutShort` signal, see `createBot`): answers
   * waiting on the LLM give the extractive answer instead, for up to `cutShortGraceMs` more;
   * only what is unfinished after that gets an apology.
   */
  cutShort?: AbortController;
  /** How long answers cut short may take to be sent. @default 5000 */
  cutShortGraceMs?: number;
  /**
   * While an unfinished update holds the offset back, Telegram answers every poll at once with it
   * again: the next poll waits until some answer finishes, or this long, whichever is first (new
   * messages of other chats arrive at most this late then). @default 1000
   */
  redeliveryPollMs?: number;
}

export interface PollingHandle {
  /**
   * Stops fetching updates and waits (up to the drain budget) for every update already fetched to
   * be answered. Telegram is then told only of the updates finished below the oldest unfinished
   * one: those left unfinished — their askers told so — are delivered again after a restart.
   */
  stop(): Promise<void>;
  /** Settles when polling ends on its own: rejects on an unrecoverable error (401, 409). */
  readonly done: Promise<void>;
}

const CONFIRM_TIMEOUT_MS = 5_000;

/**
 * grammY types its signals with the abort-controller shim; Node's own are what it gets at run time.
 */
type GrammySignal = Parameters<QaBot["api"]["getUpdates"]>[1];

/** The update kinds the bot acts on; nothing else is fetched. */
export const ALLOWED_UPDATES = [
  "message",
  "callback_query",
  "inline_query",
  "stopped_message_generation",
] as const;

/**
 * Runs the bot on long polling with `@grammyjs/runner`: updates are handled concurrently (the
 * bot's `sequentialize` keeps each chat in order), so a slow answer in one chat does not hold
 * up another. The runner confirms a batch to Telegram by asking for the next one; here each
 * `getUpdates` is held back to the oldest unfinished update instead (and what Telegram delivers
 * again is not handled twice), so nothing is confirmed before it is answered. The runner does not
 * wait for updates in progress when stopped; this does.
 */
export function startPolling(bot: QaBot, options: PollingOptions): PollingHandle {
  const { log } = options;
  const tracker = createUpdateTracker();
  bot.api.config.use(tracker.transformer);
  const pollTimeoutSeconds = options.pollTimeoutSeconds ?? 30;
  const pollMarginMs = options.pollMarginMs ?? 10_000;
  const redeliveryPollMs = options.redeliveryPollMs ?? 1_000;

  /**
   * One long poll, its offset held back to the oldest unfinished update, returning only updates
   * not fetched before; aborted when it outlives its own timeout plus the margin ([] then, not
   * deaf).
   */
  async function getUpdates(
    args: Parameters<QaBot["api"]["getUpdates"]>[0],
    signal: GrammySignal,
  ): Promise<Update[]> {
    const limitMs = (args?.timeout ?? pollTimeoutSeconds) * 1000 + pollMarginMs;
    const deadline = AbortSignal.timeout(limitMs);
    const runnerSignal =
      signal === undefined
        ? undefined
        : nativeSignal(signal as unknown as EventTarget & { aborted: boolean });
    const combined = runnerSignal ? AbortSignal.any([runnerSignal, deadline]) : deadline;
    const offset = tracker.offset(args?.offset);
    let updates: Update[];
    try {
      updates = await bot.api.getUpdates(
        { ...args, ...(offset === undefined ? {} : { offset }) },
        combined as unknown as GrammySignal,
      );
    } catch (error) {
      if (!deadline.aborted || runnerSignal?.aborted) throw error;
      log.warn(`getUpdates gave no answer within ${limitMs} ms; aborted it, polling again`);
      return [];
    }
    if (offset !== undefined) tracker.confirmed(offset);
    const fresh = updates.filter((u) => !tracker.seen(u.update_id));
    if (updates.length > 0 && fresh.length === 0) {
      if (updates.length >= (args?.limit ?? 100)) {
        // A whole batch of updates already handled behind one unfinished update: holding the
        // offset any longer would keep every new message out.
        const given = tracker.releaseOldest();
        if (given)
          log.warn(
            `update ${given.update_id} is taking long and ${updates.length} later ones are done: confirming past it to let new messages in`,
          );
      } else {
        await Promise.race([tracker.anySettled(), abortedOrAfter(runnerSignal, redeliveryPollMs)]);
      }
    }
    return fresh;
  }

  const runner = run(
    {
      init: () => bot.init(),
      api: { getUpdates },
      errorHandler: (error: BotError<BotContext>) => bot.errorHandler(error),
      handleUpdate: (update: Update) => {
        const started = performance.now();
        return tracker.track(update, async (u) => {
          try {
            await bot.handleUpdate(u);
          } finally {
            log
              .child(`update ${u.update_id}`)
              .debug(`handled in ${Math.round(performance.now() - started)} ms`);
          }
        });
      },
    },
    {
      runner: {
        fetch: { timeout: pollTimeoutSeconds, allowed_updates: ALLOWED_UPDATES },
      },
    },
  );
  const done = runner.task() ?? Promise.resolve();

  return {
    done,
    async stop() {
      await runner.stop();
      let late = await drainWithin(options.drainTimeoutMs ?? 20_000);
      if (late && options.cutShort) {
        // The LLM calls still in hand are dropped: their extractive answers go out instead.
        options.cutShort.abort();
        late = await drainWithin(options.cutShortGraceMs ?? 5_000);
      }
      if (late) {
        const left = tracker.unfinished();
        const answering = left.filter((u) => u.phase === "answering").map((u) => u.update);
        const delivering = left.length - answering.length;
        const parts = [
          ...(answering.length > 0
            ? [`${answering.length} update(s) still unanswered (their askers are told)`]
            : []),
          ...(delivering > 0
            ? [
                `${delivering} answer(s) ready but waiting on Telegram (a 429's retry_after or a retry back-off)`,
              ]
            : []),
        ];
        log.warn(
          `stopping with ${parts.join(" and ")}; not confirmed to Telegram, so they are delivered again after a restart`,
        );
        await apologise(answering);
        // Their calls (a back-off waiting out a retry_after among them) end now, not after exit.
        tracker.abortAll();
      }
      const last = tracker.lastUpdateId;
      if (last === undefined) return;
      const offset = tracker.offset(last + 1) ?? last + 1;
      try {
        // Usually the runner's next long poll has confirmed them already (its offset says so);
        // this covers a stop between a batch and that poll, so a restart does not answer twice.
        // Bounded: a Bot API that went away must not hold the exit.
        await bot.api.getUpdates(
          { offset, limit: 1, timeout: 0 },
          AbortSignal.timeout(CONFIRM_TIMEOUT_MS) as unknown as GrammySignal,
        );
      } catch (error) {
        log.warn(
          `could not confirm the last updates to Telegram: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  };

  /** Waits for every update in hand to finish, up to `ms`: true when some are still unfinished. */
  async function drainWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), ms);
    });
    const late = await Promise.race([tracker.drained().then(() => false), timedOut]);
    clearTimeout(timer);
    return late;
  }

  /**
   * Tells the asker of each update stopping leaves unanswered that the bot is restarting and
   * will answer when back, in their language: nobody is left waiting without a word. Bounded
   * like the confirm.
   */
  async function apologise(updates: readonly Update[]): Promise<void> {
    await Promise.allSettled(
      updates.map(async (update) => {
        const message = update.message ?? update.callback_query?.message;
        if (message === undefined) return;
        const from = update.message?.from ?? update.callback_query?.from;
        const code = from?.language_code;
        const texts = code === undefined || code.startsWith("zh") ? TEXTS.zh : TEXTS.en;
        try {
          await bot.api.sendMessage(
            message.chat.id,
            texts.stoppedUnanswered,
            {
              // In a forum, in the asker's topic, not in General.
              ...(message.is_topic_message && message.message_thread_id !== undefined
                ? { message_thread_id: message.message_thread_id }
                : {}),
              ...(update.message
                ? {
                    reply_parameters: {
                      message_id: update.message.message_id,
                      allow_sending_without_reply: true,
                    },
                  }
                : {}),
            },
            AbortSignal.timeout(CONFIRM_TIMEOUT_MS) as unknown as GrammySignal,
          );
        } catch (error) {
          log.warn(
            `update ${update.update_id}: could not apologise either: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }),
    );
  }
}

/** Settles after `ms`, or as soon as `signal` aborts. */
function abortedOrAfter(signal: AbortSignal | undefined, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
