import { AsyncLocalStorage } from "node:async_hooks";
import type { Transformer } from "grammy";
import type { Update } from "grammy/types";

/** Where an unfinished update stands: its answer still being worked out, or being delivered. */
export type UpdatePhase = "answering" | "delivering";

interface Tracked {
  update: Update;
  handling: Promise<void>;
  /** Bot API calls of this update in progress that deliver something (not the typing action). */
  sending: number;
  /** Aborts this update's Bot API calls (an auto-retry back-off included) when stopping gives up. */
  abort: AbortController;
}

/** Calls that do not deliver an answer: a pending one does not make the answer "ready". */
const NOT_DELIVERY = new Set(["sendChatAction", "getUpdates", "getMe"]);

/**
 * Which fetched updates are not finished yet, so that Telegram is never told an update was
 * handled before it was: the offset of every `getUpdates` stops at the oldest unfinished update
 * (Telegram forgets every update below the offset it is sent), and the updates Telegram then
 * delivers again are recognised and not handled twice.
 *
 * It also knows, through an API transformer, which unfinished answers are already being sent (a
 * sendMessage waiting out a 429's `retry_after` in auto-retry's back-off) rather than still being
 * worked out, and can abort an update's calls when stopping gives up on it.
 */
export interface UpdateTracker {
  /** Runs the handling of `update` as tracked; settles when it does. */
  track(update: Update, handle: (update: Update) => Promise<void>): Promise<void>;
  /** Whether the update was fetched before (finished or not): a redelivery, not to be handled. */
  seen(updateId: number): boolean;
  /** The offset to send Telegram: `wanted`, but never past the oldest unfinished update. */
  offset(wanted: number | undefined): number | undefined;
  /** Forgets ids below `offset`: Telegram no longer has them, so cannot deliver them again. */
  confirmed(offset: number): void;
  /**
   * Stops holding the offset for the oldest unfinished update (when holding it would stop new
   * updates from arriving at all); returns it, or undefined when nothing is held.
   */
  releaseOldest(): Update | undefined;
  /** Settles when any tracked handling settles (or at once when none is in flight). */
  anySettled(): Promise<void>;
  /** Settles when every tracked handling has settled, however many start meanwhile. */
  drained(): Promise<void>;
  /** The unfinished updates, oldest first, each with its phase. */
  unfinished(): Array<{ update: Update; phase: UpdatePhase }>;
  /** Aborts the Bot API calls of every unfinished update (a back-off included). */
  abortAll(): void;
  /** The highest update id handled. */
  readonly lastUpdateId: number | undefined;
  /** Install with `bot.api.config.use`: ties each API call to the update being handled. */
  readonly transformer: Transformer;
}

export function createUpdateTracker(): UpdateTracker {
  const tracked = new Map<number, Tracked>();
  const seenIds = new Set<number>();
  const released = new Set<number>();
  const current = new AsyncLocalStorage<Tracked>();
  let lastUpdateId: number | undefined;
  let settledListeners: Array<() => void> = [];

  const oldestHeld = (): number | undefined => {
    let oldest: number | undefined;
    for (const id of tracked.keys())
      if (!released.has(id) && (oldest === undefined || id < oldest)) oldest = id;
    return oldest;
  };

  const transformer: Transformer = async (prev, method, payload, signal) => {
    const entry = current.getStore();
    if (entry === undefined) return prev(method, payload, signal);
    const delivering = !NOT_DELIVERY.has(method);
    if (delivering) entry.sending++;
    // grammY types signals with its abort-controller shim; the native one works the same at run time.
    const own = entry.abort.signal as unknown as NonNullable<typeof signal>;
    const combined =
      signal === undefined
        ? own
        : (AbortSignal.any([
            nativeSignal(signal as unknown as EventTarget & { aborted: boolean }),
            entry.abort.signal,
          ]) as unknown as NonNullable<typeof signal>);
    try {
      return await prev(method, payload, combined);
    } finally {
      if (delivering) entry.sending--;
    }
  };

  return {
    transformer,
    get lastUpdateId() {
      return lastUpdateId;
    },
    track(update, handle) {
      const id = update.update_id;
      seenIds.add(id);
      lastUpdateId = Math.max(lastUpdateId ?? id, id);
      const entry = {
        update,
        sending: 0,
        abort: new AbortController(),
      } as Tracked;
      tracked.set(id, entry);
      entry.handling = current.run(entry, () => handle(update));
      const untrack = () => {
        tracked.delete(id);
        released.delete(id);
        const listeners = settledListeners;
        settledListeners = [];
        for (const listener of listeners) listener();
      };
      entry.handling.then(untrack, untrack);
      return entry.handling;
    },
    seen: (updateId) => seenIds.has(updateId),
    offset(wanted) {
      const oldest = oldestHeld();
      if (oldest === undefined) return wanted;
      return wanted === undefined ? oldest : Math.min(wanted, oldest);
    },
    confirmed(offset) {
      for (const id of seenIds) if (id < offset && !tracked.has(id)) seenIds.delete(id);
    },
    releaseOldest() {
      const oldest = oldestHeld();
      if (oldest === undefined) return undefined;
      released.add(oldest);
      return tracked.get(oldest)?.update;
    },
    anySettled() {
      if (tracked.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => settledListeners.push(resolve));
    },
    async drained() {
      while (tracked.size > 0)
        await Promise.allSettled([...tracked.values()].map((t) => t.handling));
    },
    unfinished() {
      return [...tracked.values()]
        .sort((a, b) => a.update.update_id - b.update.update_id)
        .map((t) => ({ update: t.update, phase: t.sending > 0 ? "delivering" : "answering" }));
    },
    abortAll() {
      for (const entry of tracked.values()) entry.abort.abort();
    },
  };
}

/**
 * A native `AbortSignal` following `signal`. `@grammyjs/runner` aborts its long poll with the
 * `abort-controller` package's shim, which `AbortSignal.any` accepts but never hears abort: a
 * stop would then wait out the whole long poll (30 s).
 */
export function nativeSignal(signal: EventTarget & { aborted: boolean }): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort();
  else signal.addEventListener("abort", () => controller.abort(), { once: true });
  return controller.signal;
}
