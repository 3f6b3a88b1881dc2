import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  BotCommand,
  Chat,
  Message,
  MessageEntity,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";

/**
 * A fake Telegram Bot API server: a real HTTP server on 127.0.0.1 that speaks the part of the Bot
 * API the bot uses, so tests run the real bot (its HTTP client, auto-retry, runner, parse modes)
 * and assert what Telegram would have received. It queues updates and hands them out through
 * `getUpdates` long polling with offsets, records every call, validates messages the way Telegram
 * does (HTML parse mode, the 4096-character limit, callback data of at most 64 bytes), and can be
 * told to fail calls (429 with `retry_after`, 5xx, dropped connections).
 */

/** Whatever JSON the bot sent; typed loosely so tests can read any field of any method. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type ApiPayload = Record<string, any>;

export interface ApiResponse {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface ApiCall {
  /** Order of arrival, from 0. */
  seq: number;
  method: string;
  payload: ApiPayload;
  /** `Date.now()` when the request arrived. */
  at: number;
  /** Set once the server has answered (long polls answer late; dropped connections never). */
  response?: ApiResponse;
  /** For sendMessage/editMessageText: the text as a user sees it, HTML parsed. */
  visibleText?: string;
  /** For sendMessage/editMessageText: the formatting Telegram derived from the HTML. */
  entities?: ParsedEntity[];
}

/**
 * A scripted failure: an HTTP status and body to answer with, a dropped connection, or a request
 * that is never answered (the connection stays open until the client gives up).
 */
export type Failure = { status: number; body: ApiResponse } | "network" | "hang";

export const failures = {
  tooManyRequests: (retryAfter: number): Failure => ({
    status: 429,
    body: {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfter}`,
      parameters: { retry_after: retryAfter },
    },
  }),
  serverError: (): Failure => ({
    status: 502,
    body: { ok: false, error_code: 502, description: "Bad Gateway" },
  }),
  badRequest: (description: string): Failure => ({
    status: 400,
    body: { ok: false, error_code: 400, description: `Bad Request: ${description}` },
  }),
  network: "network" as Failure,
  hang: "hang" as Failure,
};

export interface SenderOptions {
  /** @default 1001 */
  userId?: number;
  /** @default userId for private chats, -100… for groups */
  chatId?: number;
  /** @default "private" */
  chatType?: "private" | "group" | "supergroup";
  /** @default "zh-hans" */
  languageCode?: string;
}

export interface MessageOptions extends SenderOptions {
  /** The message this one replies to (e.g. one the bot sent). */
  replyTo?: Message;
  /** The part of `replyTo` the user highlighted when replying (Telegram's `Message.quote`). */
  quote?: string;
  /** A forum topic: the message is sent in this topic (`message_thread_id`, `is_topic_message`). */
  threadId?: number;
}

export interface FakeTelegramServerOptions {
  /** @default a valid-looking test token */
  token?: string;
  /** @default @XiningQaTestBot */
  username?: string;
}

const TEST_TOKEN = "123456789:TEST-token_abcdefghijklmnopqrstuvwxyz";

const TELEGRAM_TEXT_LIMIT = 4096;
const CALLBACK_ANSWER_LIMIT = 200;
const CALLBACK_DATA_LIMIT = 64;
const INLINE_RESULTS_LIMIT = 50;
/**
 * Drafts one chat may receive: at most one per this many ms, else 429 (Telegram does not publish
 * a draft limit; this is stricter than its one message a second per chat that bots are told to
 * keep to, so a bot that passes here stays clear of flood control there).
 */
export const DRAFT_MIN_INTERVAL_MS = 500;
const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

interface Waiter {
  offset: number;
  limit: number;
  respond: (updates: Update[]) => void;
}

export class FakeTelegramServer {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  /** Every call, in order of arrival. */
  readonly calls: ApiCall[] = [];
  /** Ids of updates handed out by getUpdates. */
  readonly delivered = new Set<number>();
  /** Inline queries answered, by query id: what answerInlineQuery was given. */
  readonly inlineAnswers = new Map<string, ApiPayload>();
  /** Accepted sendMessageDraft calls by `chat:draft_id`, in order. */
  readonly drafts = new Map<string, ApiCall[]>();
  /** What setMyCommands registered, by language code ("" = default). */
  readonly commands = new Map<string, BotCommand[]>();
  webhookUrl = "";

  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly queue: Update[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<() => void>();
  private readonly scripted = new Map<string, Failure[]>();
  private readonly chats = new Map<number, Chat>();
  private readonly messageIds = new Map<number, Set<number>>();
  /** Forum topics (and private-chat topics) users have written in, by chat. */
  private readonly threads = new Map<number, Set<number>>();
  private readonly openCallbackQueries = new Set<string>();
  private readonly openInlineQueries = new Set<string>();
  private readonly lastDraftAt = new Map<number, number>();
  private nextInlineId = 1;
  /** The update kinds the bot asked for in its last getUpdates (Telegram keeps the last list). */
  private allowedUpdates: string[] | null = null;
  private readonly sent = new Map<string, Message>();
  private confirmedOffset = 0;
  private nextUpdateId = 500_000;
  private nextMessageId = 1;
  private nextCallbackId = 1;
  private port = 0;

  constructor(options: FakeTelegramServerOptions = {}) {
    this.token = options.token ?? TEST_TOKEN;
    const id = Number(this.token.split(":")[0]);
    this.botInfo = {
      id,
      is_bot: true,
      first_name: "西宁报问答",
      username: options.username ?? "XiningQaTestBot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: true,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
    } as UserFromGetMe;
  }

  /** Starts listening on 127.0.0.1 on a free port. */
  static async start(options: FakeTelegramServerOptions = {}): Promise<FakeTelegramServer> {
    const fake = new FakeTelegramServer(options);
    // Telegram keeps idle connections open for long; Node's 5 s default would race the bot's
    // keep-alive agent into ECONNRESETs that have nothing to do with the bot.
    fake.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What the bot uses as `TELEGRAM_API_ROOT`. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters) waiter.respond([]);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- scripting -------------------------------------------------------------------------

  /** The next `times` calls of `method` fail as scripted, before any real handling. */
  fail(method: string, failure: Failure, times = 1): void {
    const list = this.scripted.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.scripted.set(method, list);
  }

  // ---- updates ---------------------------------------------------------------------------

  /** Queues an update for the next getUpdates; the update id is assigned here. */
  pushUpdate(update: Omit<Update, "update_id">): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    // What a reply to it carries as `reply_to_message`, as Telegram returns it.
    if (full.message)
      this.received.set(`${full.message.chat.id}:${full.message.message_id}`, full.message);
    this.queue.push(full);
    this.wake();
    return full;
  }

  /** A user's text message; `/commands` and `@mentions` get their entities like Telegram's. */
  text(text: string, options: MessageOptions = {}): Update & { message: Message.TextMessage } {
    const message = {
      ...this.baseMessage(options),
      text,
      ...entitiesFor(text),
    } as Message.TextMessage;
    return this.pushUpdate({ message } as Omit<Update, "update_id">) as Update & {
      message: Message.TextMessage;
    };
  }

  /** `/name args` from a user. */
  command(name: string, args = "", options: MessageOptions = {}) {
    return this.text(args ? `/${name} ${args}` : `/${name}`, options);
  }

  sticker(options: MessageOptions = {}): Update {
    const sticker = {
      file_id: "CAACAgIAAxkBAAE",
      file_unique_id: "AgADsticker",
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: "👍",
    };
    return this.pushUpdate({ message: { ...this.baseMessage(options), sticker } } as Omit<
      Update,
      "update_id"
    >);
  }

  /** A press of an inline button under a message the bot sent. */
  pressButton(message: Message, data: string, options: SenderOptions = {}): Update {
    const from = this.user(options);
    const id = String(this.nextCallbackId++);
    this.openCallbackQueries.add(id);
    return this.pushUpdate({
      callback_query: {
        id,
        from,
        chat_instance: `ci${message.chat.id}`,
        message,
        data,
      } as Update["callback_query"] & object,
    });
  }

  /** Someone typing `@bot query` in any chat: an `inline_query` update. */
  inlineQuery(
    query: string,
    options: SenderOptions & { chatType?: "sender" | "private" | "group" | "supergroup" } = {},
  ): Update & { inline_query: NonNullable<Update["inline_query"]> } {
    const id = `iq${this.nextInlineId++}`;
    this.openInlineQueries.add(id);
    return this.pushUpdate({
      inline_query: {
        id,
        from: this.user(options),
        query,
        offset: "",
        chat_type: options.chatType ?? "sender",
      },
    }) as Update & { inline_query: NonNullable<Update["inline_query"]> };
  }

  /** The reader pressed the stop button of a streamed draft: a `stopped_message_generation`. */
  stopGeneration(chatId: number, draftId: number, threadId?: number): Update {
    const chat = this.chats.get(chatId);
    if (chat?.type !== "private") throw new Error(`no private chat ${chatId} to stop a draft in`);
    return this.pushUpdate({
      stopped_message_generation: {
        chat,
        draft_id: draftId,
        ...(threadId === undefined ? {} : { message_thread_id: threadId }),
      },
    } as Omit<Update, "update_id">);
  }

  // ---- what the bot did ------------------------------------------------------------------

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages that reached users (accepted sendMessage calls), optionally to one chat. */
  messages(chatId?: number): ApiCall[] {
    return this.calls.filter(
      (c) =>
        c.method === "sendMessage" &&
        c.response?.ok === true &&
        (chatId === undefined || Number(c.payload.chat_id) === chatId),
    );
  }

  /** Accepted messages that quote (reply to) the message of `update`. */
  repliesTo(update: Update): ApiCall[] {
    const message = update.message;
    if (!message) return [];
    return this.messages(message.chat.id).filter(
      (c) => Number(c.payload.reply_parameters?.message_id) === message.message_id,
    );
  }

  /** The message the server created for an accepted sendMessage call (for buttons, replies). */
  sentMessage(call: ApiCall): Message {
    const message = call.response?.result as Message | undefined;
    if (!message) throw new Error(`call #${call.seq} (${call.method}) produced no message`);
    return message;
  }

  /** Update ids the bot has confirmed with a later getUpdates offset: Telegram forgets them. */
  acknowledged(): number[] {
    return [...this.delivered].filter((id) => id < this.confirmedOffset).sort((a, b) => a - b);
  }

  /**
   * Resolves with the first call (already made or still to come) that matches, once it has its
   * response (a long poll as soon as it arrives: its response may be half a minute away); rejects
   * after `timeoutMs` with the calls seen so far, to make failures readable.
   */
  waitFor(predicate: (call: ApiCall) => boolean, timeoutMs = 5_000): Promise<ApiCall> {
    const found = () =>
      this.calls.find(
        (c) => (c.response !== undefined || c.method === "getUpdates") && predicate(c),
      );
    const now = found();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const listener = () => {
        const call = found();
        if (!call) return;
        cleanup();
        resolve(call);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.calls.map(
          (c) =>
            `#${c.seq} ${c.method} ${JSON.stringify(c.payload).slice(0, 160)} → ${c.response ? (c.response.ok ? "ok" : c.response.description) : "pending"}`,
        );
        reject(
          new Error(`waitFor timed out after ${timeoutMs} ms; calls so far:\n${seen.join("\n")}`),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  /** Resolves once `n` calls match (e.g. `n` answers to a chat). */
  async waitForCount(
    predicate: (call: ApiCall) => boolean,
    n: number,
    timeoutMs = 5_000,
  ): Promise<ApiCall[]> {
    await this.waitFor(
      () => this.calls.filter((c) => c.response !== undefined && predicate(c)).length >= n,
      timeoutMs,
    );
    return this.calls.filter((c) => c.response !== undefined && predicate(c));
  }

  // ---- HTTP ------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.apiRoot);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const body = await readBody(req);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, token, method] = match as unknown as [string, string, string];
    if (token !== this.token)
      return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });

    let payload: ApiPayload;
    try {
      payload = {
        ...Object.fromEntries([...url.searchParams].map(([k, v]) => [k, coerce(v)])),
        ...parsePayload(req.headers["content-type"] ?? "", body),
      };
    } catch (error) {
      return send(res, 400, {
        ok: false,
        error_code: 400,
        description: `Bad Request: ${(error as Error).message}`,
      });
    }
    const call: ApiCall = { seq: this.calls.length, method, payload, at: Date.now() };
    this.calls.push(call);
    this.notify();

    const failure = this.scripted.get(method)?.shift();
    if (failure === "network") {
      call.response = { ok: false, description: "(connection dropped by the fake server)" };
      req.socket.destroy();
      this.notify();
      return;
    }
    // Never answered: neither updates nor an error; only the client's own deadline ends it.
    if (failure === "hang") return;
    const answer = (status: number, response: ApiResponse) => {
      call.response = response;
      send(res, status, response);
      this.notify();
    };
    if (failure) return answer(failure.status, failure.body);

    if (method === "getUpdates") return this.getUpdates(call, res, answer);
    const handler = this.methods[method];
    if (!handler)
      return answer(404, {
        ok: false,
        error_code: 404,
        description: "Not Found: method not found",
      });
    const outcome = handler(payload, call);
    if ("error" in outcome)
      return answer(outcome.code, {
        ok: false,
        error_code: outcome.code,
        description: outcome.error,
      });
    answer(200, { ok: true, result: outcome.result });
  }

  private getUpdates(
    call: ApiCall,
    res: ServerResponse,
    answer: (status: number, response: ApiResponse) => void,
  ): void {
    if (this.webhookUrl !== "") {
      answer(409, {
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
      return;
    }
    if (Array.isArray(call.payload.allowed_updates))
      this.allowedUpdates = call.payload.allowed_updates as string[];
    const offset = Number(call.payload.offset ?? 0);
    const limit = Math.max(1, Math.min(100, Number(call.payload.limit ?? 100)));
    const timeout = Number(call.payload.timeout ?? 0);
    if (offset > this.confirmedOffset) {
      // Telegram forgets every update below the offset: that is how a bot confirms them.
      this.confirmedOffset = offset;
      for (let i = this.queue.length - 1; i >= 0; i--)
        if (this.queue[i]!.update_id < offset) this.queue.splice(i, 1);
    }
    let timer: NodeJS.Timeout | undefined;
    const waiter: Waiter = {
      offset,
      limit,
      respond: (updates) => {
        this.waiters.delete(waiter);
        clearTimeout(timer);
        for (const u of updates) this.delivered.add(u.update_id);
        if (!res.writableEnded && !res.destroyed) answer(200, { ok: true, result: updates });
      },
    };
    const ready = this.ready(offset, limit);
    if (ready.length > 0 || timeout <= 0) {
      waiter.respond(ready);
      return;
    }
    timer = setTimeout(() => waiter.respond([]), timeout * 1000);
    this.waiters.add(waiter);
    // The bot aborts its long poll when it stops: forget the request, hand its updates to no one.
    res.on("close", () => {
      if (!res.writableEnded) {
        this.waiters.delete(waiter);
        clearTimeout(timer);
      }
    });
  }

  private ready(offset: number, limit: number): Update[] {
    return this.queue.filter((u) => u.update_id >= offset && this.wanted(u)).slice(0, limit);
  }

  /**
   * Whether the bot asked for this kind of update: Telegram never delivers the others (by
   * default, all kinds but chat_member and the reactions).
   */
  private wanted(update: Update): boolean {
    const kind = Object.keys(update).find((k) => k !== "update_id") ?? "";
    if (this.allowedUpdates === null || this.allowedUpdates.length === 0)
      return !["chat_member", "message_reaction", "message_reaction_count"].includes(kind);
    return this.allowedUpdates.includes(kind);
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      const ready = this.ready(waiter.offset, waiter.limit);
      if (ready.length > 0) waiter.respond(ready);
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // ---- methods ---------------------------------------------------------------------------

  private readonly methods: Record<
    string,
    (p: ApiPayload, call: ApiCall) => { result: unknown } | { error: string; code: number }
  > = {
    getMe: () => ({ result: this.botInfo }),
    deleteWebhook: () => {
      this.webhookUrl = "";
      return { result: true };
    },
    setWebhook: (p) => {
      this.webhookUrl = String(p.url ?? "");
      return { result: true };
    },
    getWebhookInfo: () => ({
      result: {
        url: this.webhookUrl,
        has_custom_certificate: false,
        pending_update_count: this.queue.length,
      },
    }),
    setMyCommands: (p) => {
      const commands = p.commands as BotCommand[] | undefined;
      if (!Array.isArray(commands)) return bad('field "commands" must be an Array');
      // A two-letter ISO 639-1 code, or none for everyone else.
      if (p.language_code !== undefined && !/^[a-z]{2}$/.test(String(p.language_code)))
        return bad("LANG_CODE_INVALID");
      if (commands.length > 100) return bad("BOT_COMMANDS_TOO_MUCH");
      for (const c of commands) {
        if (!/^[a-z0-9_]{1,32}$/.test(c.command)) return bad("BOT_COMMAND_INVALID");
        if (
          typeof c.description !== "string" ||
          c.description.length < 1 ||
          c.description.length > 256
        )
          return bad("BOT_COMMAND_DESCRIPTION_INVALID");
      }
      this.commands.set(String(p.language_code ?? ""), commands);
      return { result: true };
    },
    getMyCommands: (p) => ({ result: this.commands.get(String(p.language_code ?? "")) ?? [] }),
    sendChatAction: (p) => {
      if (!this.chats.has(Number(p.chat_id))) return bad("chat not found");
      if (!this.threadExists(p)) return bad("message thread not found");
      if (!CHAT_ACTIONS.has(String(p.action))) return bad("wrong parameter action in request");
      return { result: true };
    },
    answerCallbackQuery: (p) => {
      const id = String(p.callback_query_id);
      if (!this.openCallbackQueries.has(id))
        return bad("query is too old and response timeout expired or query ID is invalid");
      if (typeof p.text === "string" && p.text.length > CALLBACK_ANSWER_LIMIT)
        return bad("MESSAGE_TOO_LONG");
      this.openCallbackQueries.delete(id);
      return { result: true };
    },
    answerInlineQuery: (p) => {
      const id = String(p.inline_query_id);
      if (!this.openInlineQueries.has(id))
        return bad("query is too old and response timeout expired or query ID is invalid");
      const checked = this.checkInlineResults(p);
      if ("error" in checked) return checked;
      this.openInlineQueries.delete(id);
      this.inlineAnswers.set(id, p);
      return { result: true };
    },
    sendMessageDraft: (p, call) => {
      const chat = this.chats.get(Number(p.chat_id));
      if (!chat) return bad("chat not found");
      if (chat.type !== "private") return bad("drafts can be sent only to private chats");
      if (!Number.isInteger(p.draft_id) || p.draft_id === 0) return bad("DRAFT_ID_INVALID");
      if (!this.threadExists(p)) return bad("message thread not found");
      if (p.can_stop !== undefined && typeof p.can_stop !== "boolean")
        return bad("can_stop must be a Boolean");
      // An empty text is allowed: it shows "Thinking…".
      let text = typeof p.text === "string" ? p.text : "";
      if (p.parse_mode === "HTML") {
        const parsed = parseTelegramHtml(text);
        if ("error" in parsed) return bad(`can't parse entities: ${parsed.error}`);
        text = parsed.text;
      } else if (p.parse_mode !== undefined) {
        return bad(`unsupported parse_mode "${String(p.parse_mode)}" in the fake server`);
      }
      if (text.length > TELEGRAM_TEXT_LIMIT) return bad("message is too long");
      const last = this.lastDraftAt.get(chat.id);
      if (last !== undefined && call.at - last < DRAFT_MIN_INTERVAL_MS)
        return { error: "Too Many Requests: retry after 1", code: 429 };
      this.lastDraftAt.set(chat.id, call.at);
      call.visibleText = text;
      const key = `${chat.id}:${p.draft_id}`;
      this.drafts.set(key, [...(this.drafts.get(key) ?? []), call]);
      return { result: true };
    },
    sendMessage: (p, call) => {
      const chat = this.chats.get(Number(p.chat_id));
      if (!chat) return bad("chat not found");
      if (!this.threadExists(p)) return bad("message thread not found");
      const checked = this.checkText(p);
      if ("error" in checked) return checked;
      const replyTo = p.reply_parameters?.message_id;
      if (
        replyTo !== undefined &&
        !this.messageIds.get(chat.id)?.has(Number(replyTo)) &&
        p.reply_parameters?.allow_sending_without_reply !== true
      ) {
        return bad("message to be replied not found");
      }
      call.visibleText = checked.text;
      call.entities = checked.entities;
      const thread =
        p.message_thread_id === undefined
          ? {}
          : { message_thread_id: Number(p.message_thread_id), is_topic_message: true };
      // Telegram returns the message replied to inside the reply (and keeps it there, so a button
      // pressed under the reply carries it too).
      const repliedTo =
        replyTo === undefined ? undefined : this.received.get(`${chat.id}:${Number(replyTo)}`);
      const message = {
        message_id: this.nextMessageId++,
        date: now(),
        chat,
        from: this.botInfo,
        text: checked.text,
        ...thread,
        ...(repliedTo ? { reply_to_message: repliedTo } : {}),
        ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
      } as unknown as Message;
      this.remember(message);
      return { result: message };
    },
    editMessageText: (p, call) => {
      const old = this.sent.get(`${Number(p.chat_id)}:${Number(p.message_id)}`);
      if (!old) return bad("message to edit not found");
      const checked = this.checkText(p);
      if ("error" in checked) return checked;
      if (
        checked.text === old.text &&
        JSON.stringify(p.reply_markup) === JSON.stringify(old.reply_markup)
      ) {
        return bad(
          "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        );
      }
      call.visibleText = checked.text;
      call.entities = checked.entities;
      const message = {
        ...old,
        text: checked.text,
        edit_date: now(),
        ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
      } as Message;
      this.remember(message);
      return { result: message };
    },
  };

  /**
   * Telegram's checks on answerInlineQuery: at most 50 results with unique ids of 1–64 bytes; an
   * article needs a title and message content valid as a message; cache_time ≥ 0; next_offset and
   * a button's start_parameter within their limits.
   */
  private checkInlineResults(p: ApiPayload): { ok: true } | { error: string; code: number } {
    const results = p.results as ApiPayload[] | undefined;
    if (!Array.isArray(results)) return bad('field "results" must be an Array');
    if (results.length > INLINE_RESULTS_LIMIT) return bad("RESULTS_TOO_MUCH");
    const ids = new Set<string>();
    for (const r of results) {
      const id = String(r.id ?? "");
      if (id === "" || Buffer.byteLength(id) > 64) return bad("RESULT_ID_INVALID");
      if (ids.has(id)) return bad("RESULT_ID_DUPLICATE");
      ids.add(id);
      if (r.type !== "article")
        return bad(`unsupported result type "${String(r.type)}" in the fake server`);
      if (typeof r.title !== "string" || r.title.trim() === "") return bad("RESULT_TITLE_EMPTY");
      const content = r.input_message_content as ApiPayload | undefined;
      if (content === undefined) return bad("input_message_content is required");
      const checked = this.checkText({
        ...content,
        text: content.message_text,
        reply_markup: r.reply_markup,
      });
      if ("error" in checked) return checked;
    }
    if (p.cache_time !== undefined && !(Number.isInteger(p.cache_time) && p.cache_time >= 0))
      return bad("cache_time must be a non-negative integer");
    if (p.is_personal !== undefined && typeof p.is_personal !== "boolean")
      return bad("is_personal must be a Boolean");
    if (typeof p.next_offset === "string" && Buffer.byteLength(p.next_offset) > 64)
      return bad("NEXT_OFFSET_INVALID");
    const start = p.button?.start_parameter;
    if (start !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(String(start)))
      return bad("START_PARAM_INVALID");
    return { ok: true };
  }

  /** Telegram's checks on a message text: markup, length, buttons. */
  private checkText(
    p: ApiPayload,
  ): { text: string; entities: ParsedEntity[] } | { error: string; code: number } {
    if (typeof p.text !== "string") return bad("message text is empty");
    let text = p.text;
    let entities: ParsedEntity[] = [];
    if (p.parse_mode === "HTML") {
      const parsed = parseTelegramHtml(p.text);
      if ("error" in parsed) return bad(`can't parse entities: ${parsed.error}`);
      text = parsed.text;
      entities = parsed.entities;
    } else if (p.parse_mode !== undefined) {
      return bad(`unsupported parse_mode "${String(p.parse_mode)}" in the fake server`);
    }
    if (text.trim() === "") return bad("message text is empty");
    if (text.length > TELEGRAM_TEXT_LIMIT) return bad("message is too long");
    for (const row of (p.reply_markup?.inline_keyboard ?? []) as Array<
      Array<{ text?: string; callback_data?: string }>
    >) {
      for (const button of row) {
        if (!button.text) return bad("BUTTON_TEXT_EMPTY");
        if (
          button.callback_data !== undefined &&
          (button.callback_data.length === 0 ||
            Buffer.byteLength(button.callback_data) > CALLBACK_DATA_LIMIT)
        )
          return bad("BUTTON_DATA_INVALID");
      }
    }
    return { text, entities };
  }

  /** A `message_thread_id` names a topic of that chat (none given is the chat itself). */
  private threadExists(p: ApiPayload): boolean {
    if (p.message_thread_id === undefined) return true;
    return this.threads.get(Number(p.chat_id))?.has(Number(p.message_thread_id)) === true;
  }

  /** Users' messages by `chat:id`: the `reply_to_message` of the bot's replies to them. */
  private readonly received = new Map<string, Message>();

  private remember(message: Message): void {
    const ids = this.messageIds.get(message.chat.id) ?? new Set<number>();
    ids.add(message.message_id);
    this.messageIds.set(message.chat.id, ids);
    if (message.from?.id === this.botInfo.id)
      this.sent.set(`${message.chat.id}:${message.message_id}`, message);
  }

  private user(options: SenderOptions): User {
    const id = options.userId ?? 1001;
    return {
      id,
      is_bot: false,
      first_name: `User${id}`,
      language_code: options.languageCode ?? "zh-hans",
    };
  }

  private baseMessage(options: MessageOptions): Omit<Message, "text"> {
    const from = this.user(options);
    const type = options.chatType ?? "private";
    const chatId = options.chatId ?? (type === "private" ? from.id : -1_000_000_000_000 - from.id);
    const chat = (
      type === "private"
        ? { id: chatId, type, first_name: from.first_name }
        : {
            id: chatId,
            type,
            title: "西宁报读者群",
            ...(options.threadId !== undefined ? { is_forum: true } : {}),
          }
    ) as Chat;
    this.chats.set(chatId, chat);
    const message = {
      message_id: this.nextMessageId++,
      date: now(),
      chat,
      from,
      ...(options.replyTo ? { reply_to_message: options.replyTo } : {}),
      ...(options.quote !== undefined
        ? {
            quote: {
              text: options.quote,
              position: Math.max(0, options.replyTo?.text?.indexOf(options.quote) ?? 0),
            },
          }
        : {}),
      ...(options.threadId !== undefined
        ? { message_thread_id: options.threadId, is_topic_message: true }
        : {}),
    } as Message;
    this.remember(message);
    if (options.threadId !== undefined) {
      const threads = this.threads.get(chatId) ?? new Set<number>();
      threads.add(options.threadId);
      this.threads.set(chatId, threads);
    }
    return message;
  }
}

function bad(description: string): { error: string; code: number } {
  return { error: `Bad Request: ${description}`, code: 400 };
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function send(res: ServerResponse, status: number, body: ApiResponse): void {
  if (res.writableEnded || res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Form values arrive as strings; Telegram reads numbers and JSON objects out of them. */
function coerce(value: string): unknown {
  if (/^-?\d+$/.test(value)) return Number(value);
  if (/^[[{]/.test(value) || value === "true" || value === "false") {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function parsePayload(contentType: string, body: string): ApiPayload {
  if (body === "") return {};
  if (contentType.startsWith("application/json")) return JSON.parse(body) as ApiPayload;
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    return Object.fromEntries([...new URLSearchParams(body)].map(([k, v]) => [k, coerce(v)]));
  }
  throw new Error(
    `unsupported content type "${contentType}" (the fake speaks JSON and url-encoded forms)`,
  );
}

/** `bot_command` and `mention` entities, as Telegram's clients attach them. */
function entitiesFor(text: string): { entities?: MessageEntity[] } {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const m of text.matchAll(/@[A-Za-z][A-Za-z0-9_]{3,31}/g)) {
    if (command && m.index < command[0].length) continue;
    entities.push({ type: "mention", offset: m.index, length: m[0].length });
  }
  return entities.length > 0 ? { entities } : {};
}

const TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);

/** A formatting entity as Telegram derives it from HTML (offsets in UTF-16 code units). */
export interface ParsedEntity {
  type: string;
  offset: number;
  length: number;
}

const ENTITY_TYPES: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  span: "spoiler",
  "tg-spoiler": "spoiler",
  a: "text_link",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-emoji": "custom_emoji",
};

/**
 * Telegram's HTML parse mode: the supported tags only, properly nested and closed; `<` only as
 * a tag; the entities `&lt; &gt; &amp; &quot;` and numeric ones (an `&` that starts no entity is
 * kept as text, as Telegram does). `<blockquote>` takes no attribute but `expandable` (then it is
 * an `expandable_blockquote`), and block quotes do not nest. Returns the visible text and its
 * entities, or an error worded like Telegram's.
 */
export function parseTelegramHtml(
  html: string,
): { text: string; entities: ParsedEntity[] } | { error: string } {
  const open: Array<{ name: string; type: string; offset: number }> = [];
  const entities: ParsedEntity[] = [];
  let text = "";
  let i = 0;
  const at = (index: number) => `at byte offset ${Buffer.byteLength(html.slice(0, index))}`;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end === -1) return { error: `Unclosed start tag ${at(i)}` };
      const inner = html.slice(i + 1, end);
      if (inner.startsWith("/")) {
        const name = inner.slice(1).trim().toLowerCase();
        const expected = open.pop();
        if (expected === undefined) return { error: `Unexpected end tag ${at(i)}` };
        if (name !== expected.name)
          return {
            error: `Unmatched end tag ${at(i)}, expected "</${expected.name}>", found "</${name}>"`,
          };
        if (text.length > expected.offset)
          entities.push({
            type: expected.type,
            offset: expected.offset,
            length: text.length - expected.offset,
          });
      } else {
        const name = /^([a-z-]+)(\s|$)/i.exec(inner)?.[1]?.toLowerCase();
        if (name === undefined || !TAGS.has(name))
          return { error: `Unsupported start tag "${inner.split(/\s/)[0] ?? ""}" ${at(i)}` };
        if (name === "span" && !/class\s*=\s*"tg-spoiler"/.test(inner))
          return { error: `Tag "span" must have class "tg-spoiler" ${at(i)}` };
        if (name === "a" && !/href\s*=/.test(inner))
          return { error: `Tag "a" must have attribute "href" ${at(i)}` };
        let type = ENTITY_TYPES[name]!;
        if (name === "blockquote") {
          const attributes = inner.slice(name.length).trim();
          if (attributes !== "" && attributes !== "expandable")
            return {
              error: `Tag "blockquote" must have no attributes except "expandable" ${at(i)}`,
            };
          if (open.some((o) => o.name === "blockquote"))
            return { error: `Blockquote entities can't be nested ${at(i)}` };
          if (attributes === "expandable") type = "expandable_blockquote";
        }
        open.push({ name, type, offset: text.length });
      }
      i = end + 1;
      continue;
    }
    if (ch === "&") {
      const entity = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/i.exec(html.slice(i, i + 12));
      if (entity) {
        const name = entity[1]!.toLowerCase();
        const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
        if (name.startsWith("#")) {
          const code = name.startsWith("#x")
            ? parseInt(name.slice(2), 16)
            : parseInt(name.slice(1), 10);
          if (code > 0x10ffff || code === 0)
            return { error: `Invalid numeric HTML entity ${at(i)}` };
          text += String.fromCodePoint(code);
        } else if (named[name] !== undefined) {
          text += named[name];
        } else {
          return { error: `Unsupported HTML entity "&${name};" ${at(i)}` };
        }
        i += entity[0].length;
        continue;
      }
    }
    text += ch;
    i++;
  }
  const unclosed = open.pop();
  if (unclosed !== undefined)
    return { error: `Can't find end tag corresponding to start tag "${unclosed.name}"` };
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}
