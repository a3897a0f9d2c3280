import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  // The spec's types (@leat-openapi/spec/schema, a dev dependency) are inlined, so the published
  // d.ts stands alone.
  // tsup's resolver does not read package exports, so the path is given to TypeScript here.
  dts: {
    resolve: [/^@leat-openapi\/spec/],
    compilerOptions: { paths: { "@leat-openapi/spec/schema": ["./node_modules/@leat-openapi/spec/dist/schema.d.ts"] } },
  },
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
  // The version goes into User-Agent; baking it in keeps package.json out of the runtime.
  define: { __LEAT_CLIENT_VERSION__: JSON.stringify(version) },
});
