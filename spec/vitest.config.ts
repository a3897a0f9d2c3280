import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The lint tests start the Redocly CLI, which takes a few seconds on a busy machine.
    testTimeout: 60_000,
    // lint-rules lints one copy of the whole bundle per fixture in a beforeAll hook; with the
    // spec growing toward 169 operations that takes far longer than vitest's 10 s hook default.
    hookTimeout: 300_000,
  },
});
