import { existsSync } from "node:fs";
import { configuredIndexStatus, rebuildIndex } from "../../app/index-commands.js";
import { watchAndBuild } from "../../app/live/watch-and-build.js";
import type { BuildSummary } from "../../index/build-index.js";
import { BuildInProgressError } from "../../index/errors/build-in-progress-error.js";
import { EmbeddingModelUnavailableError } from "../../index/errors/embedding-model-unavailable-error.js";
import { EmptySeedsError } from "../../index/errors/empty-seeds-error.js";
import { VectorDatabaseUnavailableError } from "../../index/errors/vector-database-unavailable-error.js";
import { isUsageError, parseEmbedArgs } from "../args.js";
import type { Command } from "../command.js";
import { createProgress } from "../progress.js";

/**
 * `npm run embed`: (re)builds the index incrementally. `--check` only says whether it is stale
 * (exit 1 when it is), `--full` re-embeds everything, `--strict` fails when the dense model
 * cannot be loaded instead of building the keyword index alone, `--watch` keeps rebuilding as the
 * pages change (for bots that share INDEX_DIR: each picks up the new CURRENT itself).
 */
export const embedCommand: Command = async (config, args, io) => {
  const parsed = parseEmbedArgs(args);
  if (isUsageError(parsed)) {
    io.stderr(`${parsed.error}\n`);
    return parsed.code;
  }
  if (!existsSync(config.seedsDir)) {
    io.stderr(
      `error: SEEDS_DIR "${config.seedsDir}" does not exist; put the newspaper pages (.txt) there.\n`,
    );
    return 1;
  }

  if (parsed.check) {
    const status = await configuredIndexStatus(config);
    if (status.state === "fresh") {
      const m = status.manifest!;
      const dense = m.dense
        ? `${m.dense.modelId} vectors`
        : `keyword only (${m.denseAbsentReason ?? "no vectors"})`;
      io.stdout(
        `Index is up to date: ${m.pages.length} pages, ${m.chunkIds.length} chunks, ${dense}, built ${m.builtAt}.\n`,
      );
      return 0;
    }
    io.stdout(
      `${[`Index is ${status.state}:`, ...status.reasons.map((reason) => `  - ${reason}`), "Run npm run embed to update it."].join("\n")}\n`,
    );
    return 1;
  }

  const progress = createProgress("embedding", io.progress);
  let summary: BuildSummary;
  try {
    summary = await rebuildIndex(config, {
      log: io.log,
      full: parsed.full,
      allowEmpty: parsed.allowEmpty,
      requireDense: parsed.strict,
      onProgress: (done, total, stage) => progress.update(done, total, stage),
    });
  } catch (error) {
    progress.finish();
    if (error instanceof EmbeddingModelUnavailableError) {
      // Only --strict lets it through: nothing was written, the previous index is as it was.
      io.log.error(
        `--strict: the embedding model could not be loaded, nothing was built: ${error.message}.`,
      );
      return 1;
    }
    if (error instanceof VectorDatabaseUnavailableError) {
      io.log.error(`--strict: nothing was built: ${error.message}.`);
      return 1;
    }
    if (!(error instanceof EmptySeedsError || error instanceof BuildInProgressError)) throw error;
    io.log.error(`${error.message}.`);
    return 1;
  }
  progress.finish();
  for (const s of summary.skipped) io.log.warn(`skipped ${s.source}: ${s.reason}`);
  io.stdout(
    `Indexed ${summary.pages} pages, ${summary.articles} articles, ${summary.chunks} chunks ` +
      `(${summary.embedded} embedded, ${summary.reused} reused) in ${summary.seconds.toFixed(1)} s into ${config.indexDir}/.\n`,
  );
  const rows = summary.databaseRows;
  io.stdout(
    !summary.dense
      ? "Dense vectors: none — keyword search only.\n"
      : rows === null
        ? `Dense vectors: ${config.embeddingModel}.\n`
        : `Dense vectors: ${config.embeddingModel}, in Postgres: ${rows.written} rows written, ${rows.deleted} deleted, the others unchanged.\n`,
  );
  if (!parsed.watch) return 0;

  const live = await watchAndBuild(config, { log: io.log });
  io.log.info(`Watching ${config.seedsDir} for changed pages; Ctrl-C stops.`);
  // The watcher never holds a process open (the bot's server or the REPL's prompt does): here
  // nothing else would, and the process would leave as soon as it started watching.
  const keepAlive = setInterval(() => undefined, 2 ** 30);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  clearInterval(keepAlive);
  // A build under way is finished and published: stopping never leaves a half-made index.
  io.log.info(`${signal}: stopping after the build in progress, if any`);
  await live.close();
  return 0;
};
