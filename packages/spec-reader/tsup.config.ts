import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  // Reads spec files from disk, so it is a Node library (the client is the browser-safe one).
  platform: "node",
});
