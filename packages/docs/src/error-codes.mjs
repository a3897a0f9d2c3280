// Renders the ErrorCode schema (the one list of Leat's documented error codes) as a table in
// the intro's Errors section, so readers see every code without the spec repeating them.

/**
 * @param {any} spec a bundled OpenAPI document
 * @returns {string} a Markdown table, or "" when the spec has no ErrorCode enum
 */
export function errorCodeTable(spec) {
  const schema = spec?.components?.schemas?.ErrorCode;
  if (!schema || !Array.isArray(schema.enum)) return "";
  const names = schema["x-enum-varnames"] ?? [];
  const messages = schema["x-enum-messages"] ?? {};
  const meanings = schema["x-enumDescriptions"] ?? {};
  const cell = (/** @type {unknown} */ text) => String(text ?? "").replaceAll("|", "\\|").replaceAll("\n", " ");
  const rows = schema.enum.map(
    (/** @type {string | number} */ code, /** @type {number} */ i) => `| ${code} | ${cell(names[i])} | ${cell(messages[code])} | ${cell(meanings[code])} |`,
  );
  return ["| code | name | message | meaning |", "|---|---|---|---|", ...rows].join("\n");
}

/**
 * Puts the table at the end of the description's "## Errors" section (or at the end of the
 * description when it has none) and returns the new description.
 * @param {string} description
 * @param {string} table
 */
export function withErrorCodeTable(description, table) {
  if (!table) return description;
  const block = `\n\n### Error codes\n\n${table}\n`;
  const errors = description.search(/^## Errors\s*$/m);
  if (errors === -1) return `${description.trimEnd()}${block}`;
  const next = description.slice(errors + 1).search(/^## /m);
  if (next === -1) return `${description.trimEnd()}${block}`;
  const at = errors + 1 + next;
  return `${description.slice(0, at).trimEnd()}${block}\n${description.slice(at)}`;
}
