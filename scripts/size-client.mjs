#!/usr/bin/env node
// pnpm size:client [entry] — prints the minified and gzipped size of the client as an app would
// bundle it, and adds it to the GitHub job summary. Figures only; no threshold is enforced.
import { appendFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { measureBundle, sizeMarkdown } from "./lib/bundle-size.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = resolve(process.argv[2] ?? join(root, "packages", "client", "dist", "index.js"));

try {
  const size = await measureBundle(entry);
  const label = relative(root, entry);
  console.log(`${label}: ${size.minified} bytes minified, ${size.gzip} bytes gzip`);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, sizeMarkdown(label, size));
} catch (error) {
  console.error(`size:client: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
