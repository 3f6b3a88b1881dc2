/**
 * The composition root: config → English translator, embeddings, index, retriever, question
 * understanding, LLM, engine, conversation engine — written once, used by every command
 * (`src/cli/*`), the bench and the test fixture. Nothing below `app/` reads the config or decides
 * what to load; every part that talks to the world is created here and handed down.
 */
import type { QaEngine } from "../answer/qa-engine.js";
import { startQuestionUnderstanding } from "../answer/question-understanding.js";
import type { ExtractiveOptions } from "../answer/extractive.js";
import type { Config, VectorStoreSetting } from "../config.js";
import { createConversationEngine, type ConversationEngine } from "../conversation/conversation.js";
import { buildIndex, type BuildProgress } from "../index/build-index.js";
import { createEmbeddings } from "../index/create-embeddings.js";
import { ensureIndex } from "../index/ensure-index.js";
import { loadIndex, type LoadedIndex } from "../index/load-index.js";
import type { Logger } from "../util/logger.js";
import { yieldToEventLoop } from "../util/yield-to-event-loop.js";
import { composeEngine } from "./compose-engine.js";
import { startLiveIndex, type LiveIndex, type LiveIndexEvent } from "./live/live-index.js";
import { runIndexBuild } from "./live/run-index-build.js";
import { createSwappableEngine } from "../answer/swappable-engine.js";

/** Where the index comes from. */
export type IndexSource =
  /**
   * `INDEX_DIR`, built or refreshed first when missing or stale, saying so: the bot, the REPL,
   * `ask`.
   */
  | { kind: "ensure" }
  /**
   * Built anew from `SEEDS_DIR` into `dir` (the caller's temporary folder), keyword-only unless
   * `dense`: the evaluation, the bench and the tests, which must not depend on a stored index.
   */
  | { kind: "fresh"; dir: string; dense?: boolean };

export interface AppOptions {
  /** Start-up notes and warnings (index built, model unavailable, keyword-only). */
  log: Logger;
  /** @default { kind: "ensure" } */
  index?: IndexSource;
  /** Progress while the index is built: a large ingest, then embedding. */
  onProgress?: BuildProgress;
  /** LLM mode when the config sets it up. @default true */
  llm?: boolean;
  /** Scorer settings (the evaluation's `--calibrate` answers with no threshold). */
  extractive?: ExtractiveOptions;
  /** The conversations' clock (a quiet hour starts a new conversation). @default Date.now */
  clock?: () => number;
  /**
   * Live reload (the bot, the REPL): the pages and INDEX_DIR/CURRENT are watched, a changed page is
   * rebuilt in a child process and the new index swapped in behind the engine. Only with the
   * `ensure` source. @default off
   */
  live?: LiveOptions;
}

export interface LiveOptions {
  /** Every reload, kept index and busy builder, as it happens. */
  onEvent?: (event: LiveIndexEvent) => void;
  debounceMs?: number;
  pollMs?: number;
}

/** Everything an interface is given: the engine (the port) and the conversation layer over it. */
export interface App {
  engine: QaEngine;
  conversations: ConversationEngine;
  /** Set when `live` was asked for: stop it before leaving. */
  live: LiveIndex | null;
}

/**
 * Opens the whole program from its config. The slow loads start at once and run side by side:
 * the question understanding's converters and word lists are read, CC-CEDICT's English index is
 * loaded (from its cache, or built in a child process) and the LLM client imported while the
 * index is opened (or built, which can take minutes with the model). The engine is handed out
 * when the index and the Chinese word lists are ready; an English question awaits the English
 * index, and a Chinese one only its readings (for homophones), which come first.
 */
export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { log } = options;
  const understanding = startQuestionUnderstanding();
  // Loaded only when configured: the OpenAI client adds about half a second to every start.
  const llmConfig = options.llm === false ? undefined : config.llm;
  const llm = llmConfig
    ? import("../answer/llm.js").then((m) =>
        m.createLlmAnswerer(llmConfig, { log: log.child("llm") }),
      )
    : Promise.resolve(null);
  // Awaited below; until then a failure must not surface as an unhandled rejection.
  llm.catch(() => undefined);
  const embeddings = createEmbeddings(config);
  const source = options.index ?? { kind: "ensure" };
  const index =
    source.kind === "ensure"
      ? (
          await ensureIndex({
            seedsDir: config.seedsDir,
            indexDir: config.indexDir,
            embeddings,
            log,
            vectorStore: config.vectorStore,
            ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          })
        ).index
      : await freshIndex(
          config.seedsDir,
          source.dir,
          source.dense ? embeddings : null,
          config.vectorStore,
          log,
        );
  const finish = await understanding(index);
  const resolvedLlm = await llm;
  const engineOver = async (over: LoadedIndex) =>
    composeEngine({
      index: over,
      embeddings,
      understanding: over === index ? finish : await understanding(over),
      llm: resolvedLlm,
      // A fresh index is the evaluation's: its keyword-only mode is in its report, not on stderr.
      ...(source.kind === "ensure" ? { log } : {}),
      ...(options.extractive ? { extractive: options.extractive } : {}),
    });
  const first = await engineOver(index);
  const swappable = createSwappableEngine(first);
  const conversationsOver = (engine: QaEngine) =>
    createConversationEngine(engine, options.clock ? { clock: options.clock } : {});
  // The conversation layer reads the catalog (people, headlines) once: made anew for each index.
  let conversations = conversationsOver(first);
  const swap = (next: QaEngine) => {
    const nextConversations = conversationsOver(next);
    swappable.swap(next);
    conversations = nextConversations;
  };
  const live =
    options.live && source.kind === "ensure"
      ? startLiveIndex({
          config,
          log: log.child("live reload"),
          index,
          // The model is used again only when the index in use had vectors: one that opened
          // keyword-only (the model unavailable) stays so. One whose vector database was down
          // tries the database again.
          open: async () => {
            const dense = index.dense !== null || index.denseProblem !== undefined;
            const next = await loadIndex(config.indexDir, dense ? embeddings : null, {
              vectorStore: config.vectorStore,
              log,
            });
            if (next === null) return null;
            // The bot answers meanwhile: each step holds the event loop, and the answers waiting
            // run between the steps instead of after all of them.
            await yieldToEventLoop();
            const engine = await engineOver(next);
            await yieldToEventLoop();
            return { index: next, engine };
          },
          swap,
          build: () => runIndexBuild(config, log.child("build")),
          ...options.live,
        })
      : null;
  return {
    engine: swappable.engine,
    conversations: {
      ask: (state, text, askOptions) => conversations.ask(state, text, askOptions),
      newState: () => conversations.newState(),
    },
    live,
  };
}

/** Builds the index from the pages into `dir` and opens it. */
async function freshIndex(
  seedsDir: string,
  dir: string,
  embeddings: ReturnType<typeof createEmbeddings> | null,
  vectorStore: VectorStoreSetting,
  log: Logger,
): Promise<LoadedIndex> {
  await buildIndex({ seedsDir, indexDir: dir, embeddings, log, vectorStore });
  const index = await loadIndex(dir, embeddings, { vectorStore, log });
  if (index === null) throw new Error(`no index in ${dir} after building it`);
  return index;
}
