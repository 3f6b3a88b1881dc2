import { spawn } from "node:child_process";
import { once } from "node:events";
import { appendFile, chmod, chown, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { buildIndex } from "../../src/index/build-index.js";
import { makeWorkspace, removeWorkspaces } from "../helpers/index-fixture.js";
import { PROJECT_ROOT } from "../helpers/run-command.js";

afterEach(removeWorkspaces);

/**
 * Runs ensureIndex in a process that cannot write INDEX_DIR: as `nobody` when the tests run as
 * root (root writes through any permission bits), else with the folder made read-only.
 */
async function ensureIndexReadOnly(
  root: string,
  seedsDir: string,
  indexDir: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = join(root, "ensure.mts");
  await writeFile(
    script,
    `import { ensureIndex } from ${JSON.stringify(join(PROJECT_ROOT, "src/index/ensure-index.ts"))};
import { createLogger, terminalLine } from ${JSON.stringify(join(PROJECT_ROOT, "src/util/logger.ts"))};
const log = createLogger({ level: "info", write: (level, m) => process.stderr.write(terminalLine(level, m) + "\\n") });
const ready = await ensureIndex({ seedsDir: ${JSON.stringify(seedsDir)}, indexDir: ${JSON.stringify(indexDir)}, embeddings: null, log });
console.log(JSON.stringify({ built: ready.built !== null, pages: ready.index.manifest.pages.length, chunks: ready.index.chunks.length }));
`,
  );
  const asRoot = process.getuid?.() === 0;
  await chmod(root, 0o755);
  // The child's own HOME and TMPDIR (tsx's cache), inside the workspace, removed with it.
  const home = join(root, "home");
  await mkdir(home);
  if (asRoot) await chown(home, 65534, 65534);
  if (!asRoot) {
    await chmod(indexDir, 0o555);
    onTestFinished(() => chmod(indexDir, 0o755));
  }
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: home, TMPDIR: home },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdin.end();
  const [code] = (await once(child, "close")) as [number | null];
  return { code, stdout, stderr };
}

/** Whether every folder above each path lets other users through (the x bit for others). */
async function othersCanReach(paths: string[]): Promise<boolean> {
  for (const path of paths) {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      if (((await stat(dir)).mode & 0o001) === 0) return false;
      if (dirname(dir) === dir) break;
    }
  }
  return true;
}

describe("a read-only INDEX_DIR", () => {
  it("with a stale index: answers from the old index with a warning instead of failing on EACCES", async (ctx) => {
    const ws = await makeWorkspace();
    // As root the check runs as nobody, who must be able to reach the workspace and the sources.
    if (process.getuid?.() === 0 && !(await othersCanReach([ws.root, PROJECT_ROOT])))
      ctx.skip("TMPDIR or the project is not reachable by nobody (a private TMPDIR)");
    await buildIndex({ seedsDir: ws.seedsDir, indexDir: ws.indexDir, embeddings: null });
    const before = await readdir(ws.indexDir);
    const [first] = await readdir(ws.seedsDir);
    await appendFile(join(ws.seedsDir, first!), "\n西宁市新增公共停车泊位1200个。\n");

    const result = await ensureIndexReadOnly(ws.root, ws.seedsDir, ws.indexDir);
    expect(result.stderr).toMatch(
      /warning: INDEX_DIR ".*" cannot be written \(.*EACCES.*\): answering from the previous index, which is out of date/,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ built: false, pages: 5 });
    expect(await readdir(ws.indexDir)).toEqual(before);
  });
});
