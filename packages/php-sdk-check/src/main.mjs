#!/usr/bin/env node
// pnpm php-sdk -- --sdk <dir>: runs Leat's PHP SDK (a checkout the user provides; it is not
// part of this repository) against the mock server, one call per SDK method the map names,
// and prints SDK call -> operationId -> result. Exits 1 when a call fails, 2 on bad usage.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensurePhp } from "../scripts/ensure-php.mjs";
import { parseOptions, USAGE, UsageError } from "./options.mjs";
import { buildPlan, loadExcluded, loadSpec } from "./plan.mjs";
import { report } from "./report.mjs";

const RUNNER = fileURLToPath(new URL("../php/run.php", import.meta.url));

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`php-sdk-check: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (!ensurePhp()) return 1;

  // Loaded only now, so a usage error needs no built mock server.
  const { startMockServer } = await import("@leat-openapi/mock-server");
  const spec = loadSpec();
  const plan = buildPlan(spec);
  const excluded = loadExcluded();
  const mock = await startMockServer({ port: 0 });
  const work = mkdtempSync(join(tmpdir(), "leat-php-sdk-"));
  try {
    const planFile = join(work, "plan.json");
    writeFileSync(
      planFile,
      JSON.stringify({
        sdk: options.sdk,
        baseUrl: mock.url,
        token: "mock-token",
        calls: plan.map(({ id, call, args, returns }) => ({ id, call, args, returns })),
        excluded: excluded.map((e) => e.call),
      }),
    );
    // Asynchronous: the mock answers in this process while PHP waits on it.
    const run = await new Promise((resolve) => {
      const child = spawn("php", [RUNNER, planFile], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
      });
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
    let output;
    try {
      output = JSON.parse(run.stdout);
    } catch {
      console.error(`php-sdk-check: the PHP runner failed (exit ${run.status}):\n${run.stderr}${run.stdout}`);
      return 1;
    }
    const { lines, counts } = report(spec, plan, output, excluded);
    console.log(`Leat's PHP SDK (${options.sdk}) against the mock at ${mock.url}`);
    console.log(lines.join("\n"));
    return counts.failed + counts.unmapped + counts.staleExclusions > 0 ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await mock.close();
  }
}

process.exitCode = await main();
