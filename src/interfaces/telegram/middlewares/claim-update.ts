import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/** Update ids claimed across every bot process sharing one store (Redis). */
export interface UpdateClaims {
  /** Claims an update for this process: true for the first claimer only. */
  claim(updateId: number): Promise<boolean>;
  /** The update is answered: its claim is kept (for a day) so a redelivery is never answered again. */
  finished(updateId: number): Promise<void>;
}

/**
 * Drops an update another bot process has already taken (Telegram may deliver one update to two
 * instances: a webhook retried through a load balancer, a poll repeated after a restart). Must be
 * the first middleware: a duplicate costs no work and no reply.
 */
export function claimUpdates(claims: UpdateClaims): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    if (!(await claims.claim(id))) {
      ctx.log.debug(`update ${id} was taken by another process: skipped`);
      return;
    }
    // A failed update has had its apology (the error boundary): finished too. Only a process that
    // stops mid-answer leaves a claim unfinished, and releases it (see releaseUnfinished).
    try {
      await next();
    } finally {
      await claims.finished(id);
    }
  };
}
