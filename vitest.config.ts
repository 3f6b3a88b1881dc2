import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The real-model paths load ONNX graphs; generous, but speed targets live in `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
