#!/usr/bin/env node
// pnpm check:breaking [--base <git ref>] [--allow-breaking]
// Bundles the spec at the base ref and in the working tree, classifies every change and exits 1
// on an unacknowledged breaking change. Exit 2 means the check itself could not run.
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acknowledgement } from "./lib/acknowledge.mjs";
import { classifyChanges } from "./lib/classify.mjs";
import { bundle, bundleAtCommit, gitRoot, resolveBase } from "./lib/spec-at-ref.mjs";
import { renderSummary } from "./lib/summary.mjs";

const USAGE = "Usage: pnpm check:breaking [--base <git ref>] [--allow-breaking]";

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ base?: string, allowBreaking: boolean, help: boolean }} */
  const opts = { allowBreaking: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--allow-breaking") opts.allowBreaking = true;
    else if (arg === "--help" || arg === "-h") opts.help = true;
    else if (arg === "--base") {
      const value = argv[++i];
      if (!value || value.startsWith("--")) throw new Error(`--base needs a git ref. ${USAGE}`);
      opts.base = value;
    } else if (arg.startsWith("--base=")) opts.base = arg.slice("--base=".length);
    else throw new Error(`Unknown argument "${arg}". ${USAGE}`);
  }
  return opts;
}

function run() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const root = gitRoot(process.cwd());
  const base = resolveBase(root, opts.base);
  console.error(`check:breaking: base ${base.ref} (${base.sha.slice(0, 12)})${base.note ? `: ${base.note}` : ""}`);
  const work = mkdtempSync(join(tmpdir(), "check-breaking-"));
  try {
    const oldDoc = bundleAtCommit(root, base.sha, work);
    const newDoc = bundle(root, join(work, "head.json"));
    const changes = classifyChanges(oldDoc, newDoc);
    const hasBreaking = changes.some((c) => c.breaking);
    const ack = hasBreaking
      ? acknowledgement({ flag: opts.allowBreaking, env: process.env, changesetDir: join(root, ".changeset") })
      : { acknowledged: false, reason: "" };
    const markdown = renderSummary({
      changes,
      base: `${base.ref}`,
      baseNote: [base.sha.slice(0, 12), base.note].filter(Boolean).join(", "),
      acknowledged: ack.acknowledged,
      reason: ack.reason,
    });
    process.stdout.write(markdown);
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
    return hasBreaking && !ack.acknowledged ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  process.exitCode = run();
} catch (error) {
  console.error(`check:breaking: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 2;
}
