import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real `redis-server` on a free 127.0.0.1 port, without persistence, in a temp dir; resolves
 * once it says it accepts connections. Null when redis-server is not installed.
 */
export async function startRedisServer(): Promise<RedisServer | null> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), "qa-redis-"));
  let child: ChildProcess;
  try {
    child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
  } catch {
    await rm(dir, { recursive: true, force: true });
    return null;
  }
  const ready = await new Promise<boolean>((resolve) => {
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (out.includes("Ready to accept connections")) resolve(true);
    });
    child.on("error", () => resolve(false));
    child.on("exit", () => resolve(false));
  });
  if (!ready) {
    await rm(dir, { recursive: true, force: true });
    return null;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
