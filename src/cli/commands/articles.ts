import { existsSync } from "node:fs";
import { ingestPages } from "../../ingest/ingest.js";
import { readSeedPages } from "../../ingest/read-seeds.js";
import type { Article } from "../../ingest/types.js";
import { parseArticlesArgs } from "../args.js";
import type { Command } from "../command.js";

/** `npm run articles [-- --json]`: the articles found on each page, as a table or as JSON. */
export const articlesCommand: Command = async (config, args, io) => {
  const { json } = parseArticlesArgs(args);
  if (!existsSync(config.seedsDir)) {
    io.stderr(
      `error: SEEDS_DIR "${config.seedsDir}" does not exist; put the newspaper pages (.txt) there.\n`,
    );
    return 1;
  }
  const { pages, skipped } = await readSeedPages(config.seedsDir);
  for (const s of skipped) io.log.warn(`skipped ${printable(s.source)}: ${s.reason}`);
  const { articles, furniture } = ingestPages(pages);

  if (json) {
    const rows = articles.map(
      ({ source, title, subtitle, kicker, date, reporter, byline, text }) => ({
        source,
        title,
        subtitle,
        kicker,
        date,
        reporter,
        byline,
        text,
      }),
    );
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  for (const page of pages) {
    const onPage = articles.filter((a) => a.source === page.source);
    lines.push(
      `\n${printable(page.source)}  (${onPage.length} articles${page.encoding === "utf-8" ? "" : `, ${page.encoding}`})`,
    );
    for (const a of onPage) lines.push(formatRow(a));
    const banners = furniture.find((f) => f.source === page.source)?.lines ?? [];
    if (banners.length > 0)
      lines.push(`   page furniture, not headlines: ${banners.map((b) => `「${b}」`).join(" ")}`);
  }
  lines.push(
    `\n${pages.length} pages, ${articles.length} articles${skipped.length > 0 ? `, ${skipped.length} files skipped` : ""}`,
  );
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
};

function formatRow(a: Article): string {
  const head = [
    a.kicker && `${a.kicker} · `,
    `《${a.title || "（无标题）"}》`,
    a.subtitle && ` ${a.subtitle}`,
  ]
    .filter(Boolean)
    .join("");
  const facts = [a.date ?? "—", a.byline ?? "—", `${a.text.length}字`].join(" | ");
  return `  ${String(a.index + 1).padStart(2)}. ${head}\n      ${facts}`;
}

/**
 * A file name as it can be printed on one line: a newline (or any other control character) in
 * the name is shown escaped, `\n`, so it cannot break the table or forge a line of it.
 */
function printable(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point.
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}
