/**
 * Writes one of the tests' generated models into a models folder, so that `npm run eval -- --dense`
 * can run with it (issue 15's three modes):
 *
 *   npx tsx bench/write-tiny-model.ts /tmp/tiny lexical
 *   MODELS_DIR=/tmp/tiny EMBEDDING_MODEL=xining-news-qa/tiny-lexical-zh npm run eval -- --dense
 *   npx tsx bench/write-tiny-model.ts /tmp/tiny noise      (then MODELS_DIR=/tmp/tiny alone)
 *
 * Generated offline from a seeded PRNG; never commit the folder.
 */
import { TINY_LEXICAL_MODEL, writeTinyModel } from "../test/helpers/tiny-model.js";

const [dir, kind = "lexical"] = process.argv.slice(2);
if (dir === undefined || (kind !== "lexical" && kind !== "noise")) {
  console.error("usage: npx tsx bench/write-tiny-model.ts <models dir> [lexical|noise]");
  process.exit(2);
}
const modelId = kind === "lexical" ? TINY_LEXICAL_MODEL : "Xenova/bge-small-zh-v1.5";
const { modelDir } = await writeTinyModel(dir, modelId, { kind });
console.log(
  `${modelDir} written; run with MODELS_DIR=${dir}${kind === "lexical" ? ` EMBEDDING_MODEL=${modelId}` : ""}`,
);
