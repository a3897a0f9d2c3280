import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The lint and webhook tests start the Redocly CLI (lint-rules.test.ts in a beforeAll hook),
    // which takes a few seconds on a busy machine, more while the two files run side by side.
    testTimeout: 60_000,
    // lint-rules.test.ts lints every fixture once in beforeAll.
    hookTimeout: 180_000,
  },
});
