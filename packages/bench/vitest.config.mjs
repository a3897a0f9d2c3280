import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.mjs"],
    // The quick bench starts Prism, two turbo runs and the whole spec pipeline at two sizes; on a
    // busy 2-core machine that takes a while.
    testTimeout: 420_000,
    hookTimeout: 420_000,
  },
});
