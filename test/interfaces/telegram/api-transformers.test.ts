import { describe, expect, it } from "vitest";
import type { ApiCallFn } from "grammy";
import {
  plainTextFallback,
  redactTokenInErrors,
} from "../../../src/interfaces/telegram/api-transformers.js";
import { createLogger, silentLogger as silentLog } from "../../../src/util/logger.js";

const TOKEN = "123456789:SECRET-token_abcdefghijklmnopqrstuv";

describe("the API guards", () => {
  it("scrub the token out of errors from the HTTP layer (node-fetch puts the URL in its messages)", async () => {
    const inner = new Error(
      `request to http://127.0.0.1:1/bot${TOKEN}/getUpdates failed, reason: ECONNREFUSED`,
    );
    const thrown = Object.assign(new Error("Network request for 'getUpdates' failed!"), {
      error: inner,
    });
    const prev = (async () => {
      throw thrown;
    }) as unknown as ApiCallFn;
    const error = (await redactTokenInErrors(TOKEN)(prev, "getUpdates", {} as never).catch(
      (e: unknown) => e,
    )) as Error & { error: Error };
    expect(error).toBe(thrown);
    expect(error.error.message).toBe(
      "request to http://127.0.0.1:1/bot***/getUpdates failed, reason: ECONNREFUSED",
    );
    expect(String(error.error.stack)).not.toContain(TOKEN);
  });

  it("never print the token in a log line, wherever it came from", () => {
    const lines: string[] = [];
    const log = createLogger({ secrets: [TOKEN], write: (_level, l) => lines.push(l) });
    log.error(
      `update 7 failed: FetchError: request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`,
    );
    expect(lines[0]).toContain("/bot***/sendMessage");
    expect(lines[0]).not.toContain(TOKEN);
  });

  it("resend a message as plain text only for an HTML parse error", async () => {
    const sent: Array<Record<string, unknown>> = [];
    const prev = (async (_method: string, payload: Record<string, unknown>) => {
      sent.push(payload);
      return sent.length === 1
        ? {
            ok: false,
            error_code: 400,
            description: "Bad Request: can't parse entities: Unsupported start tag",
          }
        : { ok: true, result: {} };
    }) as unknown as ApiCallFn;
    const result = await plainTextFallback(silentLog)(prev, "sendMessage", {
      chat_id: 1,
      text: "<b>出处：</b> a &amp; b &lt;i&gt;",
      parse_mode: "HTML",
    } as never);
    expect(result.ok).toBe(true);
    expect(sent[1]).toEqual({ chat_id: 1, text: "出处： a & b <i>" });

    const other = (async () => ({
      ok: false,
      error_code: 400,
      description: "Bad Request: chat not found",
    })) as unknown as ApiCallFn;
    expect(
      (
        await plainTextFallback(silentLog)(other, "sendMessage", {
          chat_id: 1,
          text: "x",
          parse_mode: "HTML",
        } as never)
      ).ok,
    ).toBe(false);
  });
});
