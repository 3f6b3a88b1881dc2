import { Composer } from "grammy";
import { catalogArticleCount } from "../../../answer/catalog.js";
import type { BotContext } from "../context.js";

const composer = new Composer<BotContext>();

/**
 * `/stats`, for `ADMIN_USER_IDS` only: answers and abstentions since start and today, 👍/👎,
 * answer times, and the index (age, pages, articles, retrieval mode). Anyone else is passed on
 * to the unknown-command answer, so the command's existence is not given away.
 */
composer.command("stats", async (ctx, next) => {
  if (ctx.from === undefined || !ctx.services.admins.has(ctx.from.id)) return next();
  const { engine, stats, clock } = ctx.services;
  const snapshot = stats.snapshot();
  const catalog = engine.catalog();
  const builtAt = Date.parse(engine.indexBuiltAt);
  await ctx.reply(
    ctx.t.stats({
      ...snapshot,
      now: clock(),
      indexBuiltAt: Number.isNaN(builtAt) ? null : builtAt,
      pages: catalog.length,
      articles: catalogArticleCount(catalog),
      retrievalMode: engine.retrievalMode,
    }),
    { parse_mode: "HTML" },
  );
});

/**
 * `/reload`, for `ADMIN_USER_IDS` only: looks at the pages now (a page changed, added or removed is
 * rebuilt and swapped in, as the live reload would on its own) and says what the index holds
 * after. Anyone else gets the unknown-command answer.
 */
composer.command("reload", async (ctx, next) => {
  if (ctx.from === undefined || !ctx.services.admins.has(ctx.from.id)) return next();
  const { reload } = ctx.services;
  if (reload === null) return ctx.reply(ctx.t.reloadOff);
  await ctx.reply(ctx.t.reloading);
  await reload();
  const catalog = ctx.services.engine.catalog();
  await ctx.reply(ctx.t.reloaded(catalog.length, catalogArticleCount(catalog)));
});

export { composer as statsFeature };
