import { Context, type SessionFlavor } from "grammy";
import type { ConversationEngine } from "../../conversation/conversation.js";
import type { ChatSession } from "./chat-session.js";
import type { QaEngine } from "../../answer/qa-engine.js";
import type { Language } from "../../answer/types.js";
import { detectLanguage } from "../../answer/language.js";
import type { Logger } from "../../util/logger.js";
import type { AnswerFeedback } from "./answer-feedback.js";
import type { BotStats } from "./bot-stats.js";
import type { InlineQueryResultArticle } from "grammy/types";
import type { InlineCache } from "./inline-cache.js";
import type { Texts } from "./texts.js";
import { isTraditionalCode, uiFor, type UiLanguage, type UiTexts } from "./ui-texts.js";

/** What every handler may use, reached through `ctx.services` rather than module globals. */
export interface BotServices {
  engine: QaEngine;
  /** Follow-ups, browsing, summaries: the conversation layer over `engine`. */
  conversations: ConversationEngine;
  /** The bot's logger; handlers write through `ctx.log`, which names their update. */
  log: Logger;
  /** Example questions for /start, by language. */
  examples: Record<Language, readonly string[]>;
  /**
   * Aborted when a stopping bot's drain budget ends: answers still waiting on the LLM drop that
   * call and give the extractive answer at once, rather than an apology.
   */
  cutShort?: AbortSignal;
  /** The answers under 👍/👎 buttons, and where presses are written. */
  feedback: AnswerFeedback;
  /** What /stats reports of this process. */
  stats: BotStats;
  /** `/reload`'s work: the live index's check now; null when the index is not live. */
  reload: (() => Promise<void>) | null;
  /** Users who may use /stats (`ADMIN_USER_IDS`). */
  admins: ReadonlySet<number>;
  /** The bot's clock (feedback times, "today" in /stats). */
  clock: () => number;
  /** The interface texts in Simplified, Traditional and English. */
  ui: UiTexts;
  /** LLM answers being streamed, by `chat:draft id`: what a stop button aborts. */
  generations: Map<string, AbortController>;
  /** How often a streamed answer's draft is renewed. */
  draftIntervalMs: number;
  /** Recent inline queries' cards. */
  inlineCache: InlineCache<InlineQueryResultArticle[]>;
}

/**
 * The context every feature sees: grammY's own, plus the services and the reply language.
 * `ctx.lang` follows the message text when it has words (a Chinese question gets Chinese UI),
 * else the user's Telegram language (`zh*` → Chinese, any other → English), else Chinese.
 */
export class BotContext extends Context implements SessionFlavor<ChatSession> {
  declare readonly services: BotServices;
  /** This chat's (or forum topic's) conversation, from grammY's session middleware. */
  declare session: ChatSession;

  get lang(): Language {
    const text = writtenBy(this);
    if (/[\p{Script=Han}A-Za-z]/u.test(text)) return detectLanguage(text);
    const code = this.from?.language_code;
    if (code === undefined) return "zh";
    return code.toLowerCase().startsWith("zh") ? "zh" : "en";
  }

  /**
   * The log of this update: every line carries `update <id>: `, so no handler writes the id by
   * hand.
   */
  get log(): Logger {
    return this.services.log.child(`update ${this.update.update_id}`);
  }

  /**
   * The interface language: English or Chinese as {@link lang} says; Chinese in Traditional
   * characters when the reader writes them, or (writing no Chinese) when their Telegram is set to
   * Traditional Chinese (zh-hant, zh-tw, zh-hk).
   */
  get uiLanguage(): UiLanguage {
    const lang = this.lang;
    if (lang === "en") return "en";
    // Only what the reader wrote tells their script: a button's message is the bot's (and quotes
    // pages, whose OCR has a stray Traditional character here and there).
    const text = this.callbackQuery ? "" : writtenBy(this);
    if (/\p{Script=Han}/u.test(text))
      return this.services.ui.isTraditional(text) ? "zh-Hant" : "zh";
    return isTraditionalCode(this.from?.language_code) ? "zh-Hant" : "zh";
  }

  /** The fixed strings in the interface language. */
  get t(): Texts {
    return this.services.ui.texts[this.uiLanguage];
  }

  /** The fixed strings for a reply in `language` (an answer's), in this reader's script. */
  textsFor(language: Language): Texts {
    return this.services.ui.texts[uiFor(language, this.uiLanguage)];
  }
}

/** What the reader wrote: a message, a caption or an inline query. */
function writtenBy(ctx: Context): string {
  // The command and @mentions are Latin letters in any language: they say nothing about it.
  return (ctx.msg?.text ?? ctx.msg?.caption ?? ctx.inlineQuery?.query ?? "")
    .replace(/^\/\S+/, "")
    .replace(/@\w+/g, "")
    .trim();
}

/**
 * A `ContextConstructor` for `new Bot(…)` that hands the same services to every update's
 * context (bot-base/telegram-bot-template's pattern): handlers stay free of globals, and a test
 * builds the bot with whatever engine it likes.
 */
export function createContextConstructor(services: BotServices) {
  return class extends BotContext {
    override readonly services = services;
  };
}
