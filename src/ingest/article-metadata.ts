import { BYLINE_AT_END } from "./page-layout.js";

/** `本报讯（记者 樊娅楠）` → `记者 樊娅楠`; the byline a report opens with. */
const OPENING_BYLINE = /^本报(?:讯|[\p{Script=Han}]{2,4}电)\s*[（(]([^（()）]{1,60})[）)]/u;
const DATE = /(\d{1,2})月(\d{1,2})日/;

export interface ArticleMetadata {
  date: string | null;
  reporter: string | null;
  byline: string | null;
}

/** Reads date, reporter and byline from an article's normalized text, as printed. */
export function readArticleMetadata(text: string): ArticleMetadata {
  const byline =
    OPENING_BYLINE.exec(text)?.[1] ?? BYLINE_AT_END.exec(lastParagraph(text))?.[1] ?? null;
  return { date: leadDate(text), reporter: byline === null ? null : reporterOf(byline), byline };
}

/**
 * The date the report is about is the first one in its lead sentence (`本报讯（…）3月25日，`,
 * `…叫好声连连……11月23日,`); a date further down is usually a different event.
 */
function leadDate(text: string): string | null {
  const lead = /^[^。！？!?]*/.exec(text)?.[0] ?? text;
  const m = DATE.exec(lead);
  return m ? `${m[1]}月${m[2]}日` : null;
}

function lastParagraph(text: string): string {
  return text.slice(text.lastIndexOf("\n") + 1);
}

/**
 * The reporters are the names after the 记者 role, up to the next role: `记者 宁亚琴 通讯员 刘海军`
 * → `宁亚琴`, `记者悠然摄影报道` → `悠然`, `特约记者 田得乾 石成砚` → `田得乾 石成砚`.
 */
function reporterOf(byline: string): string | null {
  const afterRole = byline.replace(/^\s*(?:特约|实习|本报)?记者\s*/u, "");
  const names = afterRole.split(/\s*(?:通讯员|摄影报道|摄影|报道)\s*/u)[0]?.trim() ?? "";
  return names === "" ? null : names;
}
