import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.mjs"],
    // The quick bench starts Prism and two turbo runs; on a busy 2-core machine that takes a while.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
