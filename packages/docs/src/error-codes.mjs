// Renders the ErrorCode schema (the one list of Leat's documented error codes) as a list in
// the intro's Errors section, so readers see every code without the spec repeating them.
// A list, not a table: four columns are unreadable in Redoc's middle panel.

/**
 * @param {any} spec a bundled OpenAPI document
 * @returns {string} a Markdown list, or "" when the spec has no ErrorCode enum
 */
export function errorCodeList(spec) {
  const schema = spec?.components?.schemas?.ErrorCode;
  if (!schema || !Array.isArray(schema.enum)) return "";
  const names = schema["x-enum-varnames"] ?? [];
  const messages = schema["x-enum-messages"] ?? {};
  const meanings = schema["x-enumDescriptions"] ?? {};
  const line = (/** @type {unknown} */ text) => String(text ?? "").replaceAll("\n", " ").trim();
  return schema.enum
    .map((/** @type {string | number} */ code, /** @type {number} */ i) => {
      const name = names[i] ? ` \`${line(names[i])}\`` : "";
      const message = messages[code] ? ` "${line(messages[code])}"` : "";
      const meaning = meanings[code] ? ` ${line(meanings[code])}` : "";
      return `- **${code}**${name}:${message}${meaning}`;
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
