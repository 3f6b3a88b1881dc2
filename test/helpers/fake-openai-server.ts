import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake endpoint answers one request. */
export interface ScriptedReply {
  /** The assistant message of a well-formed chat completion. @default "" */
  content?: string;
  /**
   * Answer only once this settles: a gate the test opens, or never. A client that gives up first
   * just closes the socket. @default answer at once
   */
  hold?: Promise<unknown>;
  /** @default 200 */
  status?: number;
  /** Sent verbatim instead of a chat completion (garbage, an error object). */
  body?: string;
  /** @default "application/json" */
  contentType?: string;
  /**
   * For a streamed request (`stream: true`): the reply as server-sent events, one chunk per token
   * (the content is their concatenation). @default `content` as one token
   */
  tokens?: string[];
  /** A gate before token i is sent: the test decides how far the stream has got. */
  tokenGates?: Array<Promise<unknown> | undefined>;
  /** A pause before each token (the benchmark's stand-in for a model's speed; tests use gates). */
  tokenDelayMs?: number;
}

export interface ChatMessage {
  role: string;
  content: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when it was not JSON. */
  json:
    | { model?: string; messages?: ChatMessage[]; temperature?: number; [key: string]: unknown }
    | undefined;
}

export interface FakeOpenAiServer {
  /** What LLM_BASE_URL would be: `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  /** Every request received, in order, recorded as soon as its body has arrived. */
  requests: RecordedRequest[];
  /** The replies for the next requests, in order; the last one repeats (so a retry gets it too). */
  script(...replies: ScriptedReply[]): void;
  /** Forgets the recorded requests and the script. */
  reset(): void;
  /** Resolves once the `n`th request (from 1) has arrived, body and all. */
  received(n: number): Promise<void>;
  /**
   * Resolves once the client closes the connection of the `n`th request (from 1) before its reply
   * was sent: the client aborted the call.
   */
  abandoned(n: number): Promise<void>;
  /** Resolves once a client has hung up on a streamed reply before its end (a stopped answer). */
  streamAborted(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions protocol
 * (`POST /v1/chat/completions`), so the LLM answerer is tested through the actual OpenAI client,
 * LangChain and the network stack rather than a mocked module.
 */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  let replies: ScriptedReply[] = [{ content: "" }];
  let served = 0;
  const arrivals: Array<ReturnType<typeof gate>> = [];
  const closings: Array<ReturnType<typeof gate>> = [];
  const slot = (list: Array<ReturnType<typeof gate>>, n: number) => {
    while (list.length < n) list.push(gate());
    return list[n - 1]!;
  };
  let aborts = 0;
  const abortListeners = new Set<() => void>();
  const noteAbort = () => {
    aborts++;
    for (const listener of [...abortListeners]) listener();
  };

  const server = createServer((req, res) => {
    const n = requests.length + 1;
    res.on("close", () => {
      if (!res.writableFinished) slot(closings, n).open();
    });
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        json: parseJson(raw),
      });
      slot(arrivals, requests.length).open();
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        send(
          res,
          {
            status: 404,
            body: JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }),
          },
          "",
        );
        return;
      }
      const reply = replies[Math.min(served++, replies.length - 1)] ?? { content: "" };
      const model =
        typeof requests.at(-1)?.json?.model === "string"
          ? String(requests.at(-1)?.json?.model)
          : "fake";
      const streamed = requests.at(-1)?.json?.stream === true;
      const respond = () =>
        streamed && reply.body === undefined
          ? void sendStream(res, reply, model, noteAbort)
          : send(res, reply, model);
      if (reply.hold === undefined) respond();
      else void reply.hold.then(respond);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...next) {
      replies = next.length > 0 ? next : [{ content: "" }];
      served = 0;
    },
    received: (n) => slot(arrivals, n).promise,
    abandoned: (n) => slot(closings, n).promise,
    streamAborted() {
      if (aborts > 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const listener = () => {
          abortListeners.delete(listener);
          resolve();
        };
        abortListeners.add(listener);
      });
    },
    reset() {
      requests.length = 0;
      arrivals.length = 0;
      closings.length = 0;
      replies = [{ content: "" }];
      served = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

function send(res: ServerResponse, reply: ScriptedReply, model: string): void {
  // The client may have timed out and closed the connection while we waited.
  if (res.destroyed || res.writableEnded) return;
  const body =
    reply.body ??
    JSON.stringify({
      id: "chatcmpl-fake",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: reply.content ?? "" },
          finish_reason: "stop",
        },
      ],
      usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
    });
  res.writeHead(reply.status ?? 200, { "content-type": reply.contentType ?? "application/json" });
  res.end(body);
}

/** The OpenAI streaming protocol: `chat.completion.chunk` events, then `data: [DONE]`. */
async function sendStream(
  res: ServerResponse,
  reply: ScriptedReply,
  model: string,
  onAbort: () => void,
): Promise<void> {
  if (res.destroyed || res.writableEnded) return;
  let finished = false;
  res.on("close", () => {
    if (!finished) onAbort();
  });
  res.writeHead(reply.status ?? 200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
  });
  const chunk = (delta: Record<string, string>, finish: string | null) =>
    `data: ${JSON.stringify({
      id: "chatcmpl-fake",
      object: "chat.completion.chunk",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    })}\n\n`;
  res.write(chunk({ role: "assistant", content: "" }, null));
  const tokens = reply.tokens ?? [reply.content ?? ""];
  for (const [i, token] of tokens.entries()) {
    await reply.tokenGates?.[i];
    if (reply.tokenDelayMs !== undefined)
      await new Promise((resolve) => setTimeout(resolve, reply.tokenDelayMs));
    if (res.destroyed || res.writableEnded) return;
    res.write(chunk({ content: token }, null));
  }
  finished = true;
  res.write(chunk({}, "stop"));
  res.end("data: [DONE]\n\n");
}

function parseJson(raw: string): RecordedRequest["json"] {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === "object" && value !== null
      ? (value as RecordedRequest["json"])
      : undefined;
  } catch {
    return undefined;
  }
}
