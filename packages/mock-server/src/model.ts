// What the mock takes from the spec, read through @leat-openapi/spec-reader and compiled on
// first use: an operation's validators cost nothing until a request (or a check) needs them,
// so start-up time does not grow with the number of operations' schemas.
import type { ErrorObject, ValidateFunction } from "ajv";
import { readSpec, type NamedExample as ReaderExample, type Operation, type SpecReader } from "@leat-openapi/spec-reader";
import { createSchemaCompiler, DOCUMENT_ID, type SchemaCompiler } from "./schemas.js";
import { isObject, type Json, type JsonObject } from "./spec.js";

/** A validator compiled the first time it is called; `errors` as Ajv sets them. */
export interface Check {
  (value: unknown): boolean;
  errors: ErrorObject[] | null | undefined;
}

function lazyCheck(compiler: SchemaCompiler, pointer: string): Check {
  let compiled: ValidateFunction | undefined;
  const check = ((value: unknown) => {
    compiled ??= compiler.at(pointer);
    const ok = compiled(value) as boolean;
    check.errors = compiled.errors;
    return ok;
  }) as Check;
  check.errors = null;
  return check;
}

// Ajv coerces in place, so a bare string at the root stays a string: the value is validated
// inside a holder object, whose property Ajv can rewrite.
function lazyTyped(compiler: SchemaCompiler, pointer: string): (value: Json) => Json {
  let compiled: ValidateFunction | undefined;
  return (value) => {
    compiled ??= compiler.own({ type: "object", properties: { value: { $ref: DOCUMENT_ID + pointer } } });
    const holder = { value };
    return compiled(holder) ? holder.value : value;
  };
}

export interface NamedExample {
  name: string;
  value: Json;
}

export interface HeaderInfo {
  name: string;
  validate: Check;
}

export interface ResponseInfo {
  status: number;
  /** The JSON media type's schema, or null when the response has no JSON body. */
  validateBody: Check | null;
  examples: NamedExample[];
  headers: HeaderInfo[];
}

export interface ParameterInfo {
  /** As written; header names lower-cased, as Node gives them. */
  name: string;
  in: "path" | "header" | "query" | "cookie";
  required: boolean;
  validate: Check;
  /** The value as the schema types it ("5" -> 5 for an integer); call after `validate` passed. */
  typed(value: Json): Json;
}

export interface OperationInfo {
  operationId: string;
  /** Upper case, e.g. `POST`. */
  method: string;
  /** The path as the spec writes it, e.g. `/contacts/{contact_uuid}/tier`. */
  path: string;
  parameters: ParameterInfo[];
  /** Validators by media type; text media types (form, multipart) validate with coercion. */
  body: { required: boolean; mediaTypes: Map<string, Check> } | null;
  responses: Map<number, ResponseInfo>;
  source: Operation;
}

export interface ErrorCatalog {
  /** `x-enum-varnames` name to code, e.g. UnitAlreadyExists -> 55045. */
  codes: Map<string, number>;
  /** Code to the message Leat sends with it (`x-enum-messages`). */
  messages: Map<number, string>;
}

export interface SpecModel {
  document: JsonObject;
  reader: SpecReader;
  /** Strict validation, for JSON bodies and responses. */
  schemas: SchemaCompiler;
  operations: OperationInfo[];
  byId: Map<string, OperationInfo>;
  errors: ErrorCatalog;
  validateErrorEnvelope: Check;
  /** First example of each component header, e.g. X-RateLimit-Limit -> 5000. */
  headerExamples: Map<string, Json>;
  /** The path part of the first server URL (`/api/v3/oauth/clients`), "" without one. */
  serverPrefix: string;
}

const TEXT_BODIES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

function examplesOf(examples: Record<string, ReaderExample>, single: Json | undefined): NamedExample[] {
  const list: NamedExample[] = [];
  for (const example of Object.values(examples)) if (example.value !== undefined) list.push({ name: example.name, value: example.value });
  if (list.length === 0 && single !== undefined) list.push({ name: "example", value: single });
  return list;
}

function buildOperation(op: Operation, strict: SchemaCompiler, coercing: SchemaCompiler): OperationInfo {
  if (op.operationId === undefined) throw new Error(`${op.label} has no operationId`);
  const check = (compiler: SchemaCompiler, at: { pointer: string } | undefined): Check =>
    at ? lazyCheck(compiler, at.pointer) : Object.assign(() => true, { errors: null });

  const parameters = op.parameters.map((p): ParameterInfo => ({
    name: p.in === "header" ? p.name.toLowerCase() : p.name,
    in: p.in,
    required: p.required,
    validate: check(coercing, p.schemaAt),
    typed: p.schemaAt ? lazyTyped(coercing, p.schemaAt.pointer) : (value) => value,
  }));

  let body: OperationInfo["body"] = null;
  if (op.requestBody) {
    const mediaTypes = new Map<string, Check>();
    for (const [type, media] of Object.entries(op.requestBody.content)) {
      mediaTypes.set(type, check(TEXT_BODIES.has(type) ? coercing : strict, media.schemaAt));
    }
    // Leat's Laravel reads a form body wherever it reads JSON, and its own PHP SDK sends every
    // write as a form (`form_params` in BaseClient::request): a JSON body's schema also takes
    // the form and multipart encodings of the same fields, read with coercion.
    const json = op.requestBody.content["application/json"];
    if (json) {
      for (const type of TEXT_BODIES) if (!mediaTypes.has(type)) mediaTypes.set(type, check(coercing, json.schemaAt));
    }
    body = { required: op.requestBody.required, mediaTypes };
  }

  const responses = new Map<number, ResponseInfo>();
  for (const [key, response] of Object.entries(op.responses)) {
    const status = Number(key);
    if (!Number.isInteger(status)) continue;
    const json = response.content["application/json"];
    responses.set(status, {
      status,
      validateBody: json ? check(strict, json.schemaAt) : null,
      examples: json ? examplesOf(json.examples, json.example) : [],
      headers: Object.values(response.headers).map((h) => ({ name: h.name.toLowerCase(), validate: check(coercing, h.schemaAt) })),
    });
  }

  return { operationId: op.operationId, method: op.method.toUpperCase(), path: op.path, parameters, body, responses, source: op };
}

function buildErrorCatalog(reader: SpecReader): ErrorCatalog {
  const catalog: ErrorCatalog = { codes: new Map(), messages: new Map() };
  for (const info of reader.errorCodes()) {
    if (info.name === undefined || info.message === undefined) throw new Error(`ErrorCode ${info.code} lacks a name or a message`);
    catalog.codes.set(info.name, info.code);
    catalog.messages.set(info.code, info.message);
  }
  return catalog;
}

function buildHeaderExamples(reader: SpecReader): Map<string, Json> {
  const examples = new Map<string, Json>();
  for (const name of reader.componentNames("headers")) {
    const header = reader.component("headers", name).value;
    const schema = isObject(header.schema) ? header.schema : {};
    const first = Array.isArray(schema.examples) ? schema.examples[0] : schema.example;
    if (first !== undefined) examples.set(name, first);
  }
  return examples;
}

const cache = new WeakMap<JsonObject, SpecModel>();

/** Everything the mock needs from a bundled document, once per document. */
export function buildModel(document: JsonObject): SpecModel {
  const cached = cache.get(document);
  if (cached) return cached;
  const reader = readSpec(document);
  const schemas = createSchemaCompiler(document);
  const coercing = createSchemaCompiler(document, { coerce: true });
  const operations = reader.operations().map((op) => buildOperation(op, schemas, coercing));
  const serverUrl = reader.has("#/servers/0/url") ? reader.get("#/servers/0/url") : undefined;
  const model: SpecModel = {
    document,
    reader,
    schemas,
    operations,
    byId: new Map(operations.map((op) => [op.operationId, op])),
    errors: buildErrorCatalog(reader),
    validateErrorEnvelope: lazyCheck(schemas, "#/components/schemas/ErrorEnvelope"),
    headerExamples: buildHeaderExamples(reader),
    serverPrefix: typeof serverUrl === "string" ? new URL(serverUrl).pathname.replace(/\/$/, "") : "",
  };
  cache.set(document, model);
  return model;
}

/** The operation with this id; throws naming it when the spec has none. */
export function operation(model: SpecModel, operationId: string): OperationInfo {
  const op = model.byId.get(operationId);
  if (!op) throw new Error(`The spec has no operation ${operationId}`);
  return op;
}

/** The examples of an operation's success responses, lowest status first. */
export function successExamples(op: OperationInfo): JsonObject[] {
  return [...op.responses.values()]
    .filter((r) => r.status >= 200 && r.status < 300)
    .sort((a, b) => a.status - b.status)
    .flatMap((r) => r.examples.map((e) => e.value))
    .filter(isObject);
}

/** The status an operation answers on success: its lowest documented 2xx. */
export function successStatus(op: OperationInfo): number {
  const statuses = [...op.responses.keys()].filter((s) => s >= 200 && s < 300).sort((a, b) => a - b);
  if (statuses.length === 0) throw new Error(`${op.operationId} documents no success status`);
  return statuses[0]!;
}
