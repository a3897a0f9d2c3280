import type { ErrorObject } from "ajv";
import type { ErrorCatalog } from "./model.js";
import type { JsonObject } from "./spec.js";

export type FieldErrors = Record<string, string[]>;

/** Leat answers every documented error with HTTP 400 and repeats the status in the body. */
export const API_ERROR_STATUS = 400;

/** Fails at start-up when the spec no longer lists an error a module raises. */
export function checkErrorNames(catalog: ErrorCatalog, names: readonly string[], who: string): void {
  for (const name of names) {
    if (!catalog.codes.has(name)) throw new Error(`The spec's ErrorCode no longer lists ${name}; ${who} cannot raise it`);
  }
}

/** The envelope Leat sends with a documented error code, named by its `x-enum-varnames` name. */
export function apiErrorBody(catalog: ErrorCatalog, name: string, errors?: FieldErrors): JsonObject {
  const code = catalog.codes.get(name);
  if (code === undefined) throw new Error(`The spec's ErrorCode has no ${name}`);
  const body: JsonObject = { message: catalog.messages.get(code)!, code, status_code: API_ERROR_STATUS };
  if (errors) body.errors = errors;
  return body;
}

function label(field: string): string {
  return field.replace(/_/g, " ");
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  object: "an object",
  array: "an array",
};

/** A yes/no field (BooleanLike): one schema of several types with a list of values, or branches one of which is boolean. */
function isBoolish(error: ErrorObject): boolean {
  const schema = error.parentSchema as JsonObject | undefined;
  const types = schema?.type;
  if (Array.isArray(types) ? types.includes("boolean") && Array.isArray(schema?.enum) : false) return true;
  const branches = schema?.[error.keyword];
  return (error.keyword === "oneOf" || error.keyword === "anyOf") && Array.isArray(branches) && branches.some((b) => (b as JsonObject)?.type === "boolean");
}

/** Turns one Ajv error into the kind of sentence Leat's (Laravel) validation sends. */
function sentence(field: string, error: ErrorObject): string {
  const name = label(field);
  const params = error.params as Record<string, unknown>;
  if (isBoolish(error)) return `The ${name} field must be true or false.`;
  switch (error.keyword) {
    case "required":
      return `The ${name} field is required.`;
    case "minLength":
      // Laravel turns empty strings into null, so an empty required field reads as missing.
      return params.limit === 1 ? `The ${name} field is required.` : `The ${name} field must be at least ${String(params.limit)} characters.`;
    case "maxLength":
      return `The ${name} field must not be greater than ${String(params.limit)} characters.`;
    case "type": {
      const types = String(params.type).split(",");
      return `The ${name} field must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(" or ")}.`;
    }
    case "format":
      return params.format === "uuid" ? `The ${name} must be a valid UUID.` : `The ${name} field must be a valid ${String(params.format)}.`;
    case "enum":
      return `The selected ${name} is invalid.`;
    default:
      return `The ${name} field is invalid.`;
  }
}

/**
 * Groups Ajv errors (from a validator compiled with `verbose`) by top-level field. Where a
 * field failed a oneOf/anyOf, only that summary counts: the per-branch failures would only
 * confuse a reader.
 */
export function fieldErrorsFromAjv(errors: ErrorObject[] | null | undefined, rootField = "body"): FieldErrors {
  const byField = new Map<string, ErrorObject[]>();
  for (const error of errors ?? []) {
    const segments = error.instancePath.split("/").slice(1);
    let field = segments[0]?.replace(/~1/g, "/").replace(/~0/g, "~");
    if (field === undefined) {
      field = error.keyword === "required" ? String((error.params as { missingProperty: string }).missingProperty) : rootField;
    }
    const list = byField.get(field) ?? [];
    list.push(error);
    byField.set(field, list);
  }
  const result: FieldErrors = {};
  for (const [field, list] of byField) {
    const fieldPath = `/${field.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    const summary = list.find((e) => (e.keyword === "oneOf" || e.keyword === "anyOf") && e.instancePath === fieldPath);
    const chosen = summary ? [summary] : list;
    const sentences = [...new Set(chosen.map((e) => (field === rootField && e.instancePath === "" && e.keyword === "type" ? "The request body must be an object of fields." : sentence(field, e))))];
    result[field] = sentences;
  }
  return result;
}
