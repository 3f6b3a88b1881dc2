import { existsSync } from "node:fs";
import { configuredIndexStatus, rebuildIndex } from "../app/index-commands.js";
import { createProgress } from "./progress.js";
import { runCli } from "./run-cli.js";

const USAGE = "usage: npm run embed [-- --check | --full] [--strict]";
const FLAGS = new Set(["--check", "--full", "--strict"]);

/**
 * `npm run embed`: (re)builds the index incrementally. `--check` only says whether it is stale
 * (exit 1 when it is), `--full` re-embeds everything, `--strict` fails when the dense model
 * cannot be loaded instead of building the keyword index alone.
 */
runCli(async (config, args, log) => {
  const unknown = args.filter((a) => !FLAGS.has(a));
  if (unknown.length > 0) {
    console.error(`error: unknown option ${unknown.join(" ")}\n${USAGE}`);
    return 2;
  }
  if (!existsSync(config.seedsDir)) {
    console.error(`error: SEEDS_DIR "${config.seedsDir}" does not exist; put the newspaper pages (.txt) there.`);
    return 1;
  }

  if (args.includes("--check")) {
    const status = await configuredIndexStatus(config);
    if (status.state === "fresh") {
      const m = status.manifest!;
      const dense = m.dense ? `${m.dense.modelId} vectors` : `keyword only (${m.denseAbsentReason ?? "no vectors"})`;
      console.log(`Index is up to date: ${m.pages.length} pages, ${m.chunkIds.length} chunks, ${dense}, built ${m.builtAt}.`);
      return 0;
    }
    console.log(`Index is ${status.state}:`);
    for (const reason of status.reasons) console.log(`  - ${reason}`);
    console.log("Run npm run embed to update it.");
    return 1;
  }

  const progress = createProgress("embedding");
  const summary = await rebuildIndex(config, { log, full: args.includes("--full"), onProgress: (done, total) => progress.update(done, total) });
  progress.finish();
  for (const s of summary.skipped) log.warn(`skipped ${s.source}: ${s.reason}`);
  console.log(
    `Indexed ${summary.pages} pages, ${summary.articles} articles, ${summary.chunks} chunks ` +
      `(${summary.embedded} embedded, ${summary.reused} reused) in ${summary.seconds.toFixed(1)} s into ${config.indexDir}/.`,
  );
  console.log(summary.dense ? `Dense vectors: ${config.embeddingModel}.` : "Dense vectors: none — keyword search only.");
  if (!summary.dense && args.includes("--strict")) {
    console.error("error: --strict: the embedding model could not be loaded (see the warning above).");
    return 1;
  }
  return 0;
});
