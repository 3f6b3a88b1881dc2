import { dateOrder, type CatalogPage } from "../answer/catalog.js";
import type { Answer, Citation, Language } from "../answer/types.js";

export type BrowseScope =
  | { kind: "page"; number: number }
  /** The pages carrying the most recent date the pages print (`今天`). */
  | { kind: "today" }
  /** Every page, newest first (`最新`, `what's new`). */
  | { kind: "newest" }
  /** Every page in file-name order (`目录`). */
  | { kind: "contents" };

const NUMERALS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** 第N版 / 头版 / page N → a page number (1-based, file-name order); null when none is named. */
export function pageNumber(text: string): number | null {
  if (/头版|front page/iu.test(text)) return 1;
  const zh = /第([一二三四五六七八九十\d]+)版/u.exec(text)?.[1];
  if (zh)
    return /^\d+$/.test(zh)
      ? Number(zh)
      : zh.length === 2 && zh[0] === "十"
        ? 10 + (NUMERALS[zh[1]!] ?? 0)
        : (NUMERALS[zh] ?? null);
  const en = /\bpage (\d+)\b/iu.exec(text)?.[1];
  return en ? Number(en) : null;
}

function browseScope(text: string): BrowseScope {
  const page = pageNumber(text);
  if (page !== null) return { kind: "page", number: page };
  if (/今天|今日|today/iu.test(text)) return { kind: "today" };
  if (/目录|版面|table of contents|contents/iu.test(text)) return { kind: "contents" };
  return { kind: "newest" };
}

/**
 * The pages a browse request asks for, in the order to show them. The pages print dates without
 * a year, so "newest" compares month and day (a page's date is the latest its articles carry;
 * pages without one come last), ties in file-name order; "today" is the latest such date.
 */
function pagesFor(catalog: readonly CatalogPage[], scope: BrowseScope): CatalogPage[] {
  const newest = [...catalog].sort(
    (a, b) =>
      (dateOrder(b.date) ?? -1) - (dateOrder(a.date) ?? -1) || a.source.localeCompare(b.source),
  );
  switch (scope.kind) {
    case "page":
      return catalog.filter((p) => p.number === scope.number);
    case "contents":
      return [...catalog];
    case "today": {
      const latest = newest[0]?.date ?? null;
      return latest === null ? newest : newest.filter((p) => p.date === latest);
    }
    case "newest":
      return newest;
  }
}

/**
 * Headlines by page: every article of the pages asked for, each cited with its first sentence
 * (verbatim) so that an interface can open it. Never lists an article the pages do not hold.
 */
export function browseAnswer(
  question: string,
  catalog: readonly CatalogPage[],
  language: Language,
): Answer {
  const scope = browseScope(question);
  const pages = pagesFor(catalog, scope);
  if (pages.length === 0) {
    const answer =
      language === "zh"
        ? `没有这一版。已收录 ${catalog.length} 个版面（第1版至第${catalog.length}版，按文件名排序）。`
        : `There is no such page. I have ${catalog.length} pages (page 1 to ${catalog.length}, in file-name order).`;
    return {
      question,
      answer,
      grounded: false,
      mode: "none",
      citations: [],
      language,
      intent: "browse",
    };
  }
  const citations: Citation[] = [];
  const lines: string[] = [];
  if (scope.kind === "newest")
    lines.push(
      language === "zh" ? "各版报道（按日期从新到旧）：" : "The reports, newest page first:",
    );
  if (scope.kind === "today")
    lines.push(
      language === "zh"
        ? `最近一天（${pages[0]?.date ?? ""}）的版面：`
        : `The most recent date the pages carry (${pages[0]?.date ?? ""}):`,
    );
  for (const page of pages) {
    const heading =
      language === "zh"
        ? `第${page.number}版 · ${page.source}${page.date ? ` · ${page.date}` : ""}`
        : `Page ${page.number} · ${page.source}${page.date ? ` · ${page.date}` : ""}`;
    lines.push(heading);
    for (const a of page.articles) {
      if (a.lead === "") continue;
      const n = citations.length + 1;
      citations.push({
        n,
        source: a.source,
        title: a.title,
        quote: a.lead,
        score: 1,
        articleId: a.id,
        date: a.date,
      });
      lines.push(
        `  [${n}] 《${a.title || (language === "zh" ? "（无标题）" : "(untitled)")}》${a.date ? ` · ${a.date}` : ""}`,
      );
    }
  }
  return {
    question,
    answer: lines.join("\n"),
    grounded: citations.length > 0,
    mode: "extractive",
    citations,
    language,
    intent: "browse",
  };
}
