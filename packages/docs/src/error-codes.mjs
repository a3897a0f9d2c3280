// Renders the ErrorCode schema (the one list of Leat's documented error codes) as a list in
// the intro's Errors section, so readers see every code without the spec repeating them.
// A list, not a table: four columns are unreadable in Redoc's middle panel.
import { readSpec } from "@leat-openapi/spec-reader";

/**
 * @param {import("@leat-openapi/spec-reader").JsonObject} spec a bundled OpenAPI document
 * @returns {string} a Markdown list, or "" when the spec has no ErrorCode schema
 */
export function errorCodeList(spec) {
  const line = (/** @type {string | undefined} */ text) => String(text ?? "").replaceAll("\n", " ").trim();
  return readSpec(spec)
    .errorCodes()
    .map(({ code, name, message, description }) => {
      const shownName = name ? ` \`${line(name)}\`` : "";
      const shownMessage = message ? ` "${line(message)}"` : "";
      const meaning = description ? ` ${line(description)}` : "";
      return `- **${code}**${shownName}:${shownMessage}${meaning}`;
    })
    .join("\n");
}

/**
 * Puts the list at the end of the description's "## Errors" section (or at the end of the
 * description when it has none) and returns the new description.
 * @param {string} description
 * @param {string} list
 */
export function withErrorCodeList(description, list) {
  if (!list) return description;
  const block = `\n\n### Error codes\n\n${list}\n`;
  const errors = description.search(/^## Errors\s*$/m);
  if (errors === -1) return `${description.trimEnd()}${block}`;
  const next = description.slice(errors + 1).search(/^## /m);
  if (next === -1) return `${description.trimEnd()}${block}`;
  const at = errors + 1 + next;
  return `${description.slice(0, at).trimEnd()}${block}\n${description.slice(at)}`;
}
