import { describe, expect, it } from "vitest";
import { createLogger, terminalLine, type LogLevel } from "../../src/util/logger.js";

const collect = (level?: LogLevel | "silent") => {
  const lines: Array<[LogLevel, string]> = [];
  const log = createLogger({
    ...(level ? { level } : {}),
    secrets: ["123:SECRET"],
    write: (l, m) => lines.push([l, m]),
  });
  return { log, lines };
};

describe("the logger", () => {
  it("writes each line with its level as data, dropping those below the threshold", () => {
    const { log, lines } = collect("info");
    log.debug("hidden");
    log.info("index ready");
    log.warn("model missing");
    log.error("failed");
    expect(lines).toEqual([
      ["info", "index ready"],
      ["warn", "model missing"],
      ["error", "failed"],
    ]);
    const silent = collect("silent");
    silent.log.error("x");
    expect(silent.lines).toEqual([]);
  });

  it("a child carries its prefix on every line (the bot's update id), nested children too, secrets redacted", () => {
    const { log, lines } = collect("debug");
    const update = log.child("update 42");
    update.warn("the apology could not be sent");
    update.child("sendMessage").debug("token 123:SECRET in a URL");
    expect(lines).toEqual([
      ["warn", "update 42: the apology could not be sent"],
      ["debug", "update 42: sendMessage: token *** in a URL"],
    ]);
  });

  it("renders a level for a terminal the way the commands always printed it", () => {
    expect(terminalLine("info", "Index ready.")).toBe("Index ready.");
    expect(terminalLine("warn", "skipped a.txt")).toBe("warning: skipped a.txt");
    expect(terminalLine("error", "boom")).toBe("error: boom");
  });
});
