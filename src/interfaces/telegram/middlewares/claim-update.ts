import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/** Claims an update for this process: true for the first claimer only. */
export type ClaimUpdate = (updateId: number) => Promise<boolean>;

/**
 * Drops an update another bot process has already taken (Telegram may deliver one update to two
 * instances: a webhook retried through a load balancer, a poll repeated after a restart). Must be
 * the first middleware: a duplicate costs no work and no reply.
 */
export function claimUpdates(claim: ClaimUpdate): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!(await claim(ctx.update.update_id))) {
      ctx.log.debug(`update ${ctx.update.update_id} was taken by another process: skipped`);
      return;
    }
    await next();
  };
}
