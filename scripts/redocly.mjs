#!/usr/bin/env node
// Runs the workspace's pinned Redocly CLI with the Node 20 banner filtered out
// (see quiet-redocly-banner.cjs). Usage: node scripts/redocly.mjs <redocly args...>
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// Resolve from the caller's package first, so each package uses the CLI it declares.
const require = createRequire(join(process.cwd(), "package.json"));
let cliPackage;
try {
  cliPackage = require.resolve("@redocly/cli/package.json");
} catch {
  cliPackage = createRequire(import.meta.url).resolve("@redocly/cli/package.json");
}
const cli = join(dirname(cliPackage), "bin", "cli.js");

const child = spawn(
  process.execPath,
  ["--require", join(here, "quiet-redocly-banner.cjs"), cli, ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
);
child.on("exit", (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
