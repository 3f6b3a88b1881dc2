/**
 * The layering of src/, checked by `npm test` (dependency-cruiser reads every import, static and
 * dynamic, with the TypeScript-aware resolver, which a text search of import lines would miss
 * re-exports and `await import()` in). Data flows one way:
 *
 *   ingest → index → retrieve → answer → conversation → interfaces / eval → app → cli
 *
 * A folder may import the ones to its left, never to its right; no cycles; the interfaces talk
 * to the core through the engine's port (answer/, conversation/), never to index/, ingest/ or
 * retrieve/. Leaves — util/, errors/, english/, config.ts — are importable from anywhere and
 * import only other leaves.
 */
const LAYERS = [
  "ingest",
  "index",
  "retrieve",
  "answer",
  "conversation",
  "interfaces|eval",
  "app",
  "cli",
];
const LEAVES = "^src/(util|errors|english)/|^src/config\\.ts$";

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.replace("|", "-or-")}`,
  comment: `${layer} sits below ${LAYERS.slice(i + 1).join(", ")}: it must not import them (data flows ${LAYERS.join(" → ")}).`,
  severity: "error",
  from: { path: `^src/(${layer})/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).join("|")})/` },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment:
        "A cycle ties modules into one unit that cannot be loaded, tested or replaced alone.",
      severity: "error",
      from: { path: "^src/" },
      // swc does not tell `import type` apart, so a cycle of types alone counts too: it is still
      // a sign that two files are one.
      to: { circular: true },
    },
    ...upward,
    {
      name: "eval-and-interfaces-apart",
      comment:
        "The evaluation and the interfaces are siblings over the same port: neither imports the other.",
      severity: "error",
      from: { path: "^src/(eval|interfaces)/" },
      to: { path: "^src/(eval|interfaces)/", pathNot: "^src/$1/" },
    },
    {
      name: "interfaces-use-the-port",
      comment:
        "Interfaces reach the pages through QaEngine (answer/) and the conversation layer, never the index, ingest or retrieval.",
      severity: "error",
      from: { path: "^src/interfaces/" },
      to: { path: "^src/(index|ingest|retrieve)/" },
    },
    {
      name: "leaves-stay-leaves",
      comment:
        "util/, errors/, english/ and config.ts are importable from anywhere, so they import only each other.",
      severity: "error",
      from: { path: LEAVES },
      to: { path: "^src/", pathNot: LEAVES },
    },
    {
      name: "every-file-in-a-layer",
      comment:
        "A new top-level folder of src/ needs its place in the layering (here and in the README) first.",
      severity: "error",
      from: { path: "^src/", pathNot: `^src/(${LAYERS.join("|")})/|${LEAVES}` },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // TypeScript 7 ships no compiler API for dependency-cruiser to parse with; swc parses the
    // same syntax (types are dropped, imports kept, `import type` included).
    parser: "swc",
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
  },
};
