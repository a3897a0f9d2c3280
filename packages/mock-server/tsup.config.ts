import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library: ESM and CommonJS side by side, each with its declarations.
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    target: "node20",
    platform: "node",
    dts: true,
    shims: true,
    clean: true,
    sourcemap: false,
  },
  {
    // The command, ESM only (its bin runs it with node).
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    sourcemap: false,
  },
]);
