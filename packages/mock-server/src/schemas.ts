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
  ajv: Ajv2020;
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
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    // `anyOf: [{ required: [a] }, { required: [b] }]` beside `properties` is how the spec says "one of these".
    strictRequired: false,
    allowUnionTypes: true,
    verbose: true,
    ...(options.coerce ? { coerceTypes: "array" as const } : {}),
  });
  addFormats(ajv);
  const extensions = new Set<string>();
  collectExtensionKeys(document, extensions);
  for (const keyword of [...OPENAPI_SCHEMA_KEYWORDS, ...OPENAPI_ROOT_KEYWORDS, ...extensions]) {
    ajv.addKeyword({ keyword, schemaType: ["string", "number", "boolean", "object", "array", "null"] });
  }
  // The whole document is registered, so `#/components/schemas/...` refs resolve in place.
  ajv.addSchema(document as object, DOCUMENT_ID);
  const cache = new Map<string, ValidateFunction>();
  return {
    ajv,
    at(pointer) {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: DOCUMENT_ID + pointer });
        cache.set(pointer, validate);
      }
      return validate;
    },
    own(schema) {
      return ajv.compile(schema);
    },
  };
}

/** A `$ref` to a component schema, for the mock's own schemas (seed files). */
export function componentRef(name: string): { $ref: string } {
  return { $ref: `${DOCUMENT_ID}#/components/schemas/${name}` };
}
