/**
 * `npm run build` (run by `npm install` / `npm ci` through `prepare`): compiles `src/` into
 * `dist/`, file for file, so that the commands run on plain `node` with no TypeScript loader to
 * start (tsx's loader cost about half a second per start). Each file keeps its place — `src/a/b.ts`
 * becomes `dist/a/b.js` — so the paths the code resolves against `import.meta.url` (`../../data/`,
 * the project folder, the build children) point at the same files from either folder. Not bundled
 * for the same reason. Files that are not TypeScript (JSON data imported by the code) are copied.
 */
import { cpSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const out = join(root, "dist");

// A file removed from src/ must not linger in dist/ and still be imported from there.
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [join(src, "**", "*.ts")],
  outdir: out,
  outbase: src,
  platform: "node",
  format: "esm",
  target: "node20",
  // `import … with { type: "json" }` (Node 20.10+) kept as written: without it Node refuses the JSON.
  supported: { "import-attributes": true },
  logLevel: "warning",
});
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith(".ts")) continue;
  // `parentPath` from Node 20.12, `path` before it.
  const from = join(entry.parentPath ?? entry.path, entry.name);
  cpSync(from, join(out, relative(src, from)));
}
