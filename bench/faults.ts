/**
 * Replays the faults of issue 11 against the real commands and reports, for each, the questions
 * asked / answered / lost afterwards and the files lost (pages in SEEDS_DIR and an operator's own
 * files in INDEX_DIR that are gone). Every scenario must end with 0 lost. Its behaviours are tested
 * one by one in `npm test`; this is the end-to-end replay, slow (real processes, a 20 s drain), so
 * it lives in `npm run bench -- faults`.
 *
 *   concurrent-build  two `npm run embed` at once on one INDEX_DIR
 *   kill-mid-build    `npm run embed` SIGKILLed while it ingests, then built again
 *   empty-seeds       every page gone from SEEDS_DIR (an unmounted volume): embed, then ask
 *   large-page        a 1 M-character page and one over the 5 MB limit among the real ones
 *   sigterm-slow-llm  the bot (`npm start`) stopped by SIGTERM while an LLM that never replies holds
 *                     every answer, then started again: each question answered by one of the two
 *
 *   npx tsx bench/faults.ts
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadQuestionUnderstanding } from "../src/answer/question-understanding.js";
import { composeEngine } from "../src/app/compose-engine.js";
import { LARGE_INGEST_CHARS } from "../src/index/build-index.js";
import { loadIndex } from "../src/index/load-index.js";
import { TEXTS } from "../src/interfaces/telegram/texts.js";
import { startFakeOpenAiServer } from "../test/helpers/fake-openai-server.js";
import { FakeTelegramServer } from "../test/helpers/fake-telegram-server.js";
import { SEEDS_DIR, seedText } from "../test/helpers/seeds.js";

/** Questions the five pages answer, with the fact a correct answer holds. */
const QUESTIONS = [
  { q: "西宁开发区多晶硅出口额是多少？", fact: "8.5亿元" },
  { q: "省政协十三届三次会议实到多少委员？", fact: "353人" },
  { q: "西宁公安给受害群众返还了多少涉案资金？", fact: "1031.5万" },
];

interface Outcome {
  asked: number;
  answered: number;
  lost: number;
  files_lost: number;
  note: string;
}

const root = await mkdtemp(join(tmpdir(), "bench-faults-"));
const results: Record<string, Outcome> = {};
try {
  results["concurrent-build"] = await concurrentBuild();
  results["kill-mid-build"] = await killMidBuild();
  results["empty-seeds"] = await emptySeeds();
  results["large-page"] = await largePage();
  results["sigterm-slow-llm"] = await sigtermSlowLlm();
} finally {
  await rm(root, { recursive: true, force: true });
}
const lost = Object.values(results).reduce((n, r) => n + r.lost + r.files_lost, 0);
console.log(JSON.stringify({ ...results, total_lost: lost }, null, 2));
process.exitCode = lost === 0 ? 0 : 1;

// ---- scenarios ---------------------------------------------------------------------------

async function concurrentBuild(): Promise<Outcome> {
  const ws = await workspace("concurrent", { large: true });
  const [a, b] = await Promise.all([embed(ws), embed(ws)]);
  const codes = [a.code, b.code].sort();
  const refused = [a, b].find((r) => r.code !== 0);
  return {
    ...(await askFrom(ws.indexDir)),
    files_lost: await filesLost(ws),
    note: `exit codes ${codes.join(", ")}${refused ? `; the other said: ${lastLine(refused.stderr)}` : ""}`,
  };
}

async function killMidBuild(): Promise<Outcome> {
  const ws = await workspace("kill");
  const first = await embed(ws);
  if (first.code !== 0) throw new Error(`first build failed: ${first.stderr}`);
  await addLargePage(ws.seedsDir);
  // Killed at its first progress line of the large ingest: before anything is published.
  const killed = await embed(ws, { killOn: /^ingesting: /m });
  const afterKill = await askFrom(ws.indexDir);
  const again = await embed(ws);
  const after = await askFrom(ws.indexDir);
  return {
    asked: afterKill.asked + after.asked,
    answered: afterKill.answered + after.answered,
    lost: afterKill.lost + after.lost,
    files_lost: await filesLost(ws),
    note: `killed by ${killed.signal ?? `exit ${killed.code}`}; answered from the previous index, then the next build exited ${again.code}`,
  };
}

async function emptySeeds(): Promise<Outcome> {
  const ws = await workspace("empty");
  await embed(ws);
  // The volume is unmounted: the pages are not deleted, just not there.
  const away = join(ws.root, "unmounted");
  await rename(ws.seedsDir, away);
  await mkdir(ws.seedsDir);
  const refused = await embed(ws);
  const asked = await askFrom(ws.indexDir);
  await rm(ws.seedsDir, { recursive: true });
  await rename(away, ws.seedsDir);
  return {
    ...asked,
    files_lost: await filesLost(ws),
    note: `embed exit ${refused.code}: ${lastLine(refused.stderr)}`,
  };
}

async function largePage(): Promise<Outcome> {
  const ws = await workspace("large", { large: true });
  await writeFile(join(ws.seedsDir, "zzz_over_limit.txt"), "西".repeat(2_000_000));
  const started = performance.now();
  const built = await embed(ws);
  const seconds = (performance.now() - started) / 1000;
  const skipped = /skipped zzz_over_limit\.txt: ([^\n]*)/.exec(built.stderr)?.[1] ?? "not skipped";
  return {
    ...(await askFrom(ws.indexDir)),
    files_lost: await filesLost(ws),
    note: `embed exit ${built.code} in ${seconds.toFixed(1)} s; the page over the limit: ${skipped}`,
  };
}

async function sigtermSlowLlm(): Promise<Outcome> {
  const ws = await workspace("sigterm");
  await embed(ws);
  const telegram = await FakeTelegramServer.start();
  const llm = await startFakeOpenAiServer();
  let releaseLlm!: () => void;
  const firstRunOver = new Promise<void>((resolve) => {
    releaseLlm = resolve;
  });
  // The first run's LLM never replies while it runs; the restarted bot gets replies at once.
  llm.script({ content: "据报道，「多晶硅出口8.5亿元」，居全国首位[1]。", hold: firstRunOver });
  try {
    const updates = Array.from({ length: 12 }, (_, i) =>
      telegram.text(QUESTIONS[i % QUESTIONS.length]!.q, { userId: 7000 + i }),
    );
    const first = startBot(ws, telegram, llm.baseUrl);
    // Every question fetched and its answer waiting on the LLM: then the signal.
    await telegram.waitFor(
      () => updates.every((u) => telegram.delivered.has(u.update_id)),
      120_000,
    );
    await llm.received(updates.length);
    first.child.kill("SIGTERM");
    const firstExit = await first.exited;
    const confirmed = telegram.acknowledged();
    const confirmedUnanswered = updates.filter(
      (u) => confirmed.includes(u.update_id) && !telegram.repliesTo(u).some(answeredReply),
    ).length;
    releaseLlm();
    const apologised = updates.filter((u) =>
      telegram.repliesTo(u).some((c) => c.visibleText === TEXTS.zh.stoppedUnanswered),
    ).length;
    const answeredFirst = updates.filter((u) => telegram.repliesTo(u).some(answeredReply)).length;

    const second = startBot(ws, telegram, llm.baseUrl);
    const answeredIn = (u: (typeof updates)[number]) => telegram.repliesTo(u).some(answeredReply);
    await telegram.waitFor(() => updates.every(answeredIn), 120_000).catch(() => undefined);
    second.child.kill("SIGTERM");
    await second.exited;
    const answered = updates.filter(answeredIn).length;
    return {
      asked: updates.length,
      answered,
      lost: updates.length - answered,
      files_lost: await filesLost(ws),
      note: `first bot exited ${firstExit} after SIGTERM: ${answeredFirst} answered before the exit (LLM calls cut short to the extractive answer when the drain budget ended), ${apologised} apologised for, ${confirmedUnanswered} unanswered update(s) confirmed to Telegram; the restarted bot answered ${answered - answeredFirst} more`,
    };
  } finally {
    await telegram.close();
    await llm.close();
  }
}

/** A reply that is an answer, not the apology of a stopping bot. */
function answeredReply(call: { visibleText?: string }): boolean {
  return call.visibleText !== undefined && call.visibleText !== TEXTS.zh.stoppedUnanswered;
}

// ---- helpers -----------------------------------------------------------------------------

interface Workspace {
  root: string;
  seedsDir: string;
  indexDir: string;
  /** Files that are not the program's: they must survive every fault. */
  keep: string[];
}

async function workspace(name: string, options: { large?: boolean } = {}): Promise<Workspace> {
  const dir = join(root, name);
  const seedsDir = join(dir, "seeds");
  const indexDir = join(dir, "embeddings");
  await cp(SEEDS_DIR, seedsDir, { recursive: true });
  if (options.large) await addLargePage(seedsDir);
  // An operator's own files in INDEX_DIR, named like builds (issue 11, defect 1).
  await mkdir(join(indexDir, "build-scripts"), { recursive: true });
  await writeFile(join(indexDir, "build-scripts", "backup.sh"), "#!/bin/sh\n");
  await writeFile(join(indexDir, "build-notes.txt"), "notes\n");
  const pages = (await readdir(seedsDir)).map((f) => join(seedsDir, f));
  return {
    root: dir,
    seedsDir,
    indexDir,
    keep: [
      ...pages,
      join(indexDir, "build-scripts", "backup.sh"),
      join(indexDir, "build-notes.txt"),
    ],
  };
}

async function addLargePage(seedsDir: string): Promise<void> {
  const page = seedText("001").text;
  const copies = Math.ceil(LARGE_INGEST_CHARS / page.length);
  await writeFile(
    join(seedsDir, "999_large.txt"),
    Array.from({ length: copies }, () => page).join("\n\n"),
  );
}

async function filesLost(ws: Workspace): Promise<number> {
  return ws.keep.filter((f) => !existsSync(f)).length;
}

/** Asks the questions of the index there is, as the REPL would open it (never rebuilding it). */
async function askFrom(indexDir: string): Promise<Omit<Outcome, "files_lost" | "note">> {
  const asked = QUESTIONS.length;
  const index = await loadIndex(indexDir, null).catch(() => null);
  if (index === null) return { asked, answered: 0, lost: asked };
  const engine = composeEngine({
    index,
    embeddings: null,
    understanding: await loadQuestionUnderstanding(index),
    llm: null,
  });
  let answered = 0;
  for (const { q, fact } of QUESTIONS) {
    const answer = await engine.ask(q);
    if (answer.grounded && answer.answer.includes(fact)) answered++;
  }
  return { asked, answered, lost: asked - answered };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** `npm run embed` on the workspace, keyword-only; SIGKILLed when `killOn` shows on stderr. */
function embed(ws: Workspace, options: { killOn?: RegExp } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/embed.ts"], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        TMPDIR: process.env.TMPDIR ?? tmpdir(),
        DOTENV_PATH: "/nonexistent/.env",
        SEEDS_DIR: ws.seedsDir,
        INDEX_DIR: ws.indexDir,
        MODELS_DIR: join(ws.root, "no-models"),
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      if (options.killOn?.test(stderr)) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}

function startBot(ws: Workspace, telegram: FakeTelegramServer, llmBaseUrl: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/bot.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      TMPDIR: process.env.TMPDIR ?? tmpdir(),
      DOTENV_PATH: "/nonexistent/.env",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      SEEDS_DIR: ws.seedsDir,
      INDEX_DIR: ws.indexDir,
      MODELS_DIR: join(ws.root, "no-models"),
      LLM_BASE_URL: llmBaseUrl,
      LLM_API_KEY: "sk-bench",
      LLM_MODEL: "slow-model",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "ignore"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited };
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split("\n")
      .filter((l) => l.trim() !== "")
      .at(-1) ?? ""
  );
}
