/**
 * `npm run build` (run by `npm install` / `npm ci` through `prepare`, and by `scripts/run.mjs`
 * when `src/` changed since): compiles `src/` into `dist/`, file for file, so that the commands run
 * on plain `node` with no TypeScript loader to start (tsx's loader cost about half a second per
 * start). Each file keeps its place — `src/a/b.ts` becomes `dist/a/b.js` — so the paths the code
 * resolves against `import.meta.url` (`../../data/`, the project folder, the build children) point
 * at the same files from either folder. Not bundled for the same reason. Files that are not
 * TypeScript (JSON data imported by the code) are copied. `dist/.built` is written last: the
 * build's time, which `scripts/run.mjs` compares with the sources'.
 */
import { cpSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const out = join(root, "dist");
export const BUILT_STAMP = join(out, ".built");

export async function buildDist() {
  // Imported here: a command whose dist/ is current never loads esbuild.
  const { build } = await import("esbuild");
  const { metafile } = await build({
    entryPoints: [join(src, "**", "*.ts")],
    outdir: out,
    outbase: src,
    platform: "node",
    format: "esm",
    target: "node20",
    // `import … with { type: "json" }` (Node 20.10+) kept as written: without it Node refuses the
    // JSON.
    supported: { "import-attributes": true },
    logLevel: "warning",
    metafile: true,
    // Output paths in the metafile are relative to this folder.
    absWorkingDir: root,
  });
  const written = new Set(Object.keys(metafile.outputs).map((file) => join(root, file)));
  for (const file of filesUnder(src)) {
    if (file.endsWith(".ts")) continue;
    const to = join(out, relative(src, file));
    cpSync(file, to);
    written.add(to);
  }
  written.add(BUILT_STAMP);
  // A file removed from src/ must not linger in dist/ and still be imported from there. Removed
  // after writing, not before: a command running from dist/ meanwhile never misses a file.
  for (const file of filesUnder(out)) if (!written.has(file)) rmSync(file);
  writeFileSync(BUILT_STAMP, `${new Date().toISOString()}\n`);
}

/** Every file under `dir`, as absolute paths. */
export function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildDist();
