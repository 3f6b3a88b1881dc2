import { RedisAdapter } from "@grammyjs/storage-redis";
import type { StorageAdapter } from "grammy";
import { Redis } from "ioredis";
import type { ChatSession } from "./chat-session.js";

export interface RedisSessionStorage {
  storage: StorageAdapter<ChatSession>;
  /** Closes the connection (on shutdown, after the last answer). */
  close(): Promise<void>;
}

/**
 * Sessions in Redis, so that several bot processes share each chat's conversation. Keys expire a
 * little after a conversation would (a quiet hour), so Redis does not keep forgotten chats.
 */
export function createRedisSessionStorage(
  url: string,
  options: { ttlSeconds?: number } = {},
): RedisSessionStorage {
  const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const storage = new RedisAdapter<ChatSession>({
    instance: client,
    ttl: options.ttlSeconds ?? 2 * 60 * 60,
    autoParseDates: false,
  });
  return {
    storage,
    async close() {
      await client.quit();
    },
  };
}
