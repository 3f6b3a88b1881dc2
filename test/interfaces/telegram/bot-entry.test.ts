import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegramServer, failures } from "../../helpers/fake-telegram-server.js";
import { botCommand } from "../../../src/cli/commands/bot.js";
import { commandEnv, PROJECT_ROOT } from "../../helpers/run-command.js";
import { runInProcess } from "../../helpers/run-in-process.js";
import { freePort } from "../../helpers/free-port.js";

/** `npm start` as a real process, pointed at the fake Bot API server by TELEGRAM_API_ROOT. */
interface BotProcess {
  child: ChildProcess;
  output: () => string;
  /**
   * Resolves when the output so far matches `pattern` (checked as each chunk arrives, no polling).
   */
  outputMatches: (pattern: RegExp) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/bot.ts"], {
    cwd: PROJECT_ROOT,
    env: commandEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const append = (d: string) => {
    output += d;
    for (const w of waiters.filter((x) => x.pattern.test(output))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout!.setEncoding("utf8").on("data", append);
  child.stderr!.setEncoding("utf8").on("data", append);
  const outputMatches = (pattern: RegExp) =>
    pattern.test(output)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ pattern, resolve }));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, outputMatches, exited };
}

let env: Record<string, string>;
beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), "qa-bot-"));
  // No model: the bot answers keyword-only and builds its index in a fresh folder, saying so.
  env = {
    INDEX_DIR: join(root, "embeddings"),
    MODELS_DIR: join(root, "no-models"),
    LOG_LEVEL: "debug",
  };
  // Removed when the file is done: no temp folder is left behind.
  return () => rm(root, { recursive: true, force: true });
});

describe("npm start", () => {
  it("without TELEGRAM_BOT_TOKEN exits 1, saying how to set it and that the REPL needs none", async () => {
    const { code, stderr } = await runInProcess(botCommand, [], env);
    expect(code).toBe(1);
    expect(stderr).toContain("TELEGRAM_BOT_TOKEN is not set");
    expect(stderr).toContain(".env");
    expect(stderr).toContain("npm run repl");
  });

  it("with a token Telegram rejects exits 1 saying so, without printing the token", async () => {
    const server = await FakeTelegramServer.start();
    try {
      const wrong = "987654321:WRONG-token_abcdefghijklmnopqrstuvw";
      const { code, stderr } = await runInProcess(botCommand, [], {
        ...env,
        TELEGRAM_BOT_TOKEN: wrong,
        TELEGRAM_API_ROOT: server.apiRoot,
      });
      expect(code).toBe(1);
      expect(stderr).toContain("Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized)");
      expect(stderr).not.toContain(wrong.split(":")[1]);
      expect(stderr).not.toContain("No index in"); // told before any index work
      expect(server.callsOf("getUpdates")).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("with TELEGRAM_API_ROOT pointing nowhere exits 1 naming it", async () => {
    const server = await FakeTelegramServer.start();
    const apiRoot = server.apiRoot;
    await server.close(); // a port where nothing listens any more
    const { code, stderr } = await runInProcess(botCommand, [], {
      ...env,
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: apiRoot,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot reach the Bot API at ${apiRoot}`);
    expect(stderr).not.toContain(server.token.split(":")[1]);
  });

  it("never prints the user:password of TELEGRAM_API_ROOT when the Bot API cannot be reached", async () => {
    const server = await FakeTelegramServer.start();
    const apiRoot = server.apiRoot;
    await server.close(); // a port where nothing listens any more
    const withCredentials = apiRoot.replace("://", "://admin:S3cretPw@");
    const { code, stderr } = await runInProcess(botCommand, [], {
      ...env,
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: withCredentials,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot reach the Bot API at ${apiRoot}`);
    expect(stderr).not.toContain("S3cretPw");
    expect(stderr).not.toContain("admin:");
    expect(stderr).not.toContain(server.token.split(":")[1]);
  });

  it("never prints the user:password of TELEGRAM_API_ROOT when Telegram rejects the token", async () => {
    const server = await FakeTelegramServer.start();
    try {
      const wrong = "987654321:WRONG-token_abcdefghijklmnopqrstuvw";
      const { code, stderr } = await runInProcess(botCommand, [], {
        ...env,
        TELEGRAM_BOT_TOKEN: wrong,
        TELEGRAM_API_ROOT: server.apiRoot.replace("://", "://admin:S3cret%40Pw@"),
      });
      expect(code).toBe(1);
      expect(stderr).toContain("Telegram rejected TELEGRAM_BOT_TOKEN");
      expect(stderr).not.toContain("S3cret");
      expect(stderr).not.toContain(wrong.split(":")[1]);
    } finally {
      await server.close();
    }
  });

  describe("against a fake Bot API server", () => {
    let server: FakeTelegramServer;
    let bot: BotProcess;
    beforeAll(async () => {
      server = await FakeTelegramServer.start();
      server.webhookUrl = "https://example.org/old-webhook"; // left over from a webhook deployment
      bot = startBotProcess({
        ...env,
        TELEGRAM_BOT_TOKEN: server.token,
        TELEGRAM_API_ROOT: server.apiRoot,
      });
      await server.waitFor((c) => c.method === "getUpdates", 20_000);
      // The start-up line reaches us through a pipe, the first getUpdates through a socket: either
      // may come first.
      await bot.outputMatches(/is answering on long polling/);
    }, 30_000);
    afterAll(async () => {
      bot.child.kill("SIGKILL");
      await server.close();
    });

    it("starts cleanly: removes the webhook, registers the commands, then polls", () => {
      const methods = server.calls.map((c) => c.method);
      expect(methods.indexOf("deleteWebhook")).toBeGreaterThanOrEqual(0);
      expect(methods.indexOf("deleteWebhook")).toBeLessThan(methods.indexOf("getUpdates"));
      expect(server.commands.get("")?.map((c) => c.command)).toEqual([
        "start",
        "help",
        "ask",
        "sources",
        "latest",
        "pages",
        "search",
        "new",
      ]);
      expect(server.commands.get("en")?.[0]?.description).toBe("What I know, example questions");
      expect(bot.output()).toContain("No index in");
      expect(bot.output()).toMatch(/is answering on long polling/);
    });

    it("answers a Chinese question with the fact, [1], the headline and a button that opens the passage", async () => {
      const asked = server.text("西宁开发区多晶硅出口额是多少？", { userId: 2001 });
      const reply = await server.waitFor(
        (c) => c.method === "sendMessage" && c.payload.chat_id === 2001,
      );
      expect(
        server
          .callsOf("sendChatAction")
          .some((c) => c.payload.chat_id === 2001 && c.payload.action === "typing"),
      ).toBe(true);
      expect(reply.payload.parse_mode).toBe("HTML");
      expect(reply.payload.reply_parameters.message_id).toBe(asked.message.message_id);
      expect(reply.visibleText).toContain("8.5亿元");
      expect(reply.visibleText).toContain("[1]");
      expect(reply.visibleText).toContain(
        "[1] 《多项指标领跑! 西宁开发区经济答卷亮眼》 · 003_bcfb9783f9e97214.txt",
      );
      const button = reply.payload.reply_markup.inline_keyboard[0][0];
      expect(button.text).toBe("[1] 原文");

      const press = server.pressButton(server.sentMessage(reply), button.callback_data, {
        userId: 2001,
      });
      const answered = await server.waitFor(
        (c) =>
          c.method === "answerCallbackQuery" &&
          c.payload.callback_query_id === press.callback_query!.id,
      );
      expect(answered.response?.ok).toBe(true);
      const passage = await server.waitFor(
        (c) => c.method === "sendMessage" && c.seq > reply.seq && c.payload.chat_id === 2001,
      );
      // The whole passage, more than the quoted sentence, with the quote in bold.
      expect(passage.visibleText).toContain("《多项指标领跑! 西宁开发区经济答卷亮眼》");
      expect(passage.visibleText).toContain("西宁开发区作为我市乃至全省经济高质量发展的主战场");
      expect(passage.payload.text).toContain("<b>多晶硅出口8.5亿元");
    });

    it("on SIGTERM stops polling, finishes the answers in hand (one in a 429 back-off), confirms them only then, exits 0, never logging the token", async () => {
      // The first answer meets a 429 (retry after 2 s): it is certainly still in hand at SIGTERM.
      server.fail("sendMessage", failures.tooManyRequests(2));
      const asked = [1, 2, 3, 4, 5, 6].map((i) =>
        server.text(i % 2 ? "省政协十三届三次会议实到多少委员？" : "西宁市常住人口有多少？", {
          userId: 3000 + i,
        }),
      );
      // Every question fetched (Telegram is told of none until it is answered), and the first
      // answer in auto-retry's back-off when the signal comes.
      await server.waitFor(() => asked.every((u) => server.delivered.has(u.update_id)), 10_000);
      await server.waitFor((c) => c.method === "sendMessage" && c.response?.error_code === 429);
      // What was sent before the signal, by sequence number: what comes after was sent while
      // stopping.
      const before = new Set(server.messages().map((c) => c.seq));
      bot.child.kill("SIGTERM");
      const exit = await bot.exited;
      expect(exit.code).toBe(0);
      const acknowledged = server.acknowledged();
      for (const update of asked) {
        expect(acknowledged).toContain(update.update_id);
        expect(server.repliesTo(update)).toHaveLength(1);
      }
      const retried = server.messages().filter((c) => !before.has(c.seq));
      expect(retried.length).toBeGreaterThan(0); // answered after the signal, before the exit
      expect(bot.output()).toContain("SIGTERM: stopping");
      expect(bot.output()).not.toContain(server.token);
      expect(bot.output()).not.toContain(server.token.split(":")[1]);
    });
  });

  it("BOT_MODE=webhook: /healthz, setWebhook with the secret, an update POSTed with it answered, one without it refused, SIGTERM exits 0 never logging the secret", async () => {
    const server = await FakeTelegramServer.start();
    const port = await freePort();
    const secret = "webhook_SECRET-123";
    const bot = startBotProcess({
      ...env,
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: server.apiRoot,
      BOT_MODE: "webhook",
      // http is fine for a self-hosted Bot API server (here the fake): no warning then.
      WEBHOOK_URL: `http://127.0.0.1:${port}/tg`,
      WEBHOOK_SECRET: secret,
      PORT: String(port),
    });
    try {
      await bot.outputMatches(/is answering on a webhook/);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect(server.callsOf("setWebhook")[0]?.payload).toMatchObject({
        url: `http://127.0.0.1:${port}/tg`,
        secret_token: secret,
      });
      expect(server.callsOf("getUpdates")).toEqual([]);
      const update = server.text("西宁开发区多晶硅出口额是多少？", { userId: 77 });
      const post = (headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${port}/tg`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(update),
        });
      expect((await post({})).status).toBe(401);
      expect((await post({ "x-telegram-bot-api-secret-token": secret })).status).toBe(200);
      const reply = await server.waitFor(
        (c) => c.method === "sendMessage" && Number(c.payload.chat_id) === 77,
        20_000,
      );
      expect(reply.payload.text).toContain("8.5亿元");
      expect(server.callsOf("sendMessage")).toHaveLength(1);
      bot.child.kill("SIGTERM");
      expect((await bot.exited).code).toBe(0);
      expect(bot.output()).not.toContain(secret);
      expect(bot.output()).not.toContain("WEBHOOK_URL is not https");
    } finally {
      bot.child.kill("SIGKILL");
      await server.close();
    }
  }, 60_000);
});
