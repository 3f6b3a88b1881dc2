import type { IndexManifest } from "./manifest.js";

/** What a build changed, from the manifests before and after, and its embedding counts. */
export interface IndexChange {
  pagesAdded: string[];
  pagesRemoved: string[];
  pagesChanged: string[];
  articles: number;
  chunks: number;
}

type ManifestPages = Pick<IndexManifest, "pages">;

export function indexChange(before: ManifestPages, after: ManifestPages): IndexChange {
  const old = new Map(before.pages.map((p) => [p.source, p]));
  const now = new Map(after.pages.map((p) => [p.source, p]));
  const sum = (m: ManifestPages, key: "articles" | "chunks") =>
    m.pages.reduce((n, p) => n + p[key], 0);
  return {
    pagesAdded: [...now.keys()].filter((s) => !old.has(s)),
    pagesRemoved: [...old.keys()].filter((s) => !now.has(s)),
    pagesChanged: [...now.values()]
      .filter((p) => old.has(p.source) && old.get(p.source)!.sha256 !== p.sha256)
      .map((p) => p.source),
    articles: sum(after, "articles") - sum(before, "articles"),
    chunks: sum(after, "chunks") - sum(before, "chunks"),
  };
}

/**
 * The maintainer's one line: `index updated: +1 page, +4 articles, 37 chunks embedded, 112 reused`
 * (embedding counts only when the build was this process's, which knows them).
 */
export function describeIndexChange(
  change: IndexChange,
  built?: { embedded: number; reused: number } | null,
): string {
  const count = (n: number, word: string) =>
    `${n > 0 ? "+" : n < 0 ? "−" : "±"}${Math.abs(n)} ${word}${Math.abs(n) === 1 ? "" : "s"}`;
  const parts: string[] = [];
  if (change.pagesAdded.length > 0) parts.push(count(change.pagesAdded.length, "page"));
  if (change.pagesRemoved.length > 0) parts.push(count(-change.pagesRemoved.length, "page"));
  if (change.pagesChanged.length > 0)
    parts.push(
      `${change.pagesChanged.length} page${change.pagesChanged.length === 1 ? "" : "s"} changed`,
    );
  parts.push(count(change.articles, "article"));
  parts.push(count(change.chunks, "chunk"));
  if (built) parts.push(`${built.embedded} chunks embedded`, `${built.reused} reused`);
  const names = [
    ...change.pagesAdded.map((s) => `+${s}`),
    ...change.pagesRemoved.map((s) => `−${s}`),
    ...change.pagesChanged.map((s) => `~${s}`),
  ];
  return `index updated: ${parts.join(", ")}${names.length > 0 ? ` (${names.join(", ")})` : ""}`;
}
