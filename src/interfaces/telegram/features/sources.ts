import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml, htmlParagraph, packMessages } from "../format-html.js";
import { sendHtml } from "../reply-answer.js";

const composer = new Composer<BotContext>();

/** `/sources`: every article, by page, with its headline and date; split when it grows long. */
composer.command("sources", async (ctx) => {
  const blocks: string[] = [ctx.t.sourcesHeading];
  for (const page of ctx.services.engine.catalog()) {
    blocks.push("", `<b>${escapeHtml(page.source)}</b>`);
    for (const article of page.articles) {
      const line = `${article.index + 1}. 《${article.title || ctx.t.untitled}》${article.date ? ` · ${article.date}` : ""}`;
      blocks.push(...htmlParagraph(line));
    }
  }
  await sendHtml(ctx, packMessages(blocks));
});

export { composer as sourcesFeature };
