import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml, htmlParagraph, packMessages } from "../format-html.js";
import { sendHtml } from "../reply-answer.js";

const composer = new Composer<BotContext>();

/** `/sources`: every article, by page, with its headline and date; split when it grows long. */
composer.command("sources", async (ctx) => {
  const { articles, manifest } = ctx.services.engine.index;
  const blocks: string[] = [ctx.t.sourcesHeading];
  for (const page of manifest.pages) {
    blocks.push("", `<b>${escapeHtml(page.source)}</b>`);
    for (const article of articles.filter((a) => a.source === page.source)) {
      const line = `${article.index + 1}. 《${article.title || ctx.t.untitled}》${article.date ? ` · ${article.date}` : ""}`;
      blocks.push(...htmlParagraph(line));
    }
  }
  await sendHtml(ctx, packMessages(blocks));
});

export { composer as sourcesFeature };
