#!/usr/bin/env node
// Makes sure a Chromium for the docs' browser tests is installed: $CHROMIUM_PATH, else
// /usr/bin/chromium (Debian's package). When it is missing and we are root on a machine with
// apt-get (CI containers), install Debian's chromium; otherwise say how, and exit 1.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const target = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

if (existsSync(target)) {
  console.log(`Chromium found at ${target}.`);
  process.exit(0);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasAptGet = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;

if (isRoot && hasAptGet && !process.env.CHROMIUM_PATH) {
  console.log("Chromium is missing; installing Debian's chromium package (about a minute)...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "chromium"]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
      process.exit(1);
    }
  }
  if (existsSync(target)) {
    console.log(`Chromium installed at ${target}.`);
    process.exit(0);
  }
  console.error(`apt-get finished but ${target} does not exist.`);
  process.exit(1);
}

console.error(
  [
    `No Chromium at ${target}; the docs' browser tests need one.`,
    "Install it with one of:",
    "  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium",
    "  elsewhere:      install Chromium or Chrome, then set CHROMIUM_PATH=/path/to/chromium",
    "(playwright's own browser download is not used: nothing may download at test time.)",
  ].join("\n"),
);
process.exit(1);
