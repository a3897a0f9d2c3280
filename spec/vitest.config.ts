import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The lint tests start the Redocly CLI (some in beforeAll), which takes a few seconds on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
