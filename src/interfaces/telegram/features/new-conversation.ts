import { Composer } from "grammy";
import { initialChatSession } from "../chat-session.js";
import type { BotContext } from "../context.js";

const composer = new Composer<BotContext>();

/** `/new`: forgets this chat's (or topic's) conversation; the next question stands alone. */
composer.command("new", async (ctx) => {
  ctx.session = initialChatSession();
  await ctx.reply(ctx.t.newConversation);
});

export { composer as newConversationFeature };
