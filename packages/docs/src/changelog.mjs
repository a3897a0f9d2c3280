// The docs' Changelog section, built from the repository's release notes: pending changesets
// (.changeset/*.md, "Unreleased") and the CHANGELOG.md that `changeset version` writes into
// each published package. Headings are demoted so they nest under "## Changelog".
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @param {string} text a changeset file
 * @returns {{ bumps: [string, string][], body: string }}
 */
export function parseChangeset(text) {
  const match = text.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/);
  if (!match) throw new Error("A changeset must start with a --- front matter block listing packages and bumps.");
  const bumps = /** @type {[string, string][]} */ (
    match[1]
      .split(/\r?\n/)
      .map((line) => line.match(/^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/))
      .filter((found) => found !== null)
      .map((found) => [found[1], found[2]])
  );
  return { bumps, body: match[2].trim() };
}

const demote = (/** @type {string} */ text, /** @type {number} */ by) =>
  text.replace(/^(#{1,4}) /gm, (_, hashes) => `${"#".repeat(Math.min(6, hashes.length + by))} `);

/**
 * @param {string} repoRoot
 * @returns {string} Markdown for the Changelog section (without its heading)
 */
export function changelogMarkdown(repoRoot) {
  const parts = [];
  const changesetDir = join(repoRoot, ".changeset");
  const pending = existsSync(changesetDir)
    ? readdirSync(changesetDir)
        .filter((name) => name.endsWith(".md") && name !== "README.md")
        .sort()
        .map((name) => {
          try {
            return parseChangeset(readFileSync(join(changesetDir, name), "utf8"));
          } catch (error) {
            throw new Error(`.changeset/${name}: ${error instanceof Error ? error.message : error}`);
          }
        })
    : [];
  if (pending.length > 0) {
    parts.push("### Unreleased");
    for (const { bumps, body } of pending) {
      const who = bumps.map(([name, bump]) => `\`${name}\` ${bump}`).join(", ");
      parts.push(`**${who}**\n\n${demote(body, 3)}`);
    }
  }
  for (const folder of ["spec", ...listPackages(repoRoot)]) {
    const file = join(repoRoot, folder, "CHANGELOG.md");
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8").replace(/^# .*\r?\n/, "").trim();
    if (text) parts.push(demote(text, 1).replace(/^### /gm, `### ${folder.replace(/^packages\//, "")} `));
  }
  return parts.join("\n\n");
}

/** @param {string} repoRoot */
function listPackages(repoRoot) {
  const dir = join(repoRoot, "packages");
  return existsSync(dir) ? readdirSync(dir).sort().map((name) => `packages/${name}`) : [];
}
