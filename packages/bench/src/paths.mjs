// Where things are, resolved through the bench package's own dependencies so the pinned
// versions are the ones measured.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = resolve(benchDir, "..", "..");
export const requireFromBench = createRequire(join(benchDir, "package.json"));

/** @param {string} name */
export function packageDir(name) {
  return dirname(requireFromBench.resolve(`${name}/package.json`));
}

/**
 * The JS file behind a package's bin entry, so it can run under this node without a shell shim
 * (a shim would sit between us and the process we need to stop).
 * @param {string} name
 * @param {string} bin
 */
export function packageBin(name, bin) {
  const dir = packageDir(name);
  const manifest = requireFromBench(`${name}/package.json`);
  const rel = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[bin];
  if (!rel) throw new Error(`${name} declares no "${bin}" bin`);
  return join(dir, rel);
}

/**
 * The dist entry of a workspace package, or a sentence saying why it is missing.
 * @param {string} name
 * @returns {{ ok: true, entry: string } | { ok: false, reason: string }}
 */
export function workspaceEntry(name) {
  let dir;
  try {
    dir = packageDir(name);
  } catch {
    return { ok: false, reason: `${name} is not installed in the bench package` };
  }
  const entry = join(dir, "dist", "index.js");
  if (!existsSync(entry)) {
    return {
      ok: false,
      reason: `${name} has no dist/index.js (build it: npx --yes pnpm@10.34.9 --filter ${name}... run build)`,
    };
  }
  return { ok: true, entry };
}

export const specJsonPath = () => join(packageDir("@leat-openapi/spec"), "dist", "openapi.json");
export const specYamlPath = () => join(packageDir("@leat-openapi/spec"), "dist", "openapi.yaml");

/**
 * The installed version of a dependency, for row titles (so a table never names a version it did not run).
 * @param {string} name
 */
export function installedVersion(name) {
  try {
    return String(requireFromBench(`${name}/package.json`).version);
  } catch {
    return "?";
  }
}
