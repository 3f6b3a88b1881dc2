import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Language } from "../../answer/types.js";

/** The command menu Telegram shows, per language; registered at start with `setMyCommands`. */
const COMMANDS: Record<Language, BotCommand[]> = {
  zh: [
    { command: "start", description: "收录了什么，示例问题" },
    { command: "help", description: "怎么用" },
    { command: "ask", description: "提问（群里不必@我）" },
    { command: "sources", description: "已收录的报道（按版面）" },
    { command: "latest", description: "浏览最新版面" },
    { command: "pages", description: "按版面浏览" },
    { command: "search", description: "按关键词列出相关段落" },
    { command: "new", description: "开始新的对话" },
  ],
  en: [
    { command: "start", description: "What I know, example questions" },
    { command: "help", description: "How to use me" },
    { command: "ask", description: "Ask a question (in groups without a mention)" },
    { command: "sources", description: "The collected reports, by page" },
    { command: "latest", description: "Browse the latest pages" },
    { command: "pages", description: "Browse by page" },
    { command: "search", description: "Passages matching some words" },
    { command: "new", description: "Start a new conversation" },
  ],
};

/**
 * Chinese for everyone (and for `zh` explicitly), English for users whose Telegram is set to
 * English. Telegram keys command menus by two-letter ISO 639-1 code only, so zh-Hans and zh-Hant
 * cannot get different menus: Traditional readers see the Simplified descriptions here, and
 * Traditional texts everywhere else.
 */
export async function registerCommands(api: Api): Promise<void> {
  await api.setMyCommands(COMMANDS.zh);
  await api.setMyCommands(COMMANDS.zh, { language_code: "zh" });
  await api.setMyCommands(COMMANDS.en, { language_code: "en" });
}
