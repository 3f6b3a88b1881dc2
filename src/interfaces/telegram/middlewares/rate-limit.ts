import { limit } from "@grammyjs/ratelimiter";
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

export interface RateLimitOptions {
  /** Messages one user may send per window. @default 6 */
  limit?: number;
  /** The window, in milliseconds. @default 15000 */
  timeFrameMs?: number;
  /**
   * Where the counts are kept: a Redis client (`REDIS_URL`) counts each user across every bot
   * process sharing it. @default in this process's memory
   */
  redis?: RedisCounter;
}

/** The two commands of Redis the limiter uses (an ioredis client has them). */
export interface RedisCounter {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

/**
 * A per-user limit on messages (questions are what cost work; button presses are free). Past
 * the limit the user is told once per window, politely, and the extra messages are dropped.
 * The default lets a person ask several quick follow-ups but stops a flood.
 */
export function rateLimit(options: RateLimitOptions = {}): MiddlewareFn<BotContext> {
  return limit<BotContext, RedisCounter>({
    limit: options.limit ?? 6,
    storageClient: options.redis ?? "MEMORY_STORE",
    keyPrefix: "xnqa:ratelimit:",
    timeFrame: options.timeFrameMs ?? 15_000,
    keyGenerator: (ctx) => (ctx.message && ctx.from ? String(ctx.from.id) : undefined),
    onLimitExceeded: (ctx) => {
      ctx.log.info(`user ${ctx.from?.id ?? "-"} is over the rate limit`);
      return ctx
        .reply(
          ctx.t.rateLimited,
          ctx.message
            ? {
                reply_parameters: {
                  message_id: ctx.message.message_id,
                  allow_sending_without_reply: true,
                },
              }
            : {},
        )
        .then(() => undefined);
    },
  });
}
