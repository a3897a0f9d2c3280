// Compares two bundled OpenAPI documents operation by operation and rates every change as
// breaking or not for the people using the API. The rules are listed in ../README.md.
import { resolve } from "./refs.mjs";
import { compareSchemas } from "./schema-diff.mjs";

/** @typedef {import("./schema-diff.mjs").Change} Change */

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Path templates match regardless of parameter names: /units/{id} is /units/{unit_uuid}.
 * @param {string} path
 */
const pathShape = (path) => path.replace(/\{[^}]*\}/g, "{}");

/**
 * @param {any} doc
 * @returns {Map<string, { path: string, item: any }>}
 */
function pathsByShape(doc) {
  const map = new Map();
  for (const [path, item] of Object.entries(doc?.paths ?? {})) {
    map.set(pathShape(path), { path, item: resolve(doc, item).node ?? {} });
  }
  return map;
}

/**
 * @param {unknown} oldDoc bundled document at the base (or `{}` when the base has no spec)
 * @param {unknown} newDoc bundled document of the working tree
 * @returns {Change[]}
 */
export function classifyChanges(oldDoc, newDoc) {
  /** @type {import("./schema-diff.mjs").DiffContext} */
  const ctx = { oldDoc, newDoc, changes: [], seen: new Set() };
  const oldPaths = pathsByShape(oldDoc);
  const newPaths = pathsByShape(newDoc);

  for (const [shape, { path, item }] of oldPaths) {
    const next = newPaths.get(shape);
    const oldOps = METHODS.filter((m) => item[m]);
    if (!next) {
      const ops = oldOps.map((m) => m.toUpperCase()).join(", ");
      ctx.changes.push({ rule: "path-removed", breaking: true, where: path, detail: `path removed${ops ? ` (${ops})` : ""}` });
      continue;
    }
    for (const method of oldOps) {
      const where = `${method.toUpperCase()} ${next.path}`;
      if (!next.item[method]) {
        ctx.changes.push({ rule: "operation-removed", breaking: true, where, detail: "operation removed" });
        continue;
      }
      compareOperation(ctx, { path, item, op: item[method] }, { path: next.path, item: next.item, op: next.item[method] }, where);
    }
  }
  for (const [shape, { path, item }] of newPaths) {
    const before = oldPaths.get(shape);
    for (const method of METHODS.filter((m) => item[m])) {
      if (!before?.item[method]) {
        ctx.changes.push({ rule: "operation-added", breaking: false, where: `${method.toUpperCase()} ${path}`, detail: "new operation" });
      }
    }
  }
  return ctx.changes;
}

/**
 * @typedef {{ path: string, item: any, op: any }} OperationSide
 * @param {import("./schema-diff.mjs").DiffContext} ctx
 * @param {OperationSide} before
 * @param {OperationSide} after
 * @param {string} where
 */
function compareOperation(ctx, before, after, where) {
  compareParameters(ctx, parametersOf(ctx.oldDoc, before), parametersOf(ctx.newDoc, after), where);
  compareRequestBodies(ctx, resolve(ctx.oldDoc, before.op.requestBody).node, resolve(ctx.newDoc, after.op.requestBody).node, where);
  compareResponses(ctx, before.op.responses ?? {}, after.op.responses ?? {}, where);
}

/**
 * Path-level parameters merged with the operation's (which override them), keyed so that a
 * renamed path parameter still matches by its position in the template.
 * @param {unknown} doc
 * @param {OperationSide} side
 * @returns {Map<string, any>}
 */
function parametersOf(doc, side) {
  const names = [...side.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const map = new Map();
  for (const raw of [...(side.item.parameters ?? []), ...(side.op.parameters ?? [])]) {
    const p = resolve(doc, raw).node;
    if (!p || typeof p !== "object") continue;
    const key = p.in === "path" ? `path #${names.indexOf(p.name) + 1}` : `${p.in} ${p.in === "header" ? String(p.name).toLowerCase() : p.name}`;
    map.set(key, p);
  }
  return map;
}

/**
 * @param {import("./schema-diff.mjs").DiffContext} ctx
 * @param {Map<string, any>} oldParams
 * @param {Map<string, any>} newParams
 * @param {string} op
 */
function compareParameters(ctx, oldParams, newParams, op) {
  for (const [key, p] of newParams) {
    const where = `${op} ${p.in} parameter \`${p.name}\``;
    const before = oldParams.get(key);
    if (!before) {
      if (p.required) ctx.changes.push({ rule: "request-new-required-parameter", breaking: true, where, detail: "new required parameter" });
      else ctx.changes.push({ rule: "request-parameter-added", breaking: false, where, detail: "new optional parameter" });
      continue;
    }
    if (p.required && !before.required) {
      ctx.changes.push({ rule: "request-new-required-parameter", breaking: true, where, detail: "optional parameter became required" });
    }
    if (before.schema && p.schema) compareSchemas(ctx, before.schema, p.schema, "request", where);
  }
  for (const [key, p] of oldParams) {
    if (!newParams.has(key)) {
      ctx.changes.push({ rule: "request-parameter-removed", breaking: true, where: `${op} ${p.in} parameter \`${p.name}\``, detail: "parameter no longer accepted" });
    }
  }
}

/**
 * @param {import("./schema-diff.mjs").DiffContext} ctx
 * @param {any} before resolved request body or undefined
 * @param {any} after
 * @param {string} op
 */
function compareRequestBodies(ctx, before, after, op) {
  const where = `${op} request body`;
  if (after?.required && !before?.required) {
    ctx.changes.push({ rule: "request-new-required-field", breaking: true, where, detail: before ? "request body became required" : "new required request body" });
  }
  const oldContent = before?.content ?? {};
  const newContent = after?.content ?? {};
  for (const type of Object.keys(oldContent)) {
    if (!(type in newContent)) {
      ctx.changes.push({ rule: "request-content-type-removed", breaking: true, where, detail: `content type ${type} no longer accepted` });
    } else if (oldContent[type]?.schema && newContent[type]?.schema) {
      compareSchemas(ctx, oldContent[type].schema, newContent[type].schema, "request", `${where} (${type})`);
    }
  }
  for (const type of Object.keys(newContent)) {
    if (!(type in oldContent)) {
      ctx.changes.push({ rule: "request-content-type-added", breaking: false, where, detail: `content type ${type} now accepted` });
    }
  }
}

/**
 * @param {import("./schema-diff.mjs").DiffContext} ctx
 * @param {Record<string, any>} oldResponses
 * @param {Record<string, any>} newResponses
 * @param {string} op
 */
function compareResponses(ctx, oldResponses, newResponses, op) {
  for (const [status, raw] of Object.entries(oldResponses)) {
    const where = `${op} ${status} response`;
    if (!(status in newResponses)) {
      ctx.changes.push({ rule: "response-removed", breaking: false, where, detail: "response no longer documented" });
      continue;
    }
    const oldContent = resolve(ctx.oldDoc, raw).node?.content ?? {};
    const newContent = resolve(ctx.newDoc, newResponses[status]).node?.content ?? {};
    for (const type of Object.keys(oldContent)) {
      if (!(type in newContent)) {
        ctx.changes.push({ rule: "response-content-type-removed", breaking: false, where, detail: `content type ${type} no longer documented` });
      } else if (oldContent[type]?.schema && newContent[type]?.schema) {
        compareSchemas(ctx, oldContent[type].schema, newContent[type].schema, "response", `${where} (${type})`);
      }
    }
    for (const type of Object.keys(newContent)) {
      if (!(type in oldContent)) ctx.changes.push({ rule: "response-content-type-added", breaking: false, where, detail: `content type ${type} added` });
    }
  }
  for (const status of Object.keys(newResponses)) {
    if (!(status in oldResponses)) ctx.changes.push({ rule: "response-added", breaking: false, where: `${op} ${status} response`, detail: "new response" });
  }
}
