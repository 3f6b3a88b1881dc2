import { RedisAdapter } from "@grammyjs/storage-redis";
import type { StorageAdapter } from "grammy";
import { Redis } from "ioredis";
import type { ChatSession } from "./chat-session.js";
import type { UpdateClaims } from "./middlewares/claim-update.js";
import type { RedisCounter } from "./middlewares/rate-limit.js";

export interface RedisSessionStorage {
  storage: StorageAdapter<ChatSession>;
  /** The same connection, for the rate limit's counts shared by every process. */
  counter: RedisCounter;
  /**
   * Claims an update id once across every process sharing this Redis (`SET NX` with a TTL): two
   * instances never answer one update twice.
   */
  claims: UpdateClaims;
  /**
   * Gives back the claims of updates this process took but did not finish (called at a stop,
   * after the drain): Telegram delivers those again, and the next process must be able to answer
   * them — nothing is lost to a claim.
   */
  releaseUnfinished(): Promise<void>;
  /** Closes the connection (on shutdown, after the last answer). */
  close(): Promise<void>;
}

/**
 * Sessions in Redis, so that several bot processes share each chat's conversation (and, through
 * the same connection, the rate limit's counts and the update claims). Keys expire a
 * little after a conversation would (a quiet hour), so Redis does not keep forgotten chats.
 */
export function createRedisSessionStorage(
  url: string,
  options: {
    ttlSeconds?: number;
    /**
     * How long an answered update's id is remembered: longer than Telegram keeps redelivering one
     * (it gives up after about a day). @default 86400
     */
    claimTtlSeconds?: number;
    /**
     * How long a claim lasts while its update is being answered: a process killed mid-answer (no
     * release) blocks its update this long at most. @default 600
     */
    inProgressTtlSeconds?: number;
  } = {},
): RedisSessionStorage {
  const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const storage = new RedisAdapter<ChatSession>({
    instance: client,
    ttl: options.ttlSeconds ?? 2 * 60 * 60,
    autoParseDates: false,
  });
  const claimTtl = options.claimTtlSeconds ?? 24 * 60 * 60;
  const inProgressTtl = options.inProgressTtlSeconds ?? 10 * 60;
  const key = (updateId: number) => `xnqa:update:${updateId}`;
  const unfinished = new Set<number>();
  return {
    storage,
    counter: client,
    claims: {
      async claim(updateId) {
        const taken =
          (await client.set(key(updateId), "answering", "EX", inProgressTtl, "NX")) === "OK";
        if (taken) unfinished.add(updateId);
        return taken;
      },
      async finished(updateId) {
        unfinished.delete(updateId);
        await client.set(key(updateId), "answered", "EX", claimTtl);
      },
    },
    async releaseUnfinished() {
      const ids = [...unfinished];
      unfinished.clear();
      if (ids.length > 0) await client.del(...ids.map(key));
    },
    async close() {
      await client.quit();
    },
  };
}
