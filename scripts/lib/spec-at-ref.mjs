// Produces the bundled spec (as parsed JSON) for a git ref and for the working tree, using the
// workspace's own Redocly through scripts/redocly.mjs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const SPEC_PATH = "spec/openapi.yaml";
const CONFIG_PATH = "redocly.yaml";
const REDOCLY = join(dirname(fileURLToPath(import.meta.url)), "..", "redocly.mjs");

/**
 * @param {string[]} args
 * @param {string} cwd
 */
function git(args, cwd) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.error) throw new Error(`Could not run git: ${result.error.message}`);
  return { ok: result.status === 0, out: result.stdout.trim(), err: result.stderr.trim() };
}

/** @param {string} cwd */
export function gitRoot(cwd) {
  const r = git(["rev-parse", "--show-toplevel"], cwd);
  if (!r.ok) throw new Error(`Not inside a git repository (${cwd}): ${r.err}`);
  return r.out;
}

/**
 * @param {string} root
 * @param {string} ref
 * @returns {string | undefined} the commit sha, or undefined when the ref does not exist
 */
function commitOf(root, ref) {
  const r = git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], root);
  return r.ok && r.out ? r.out : undefined;
}

/**
 * The default base is origin/main; without it (a fresh clone of a fork, a local-only repo)
 * the previous commit is the best stand-in.
 * @param {string} root
 * @param {string | undefined} requested
 * @returns {{ ref: string, sha: string, note?: string }}
 */
export function resolveBase(root, requested) {
  if (requested) {
    const sha = commitOf(root, requested);
    if (!sha) {
      throw new Error(
        `The base ref "${requested}" does not exist in this repository. Fetch it first ` +
          "(in GitHub Actions, check out with fetch-depth: 0).",
      );
    }
    return { ref: requested, sha };
  }
  const main = commitOf(root, "origin/main");
  if (main) return { ref: "origin/main", sha: main };
  const previous = commitOf(root, "HEAD~1");
  if (previous) return { ref: "HEAD~1", sha: previous, note: "origin/main not found, so the previous commit" };
  throw new Error("Neither origin/main nor a previous commit (HEAD~1) exists; pass --base <git ref>.");
}

/**
 * @param {string} dir a checkout (or extracted archive) holding spec/ and maybe redocly.yaml
 * @param {string} outFile
 */
export function bundle(dir, outFile) {
  const args = [REDOCLY, "bundle", join(dir, SPEC_PATH), "--ext", "json", "--output", outFile];
  if (existsSync(join(dir, CONFIG_PATH))) args.push("--config", join(dir, CONFIG_PATH));
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
  if (r.status !== 0 || !existsSync(outFile)) {
    throw new Error(`Bundling ${join(dir, SPEC_PATH)} failed:\n${(r.stderr || r.stdout || String(r.error)).trim()}`);
  }
  try {
    return JSON.parse(readFileSync(outFile, "utf8"));
  } catch (error) {
    throw new Error(`The bundle of ${join(dir, SPEC_PATH)} is not valid JSON: ${error instanceof Error ? error.message : error}`);
  }
}

/**
 * Extracts the spec (and the Redocly config) as it was at `sha` and bundles it.
 * @param {string} root
 * @param {string} sha
 * @param {string} workDir an empty scratch directory
 * @returns {unknown} the bundled document, or `{}` when the spec did not exist at that commit
 */
export function bundleAtCommit(root, sha, workDir) {
  if (!git(["cat-file", "-e", `${sha}:${SPEC_PATH}`], root).ok) return {};
  const paths = ["spec"];
  if (git(["cat-file", "-e", `${sha}:${CONFIG_PATH}`], root).ok) paths.push(CONFIG_PATH);
  const tree = join(workDir, "base");
  mkdirSync(tree, { recursive: true });
  const tar = join(workDir, "base.tar");
  const archive = git(["archive", "--format=tar", "-o", tar, sha, "--", ...paths], root);
  if (!archive.ok) throw new Error(`git archive of ${sha} failed: ${archive.err}`);
  const untar = spawnSync("tar", ["-xf", tar, "-C", tree], { encoding: "utf8" });
  if (untar.status !== 0) throw new Error(`Extracting the base spec failed: ${untar.stderr || untar.error}`);
  return bundle(tree, join(workDir, "base.json"));
}
