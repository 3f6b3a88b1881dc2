import { Composer } from "grammy";
import type { BotContext } from "../context.js";

const composer = new Composer<BotContext>();

/**
 * The stop button of a streamed draft: aborts that answer's LLM call (the answer then goes on with
 * the extractive one). Installed ahead of the per-chat queue, which holds the very answer it
 * stops, and of the allow-list: it can only stop what this bot started in that chat.
 */
composer.on("stopped_message_generation", (ctx) => {
  const { chat, draft_id } = ctx.update.stopped_message_generation!;
  const stopped = ctx.services.generations.get(`${chat.id}:${draft_id}`);
  ctx.log.info(
    `stop pressed in chat ${chat.id} (draft ${draft_id}${stopped ? "" : ", already done"})`,
  );
  stopped?.abort();
});

export { composer as stopGenerationFeature };
