/**
 * `npm run build` (run by `npm install` / `npm ci` through `prepare`, and by `scripts/run.mjs`
 * when `src/` changed since): bundles `src/` into `dist/` with esbuild, so that the commands run on
 * plain node with no TypeScript loader to start (tsx's loader cost about half a second per start)
 * and load a few files instead of ~180 modules (resolving, reading and compiling each cost ~0.1–0.2
 * s per start).
 *
 * - One file per command (`dist/cli/<command>.js`) and per child process the app forks
 *   (`dist/english/build-child.js`, `dist/app/live/index-build-child.js`), where `src/` has them.
 * - Code split: what is imported with `import()` (the LLM client, the HNSW store, the embedder…)
 *   and what several entries share goes to `dist/chunks/`, loaded only when imported. Without
 *   splitting, a bundle would hoist the packages such code imports to the top of the file and
 *   load LangChain and transformers.js on every start.
 * - npm packages stay in `node_modules` (native addons, ONNX Runtime, sharp, LangChain, grammY…,
 *   which load as before; a CommonJS one through `require`, see {@link isCommonJs}), but for the
 *   few small pure-JavaScript ones every start loads: {@link BUNDLED_PACKAGES}.
 * - The code finds its data files, the project folder and its child processes relative to its own
 *   file (`new URL("../../data/…", import.meta.url)`). In a bundle, `import.meta.url` is the
 *   bundle's, so each module's `import.meta.url` is replaced by the URL its own file had in the
 *   unbundled layout — `src/a/b.ts` ↦ `dist/a/b.js`, found from the bundle's URL, which lies
 *   under `dist/` — and every path resolved from it points at the same file as before.
 * - Files that are not TypeScript (JSON data) are copied, for code that reads them by path.
 *
 * `dist/.built` is written last: the build's time, which `scripts/run.mjs` compares with the
 * sources'.
 */
import { cpSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const out = join(root, "dist");
export const BUILT_STAMP = join(out, ".built");

/** The files that start a process: the commands, and the children the app forks. */
const ENTRIES = [
  ...["articles", "ask", "bot", "embed", "eval", "feedback", "repl"].map((c) => `cli/${c}.ts`),
  "english/build-child.ts",
  "app/live/index-build-child.ts",
  // A worker thread of the keyword index build (src/index/tokenize-pool.ts starts it by path).
  "index/tokenize-worker.ts",
];

/**
 * Packages bundled with the code: every command loads them at start, and zod alone is ~95 modules
 * to resolve and compile (~40–80 ms per start); bundled, they are part of the few files read.
 */
const BUNDLED_PACKAGES = new Set(["zod", "dotenv"]);

/**
 * Every other package stays in `node_modules`: an `import` of it, or, for a CommonJS package, a
 * `require` (see {@link isCommonJs}).
 */
const externalPackagesPlugin = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith("@")
        ? args.path.split("/").slice(0, 2).join("/")
        : args.path.split("/")[0];
      if (BUNDLED_PACKAGES.has(name)) return undefined;
      // The shim's own `require` of the package is the package itself.
      if (args.namespace === "require-package" || !isCommonJs(args.path))
        return { path: args.path, external: true };
      return { path: args.path, namespace: "require-package" };
    });
    // A CommonJS module of its own, which esbuild's interop wraps (`__toESM`, with node's
    // semantics: `default` is `module.exports`, a named import one of its properties); its
    // `require` is the banner's `createRequire`.
    build.onLoad({ filter: /.*/, namespace: "require-package" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: "js",
      resolveDir: root,
    }));
  },
};

/**
 * True when node would load `specifier`'s `import` as CommonJS (`@node-rs/jieba`, grammY…). Such
 * a package is loaded with `require` instead: an ES module importing CommonJS makes node start
 * cjs-module-lexer to find the names it exports, and a cold `ask` spent ~25–35 ms more CPU
 * loading its modules that way (median of 15 runs each, interleaved, load ~5; jieba is its one
 * such package). The object the code gets is the same either way.
 */
function isCommonJs(specifier) {
  let url;
  try {
    url = import.meta.resolve(specifier);
  } catch {
    return false; // Not installed (an optional package): left to node at run time, as before.
  }
  if (!url.startsWith("file:")) return false; // node:…
  const file = fileURLToPath(url);
  if (file.endsWith(".cjs")) return true;
  if (!file.endsWith(".js")) return false;
  // The nearest package.json decides what a `.js` file is.
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    let manifest;
    try {
      manifest = readFileSync(join(dir, "package.json"), "utf8");
    } catch {
      continue; // None here: a folder further up decides.
    }
    return JSON.parse(manifest).type !== "module";
  }
  return true;
}

/**
 * Gives each module the `import.meta.url` its unbundled file had: `dist/<its path under src/>.js`,
 * from the URL of whichever output file it was bundled into (every one lies under `dist/`).
 */
const ownUrlPlugin = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const contents = readFileSync(args.path, "utf8");
      if (!contents.includes("import.meta.url") || !args.path.startsWith(src)) return undefined;
      const unbundled = relative(src, args.path).split("\\").join("/").replace(/\.ts$/, ".js");
      const ownUrl = `(new URL(${JSON.stringify(unbundled)}, import.meta.url.slice(0, import.meta.url.lastIndexOf("/dist/") + 6)).href)`;
      return { contents: contents.replaceAll("import.meta.url", ownUrl), loader: "ts" };
    });
  },
};

export async function buildDist() {
  // Imported here: a command whose dist/ is current never loads esbuild.
  const { build } = await import("esbuild");
  const { metafile } = await build({
    entryPoints: ENTRIES.map((entry) => join(src, entry)),
    outdir: out,
    outbase: src,
    entryNames: "[dir]/[name]",
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // `import … with { type: "json" }` (Node 20.10+) kept as written for the packages' JSON.
    supported: { "import-attributes": true },
    plugins: [externalPackagesPlugin, ownUrlPlugin],
    // dotenv is CommonJS: its `require("fs")` needs a `require` in an ES module.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
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
  // after writing, not before: a command running from dist/ meanwhile never misses a file. A
  // chunk of an earlier build is kept a week: a bot started from it may still `import()` it.
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const file of filesUnder(out)) {
    if (written.has(file)) continue;
    if (relative(out, file).startsWith("chunks") && statSync(file).mtimeMs > weekAgo) continue;
    rmSync(file);
  }
  writeFileSync(BUILT_STAMP, `${new Date().toISOString()}\n`);
}

/** Every file under `dir`, as absolute paths. */
export function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildDist();
