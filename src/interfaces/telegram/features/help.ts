import { Composer } from "grammy";
import type { BotContext } from "../context.js";

const composer = new Composer<BotContext>();

/** `/help`: the commands, and how to ask in a group. */
composer.command("help", (ctx) => ctx.reply(ctx.t.help, { parse_mode: "HTML" }));

export { composer as helpFeature };
