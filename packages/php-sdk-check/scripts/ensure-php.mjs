#!/usr/bin/env node
// Makes sure PHP and Guzzle for the SDK check are installed: Debian's php-cli and
// php-guzzlehttp-guzzle (the SDK's HTTP client; Debian puts its autoloader under
// /usr/share/php/GuzzleHttp). When one is missing and we are root on a machine with apt-get,
// install Debian's packages (as scripts/ensure-chromium.mjs does); otherwise say how, exit 1.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const GUZZLE_AUTOLOAD = "/usr/share/php/GuzzleHttp/autoload.php";
const PACKAGES = ["php-cli", "php-guzzlehttp-guzzle"];

const hasPhp = () => spawnSync("sh", ["-c", "command -v php"], { stdio: "ignore" }).status === 0;
const ready = () => hasPhp() && existsSync(GUZZLE_AUTOLOAD);

export function ensurePhp() {
  if (ready()) return true;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasAptGet = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
  if (isRoot && hasAptGet) {
    console.log(`PHP or Guzzle is missing; installing Debian's ${PACKAGES.join(" and ")} (about a minute)...`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...PACKAGES]]) {
      const result = spawnSync("apt-get", args, { stdio: "inherit", env });
      if (result.status !== 0) {
        console.error(`apt-get ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
        return false;
      }
    }
    if (ready()) return true;
    console.error(`apt-get finished but php or ${GUZZLE_AUTOLOAD} is still missing.`);
    return false;
  }
  console.error(
    [
      `The PHP SDK check needs php on the PATH and Guzzle at ${GUZZLE_AUTOLOAD}.`,
      "Install them with:",
      `  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y ${PACKAGES.join(" ")}`,
    ].join("\n"),
  );
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensurePhp() ? 0 : 1);
