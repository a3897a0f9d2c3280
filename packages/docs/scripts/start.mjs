#!/usr/bin/env node
// `pnpm start` after `turbo run build`: the docs on :4000 and the mock API on :4010 together,
// so a newcomer can read the reference and call the mock with the client at once.
// Usage: node scripts/start.mjs [--docs-port 4000] [--mock-port 4010] [--host 127.0.0.1]
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startStaticServer } from "../src/static-server.mjs";

const distDir = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

const { values } = parseArgs({
  options: {
    "docs-port": { type: "string", default: "4000" },
    "mock-port": { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
  },
});

/** @param {"docs-port" | "mock-port"} name */
function port(name) {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`--${name} must be a port number from 0 to 65535, got ${JSON.stringify(values[name])}.`);
    process.exit(1);
  }
  return value;
}

if (!existsSync(join(distDir, "index.html"))) {
  console.error("packages/docs/dist/index.html is missing: run `pnpm build` first (pnpm start does).");
  process.exit(1);
}

/** @type {{ close(): Promise<void> }[]} */
const running = [];
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled(running.map((server) => server.close()));
  process.exit(code);
}

try {
  // Imported here, not at the top, so a missing mock build is reported in plain words.
  const { startMockServer } = await import("@leat-openapi/mock-server").catch((error) => {
    throw new Error(`Cannot load @leat-openapi/mock-server (run \`pnpm build\` first): ${error.message}`);
  });
  const docs = await startStaticServer({ root: distDir, port: port("docs-port"), host: values.host });
  running.push(docs);
  const mock = await startMockServer({ port: port("mock-port"), host: values.host });
  running.push(mock);
  console.log(`Leat API docs:   ${docs.url}`);
  console.log(`Leat mock API:   ${mock.url}  (any bearer token works)`);
  console.log("Press Ctrl-C to stop both.");
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}
