import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // the end-to-end tests spawn Redocly twice each; the machine has 2 cores
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
