import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds the shared keyword index once per run and removes it afterwards.
    globalSetup: ["test/global-setup.ts"],
    // One worker per core (vitest leaves one core free by default: on a 2-core machine, one worker).
    maxWorkers: availableParallelism(),
    // Test files share their worker's modules: the core has no module state to leak (the English
    // translator and question understanding are objects the fixtures create), and the engine the
    // fixtures build is then built once per worker instead of once per file. Nothing mocks modules.
    isolate: false,
    // The real-model paths load ONNX graphs; generous, but speed targets live in `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
