import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { isObject, type Json, type JsonObject } from "./spec.js";

// ajv-formats ships CommonJS with a default export; under NodeNext it arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

export const DOCUMENT_ID = "urn:leat-openapi:openapi.json";

/** OpenAPI 3.1 keywords that sit inside schemas but mean nothing to JSON Schema validation. */
const OPENAPI_SCHEMA_KEYWORDS = ["example", "discriminator", "xml", "externalDocs"];

// Ajv compiles the document's root when it resolves a `$ref` into it, so the root's
// OpenAPI fields must be known (and inert) keywords too.
const OPENAPI_ROOT_KEYWORDS = ["openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components", "security", "tags"];

function collectExtensionKeys(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectExtensionKeys(item, into);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) into.add(key);
      collectExtensionKeys(value, into);
    }
  }
}

export interface SchemaCompiler {
  /** Compiles the schema found at a JSON pointer (`#/...`) of the OpenAPI document. */
  at(pointer: string): ValidateFunction;
  /** Compiles a schema of the mock's own that may `$ref` the document's components. */
  own(schema: object): ValidateFunction;
}

/**
 * `coerce`: for values that arrive as text (path, query, header, form and multipart fields),
 * which the spec types as they mean (integer, boolean-like): "5" passes as 5, as Laravel reads it.
 */
export function createSchemaCompiler(document: JsonObject, options: { coerce?: boolean } = {}): SchemaCompiler {
  let instance: Ajv2020 | undefined;
  // Made on first use: registering a full spec takes a noticeable part of the start-up.
  const ajv = (): Ajv2020 => {
    if (instance) return instance;
    instance = new Ajv2020({
      allErrors: true,
      strict: true,
      // `anyOf: [{ required: [a] }, { required: [b] }]` beside `properties` is how the spec says "one of these".
      strictRequired: false,
      allowUnionTypes: true,
      verbose: true,
      // The spec's schemas are checked by its lint; compiling the 2020-12 meta-schema to check
      // them again would double the start-up.
      validateSchema: false,
      ...(options.coerce ? { coerceTypes: "array" as const } : {}),
    });
    addFormats(instance);
    const extensions = new Set<string>();
    collectExtensionKeys(document, extensions);
    for (const keyword of [...OPENAPI_SCHEMA_KEYWORDS, ...OPENAPI_ROOT_KEYWORDS, ...extensions]) {
      instance.addKeyword({ keyword, schemaType: ["string", "number", "boolean", "object", "array", "null"] });
    }
    // The whole document is registered, so `#/components/schemas/...` refs resolve in place. Not
    // checked against the meta-schema: it is an OpenAPI document, not one schema (lint checks them).
    instance.addSchema(document as object, DOCUMENT_ID, undefined, false);
    return instance;
  };
  const cache = new Map<string, ValidateFunction>();
  return {
    at(pointer) {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv().compile({ $ref: DOCUMENT_ID + pointer });
        cache.set(pointer, validate);
      }
      return validate;
    },
    own(schema) {
      return ajv().compile(schema);
    },
  };
}
