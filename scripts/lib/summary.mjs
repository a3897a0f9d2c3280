// Renders the classifier's result as Markdown for a pull-request comment or job summary.

/** @typedef {import("./schema-diff.mjs").Change} Change */

/** @param {string} text */
const cell = (text) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/**
 * The same component can surface under several operations; show each distinct change once.
 * @param {Change[]} changes
 */
export function uniqueChanges(changes) {
  const seen = new Set();
  return changes.filter((c) => {
    const key = `${c.rule}\u0000${c.where}\u0000${c.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * @param {{ changes: Change[], base: string, baseNote?: string, acknowledged: boolean, reason: string }} input
 */
export function renderSummary({ changes, base, baseNote, acknowledged, reason }) {
  const unique = uniqueChanges(changes);
  const breaking = unique.filter((c) => c.breaking);
  const other = unique.filter((c) => !c.breaking);
  const lines = ["## API changes", "", `Compared the spec at \`${base}\`${baseNote ? ` (${baseNote})` : ""} with this branch.`, ""];
  const n = breaking.length;
  if (n === 0) {
    lines.push(`**No breaking changes.** ${other.length} other change${other.length === 1 ? "" : "s"}.`);
  } else if (acknowledged) {
    lines.push(`**${n} breaking change${n === 1 ? "" : "s"}, acknowledged** by ${reason}.`);
  } else {
    lines.push(`**${n} breaking change${n === 1 ? "" : "s"}, not acknowledged.** This check fails until one is added (see below).`);
  }
  const table = (/** @type {string} */ title, /** @type {Change[]} */ rows) => {
    if (rows.length === 0) return;
    lines.push("", `### ${title}`, "", "| Rule | Where | Change |", "| --- | --- | --- |");
    for (const c of rows) lines.push(`| \`${c.rule}\` | ${cell(c.where)} | ${cell(c.detail)} |`);
  };
  table("Breaking", breaking);
  table("Not breaking", other);
  if (n > 0 && !acknowledged) {
    lines.push(
      "",
      "To ship this on purpose, add a changeset that bumps `@leat-openapi/spec` or `@leat-openapi/client` by `major` (`pnpm changeset`), " +
        "or add the `breaking-change` label to the pull request. Locally: `pnpm check:breaking --allow-breaking`.",
    );
  }
  return `${lines.join("\n")}\n`;
}
