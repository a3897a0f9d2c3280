// Compares two bundled OpenAPI documents operation by operation, and webhook by webhook, and
// rates every change as breaking or not for the people using the API. The rules are listed in
// ../README.md.
import { readSpec } from "@leat-openapi/spec-reader";
import { compareSchemas } from "./schema-diff.mjs";

/** @typedef {import("./schema-diff.mjs").Change} Change */
/** @typedef {import("./schema-diff.mjs").DiffContext} DiffContext */
/** @typedef {import("@leat-openapi/spec-reader").Operation} Operation */
/** @typedef {import("@leat-openapi/spec-reader").Webhook} Webhook */
/** @typedef {import("@leat-openapi/spec-reader").Parameter} Parameter */
/** @typedef {import("@leat-openapi/spec-reader").RequestBody} RequestBody */
/** @typedef {import("@leat-openapi/spec-reader").Response} Response */

/**
 * Path templates match regardless of parameter names: /units/{id} is /units/{unit_uuid}.
 * @param {string} path
 */
const pathShape = (path) => path.replace(/\{[^}]*\}/g, "{}");

/** @param {unknown} doc */
const reader = (doc) => readSpec(/** @type {import("@leat-openapi/spec-reader").JsonObject} */ (doc ?? {}));

/**
 * The operations of a document grouped by path shape.
 * @param {unknown} doc
 * @returns {Map<string, { path: string, ops: Map<string, Operation> }>}
 */
function pathsByShape(doc) {
  const map = new Map();
  for (const path of Object.keys(/** @type {any} */ (doc)?.paths ?? {})) map.set(pathShape(path), { path, ops: new Map() });
  for (const op of reader(doc).operations()) map.get(pathShape(op.path))?.ops.set(op.method, op);
  return map;
}

/**
 * @param {unknown} oldDoc bundled document at the base (or `{}` when the base has no spec)
 * @param {unknown} newDoc bundled document of the working tree
 * @returns {Change[]}
 */
export function classifyChanges(oldDoc, newDoc) {
  /** @type {DiffContext} */
  const ctx = { oldDoc, newDoc, changes: [], seen: new Set() };
  const oldPaths = pathsByShape(oldDoc);
  const newPaths = pathsByShape(newDoc);

  for (const [shape, { path, ops }] of oldPaths) {
    const next = newPaths.get(shape);
    if (!next) {
      const list = [...ops.keys()].map((m) => m.toUpperCase()).join(", ");
      ctx.changes.push({ rule: "path-removed", breaking: true, where: path, detail: `path removed${list ? ` (${list})` : ""}` });
      continue;
    }
    for (const [method, op] of ops) {
      const where = `${method.toUpperCase()} ${next.path}`;
      const after = next.ops.get(method);
      if (!after) {
        ctx.changes.push({ rule: "operation-removed", breaking: true, where, detail: "operation removed" });
        continue;
      }
      compareOperation(ctx, op, after, where);
    }
  }
  for (const [shape, { path, ops }] of newPaths) {
    const before = oldPaths.get(shape);
    for (const method of ops.keys()) {
      if (!before?.ops.has(method)) {
        ctx.changes.push({ rule: "operation-added", breaking: false, where: `${method.toUpperCase()} ${path}`, detail: "new operation" });
      }
    }
  }
  compareWebhooks(ctx);
  return ctx.changes;
}

/**
 * @param {DiffContext} ctx
 * @param {Operation} before
 * @param {Operation} after
 * @param {string} where
 */
function compareOperation(ctx, before, after, where) {
  compareParameters(ctx, parametersOf(before), parametersOf(after), where);
  compareRequestBodies(ctx, before.requestBody, after.requestBody, where);
  compareResponses(ctx, before.responses, after.responses, where);
}

/**
 * The reader merges path-level parameters with the operation's; key them so that a renamed
 * path parameter still matches by its position in the template.
 * @param {Operation | Webhook} op
 * @returns {Map<string, Parameter>}
 */
function parametersOf(op) {
  const names = op.kind === "path" ? [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]) : [];
  const map = new Map();
  for (const p of op.parameters) {
    const key = p.in === "path" ? `path #${names.indexOf(p.name) + 1}` : `${p.in} ${p.in === "header" ? p.name.toLowerCase() : p.name}`;
    map.set(key, p);
  }
  return map;
}

/**
 * @param {DiffContext} ctx
 * @param {Map<string, Parameter>} oldParams
 * @param {Map<string, Parameter>} newParams
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
    if (before.raw.schema && p.raw.schema) compareSchemas(ctx, before.raw.schema, p.raw.schema, "request", where);
  }
  for (const [key, p] of oldParams) {
    if (!newParams.has(key)) {
      ctx.changes.push({ rule: "request-parameter-removed", breaking: true, where: `${op} ${p.in} parameter \`${p.name}\``, detail: "parameter no longer accepted" });
    }
  }
}

/**
 * @param {DiffContext} ctx
 * @param {RequestBody | undefined} before
 * @param {RequestBody | undefined} after
 * @param {string} op
 */
function compareRequestBodies(ctx, before, after, op) {
  const where = `${op} request body`;
  if (after?.required && !before?.required) {
    ctx.changes.push({ rule: "request-new-required-field", breaking: true, where, detail: before ? "request body became required" : "new required request body" });
  }
  const oldContent = before?.content ?? {};
  const newContent = after?.content ?? {};
  for (const [type, media] of Object.entries(oldContent)) {
    const next = newContent[type];
    if (!next) {
      ctx.changes.push({ rule: "request-content-type-removed", breaking: true, where, detail: `content type ${type} no longer accepted` });
    } else if (media.raw.schema && next.raw.schema) {
      compareSchemas(ctx, media.raw.schema, next.raw.schema, "request", `${where} (${type})`);
    }
  }
  for (const type of Object.keys(newContent)) {
    if (!(type in oldContent)) {
      ctx.changes.push({ rule: "request-content-type-added", breaking: false, where, detail: `content type ${type} now accepted` });
    }
  }
}

/**
 * @param {DiffContext} ctx
 * @param {Record<string, Response>} oldResponses
 * @param {Record<string, Response>} newResponses
 * @param {string} op
 */
function compareResponses(ctx, oldResponses, newResponses, op) {
  for (const [status, response] of Object.entries(oldResponses)) {
    const where = `${op} ${status} response`;
    const next = newResponses[status];
    if (!next) {
      ctx.changes.push({ rule: "response-removed", breaking: false, where, detail: "response no longer documented" });
      continue;
    }
    for (const [type, media] of Object.entries(response.content)) {
      const after = next.content[type];
      if (!after) {
        ctx.changes.push({ rule: "response-content-type-removed", breaking: false, where, detail: `content type ${type} no longer documented` });
      } else if (media.raw.schema && after.raw.schema) {
        compareSchemas(ctx, media.raw.schema, after.raw.schema, "response", `${where} (${type})`);
      }
    }
    for (const type of Object.keys(next.content)) {
      if (!(type in response.content)) ctx.changes.push({ rule: "response-content-type-added", breaking: false, where, detail: `content type ${type} added` });
    }
  }
  for (const status of Object.keys(newResponses)) {
    if (!(status in oldResponses)) ctx.changes.push({ rule: "response-added", breaking: false, where: `${op} ${status} response`, detail: "new response" });
  }
}

// Webhooks turn the roles around: the API sends the request and the API user receives it. What
// the receiver reads (the payload and the headers the API sends) is judged the way a client
// reads a response; what the receiver answers is judged the way the API reads a request. See
// ../README.md, "Webhooks".

/**
 * Runs a comparison and renames the rules it produced, so a webhook's verdicts read as such.
 * @param {DiffContext} ctx
 * @param {string} from rule prefix schema-diff uses, e.g. "response-"
 * @param {string} to e.g. "webhook-payload-"
 * @param {() => void} compare
 */
function renamed(ctx, from, to, compare) {
  const start = ctx.changes.length;
  compare();
  for (const change of ctx.changes.slice(start)) {
    if (change.rule.startsWith(from)) change.rule = to + change.rule.slice(from.length);
  }
}

/** @param {DiffContext} ctx */
function compareWebhooks(ctx) {
  const key = (/** @type {Webhook} */ w) => `${w.event} ${w.method}`;
  const oldHooks = new Map(reader(ctx.oldDoc).webhooks().map((w) => [key(w), w]));
  const newHooks = new Map(reader(ctx.newDoc).webhooks().map((w) => [key(w), w]));
  for (const [k, before] of oldHooks) {
    const after = newHooks.get(k);
    if (!after) {
      ctx.changes.push({ rule: "webhook-removed", breaking: true, where: before.label, detail: "the API no longer sends this webhook" });
      continue;
    }
    compareWebhookParameters(ctx, parametersOf(before), parametersOf(after), before.label);
    compareWebhookPayloads(ctx, before.requestBody, after.requestBody, before.label);
    compareWebhookReplies(ctx, before.responses, after.responses, before.label);
  }
  for (const [k, after] of newHooks) {
    if (!oldHooks.has(k)) ctx.changes.push({ rule: "webhook-added", breaking: false, where: after.label, detail: "new webhook" });
  }
}

/**
 * Headers (and any other parameter) the API sends with a webhook: the receiver reads them.
 * @param {DiffContext} ctx @param {Map<string, Parameter>} oldParams @param {Map<string, Parameter>} newParams @param {string} hook
 */
function compareWebhookParameters(ctx, oldParams, newParams, hook) {
  for (const [k, p] of oldParams) {
    const where = `${hook} ${p.in} parameter \`${p.name}\``;
    const after = newParams.get(k);
    if (!after) {
      ctx.changes.push({ rule: "webhook-parameter-removed", breaking: true, where, detail: "the API no longer sends it" });
      continue;
    }
    if (p.required && !after.required) {
      ctx.changes.push({ rule: "webhook-parameter-became-optional", breaking: true, where, detail: "no longer always sent" });
    }
    if (p.raw.schema && after.raw.schema) renamed(ctx, "response-", "webhook-parameter-", () => compareSchemas(ctx, p.raw.schema, after.raw.schema, "response", where));
  }
  for (const [k, p] of newParams) {
    if (!oldParams.has(k)) ctx.changes.push({ rule: "webhook-parameter-added", breaking: false, where: `${hook} ${p.in} parameter \`${p.name}\``, detail: "new parameter sent" });
  }
}

/**
 * The payload: a request the API sends, read by the receiver, so judged like a response.
 * @param {DiffContext} ctx @param {RequestBody | undefined} before @param {RequestBody | undefined} after @param {string} hook
 */
function compareWebhookPayloads(ctx, before, after, hook) {
  const where = `${hook} payload`;
  if (before?.required && !after?.required) {
    ctx.changes.push({ rule: "webhook-payload-became-optional", breaking: true, where, detail: after ? "the payload may now be absent" : "the payload was removed" });
  }
  const oldContent = before?.content ?? {};
  const newContent = after?.content ?? {};
  for (const [type, media] of Object.entries(oldContent)) {
    const next = newContent[type];
    if (!next) {
      ctx.changes.push({ rule: "webhook-payload-content-type-removed", breaking: false, where, detail: `content type ${type} no longer sent` });
    } else if (media.raw.schema && next.raw.schema) {
      renamed(ctx, "response-", "webhook-payload-", () => compareSchemas(ctx, media.raw.schema, next.raw.schema, "response", `${where} (${type})`));
    }
  }
  // No content negotiation here: the API picks the format, so a new one can reach a receiver
  // that only parses the old.
  for (const type of Object.keys(newContent)) {
    if (!(type in oldContent)) ctx.changes.push({ rule: "webhook-payload-content-type-added", breaking: true, where, detail: `content type ${type} may now be sent` });
  }
}

/**
 * The receiver's answer, read by the API, so judged like a request body.
 * @param {DiffContext} ctx @param {Record<string, Response>} oldReplies @param {Record<string, Response>} newReplies @param {string} hook
 */
function compareWebhookReplies(ctx, oldReplies, newReplies, hook) {
  for (const [status, reply] of Object.entries(oldReplies)) {
    const where = `${hook} ${status} reply`;
    const next = newReplies[status];
    if (!next) {
      ctx.changes.push({ rule: "webhook-reply-removed", breaking: true, where, detail: "the API no longer documents accepting this answer" });
      continue;
    }
    for (const [type, media] of Object.entries(reply.content)) {
      const after = next.content[type];
      if (!after) ctx.changes.push({ rule: "webhook-reply-content-type-removed", breaking: true, where, detail: `content type ${type} no longer accepted` });
      else if (media.raw.schema && after.raw.schema) {
        renamed(ctx, "request-", "webhook-reply-", () => compareSchemas(ctx, media.raw.schema, after.raw.schema, "request", `${where} (${type})`));
      }
    }
  }
  for (const status of Object.keys(newReplies)) {
    if (!(status in oldReplies)) ctx.changes.push({ rule: "webhook-reply-added", breaking: false, where: `${hook} ${status} reply`, detail: "new answer accepted" });
  }
}
