/**
 * `npm start`, `npm run ask`, `repl`, `embed`, `articles`, `eval`, `feedback`:
 * `node scripts/run.mjs <command> [args…]` runs `dist/cli/<command>.js` in this process, on plain
 * node. When a file under `src/` (or this folder) is newer than the last build, `dist/` is built
 * again first (~1 s, said on stderr), so a command never runs yesterday's JavaScript after an
 * edit or a checkout; checking costs a few milliseconds.
 */
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BUILT_STAMP, buildDist, filesUnder } from "./build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const command = process.argv[2];
if (command === undefined || !/^[a-z-]+$/.test(command)) {
  console.error("usage: node scripts/run.mjs <command> [args…]  (a file of dist/cli/)");
  process.exit(2);
}

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};
const built = mtime(BUILT_STAMP);
const sources = [...filesUnder(join(root, "src")), ...filesUnder(join(root, "scripts"))];
if (sources.some((file) => mtime(file) > built)) {
  console.error(
    built === 0 ? "Building dist/ …" : "src/ changed since the last build: building dist/ …",
  );
  await buildDist();
}
// The command reads its arguments from process.argv: as if it had been started directly.
process.argv.splice(2, 1);
await import(pathToFileURL(join(root, "dist", "cli", `${command}.js`)).href);
