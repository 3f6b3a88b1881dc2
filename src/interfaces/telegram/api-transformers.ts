import type { Transformer } from "grammy";
import { redact, type Logger } from "../../util/logger.js";
import { htmlToPlain } from "./format-html.js";

/**
 * If Telegram rejects a message's HTML (400 "can't parse entities"), sends the same words as
 * plain text. Everything we send is escaped, so this is the net under a bug, not a code path
 * users should meet; the log says when it happens.
 */
export function plainTextFallback(log: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (result.ok || result.error_code !== 400 || !/can't parse entities/i.test(result.description))
      return result;
    if (method !== "sendMessage" && method !== "editMessageText") return result;
    const p = payload as { parse_mode?: string; text?: string };
    if (p.parse_mode !== "HTML" || typeof p.text !== "string") return result;
    log.warn(
      `${method}: Telegram rejected the HTML (${result.description}); sending it as plain text`,
    );
    const { parse_mode: _dropped, ...rest } = p;
    return prev(method, { ...rest, text: htmlToPlain(p.text) } as typeof payload, signal);
  };
}

/**
 * Logs every failed Bot API call, each attempt, before auto-retry decides what to do with it:
 * the maintainer sees 429s and 5xx that the user never notices.
 */
export function logApiFailures(log: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) log.warn(`${method}: ${result.error_code} ${result.description}`);
      return result;
    } catch (error) {
      if (!signal?.aborted)
        log.warn(`${method}: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  };
}

/**
 * Scrubs the token out of errors thrown by the HTTP layer. node-fetch puts the request URL,
 * `…/bot<token>/getUpdates`, into its messages and stacks, and grammY's runner prints such errors
 * itself; a token must never reach a log.
 */
export function redactTokenInErrors(token: string): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      scrub(error, token, 0);
      throw error;
    }
  };
}

function scrub(value: unknown, token: string, depth: number): void {
  if (depth > 3 || !(value instanceof Error)) return;
  try {
    value.message = redact(value.message, [token]);
    if (value.stack) value.stack = redact(value.stack, [token]);
  } catch {
    // a frozen error cannot be changed; nothing better to do with it
  }
  const nested = value as Error & { error?: unknown };
  scrub(nested.error, token, depth + 1);
  scrub(value.cause, token, depth + 1);
}
