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
 * Scrubs the token (and any other secret given, such as the user:password of the API root) out
 * of errors thrown by the HTTP layer. node-fetch puts the request URL,
 * `…/bot<token>/getUpdates`, into its messages and stacks, and grammY's runner prints such errors
 * itself; a token must never reach a log.
 */
export function redactTokenInErrors(secrets: string | readonly string[]): Transformer {
  const all = typeof secrets === "string" ? [secrets] : secrets;
  return async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      scrubSecrets(error, all);
      throw error;
    }
  };
}

/**
 * Replaces `secrets` in the message and stack of `value` and of the errors it wraps (`error`,
 * `cause`), in place.
 */
export function scrubSecrets(value: unknown, secrets: readonly string[], depth = 0): void {
  if (depth > 3 || !(value instanceof Error)) return;
  try {
    value.message = redact(value.message, secrets);
    if (value.stack) value.stack = redact(value.stack, secrets);
  } catch {
    // a frozen error cannot be changed; nothing better to do with it
  }
  const nested = value as Error & { error?: unknown };
  scrubSecrets(nested.error, secrets, depth + 1);
  scrubSecrets(value.cause, secrets, depth + 1);
}
