import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegramServer } from "../helpers/fake-telegram-server.js";
import { commandEnv, PROJECT_ROOT } from "../helpers/run-command.js";

// What a service manager or `docker stop` does to `npm start`: SIGTERM to npm's process, the one it
// started. npm passes the signal to the process of its script; unless that process is the bot
// itself (not a shell waiting for it), the shell dies and the bot keeps running, never told.

let root: string;
let server: FakeTelegramServer;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "qa-npm-start-"));
  server = await FakeTelegramServer.start();
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe("npm start", () => {
  it("passes SIGTERM to the bot, which stops cleanly, and npm exits with the bot's code", async () => {
    const npm = spawn("npm", ["start", "--silent"], {
      cwd: PROJECT_ROOT,
      env: commandEnv({
        INDEX_DIR: join(root, "index"),
        MODELS_DIR: join(root, "no-models"),
        TMPDIR: root,
        TELEGRAM_BOT_TOKEN: server.token,
        TELEGRAM_API_ROOT: server.apiRoot,
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    npm.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    npm.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    const exited = new Promise<number | null>((resolve) => npm.on("exit", (code) => resolve(code)));
    try {
      await server.waitFor((c) => c.method === "getUpdates", 90_000);
      npm.kill("SIGTERM");
      // The bot's own goodbye, through npm's pipes: it was told, finished, and left.
      expect(await exited, output).toBe(0);
      expect(output).toContain("SIGTERM: stopping");
      expect(output).toMatch(/\bstopped\b/);
    } finally {
      npm.kill("SIGKILL");
    }
  }, 120_000);
});
