import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { inlineResults } from "../inline-results.js";

const composer = new Composer<BotContext>();

/**
 * How long Telegram may serve the same cards again without asking: brief, since the index can be
 * rebuilt while the bot runs and an answer must not outlive its pages for long.
 */
export const INLINE_CACHE_SECONDS = 30;

/**
 * `@bot 问题` in any chat: up to five cards (the answer with its citations, then the best
 * articles); an empty query gets the latest headlines. Identical for everyone who types the same
 * words, so Telegram and this process both cache them briefly.
 */
composer.on("inline_query", async (ctx) => {
  const query = ctx.inlineQuery.query.trim();
  const lang = ctx.uiLanguage;
  const results = await ctx.services.inlineCache.get(`${lang}\u0000${query}`, () =>
    inlineResults(ctx.services.engine, query, ctx.t),
  );
  await ctx.answerInlineQuery(results, { cache_time: INLINE_CACHE_SECONDS, is_personal: false });
});

export { composer as inlineFeature };
