import { createServer, connect, type Server, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** A Postgres that `pg` reaches over 127.0.0.1. */
export interface PgServer {
  /** postgres://…: what DATABASE_URL is set to. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A real Postgres with the pgvector extension, in this process (PGlite, WebAssembly), served on a
 * free 127.0.0.1 port by PGlite's socket server: the program connects with `pg` as to any
 * Postgres — faked at the wire only. PGlite is one backend; the server multiplexes the pool's
 * connections onto it, query by query.
 */
export async function startPgliteServer(): Promise<PgServer> {
  const db = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: 16 });
  await server.start();
  return {
    url: `postgres://postgres:postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** A relay a test can cut and restore. */
export interface CuttableProxy extends PgServer {
  /** Drops every connection and hangs up on new ones: a database host that went away. */
  cut(): void;
  /** Relays new connections again. */
  restore(): void;
}

/** A TCP relay to `target` (a postgres:// URL): the URL it gives goes through it. */
export async function startCuttableProxy(target: string): Promise<CuttableProxy> {
  const url = new URL(target);
  const sockets = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(url.port), url.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const proxied = new URL(target);
  proxied.port = String(port);
  const cut = () => {
    down = true;
    for (const s of sockets) s.destroy();
  };
  return {
    url: proxied.href,
    cut,
    restore: () => {
      down = false;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        cut();
        server.close(() => resolve());
      }),
  };
}

/** A postgres:// URL on which nothing listens (a port the OS just gave out and took back). */
export async function deadDatabaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `postgres://news:secret@127.0.0.1:${port}/news`;
}
