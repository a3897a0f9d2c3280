#!/usr/bin/env node
// The spec package's `lint`: Redocly lint of leat@v1 (or of the files given), printed as
// GitHub annotations when GITHUB_ACTIONS is set. Usage: node scripts/lint-spec.mjs [files...] [redocly flags...]
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { lintArgs } from "./lib/lint-args.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const args = lintArgs({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd(), root });
const result = spawnSync(process.execPath, [join(here, "redocly.mjs"), ...args], { cwd: root, stdio: "inherit" });
if (result.error) console.error(`lint-spec: could not start Redocly: ${result.error.message}`);
process.exitCode = result.status ?? 1;
