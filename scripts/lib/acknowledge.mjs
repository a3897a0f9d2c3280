// A breaking change is acknowledged by a pending changeset that gives a published package a
// major bump, or explicitly by flag/env (the workflow sets ALLOW_BREAKING from a PR label).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";

export const ACKNOWLEDGING_PACKAGES = ["@leat-openapi/spec", "@leat-openapi/client"];

/**
 * @param {string} changesetDir
 * @returns {{ file: string, packages: string[] }[]} changesets with a major bump of a package above
 */
export function majorChangesets(changesetDir) {
  if (!existsSync(changesetDir)) return [];
  const found = [];
  for (const file of readdirSync(changesetDir).sort()) {
    if (!file.endsWith(".md") || file.toLowerCase() === "readme.md") continue;
    const text = readFileSync(join(changesetDir, file), "utf8");
    const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!match) continue;
    let bumps;
    try {
      bumps = YAML.parse(match[1]);
    } catch (error) {
      throw new Error(`Cannot read the front matter of changeset ${file}: ${error instanceof Error ? error.message : error}`);
    }
    if (!bumps || typeof bumps !== "object") continue;
    const packages = ACKNOWLEDGING_PACKAGES.filter((name) => /** @type {Record<string, unknown>} */ (bumps)[name] === "major");
    if (packages.length > 0) found.push({ file, packages });
  }
  return found;
}

/**
 * @param {{ flag: boolean, env: NodeJS.ProcessEnv, changesetDir: string }} input
 * @returns {{ acknowledged: boolean, reason: string }}
 */
export function acknowledgement({ flag, env, changesetDir }) {
  if (flag) return { acknowledged: true, reason: "the `--allow-breaking` flag" };
  if (/^(1|true|yes)$/i.test(env.ALLOW_BREAKING ?? "")) return { acknowledged: true, reason: "`ALLOW_BREAKING` (the `breaking-change` pull-request label)" };
  const majors = majorChangesets(changesetDir);
  if (majors.length > 0) {
    const list = majors.map((m) => `\`.changeset/${m.file}\` (${m.packages.join(", ")})`).join(", ");
    return { acknowledged: true, reason: `a major changeset: ${list}` };
  }
  return { acknowledged: false, reason: "" };
}
