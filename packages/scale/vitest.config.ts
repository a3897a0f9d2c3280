import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each stage runs the real tools on 170 operations; on a busy 2-core machine a stage can
    // take minutes. No test asserts a duration.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
