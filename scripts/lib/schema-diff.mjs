// Direction-aware comparison of two JSON Schemas (OpenAPI 3.1 flavour).
// "request": the new schema must still accept every value the old one accepted.
// "response": a client written against the old schema must still understand what the new one
//   allows; for enums we also treat a removed value as breaking, because the generated client
//   type narrows and existing comparisons against the removed literal stop compiling.
import { readSpec } from "@leat-openapi/spec-reader";

/**
 * Follows a $ref chain with the spec reader (keys beside a $ref win over the target's).
 * @param {unknown} doc bundled document
 * @param {any} node
 * @returns {{ node: any, ref: string | undefined }}
 */
export function resolve(doc, node) {
  const { value, ref } = readSpec(/** @type {import("@leat-openapi/spec-reader").JsonObject} */ (doc)).resolve(node);
  return { node: value, ref };
}

/** @typedef {"request" | "response"} Direction */
/** @typedef {{ rule: string, breaking: boolean, where: string, detail: string }} Change */
/** @typedef {{ oldDoc: unknown, newDoc: unknown, changes: Change[], seen: Set<string> }} DiffContext  seen: schema pairs on the current comparison path */

const ALL_TYPES = ["array", "boolean", "integer", "null", "number", "object", "string"];

/**
 * Resolves $refs and folds allOf members into one schema, which is how clients see them.
 * @param {unknown} doc
 * @param {any} schema
 * @param {number} [depth]
 * @returns {any}
 */
export function flatten(doc, schema, depth = 0) {
  const { node } = resolve(doc, schema);
  if (!node || typeof node !== "object" || !Array.isArray(node.allOf) || depth > 32) return node ?? {};
  const { allOf, ...own } = node;
  /** @type {any} */
  const merged = {};
  for (const part of [...allOf.map((/** @type {any} */ p) => flatten(doc, p, depth + 1)), own]) {
    for (const [key, value] of Object.entries(part)) {
      if (key === "properties") merged.properties = { ...merged.properties, ...value };
      else if (key === "required") merged.required = [...new Set([...(merged.required ?? []), ...value])];
      else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged;
}

/** @param {unknown} value */
function typeOfValue(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/**
 * The set of JSON types a schema allows, or undefined when it does not say.
 * @param {unknown} doc
 * @param {any} s flattened schema
 * @returns {Set<string> | undefined}
 */
export function typesOf(doc, s) {
  /** @type {Set<string> | undefined} */
  let types;
  if (typeof s.type === "string") types = new Set([s.type]);
  else if (Array.isArray(s.type)) types = new Set(s.type);
  else if (Array.isArray(s.enum)) types = new Set(s.enum.map(typeOfValue));
  else if ("const" in s) types = new Set([typeOfValue(s.const)]);
  else if (Array.isArray(s.oneOf ?? s.anyOf)) {
    types = new Set();
    for (const branch of s.oneOf ?? s.anyOf) {
      const branchTypes = typesOf(doc, flatten(doc, branch));
      if (!branchTypes) return undefined;
      for (const t of branchTypes) types.add(t);
    }
  } else if (s.properties || s.additionalProperties !== undefined) types = new Set(["object"]);
  else if (s.items) types = new Set(["array"]);
  if (types && s.nullable === true) types.add("null");
  return types;
}

/** @param {Set<string>} set @param {string} type */
function accepts(set, type) {
  return set.has(type) || (type === "integer" && set.has("number"));
}

/**
 * The values a schema is limited to, or undefined when it is not a list of values. A oneOf or
 * anyOf whose every branch is such a list (a `boolean` or `null` branch counts as its values)
 * is the union of its branches: BooleanLike written as branches per type or as one list
 * accepts the same values.
 * @param {unknown} doc @param {any} s flattened schema @param {boolean} [branch]
 * @returns {unknown[] | undefined}
 */
function enumOf(doc, s, branch = false) {
  if (Array.isArray(s.enum)) return s.enum;
  if ("const" in s) return [s.const];
  const union = s.oneOf ?? s.anyOf;
  if (Array.isArray(union) && union.length > 0) {
    /** @type {unknown[]} */
    const values = [];
    for (const member of union) {
      const memberValues = enumOf(doc, flatten(doc, member), true);
      if (!memberValues) return undefined;
      values.push(...memberValues);
    }
    return values;
  }
  if (branch && s.type === "boolean") return [true, false];
  if (branch && s.type === "null") return [null];
  return undefined;
}

/** @param {unknown} v */
const show = (v) => (typeof v === "string" ? `"${v}"` : JSON.stringify(v));

/**
 * @param {DiffContext} ctx
 * @param {any} oldSchema
 * @param {any} newSchema
 * @param {Direction} dir
 * @param {string} where human-readable location
 */
export function compareSchemas(ctx, oldSchema, newSchema, dir, where) {
  const oldRef = resolve(ctx.oldDoc, oldSchema).ref;
  const newRef = resolve(ctx.newDoc, newSchema).ref;
  // A recursive schema would recurse forever: stop when this pair is already being compared
  // further up the current path.
  const key = oldRef && newRef ? `${dir}|${oldRef}|${newRef}` : undefined;
  if (key) {
    if (ctx.seen.has(key)) return;
    ctx.seen.add(key);
  }
  try {
    compareResolved(ctx, oldSchema, newSchema, dir, where);
  } finally {
    if (key) ctx.seen.delete(key);
  }
}

/**
 * @param {DiffContext} ctx @param {any} oldSchema @param {any} newSchema @param {Direction} dir @param {string} where
 */
function compareResolved(ctx, oldSchema, newSchema, dir, where) {
  const o = flatten(ctx.oldDoc, oldSchema);
  const n = flatten(ctx.newDoc, newSchema);
  const add = (/** @type {string} */ rule, /** @type {boolean} */ breaking, /** @type {string} */ detail) =>
    ctx.changes.push({ rule, breaking, where, detail });

  compareTypes(ctx, o, n, dir, add);
  compareEnums(ctx, o, n, dir, add);
  compareProperties(ctx, o, n, dir, where);

  if (o.items && n.items) compareSchemas(ctx, o.items, n.items, dir, `${where} › []`);
  if (isSchema(o.additionalProperties) && isSchema(n.additionalProperties)) {
    compareSchemas(ctx, o.additionalProperties, n.additionalProperties, dir, `${where} › {*}`);
  }
  for (const key of /** @type {const} */ (["oneOf", "anyOf"])) {
    if (Array.isArray(o[key]) && Array.isArray(n[key]) && o[key].length === n[key].length) {
      o[key].forEach((/** @type {any} */ branch, /** @type {number} */ i) =>
        compareSchemas(ctx, branch, n[key][i], dir, `${where} › ${key}[${i}]`),
      );
    }
  }
}

/** @param {unknown} v */
const isSchema = (v) => v !== null && typeof v === "object";

/**
 * @param {DiffContext} ctx @param {any} o @param {any} n @param {Direction} dir
 * @param {(rule: string, breaking: boolean, detail: string) => void} add
 */
function compareTypes(ctx, o, n, dir, add) {
  const oldTypes = typesOf(ctx.oldDoc, o) ?? (isUnconstrained(o) ? new Set(ALL_TYPES) : undefined);
  const newTypes = typesOf(ctx.newDoc, n) ?? (isUnconstrained(n) ? new Set(ALL_TYPES) : undefined);
  if (!oldTypes || !newTypes) return;
  const list = (/** @type {Iterable<string>} */ s) => [...s].sort().join(" | ");
  if (dir === "request") {
    const lost = [...oldTypes].filter((t) => !accepts(newTypes, t));
    if (lost.length > 0) add("request-type-narrowed", true, `no longer accepts ${lost.join(", ")} (was ${list(oldTypes)}, now ${list(newTypes)})`);
    else if ([...newTypes].some((t) => !accepts(oldTypes, t))) add("request-type-widened", false, `now also accepts ${list([...newTypes].filter((t) => !accepts(oldTypes, t)))}`);
    return;
  }
  if (newTypes.has("null") && !oldTypes.has("null")) add("response-field-nullable", true, "can now be null");
  const gained = [...newTypes].filter((t) => t !== "null" && !accepts(oldTypes, t));
  if (gained.length > 0) add("response-type-changed", true, `type changed from ${list(oldTypes)} to ${list(newTypes)}`);
  else if ([...oldTypes].some((t) => !accepts(newTypes, t))) add("response-type-narrowed", false, `type narrowed from ${list(oldTypes)} to ${list(newTypes)}`);
}

/** A schema with no keyword that limits the type accepts anything. @param {any} s */
function isUnconstrained(s) {
  return Object.keys(s).every((k) => ["description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly", "format"].includes(k) || k.startsWith("x-"));
}

/**
 * @param {DiffContext} ctx @param {any} o @param {any} n @param {Direction} dir
 * @param {(rule: string, breaking: boolean, detail: string) => void} add
 */
function compareEnums(ctx, o, n, dir, add) {
  const oldValues = enumOf(ctx.oldDoc, o);
  const newValues = enumOf(ctx.newDoc, n);
  if (!newValues) {
    if (oldValues && dir === "response") add("response-type-changed", true, `no longer limited to ${oldValues.map(show).join(", ")}`);
    return;
  }
  if (!oldValues) {
    if (dir === "request") add("request-enum-value-removed", true, `now only accepts ${newValues.map(show).join(", ")}`);
    return;
  }
  const has = (/** @type {unknown[]} */ list, /** @type {unknown} */ v) => list.some((x) => JSON.stringify(x) === JSON.stringify(v));
  const removed = oldValues.filter((/** @type {unknown} */ v) => !has(newValues, v));
  const added = newValues.filter((/** @type {unknown} */ v) => !has(oldValues, v));
  if (removed.length > 0) add(`${dir}-enum-value-removed`, true, `enum value ${removed.map(show).join(", ")} removed`);
  if (added.length > 0) add(`${dir}-enum-value-added`, false, `enum value ${added.map(show).join(", ")} added`);
}

/**
 * @param {DiffContext} ctx @param {any} o @param {any} n @param {Direction} dir @param {string} where
 */
function compareProperties(ctx, o, n, dir, where) {
  const oldProps = o.properties ?? {};
  const newProps = n.properties ?? {};
  const oldRequired = new Set(o.required ?? []);
  const newRequired = new Set(n.required ?? []);
  const push = (/** @type {string} */ rule, /** @type {boolean} */ breaking, /** @type {string} */ name, /** @type {string} */ detail) =>
    ctx.changes.push({ rule, breaking, where: `${where} › ${name}`, detail });
  for (const name of Object.keys(newProps)) {
    if (name in oldProps) continue;
    if (dir === "request") {
      if (newRequired.has(name)) push("request-new-required-field", true, name, "new required field");
      else push("request-field-added", false, name, "new optional field");
    } else push("response-field-added", false, name, "new field");
  }
  for (const name of Object.keys(oldProps)) {
    if (!(name in newProps)) {
      push(`${dir}-field-removed`, true, name, "field removed");
      continue;
    }
    if (dir === "request" && newRequired.has(name) && !oldRequired.has(name)) {
      push("request-new-required-field", true, name, "optional field became required");
    }
    if (dir === "response" && oldRequired.has(name) && !newRequired.has(name)) {
      push("response-field-became-optional", true, name, "field is no longer always present");
    }
    compareSchemas(ctx, oldProps[name], newProps[name], dir, `${where} › ${name}`);
  }
}
