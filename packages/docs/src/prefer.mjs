// Each operation's "Try it on the mock" note: the `Prefer` values the mock server accepts
// for it, read from the operation's documented statuses and example names (the mock answers
// `Prefer: code=<status>` and `Prefer: example=<name>` from the same spec).
import { readSpec } from "@leat-openapi/spec-reader";

export const PREFER_HEADING = "**Try it on the mock.**";

/**
 * Appends the note to every path operation's description, in place.
 * @param {any} spec a bundled OpenAPI document
 */
export function withPreferNotes(spec) {
  for (const operation of readSpec(spec).operations()) {
    const target = spec.paths?.[operation.path]?.[operation.method];
    if (!target) continue;
    const statuses = Object.keys(operation.responses).filter((status) => /^\d{3}$/.test(status));
    /** @type {string[]} */
    const names = [];
    for (const response of Object.values(operation.responses)) {
      for (const media of Object.values(response.content)) {
        for (const name of Object.keys(media.examples)) if (!names.includes(name)) names.push(name);
      }
    }
    const note = preferNote(statuses, names);
    target.description = `${String(target.description ?? "").trimEnd()}\n\n${note}`.trimStart();
  }
  return spec;
}

/** @param {string[]} statuses @param {string[]} names */
export function preferNote(statuses, names) {
  const code = (/** @type {string} */ text) => `\`${text}\``;
  const lines = [
    `${PREFER_HEADING} With the [mock server](#section/Getting-started), send \`Prefer: code=<status>\` for one of ${statuses.map(code).join(", ")}`,
  ];
  if (names.length > 0) lines.push(`or \`Prefer: example=<name>\` for one of ${names.map(code).join(", ")}.`);
  else lines[0] += ".";
  return lines.join(" ");
}
