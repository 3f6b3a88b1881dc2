import type { BotContext } from "./context.js";
import { MESSAGE_LIMIT } from "./format-html.js";

/**
 * Drafts to one chat at most this often. Telegram asks bots to keep to about one message a second
 * per chat and publishes no separate draft limit; the fake Bot API rejects drafts closer than
 * 500 ms, and `npm run bench -- bot` counts drafts per answer and rejections.
 */
export const DRAFT_INTERVAL_MS = 1_000;

export interface DraftStream {
  /** The text so far; sent now if the last draft is old enough, else when it is. */
  update(text: string): void;
  /** Stops sending drafts and waits for one in flight, so none lands after the final message. */
  close(): Promise<void>;
  /** Drafts sent (accepted or not), for the log. */
  readonly sent: number;
}

/**
 * An LLM answer growing in the reader's private chat as a draft (`sendMessageDraft`, with a stop
 * button), throttled to {@link DRAFT_INTERVAL_MS}: only the newest text is sent, never a backlog.
 * A draft that fails is logged and skipped; the final, checked message does not depend on it.
 */
export function createDraftStream(ctx: BotContext, intervalMs = DRAFT_INTERVAL_MS): DraftStream {
  let latest: string | null = null;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | null = null;
  let closed = false;
  let sent = 0;

  const send = () => {
    timer = undefined;
    if (closed || latest === null || inFlight) return;
    const text = [...latest].slice(0, MESSAGE_LIMIT).join("");
    latest = null;
    lastSentAt = performance.now();
    sent++;
    inFlight = ctx
      .replyWithDraft(text, { draft_id: ctx.update.update_id, can_stop: true })
      .then(
        () => undefined,
        (error: unknown) => ctx.log.debug(`draft not shown: ${String(error)}`),
      )
      .finally(() => {
        inFlight = null;
        schedule();
      });
  };

  const schedule = () => {
    if (closed || latest === null || timer !== undefined || inFlight) return;
    const wait = lastSentAt + intervalMs - performance.now();
    if (wait <= 0) send();
    else timer = setTimeout(send, wait);
  };

  return {
    update(text) {
      if (closed) return;
      latest = text;
      schedule();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await inFlight;
    },
    get sent() {
      return sent;
    },
  };
}
