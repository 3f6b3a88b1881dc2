import { existsSync } from "node:fs";
import { ingestPages } from "../ingest/ingest.js";
import { readSeedPages } from "../ingest/read-seeds.js";
import type { Article } from "../ingest/types.js";
import { runCli } from "./run-cli.js";

/** `npm run articles [-- --json]`: the articles found on each page, as a table or as JSON. */
runCli(async (config, args, log) => {
  if (!existsSync(config.seedsDir)) {
    console.error(`error: SEEDS_DIR "${config.seedsDir}" does not exist; put the newspaper pages (.txt) there.`);
    return 1;
  }
  const { pages, skipped } = await readSeedPages(config.seedsDir);
  for (const s of skipped) log.warn(`skipped ${s.source}: ${s.reason}`);
  const { articles, furniture } = ingestPages(pages);

  if (args.includes("--json")) {
    const rows = articles.map(({ source, title, subtitle, kicker, date, reporter, byline, text }) => ({
      source, title, subtitle, kicker, date, reporter, byline, text,
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  for (const page of pages) {
    const onPage = articles.filter((a) => a.source === page.source);
    console.log(`\n${page.source}  (${onPage.length} articles${page.encoding === "utf-8" ? "" : `, ${page.encoding}`})`);
    onPage.forEach((a) => console.log(formatRow(a)));
    const banners = furniture.find((f) => f.source === page.source)?.lines ?? [];
    if (banners.length > 0) console.log(`   page furniture, not headlines: ${banners.map((b) => `「${b}」`).join(" ")}`);
  }
  console.log(`\n${pages.length} pages, ${articles.length} articles${skipped.length > 0 ? `, ${skipped.length} files skipped` : ""}`);
  return 0;
});

function formatRow(a: Article): string {
  const head = [a.kicker && `${a.kicker} · `, `《${a.title || "（无标题）"}》`, a.subtitle && ` ${a.subtitle}`].filter(Boolean).join("");
  const facts = [a.date ?? "—", a.byline ?? "—", `${a.text.length}字`].join(" | ");
  return `  ${String(a.index + 1).padStart(2)}. ${head}\n      ${facts}`;
}
