import { run } from "@grammyjs/runner";
import type { BotError } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "./context.js";
import type { QaBot } from "./create-bot.js";
import type { Logger } from "../../util/logger.js";
import { TEXTS } from "./texts.js";

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
}

export interface PollingHandle {
  /**
   * Stops fetching updates, waits for every update already fetched to be answered, then tells
   * Telegram they are done (so a restart does not deliver them again).
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
const ALLOWED_UPDATES = [
  "message",
  "callback_query",
  "inline_query",
  "stopped_message_generation",
] as const;

/**
 * Runs the bot on long polling with `@grammyjs/runner`: updates are handled concurrently (the
 * bot's `sequentialize` keeps each chat in order), so a slow answer in one chat does not hold
 * up another. The runner itself does not wait for updates in progress when stopped; this does.
 */
export function startPolling(bot: QaBot, options: PollingOptions): PollingHandle {
  const { log } = options;
  const inFlight = new Set<Promise<void>>();
  /** The update each handling in flight came from, to apologise for it if stopping cuts it off. */
  const updateOf = new Map<Promise<void>, Update>();
  let lastUpdateId: number | undefined;
  const pollTimeoutSeconds = options.pollTimeoutSeconds ?? 30;
  const pollMarginMs = options.pollMarginMs ?? 10_000;

  /** One long poll, aborted when it outlives its own timeout plus the margin: [] then, not deaf. */
  async function getUpdates(
    args: Parameters<QaBot["api"]["getUpdates"]>[0],
    signal: GrammySignal,
  ): Promise<Update[]> {
    const limitMs = (args?.timeout ?? pollTimeoutSeconds) * 1000 + pollMarginMs;
    const deadline = AbortSignal.timeout(limitMs);
    const runnerSignal = signal as unknown as AbortSignal | undefined;
    const combined = runnerSignal ? AbortSignal.any([runnerSignal, deadline]) : deadline;
    try {
      return await bot.api.getUpdates(args, combined as unknown as GrammySignal);
    } catch (error) {
      if (!deadline.aborted || runnerSignal?.aborted) throw error;
      log.warn(`getUpdates gave no answer within ${limitMs} ms; aborted it, polling again`);
      return [];
    }
  }

  const runner = run(
    {
      init: () => bot.init(),
      api: { getUpdates },
      errorHandler: (error: BotError<BotContext>) => bot.errorHandler(error),
      handleUpdate: (update: Update) => {
        lastUpdateId = Math.max(lastUpdateId ?? update.update_id, update.update_id);
        const started = performance.now();
        const handling = bot.handleUpdate(update);
        inFlight.add(handling);
        updateOf.set(handling, update);
        const untrack = () => {
          inFlight.delete(handling);
          updateOf.delete(handling);
          log
            .child(`update ${update.update_id}`)
            .debug(`handled in ${Math.round(performance.now() - started)} ms`);
        };
        handling.then(untrack, untrack);
        return handling;
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
      const drained = drain(inFlight);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), options.drainTimeoutMs ?? 20_000);
      });
      const late = await Promise.race([drained.then(() => false), timedOut]);
      clearTimeout(timer);
      if (late) {
        log.warn(`stopping with ${inFlight.size} update(s) still unanswered; apologising`);
        await apologise([...inFlight].flatMap((h) => updateOf.get(h) ?? []));
      }
      if (lastUpdateId === undefined) return;
      try {
        // Usually the runner's next long poll has confirmed them already (its offset says so);
        // this covers a stop between a batch and that poll, so a restart does not answer twice.
        // Bounded: a Bot API that went away must not hold the exit.
        await bot.api.getUpdates(
          { offset: lastUpdateId + 1, limit: 1, timeout: 0 },
          AbortSignal.timeout(CONFIRM_TIMEOUT_MS) as unknown as GrammySignal,
        );
      } catch (error) {
        log.warn(
          `could not confirm the last updates to Telegram: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  };

  /**
   * Tells the asker of each update stopping leaves unanswered that something went wrong and to
   * try again, in their language: nobody is left waiting without a word. Bounded like the confirm.
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
            texts.apology,
            {
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

async function drain(inFlight: Set<Promise<void>>): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
