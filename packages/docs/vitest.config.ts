import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One real browser at a time: the machine has two cores and other suites run alongside.
    fileParallelism: false,
    // A page of ~170 operations takes Redoc several seconds to render on a loaded machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
