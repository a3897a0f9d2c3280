import type { ValidateFunction } from "ajv";
import { createSchemaCompiler, type SchemaCompiler } from "./schemas.js";
import { HTTP_METHODS, escapePointer, isObject, pointer, type Json, type JsonObject } from "./spec.js";

export interface NamedExample {
  name: string;
  value: Json;
}

export interface HeaderInfo {
  name: string;
  validate: ValidateFunction;
}

export interface ResponseInfo {
  status: number;
  /** The JSON media type's schema, or null when the response has no JSON body. */
  validateBody: ValidateFunction | null;
  examples: NamedExample[];
  headers: HeaderInfo[];
}

export interface ParameterInfo {
  name: string;
  in: "path" | "header" | "query" | "cookie";
  required: boolean;
  validate: ValidateFunction;
}

export interface OperationInfo {
  operationId: string;
  method: string;
  /** The path as the spec writes it, e.g. `/contacts/{contact_uuid}/tier`. */
  path: string;
  parameters: ParameterInfo[];
  body: { required: boolean; mediaTypes: Map<string, ValidateFunction> } | null;
  responses: Map<number, ResponseInfo>;
}

export interface ErrorCatalog {
  /** `x-enum-varnames` name to code, e.g. UnitAlreadyExists -> 55045. */
  codes: Map<string, number>;
  /** Code to the message Leat sends with it (`x-enum-messages`). */
  messages: Map<number, string>;
}

export interface SpecModel {
  document: JsonObject;
  schemas: SchemaCompiler;
  operations: OperationInfo[];
  errors: ErrorCatalog;
  validateErrorEnvelope: ValidateFunction;
  /** First example of each component header, e.g. X-RateLimit-Limit -> 60. */
  headerExamples: Map<string, Json>;
}

/** Follows `$ref`s from a pointer and returns where the real object lives. */
function resolvePointer(document: JsonObject, at: string): { node: JsonObject; at: string } {
  let node = pointer(document, at);
  for (let depth = 0; isObject(node) && typeof node.$ref === "string"; depth++) {
    if (depth > 20) throw new Error(`$ref cycle at ${at}`);
    at = node.$ref;
    node = pointer(document, at);
  }
  if (!isObject(node)) throw new Error(`Expected an object at ${at}`);
  return { node, at };
}

function examplesOf(document: JsonObject, mediaAt: string, media: JsonObject): NamedExample[] {
  const list: NamedExample[] = [];
  if (isObject(media.examples)) {
    for (const name of Object.keys(media.examples)) {
      const example = resolvePointer(document, `${mediaAt}/examples/${escapePointer(name)}`).node;
      if (example.value !== undefined) list.push({ name, value: example.value });
    }
  } else if (media.example !== undefined) {
    list.push({ name: "example", value: media.example });
  }
  return list;
}

function buildOperation(
  document: JsonObject,
  schemas: SchemaCompiler,
  path: string,
  method: string,
  itemAt: string,
): OperationInfo {
  const opAt = `${itemAt}/${method}`;
  const op = pointer(document, opAt) as JsonObject;
  if (typeof op.operationId !== "string") throw new Error(`${method.toUpperCase()} ${path} has no operationId`);

  const parameters = new Map<string, ParameterInfo>();
  for (const listAt of [`${itemAt}/parameters`, `${opAt}/parameters`]) {
    let list: Json;
    try {
      list = pointer(document, listAt);
    } catch {
      continue;
    }
    if (!Array.isArray(list)) continue;
    list.forEach((_, index) => {
      const { node, at } = resolvePointer(document, `${listAt}/${index}`);
      const where = node.in as ParameterInfo["in"];
      const name = String(node.name);
      parameters.set(`${where}:${name.toLowerCase()}`, {
        name: where === "header" ? name.toLowerCase() : name,
        in: where,
        required: node.required === true,
        validate: schemas.at(`${at}/schema`),
      });
    });
  }

  let body: OperationInfo["body"] = null;
  if (op.requestBody !== undefined) {
    const { node, at } = resolvePointer(document, `${opAt}/requestBody`);
    const mediaTypes = new Map<string, ValidateFunction>();
    for (const type of Object.keys(isObject(node.content) ? node.content : {})) {
      mediaTypes.set(type, schemas.at(`${at}/content/${escapePointer(type)}/schema`));
    }
    body = { required: node.required === true, mediaTypes };
  }

  const responses = new Map<number, ResponseInfo>();
  for (const key of Object.keys(isObject(op.responses) ? op.responses : {})) {
    const status = Number(key);
    if (!Number.isInteger(status)) continue;
    const { node, at } = resolvePointer(document, `${opAt}/responses/${key}`);
    const content = isObject(node.content) ? node.content : {};
    const json = content["application/json"];
    const mediaAt = `${at}/content/application~1json`;
    const headers: HeaderInfo[] = [];
    for (const name of Object.keys(isObject(node.headers) ? node.headers : {})) {
      const header = resolvePointer(document, `${at}/headers/${escapePointer(name)}`);
      headers.push({ name: name.toLowerCase(), validate: schemas.at(`${header.at}/schema`) });
    }
    responses.set(status, {
      status,
      validateBody: isObject(json) ? schemas.at(`${mediaAt}/schema`) : null,
      examples: isObject(json) ? examplesOf(document, mediaAt, json) : [],
      headers,
    });
  }

  return {
    operationId: op.operationId,
    method: method.toUpperCase(),
    path,
    parameters: [...parameters.values()],
    body,
    responses,
  };
}

function buildErrorCatalog(document: JsonObject): ErrorCatalog {
  const schema = pointer(document, "#/components/schemas/ErrorCode") as JsonObject;
  const values = schema.enum;
  const names = schema["x-enum-varnames"];
  const messages = schema["x-enum-messages"];
  if (!Array.isArray(values) || !Array.isArray(names) || !isObject(messages)) {
    throw new Error("components.schemas.ErrorCode needs enum, x-enum-varnames and x-enum-messages");
  }
  const catalog: ErrorCatalog = { codes: new Map(), messages: new Map() };
  values.forEach((code, index) => {
    const message = messages[String(code)];
    if (typeof code !== "number" || typeof names[index] !== "string" || typeof message !== "string") {
      throw new Error(`ErrorCode ${String(code)} lacks a name or a message`);
    }
    catalog.codes.set(names[index], code);
    catalog.messages.set(code, message);
  });
  return catalog;
}

function buildHeaderExamples(document: JsonObject): Map<string, Json> {
  const examples = new Map<string, Json>();
  const headers = (pointer(document, "#/components") as JsonObject).headers;
  for (const [name, header] of Object.entries(isObject(headers) ? headers : {})) {
    const schema = isObject(header) && isObject(header.schema) ? header.schema : {};
    const first = Array.isArray(schema.examples) ? schema.examples[0] : schema.example;
    if (first !== undefined) examples.set(name, first);
  }
  return examples;
}

const cache = new WeakMap<JsonObject, SpecModel>();

/** Compiles everything the mock needs from the document, once per document. */
export function buildModel(document: JsonObject): SpecModel {
  const cached = cache.get(document);
  if (cached) return cached;
  const schemas = createSchemaCompiler(document);
  const operations: OperationInfo[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      if (item[method] !== undefined) {
        operations.push(buildOperation(document, schemas, path, method, `#/paths/${escapePointer(path)}`));
      }
    }
  }
  const model: SpecModel = {
    document,
    schemas,
    operations,
    errors: buildErrorCatalog(document),
    validateErrorEnvelope: schemas.at("#/components/schemas/ErrorEnvelope"),
    headerExamples: buildHeaderExamples(document),
  };
  cache.set(document, model);
  return model;
}
