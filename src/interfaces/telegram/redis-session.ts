import { RedisAdapter } from "@grammyjs/storage-redis";
import type { StorageAdapter } from "grammy";
import { Redis } from "ioredis";
import type { ChatSession } from "./chat-session.js";
import type { ClaimUpdate } from "./middlewares/claim-update.js";
import type { RedisCounter } from "./middlewares/rate-limit.js";

export interface RedisSessionStorage {
  storage: StorageAdapter<ChatSession>;
  /** The same connection, for the rate limit's counts shared by every process. */
  counter: RedisCounter;
  /**
   * Claims an update id once across every process sharing this Redis (`SET NX` with a TTL): two
   * instances never answer one update twice.
   */
  claimUpdate: ClaimUpdate;
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
     * How long a claimed update id is remembered: longer than Telegram keeps redelivering one
     * (it gives up after about a day). @default 86400
     */
    claimTtlSeconds?: number;
  } = {},
): RedisSessionStorage {
  const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const storage = new RedisAdapter<ChatSession>({
    instance: client,
    ttl: options.ttlSeconds ?? 2 * 60 * 60,
    autoParseDates: false,
  });
  const claimTtl = options.claimTtlSeconds ?? 24 * 60 * 60;
  return {
    storage,
    counter: client,
    claimUpdate: async (updateId) =>
      (await client.set(`xnqa:update:${updateId}`, String(process.pid), "EX", claimTtl, "NX")) ===
      "OK",
    async close() {
      await client.quit();
    },
  };
}
