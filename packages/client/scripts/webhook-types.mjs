// Writes the text of src/generated/webhooks.ts: one TypeScript type per webhook event of the
// spec (`webhooks:` map, read with @leat-openapi/spec-reader) and the union parseWebhook returns.
// The payload schemas use a small part of JSON Schema; a keyword that would change the type and
// that this does not translate is an error naming it, never silently dropped.

/** Keywords that say nothing about the TypeScript type (validation limits, docs, examples). */
const IGNORED = new Set([
  "title", "description", "examples", "example", "format", "pattern", "minLength", "maxLength",
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems",
  "maxItems", "uniqueItems", "minProperties", "maxProperties", "default", "readOnly", "writeOnly",
  "deprecated", "externalDocs", "$comment", "discriminator", "contentMediaType", "contentEncoding",
]);
const HANDLED = new Set(["$ref", "type", "const", "enum", "properties", "required", "additionalProperties", "items", "allOf", "oneOf", "anyOf"]);
const SCALARS = { string: "string", integer: "number", number: "number", boolean: "boolean", null: "null" };
const COMPONENT_REF = /^#\/components\/schemas\/([A-Za-z_][A-Za-z0-9_]*)$/;

export class WebhookTypesError extends Error {}

const raise = (message) => {
  throw new WebhookTypesError(message);
};

const pascal = (name) =>
  String(name)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");

const docComment = (text, indent) => {
  const line = String(text ?? "").replace(/\s+/g, " ").replace(/\*\//g, "*\\/").trim();
  return line ? `${indent}/** ${line} */\n` : "";
};

/** Whether one of `operators` occurs in `type` outside brackets and string literals. */
function topLevel(type, operators) {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < type.length; i++) {
    const c = type[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if ("({[<".includes(c)) depth++;
    else if (")}]>".includes(c)) depth--;
    else if (depth === 0 && operators.includes(c)) return true;
  }
  return false;
}

const key = (name) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

/** The `type` an event's schema fixes with `const`, looking through `allOf` and component `$ref`s. */
function fixedType(spec, schema, seen = new Set()) {
  if (!schema || typeof schema !== "object") return undefined;
  if (typeof schema.$ref === "string") {
    if (seen.has(schema.$ref)) return undefined;
    seen.add(schema.$ref);
    return fixedType(spec, spec.resolve(schema).value, seen);
  }
  const own = schema.properties?.type?.const;
  if (own !== undefined) return own;
  for (const part of schema.allOf ?? []) {
    const found = fixedType(spec, part, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * @param {import("@leat-openapi/spec-reader").SpecReader} spec
 * @param {{ header: string, fail?: (message: string) => never }} options
 */
export function webhookTypes(spec, { header, fail: onError }) {
  const fail = onError ?? raise;
  /** Component schemas reached so far, in the order first met; written once each. */
  const components = new Map();

  const named = (name) => {
    if (!components.has(name)) {
      components.set(name, null);
      const value = spec.component("schemas", name).value;
      components.set(name, { text: convert(value, "", `#/components/schemas/${name}`), description: value?.description });
    }
    return name;
  };

  function convert(schema, indent, where) {
    if (schema === true || schema === undefined) return "unknown";
    if (schema === false) return "never";
    if (typeof schema !== "object" || schema === null || Array.isArray(schema)) fail(`${where}: a schema must be an object or a boolean`);
    for (const keyword of Object.keys(schema)) {
      if (!HANDLED.has(keyword) && !IGNORED.has(keyword) && !keyword.startsWith("x-")) {
        fail(`${where}: the webhook type generator does not translate the keyword "${keyword}"; teach scripts/webhook-types.mjs or write the schema without it`);
      }
    }
    const parts = [];
    if (typeof schema.$ref === "string") {
      const match = COMPONENT_REF.exec(schema.$ref);
      parts.push(match ? named(match[1]) : convert(spec.resolve(schema).value, indent, schema.$ref));
    }
    for (const [i, part] of (schema.allOf ?? []).entries()) parts.push(convert(part, indent, `${where}/allOf/${i}`));
    for (const keyword of ["oneOf", "anyOf"]) {
      if (schema[keyword]) parts.push(schema[keyword].map((part, i) => convert(part, indent, `${where}/${keyword}/${i}`)).join(" | "));
    }
    const own = ownType(schema, indent, where);
    if (own !== undefined) parts.push(own);
    if (parts.length === 0) return "unknown";
    return parts.length === 1 ? parts[0] : parts.map((part) => (topLevel(part, "|&") ? `(${part})` : part)).join(" & ");
  }

  /** What the schema's own keywords (not $ref, allOf, oneOf, anyOf) say; undefined when nothing. */
  function ownType(schema, indent, where) {
    if ("const" in schema) return JSON.stringify(schema.const);
    if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
    const objectish = schema.properties !== undefined || schema.additionalProperties !== undefined || schema.required !== undefined;
    const types = schema.type === undefined ? (objectish ? ["object"] : []) : [schema.type].flat();
    if (types.length === 0) return undefined;
    return types
      .map((type) => {
        if (SCALARS[type]) return SCALARS[type];
        if (type === "array") {
          const items = convert(schema.items, indent, `${where}/items`);
          return topLevel(items, "|& ") ? `Array<${items}>` : `${items}[]`;
        }
        if (type === "object") return objectType(schema, indent, where);
        return fail(`${where}: unknown type "${type}"`);
      })
      .join(" | ");
  }

  function objectType(schema, indent, where) {
    const inner = `${indent}  `;
    const required = new Set(schema.required ?? []);
    const lines = Object.entries(schema.properties ?? {}).map(([name, property]) => {
      const type = convert(property, inner, `${where}/properties/${name}`);
      return `${docComment(property?.description, inner)}${inner}${key(name)}${required.has(name) ? "" : "?"}: ${type};\n`;
    });
    const extra = schema.additionalProperties;
    if (extra === true || (extra && typeof extra === "object" && lines.length > 0)) lines.push(`${inner}[key: string]: unknown;\n`);
    else if (extra && typeof extra === "object") lines.push(`${inner}[key: string]: ${convert(extra, inner, `${where}/additionalProperties`)};\n`);
    return lines.length === 0 ? (extra === false ? "Record<string, never>" : "{ [key: string]: unknown }") : `{\n${lines.join("")}${indent}}`;
  }

  const events = spec.webhooks().map((webhook) => {
    const where = `webhook ${webhook.event} (${webhook.method.toUpperCase()})`;
    if (webhook.method !== "post") fail(`${where}: Leat sends webhooks as POST requests; the client only types those`);
    const json = webhook.requestBody?.content["application/json"];
    if (!json?.raw?.schema) fail(`${where}: needs a requestBody with an application/json schema`);
    const fixed = fixedType(spec, json.raw.schema);
    if (fixed !== webhook.event) {
      fail(`${where}: its payload schema must fix "type" to ${JSON.stringify(webhook.event)} with const (found ${JSON.stringify(fixed)}), so that receivers can tell events apart`);
    }
    return {
      event: webhook.event,
      name: `Leat${pascal(webhook.event)}Event`,
      summary: webhook.summary,
      text: convert(json.raw.schema, "", `${where} requestBody`),
    };
  });

  const names = new Set(components.keys());
  for (const { event, name } of events) {
    if (names.has(name)) fail(`webhook ${event}: its type name ${name} is taken by another event or a component schema`);
    names.add(name);
  }

  const out = [header];
  for (const [name, { text, description }] of components) {
    // Not exported: the client names component schemas elsewhere, and two exports of one name clash.
    out.push(`${docComment(description, "")}type ${name} = ${text};\n\n`);
  }
  for (const { event, name, summary, text } of events) {
    out.push(`${docComment(`\`${event}\`: ${summary ?? ""}`, "")}export type ${name} = ${text};\n\n`);
  }
  if (events.length === 0) {
    out.push(
      "// The spec describes no webhook event yet: every delivery is the bare {type, data} envelope.\n\n" +
        "/** The events the spec describes, by name (none yet). */\n" +
        "export type LeatWebhookEvents = Record<never, never>;\n\n" +
        "/** The name of a webhook event. */\n" +
        "export type LeatWebhookEventType = string;\n\n" +
        "/** A webhook delivery's body. */\n" +
        "export type LeatWebhookEvent = { type: string; data: { [key: string]: unknown } };\n",
    );
  } else {
    const rows = events.map(({ event, name, summary }) => `${docComment(summary, "  ")}  ${key(event)}: ${name};\n`);
    out.push(
      "/** The events the spec describes, by name. */\n" +
        `export type LeatWebhookEvents = {\n${rows.join("")}};\n\n` +
        "/** The name of a webhook event the spec describes. */\n" +
        "export type LeatWebhookEventType = keyof LeatWebhookEvents;\n\n" +
        "/** A webhook delivery's body: one of the events, told apart by `type`. */\n" +
        "export type LeatWebhookEvent = LeatWebhookEvents[LeatWebhookEventType];\n",
    );
  }
  return out.join("");
}
