/**
 * Start-up (issue 14): what a user waits for before the first answer, and what the idle bot holds.
 *
 *   - cold `npm run ask -- "…"` keyword-only against `node -e 0` (and `npm --version`, npm's own
 *     start-up; `npm run` of a script that runs `node -e 0`, the floor under any `npm run` of a
 *     node command; node building native jieba from its dictionary, which every Chinese question
 *     paid before the tokenizer had its own segmenter), and the bare entry without npm
 *     (`node dist/cli/ask.js`, or `node --import tsx src/cli/ask.ts` before the build existed),
 *     contenders interleaved round by round, medians and ratios from the same run;
 *   - `npm run repl`: from launch to the first answer on stdout (the question written at once);
 *   - `npm start` against the fake Bot API server: the RSS of the whole process tree (npm, the
 *     bot, any child) once polling has started and the start-up loads have settled.
 *
 * Keyword-only means no model: `MODELS_DIR` is an empty folder, so nothing is downloaded. A
 * second `ask` contender leaves `MODELS_DIR` unset (the hub, unreachable on this machine). Each
 * process gets the bench's own TMPDIR, warmed first: CC-CEDICT's English index is read from its
 * cache, as on any start after the first.
 *
 *   npm run bench -- start
 *   START_BENCH_BEFORE=/tmp/old npm run bench -- start   (also a copy of the project at an older
 *     commit, `node_modules` linked: its figures measured in the same run, interleaved, under
 *     "before")
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { FakeTelegramServer } from "../test/helpers/fake-telegram-server.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const QUESTION = "西宁开发区多晶硅出口额是多少？";
const ROUNDS = Number(process.env.START_BENCH_ROUNDS ?? 7);
const TARGETS = {
  askSeconds: 0.6,
  askOverNode: 8,
  replFirstAnswerSeconds: 0.8,
  idleBotTreeMb: 160,
};

const dir = await mkdtemp(join(tmpdir(), "bench-start-"));
const noModels = join(dir, "no-models");
const tmp = join(dir, "tmp");
await mkdir(noModels);
await mkdir(tmp);
const baseEnv = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  TMPDIR: tmp,
  DOTENV_PATH: "/nonexistent/.env",
  INDEX_DIR: join(dir, "index"),
  LOG_LEVEL: "warn",
};
const keywordOnly = { ...baseEnv, MODELS_DIR: noModels };

interface Project {
  /** "" for this tree, "before: " for the older copy. */
  prefix: string;
  root: string;
  env: Record<string, string>;
}
const projects: Project[] = [{ prefix: "", root: ROOT, env: keywordOnly }];
const BEFORE = process.env.START_BENCH_BEFORE;
if (BEFORE)
  projects.push({
    prefix: "before: ",
    root: BEFORE,
    env: { ...keywordOnly, INDEX_DIR: join(dir, "index-before") },
  });

/** The entry without npm: the compiled file, or the TypeScript through tsx before there was one. */
function bareAsk(root: string) {
  const compiled = join(root, "dist", "cli", "ask.js");
  return existsSync(compiled)
    ? { label: "node dist/cli/ask.js", argv: [compiled, QUESTION] }
    : {
        label: "node --import tsx src/cli/ask.ts",
        argv: ["--import", "tsx", "src/cli/ask.ts", QUESTION],
      };
}

interface Run {
  ms: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs a command to its end, timed from spawn to exit. */
function timed(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd = ROOT,
): Promise<Run> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdin.end();
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ ms: performance.now() - started, stdout, stderr, code }));
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (x: number, digits = 0) => Number(x.toFixed(digits));

// A project whose one script runs `node -e 0`: what any `npm run` of a node script costs.
const noopProject = join(dir, "noop-project");
await mkdir(noopProject);
await writeFile(
  join(noopProject, "package.json"),
  JSON.stringify({ name: "noop", private: true, scripts: { noop: "node -e 0" } }),
);
// What every Chinese question needed first until the tokenizer had its own segmenter
// (`src/index/segmenter/`, which reads a cached binary dictionary): native jieba built from its
// dictionary, and one cut. Kept as the reference for what that change saved.
const JIEBA_ALONE = `
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";
const dict = readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt"));
Jieba.withDict(dict).cut(${JSON.stringify(QUESTION)}, true);
`;

const contenders: Array<{ label: string; run: () => Promise<Run>; answers: boolean }> = [
  { label: "node -e 0", run: () => timed(process.execPath, ["-e", "0"], baseEnv), answers: false },
  // npm's own start, before it runs any script: the floor under every `npm run …` figure.
  { label: "npm --version", run: () => timed("npm", ["--version"], baseEnv), answers: false },
  {
    label: "npm run of a script that runs node -e 0",
    run: () => timed("npm", ["run", "--silent", "noop"], baseEnv, noopProject),
    answers: false,
  },
  {
    label: "node + native jieba's dictionary alone (each start built it before)",
    run: () => timed(process.execPath, ["--input-type=module", "-e", JIEBA_ALONE], baseEnv),
    answers: false,
  },
  ...projects.flatMap(({ prefix, root, env }) => {
    const bare = bareAsk(root);
    return [
      {
        label: `${prefix}npm run ask -- "…" (keyword-only)`,
        run: () => timed("npm", ["run", "--silent", "ask", "--", QUESTION], env, root),
        answers: true,
      },
      {
        label: `${prefix}${bare.label} (keyword-only)`,
        run: () => timed(process.execPath, bare.argv, env, root),
        answers: true,
      },
      {
        label: `${prefix}npm run ask -- "…" (MODELS_DIR unset: the hub, unreachable)`,
        run: () =>
          timed(
            "npm",
            ["run", "--silent", "ask", "--", QUESTION],
            { ...baseEnv, INDEX_DIR: env.INDEX_DIR! },
            root,
          ),
        answers: true,
      },
    ];
  }),
];

// Builds the index and warms CC-CEDICT's cache (and the OS's file cache): not timed.
for (const c of contenders) {
  const run = await c.run();
  if (c.answers && !run.stdout.includes("[1]"))
    throw new Error(`${c.label} did not answer (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
}
// The English index's build child, started by the first run, must be done before timing.
await sleep(500);

const times = new Map(contenders.map((c) => [c.label, [] as number[]]));
for (let round = 0; round < ROUNDS; round++) {
  for (const c of contenders) {
    const run = await c.run();
    if (c.answers && !run.stdout.includes("[1]"))
      throw new Error(`${c.label} did not answer (exit ${run.code}):\n${run.stderr}`);
    times.get(c.label)!.push(run.ms);
  }
}
const nodeMs = median(times.get("node -e 0")!);
const coldStart = Object.fromEntries(
  contenders.map((c) => {
    const ms = times.get(c.label)!;
    return [
      c.label,
      {
        medianMs: round(median(ms)),
        overNode: round(median(ms) / nodeMs, 1),
        runs: ms.map((x) => round(x)),
      },
    ];
  }),
);

/** `npm run repl`, the question written at launch: ms until its answer's first citation shows. */
function replFirstAnswer({ root, env }: Project): Promise<number> {
  const started = performance.now();
  const child = spawn("npm", ["run", "--silent", "repl"], { cwd: root, env });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (out.includes("[1]")) {
        resolve(performance.now() - started);
        child.stdin.end(":quit\n");
      }
    });
    child.on("error", reject);
    child.on("close", () => reject(new Error(`the REPL closed before answering:\n${out}`)));
    child.stdin.write(`${QUESTION}\n`);
  });
}
const repl = new Map(projects.map((p) => [p.prefix, [] as number[]]));
for (let i = 0; i < Math.max(3, ROUNDS - 2); i++) {
  for (const project of projects) {
    repl.get(project.prefix)!.push(await replFirstAnswer(project));
    await sleep(200);
  }
}

/** Every process whose parent chain leads to `root`, `root` included. */
async function processTree(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // The command name is in parentheses and may hold spaces: the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[1] !== undefined) parents.set(Number(entry), Number(fields[1]));
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  return tree;
}

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}

/**
 * `npm start` (or `command`) against the fake Bot API: the tree's RSS once idle, then after one
 * answer.
 */
async function idleBot(
  { root, env }: Project,
  [command, args]: [string, string[]] = ["npm", ["start", "--silent"]],
) {
  const telegram = await FakeTelegramServer.start();
  const child = spawn(command, args, {
    cwd: root,
    env: {
      ...env,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
    },
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group, so that the whole tree is stopped at the end.
    detached: true,
  });
  const pid = child.pid!;
  const measure = async () => {
    const tree = await processTree(pid);
    const perProcess = await Promise.all(tree.map(async (p) => [p, await rssKb(p)] as const));
    const names = await Promise.all(
      tree.map(async (p) =>
        (await readFile(`/proc/${p}/cmdline`, "utf8").catch(() => ""))
          .split("\0")
          .slice(0, 2)
          .join(" "),
      ),
    );
    return {
      treeMb: round(perProcess.reduce((sum, [, kb]) => sum + kb, 0) / 1024, 1),
      processes: perProcess.map(([, kb], i) => ({ command: names[i], mb: round(kb / 1024, 1) })),
    };
  };
  try {
    const started = performance.now();
    await telegram.waitFor((c) => c.method === "getUpdates", 120_000);
    const pollingAfterMs = round(performance.now() - started);
    // The loads started at launch (the English index, from its cache) finish in the background.
    await sleep(3_000);
    const idle = await measure();
    const question = telegram.text(QUESTION, { userId: 1 });
    await telegram.waitFor((c) => telegram.repliesTo(question).includes(c), 60_000);
    await sleep(1_000);
    const afterOneAnswer = await measure();
    return { pollingAfterMs, idle, afterOneAnswer };
  } finally {
    process.kill(-pid, "SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
    await telegram.close();
  }
}
const bots = new Map<string, Awaited<ReturnType<typeof idleBot>>>();
for (const project of projects) bots.set(project.prefix, await idleBot(project));
// The same bot without npm in the tree (what a service manager would run), as `npm start` runs it.
const START_FLAGS = (
  JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } }
).scripts.start
  .split(" ")
  .filter((word) => word.startsWith("--"));
const withoutNpm = await idleBot(projects[0]!, [
  process.execPath,
  [...START_FLAGS, join(ROOT, "scripts", "run.mjs"), "bot"],
]);
/** Each target with this tree's figure, and the older tree's (same run) when there is one. */
const target = (
  label: string,
  limit: number,
  unit: string,
  figure: (prefix: string) => number,
) => ({
  target: `${label} ≤ ${limit} ${unit}`,
  measured: `${figure("")} ${unit}`,
  met: figure("") <= limit,
  ...(BEFORE ? { before: `${figure("before: ")} ${unit}` } : {}),
});
const askMedian = (prefix: string) =>
  median(times.get(`${prefix}npm run ask -- "…" (keyword-only)`)!);
console.log(
  JSON.stringify(
    {
      benchmark: "start",
      rounds: ROUNDS,
      load: loadavg().map((x) => round(x, 1)),
      targets: [
        target('cold npm run ask -- "…" keyword-only', TARGETS.askSeconds, "s", (p) =>
          round(askMedian(p) / 1000, 2),
        ),
        target("  …as a multiple of node -e 0", TARGETS.askOverNode, "×", (p) =>
          round(askMedian(p) / nodeMs, 1),
        ),
        target("first REPL answer after launch", TARGETS.replFirstAnswerSeconds, "s", (p) =>
          round(median(repl.get(p)!) / 1000, 2),
        ),
        target(
          "idle bot, whole process tree RSS",
          TARGETS.idleBotTreeMb,
          "MB",
          (p) => bots.get(p)!.idle.treeMb,
        ),
      ],
      coldStart,
      replFirstAnswerMs: Object.fromEntries(
        projects.map(({ prefix }) => [
          `${prefix}npm run repl`,
          {
            median: round(median(repl.get(prefix)!)),
            runs: repl.get(prefix)!.map((x) => round(x)),
          },
        ]),
      ),
      bot: Object.fromEntries([
        ...projects.map(({ prefix }) => [`${prefix}npm start`, bots.get(prefix)]),
        [`node ${[...START_FLAGS, "scripts/run.mjs bot"].join(" ")} (no npm)`, withoutNpm],
      ]),
    },
    null,
    2,
  ),
);
// The indexes and the English cache this bench made.
await rm(dir, { recursive: true, force: true });
