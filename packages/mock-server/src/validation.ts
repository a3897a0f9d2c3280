// A request's path, query and header parameters and its body, checked against the operation's
// schemas; what fails becomes Leat's 1003 field errors.
import type { IncomingMessage } from "node:http";
import { BodyProblem, mediaTypeOf, readBody } from "./body.js";
import { fieldErrorsFromAjv, type FieldErrors } from "./errors.js";
import { formFieldsToObject } from "./form-fields.js";
import type { Check, OperationInfo } from "./model.js";
import type { Json, JsonObject } from "./spec.js";

const EMPTY: JsonObject = Object.freeze({}) as JsonObject;

/** The query string, brackets read as PHP does; `flat` keeps names such as `created_at[gt]` as written. */
export function parseQuery(url: string): { nested: JsonObject; flat: Map<string, string> } | null {
  const at = url.indexOf("?");
  if (at < 0 || at === url.length - 1) return null;
  const fields = [...new URLSearchParams(url.slice(at + 1))];
  return { nested: formFieldsToObject(fields), flat: new Map(fields) };
}

/** Checks path, query and header parameters; returns the errors, or null, and the parsed query. */
export function parameterCheck(op: OperationInfo): (request: IncomingMessage, params: Record<string, string>) => { errors: FieldErrors | null; query: JsonObject } {
  const path = op.parameters.filter((p) => p.in === "path");
  const query = op.parameters.filter((p) => p.in === "query");
  const headers = op.parameters.filter((p) => p.in === "header");
  return (request, params) => {
    for (const param of path) {
      if (!param.validate(params[param.name])) return { errors: fieldErrorsFromAjv(param.validate.errors, param.name), query: EMPTY };
    }
    const parsed = parseQuery(request.url ?? "");
    const values: JsonObject = parsed ? parsed.nested : EMPTY;
    let typedQuery: JsonObject | undefined;
    for (const param of query) {
      const value: Json | undefined = parsed ? (parsed.flat.get(param.name) ?? values[param.name]) : undefined;
      if (value === undefined) {
        if (param.required) return { errors: { [param.name]: [`The ${param.name.replace(/_/g, " ")} field is required.`] }, query: values };
        continue;
      }
      if (!param.validate(value)) return { errors: fieldErrorsFromAjv(param.validate.errors, param.name), query: values };
      // The handler sees the value as the spec types it: `limit=5` arrives as 5.
      typedQuery ??= { ...values };
      typedQuery[param.name] = param.typed(value);
    }
    for (const param of headers) {
      const value = request.headers[param.name];
      if (value === undefined) {
        if (param.required) return { errors: { [param.name]: [`The ${param.name} header is required.`] }, query: values };
      } else if (!param.validate(value)) {
        return { errors: fieldErrorsFromAjv(param.validate.errors, param.name), query: values };
      }
    }
    return { errors: null, query: typedQuery ?? values };
  };
}

const TEXT_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * A form has no booleans: PHP sends `true` as "1" and `false` as "0", and Laravel's `boolean`
 * rule takes them, but a coercing validator only turns "true"/"false" into booleans. So where
 * the only complaint is that such a field must be a boolean, it is read as one and checked
 * again. True when the body then passes (changed in place).
 */
function formBooleansRead(body: Json, check: Check): boolean {
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const error of check.errors ?? []) {
      const types = error.keyword === "type" ? ([] as unknown[]).concat(error.params.type) : [];
      if (!types.includes("boolean")) continue;
      const path = error.instancePath.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
      const key = path.pop();
      let parent: Json | undefined = body;
      for (const k of path) parent = parent !== null && typeof parent === "object" ? (parent as JsonObject)[k] : undefined;
      if (key === undefined || parent === null || typeof parent !== "object") continue;
      const value = (parent as JsonObject)[key];
      if (value === "1" || value === "0") {
        (parent as JsonObject)[key] = value === "1";
        changed = true;
      }
    }
    if (!changed) return false;
    if (check(body)) return true;
  }
  return false;
}

/** Reads and checks the body; resolves the fields or the errors. A missing body is checked as `{}`. */
export function bodyCheck(op: OperationInfo): (request: IncomingMessage) => Promise<{ body: JsonObject } | { errors: FieldErrors }> {
  const mediaTypes = op.body!.mediaTypes;
  const accepted = [...mediaTypes.keys()];
  const first = mediaTypes.values().next().value!;
  return (request) =>
    readBody(request, accepted).then((raw) => {
      if (raw instanceof BodyProblem) {
        return { errors: { body: [raw.wrongType ? `${raw.message} Send ${accepted.join(" or ")}.` : raw.message] } };
      }
      const type = mediaTypeOf(request.headers["content-type"]);
      const check = (type && mediaTypes.get(type)) || first;
      const candidate = raw === undefined ? {} : raw;
      if (!check(candidate) && !(type && TEXT_TYPES.has(type) && formBooleansRead(candidate, check))) return { errors: fieldErrorsFromAjv(check.errors) };
      return { body: candidate as JsonObject };
    });
}
