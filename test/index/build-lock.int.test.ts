import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { appendFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { embedCommand } from "../../src/cli/commands/embed.js";
import { buildIndex } from "../../src/index/build-index.js";
import { acquireBuildLock, LOCK_FILE } from "../../src/index/build-lock.js";
import { ensureIndex } from "../../src/index/ensure-index.js";
import { silentLogger } from "../../src/util/logger.js";
import {
  BGE,
  capturingLogger,
  CountingEmbeddings,
  makeWorkspace,
  removeWorkspaces,
} from "../helpers/index-fixture.js";
import { runInProcess } from "../helpers/run-in-process.js";

let ws: Awaited<ReturnType<typeof makeWorkspace>>;
let env: Record<string, string>;
const { logs, log } = capturingLogger();

afterEach(removeWorkspaces);

beforeEach(async () => {
  ws = await makeWorkspace();
  env = { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir, MODELS_DIR: ws.modelsDir };
  logs.length = 0;
});

/** A process that stays alive until the test ends: a live pid that is not this process. */
async function liveProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  await once(child, "spawn");
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, "exit");
      child.kill();
      await exited;
    }
  });
  return child;
}

describe("one builder at a time on an INDEX_DIR", () => {
  it("a second npm run embed says another build is running (pid, start) and exits 1, publishing nothing", async () => {
    const other = await liveProcess();
    await mkdir(ws.indexDir, { recursive: true });
    await writeFile(
      join(ws.indexDir, LOCK_FILE),
      JSON.stringify({ pid: other.pid, startedAt: "2026-11-27T17:00:00.000Z" }),
    );
    const refused = await runInProcess(embedCommand, [], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `error: another build of this index is running (pid ${other.pid}, started 2026-11-27T17:00:00.000Z`,
    );
    expect(await readdir(ws.indexDir)).toEqual([LOCK_FILE]);
  });

  it("takes over the lock of a build whose process is gone (killed mid-build), saying so", async () => {
    const gone = await liveProcess();
    const exited = once(gone, "exit");
    gone.kill();
    await exited;
    await mkdir(ws.indexDir, { recursive: true });
    await writeFile(
      join(ws.indexDir, LOCK_FILE),
      JSON.stringify({ pid: gone.pid, startedAt: "2026-11-27T17:00:00.000Z" }),
    );
    const result = await runInProcess(embedCommand, [], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `Taking over the build lock of pid ${gone.pid} (started 2026-11-27T17:00:00.000Z), which is no longer running.`,
    );
    // Released when done.
    expect(await readdir(ws.indexDir)).not.toContain(LOCK_FILE);
  });

  it("a build in this process while the lock is held is refused; after release it runs", async () => {
    const embedder = new CountingEmbeddings({ modelId: BGE, modelsDir: ws.modelsDir });
    const build = () =>
      buildIndex({ seedsDir: ws.seedsDir, indexDir: ws.indexDir, embeddings: embedder, log });
    const release = await acquireBuildLock(ws.indexDir, silentLogger);
    await expect(build()).rejects.toThrow("another build of this index is running");
    await release();
    expect((await build()).pages).toBe(5);
  });

  it("at bot/REPL start, a stale index is answered from as it is while another process builds", async () => {
    const embedder = new CountingEmbeddings({ modelId: BGE, modelsDir: ws.modelsDir });
    await buildIndex({ seedsDir: ws.seedsDir, indexDir: ws.indexDir, embeddings: embedder, log });
    await appendFile(
      join(ws.seedsDir, (await readdir(ws.seedsDir))[0]!),
      "\n西宁市新增公共停车泊位1200个。\n",
    );
    const release = await acquireBuildLock(ws.indexDir, silentLogger);
    onTestFinished(release);
    logs.length = 0;
    const ready = await ensureIndex({
      seedsDir: ws.seedsDir,
      indexDir: ws.indexDir,
      embeddings: embedder,
      log,
    });
    expect(ready.built).toBeNull();
    expect(ready.index.manifest.pages).toHaveLength(5);
    expect(logs.join("\n")).toMatch(
      /warning: Not updating the index: another build of this index is running .*Answering from the current index\./,
    );
  });
});
