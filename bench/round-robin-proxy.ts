import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobinProxy {
  port: number;
  /** Requests forwarded to each backend, in the order of `backends`. */
  forwarded: number[];
  close(): Promise<void>;
}

/**
 * A load balancer at its simplest (node:http): each request goes to the next backend in turn,
 * whatever it is, the way a round-robin balancer in front of several webhook instances does —
 * one chat's updates land on either. The answer carries `x-backend` (the backend's index), so
 * the bench can tell which instance answered which update.
 */
export async function startRoundRobinProxy(backends: number[]): Promise<RoundRobinProxy> {
  const forwarded = backends.map(() => 0);
  let next = 0;
  const server = createServer((req, res) => {
    const i = next;
    next = (next + 1) % backends.length;
    forwarded[i]!++;
    const upstream = request(
      {
        host: "127.0.0.1",
        port: backends[i],
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-backend": String(i) });
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "x-backend": String(i) });
      res.end(`backend ${i}: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
