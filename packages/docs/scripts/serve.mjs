#!/usr/bin/env node
// Serves the built docs: node scripts/serve.mjs [--port 4000] [--host 127.0.0.1]
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startStaticServer } from "../src/static-server.mjs";

const distDir = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

const { values } = parseArgs({
  options: { port: { type: "string", default: "4000" }, host: { type: "string", default: "127.0.0.1" } },
});
const port = Number(values.port);
if (!existsSync(join(distDir, "index.html"))) {
  console.error("packages/docs/dist/index.html is missing: run `pnpm run docs` (or `pnpm --filter @leat-openapi/docs run build`).");
  process.exit(1);
}
try {
  const server = await startStaticServer({ root: distDir, port, host: values.host });
  console.log(`Leat API docs: ${server.url}  (Ctrl-C to stop)`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
