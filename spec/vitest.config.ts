import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The lint tests start the Redocly CLI, which takes a few seconds on a busy machine.
    testTimeout: 60_000,
    // lint-rules.test.ts lints every fixture in one CLI run in its beforeAll.
    hookTimeout: 120_000,
  },
});
