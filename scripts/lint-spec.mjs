#!/usr/bin/env node
// The spec package's `lint`. Usage: node scripts/lint-spec.mjs [files...] [redocly flags...]
//
// Without files it lints leat@v1 twice (see redocly.yaml): the source files, then, when they
// pass, the bundle with the decorators applied, for the rules that need the shared parts.
// With files it lints just those, with every rule. Problems become GitHub annotations when
// GITHUB_ACTIONS is set; the bundle's are pointed back at the path file they come from.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleAnnotations } from "./lib/bundle-problems.mjs";
import { lintArgs } from "./lib/lint-args.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const argv = process.argv.slice(2);
/**
 * @param {string[]} args
 * @param {"inherit" | "pipe"} stdio
 */
const redocly = (args, stdio = "inherit") =>
  spawnSync(process.execPath, [join(here, "redocly.mjs"), ...args], { cwd: root, stdio, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

function main() {
  const args = lintArgs({ argv, env: process.env, cwd: process.cwd(), root });
  const source = redocly(args);
  if (source.error) {
    console.error(`lint-spec: could not start Redocly: ${source.error.message}`);
    return 1;
  }
  if (source.status !== 0 || argv.some((a) => !a.startsWith("-"))) return source.status ?? 1;

  const dir = mkdtempSync(join(tmpdir(), "leat-lint-bundle-"));
  try {
    const bundleFile = join(dir, "openapi.json");
    const bundled = redocly(["bundle", "leat@v1", "--config", "redocly.yaml", "--ext", "json", "--output", bundleFile], "pipe");
    if (bundled.status !== 0) {
      process.stderr.write(bundled.stdout + bundled.stderr);
      console.error("lint-spec: the spec does not bundle (the decorators report above), so the bundle was not linted.");
      return bundled.status ?? 1;
    }
    console.error("lint-spec: linting the decorated bundle (shared responses, headers, 400 examples)...");
    const flags = argv.filter((a) => a.startsWith("-"));
    const annotate = process.env.GITHUB_ACTIONS === "true" && !flags.some((f) => f.startsWith("--format"));
    if (!annotate) return redocly(["lint", bundleFile, "--config", "redocly.yaml", ...flags]).status ?? 1;
    const lint = redocly(["lint", bundleFile, "--config", "redocly.yaml", "--format=json", ...flags], "pipe");
    const report = JSON.parse(lint.stdout);
    for (const line of bundleAnnotations(report, { root, specRoot: join(root, "spec", "openapi.yaml") })) console.log(line);
    return lint.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();
