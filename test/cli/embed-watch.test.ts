import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { startCommand } from "../helpers/run-command.js";
import { SEEDS_DIR } from "../helpers/seeds.js";

describe("npm run embed -- --watch", () => {
  it("builds, then rebuilds when a page lands, saying what changed, and stops on SIGTERM with exit 0", async () => {
    const root = await mkdtemp(join(tmpdir(), "qa-embed-watch-"));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const seeds = join(root, "seeds");
    await mkdir(seeds);
    await copyFile(
      join(SEEDS_DIR, "000_288891b281d8cdae.txt"),
      join(seeds, "000_288891b281d8cdae.txt"),
    );
    const running = startCommand("src/cli/embed.ts", ["--watch"], {
      SEEDS_DIR: seeds,
      INDEX_DIR: join(root, "embeddings"),
      MODELS_DIR: join(root, "no-models"),
    });
    onTestFinished(() => running.signal("SIGKILL"));
    await running.output(/Watching .* for changed pages/);
    await copyFile(
      join(SEEDS_DIR, "004_477e742880208b76.txt"),
      join(seeds, "004_477e742880208b76.txt"),
    );
    await running.output(/index updated: \+1 page, \+\d+ articles, \+\d+ chunks/);
    running.signal("SIGTERM");
    const result = await running.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Indexed 1 pages");
    expect(result.stderr).toContain("+004_477e742880208b76.txt");
  });
});
