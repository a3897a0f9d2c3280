#!/usr/bin/env node
// pnpm size:client [entry] [--budget <size>] — prints the minified and gzipped size of the client
// as an app would bundle it, adds it to the GitHub job summary, and exits 1 when the gzipped
// size is over budget (CLIENT_GZIP_BUDGET_BYTES unless --budget says otherwise).
import { appendFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CLIENT_GZIP_BUDGET_BYTES, measureBundle, parseBudget, sizeMarkdown } from "./lib/bundle-size.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = "Usage: pnpm size:client [entry] [--budget <bytes | NkB>]";

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ entry?: string, budget: number }} */
  const opts = { budget: CLIENT_GZIP_BUDGET_BYTES };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--budget") {
      const value = argv[++i];
      if (value === undefined) throw new Error(`--budget needs a size. ${USAGE}`);
      opts.budget = parseBudget(value);
    } else if (arg.startsWith("--budget=")) opts.budget = parseBudget(arg.slice("--budget=".length));
    else if (arg.startsWith("--")) throw new Error(`Unknown option "${arg}". ${USAGE}`);
    else if (opts.entry === undefined) opts.entry = arg;
    else throw new Error(`Only one entry can be measured, got "${opts.entry}" and "${arg}". ${USAGE}`);
  }
  return opts;
}

const fmt = (/** @type {number} */ n) => n.toLocaleString("en-US");

try {
  const opts = parseArgs(process.argv.slice(2));
  const entry = resolve(opts.entry ?? join(root, "packages", "client", "dist", "index.js"));
  const size = await measureBundle(entry);
  const label = relative(root, entry);
  const share = Math.round((size.gzip / opts.budget) * 100);
  console.log(`${label}: ${size.minified} bytes minified, ${size.gzip} bytes gzip (budget ${fmt(opts.budget)} bytes gzip, ${share}% used)`);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, sizeMarkdown(label, size, opts.budget));
  if (size.gzip > opts.budget) {
    console.error(
      `size:client: ${label} is ${fmt(size.gzip)} bytes gzipped, over its budget of ${fmt(opts.budget)} bytes by ${fmt(size.gzip - opts.budget)}. ` +
        "The budget and why it is what it is: CLIENT_GZIP_BUDGET_BYTES in scripts/lib/bundle-size.mjs. Largest inputs (minified bytes):\n" +
        size.inputs
          .slice(0, 5)
          .map((input) => `  ${fmt(input.bytes)}  ${input.path.replace(/^.*node_modules\//, "")}`)
          .join("\n"),
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`size:client: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
