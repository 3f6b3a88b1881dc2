import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds the shared keyword index once per run and removes it afterwards.
    globalSetup: ["test/global-setup.ts"],
    // The real-model paths load ONNX graphs; generous, but speed targets live in `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
