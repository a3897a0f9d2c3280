import { Ajv2020 } from "ajv/dist/2020.js";
import { createRequire } from "node:module";
import { escapePointerSegment as escapePointer, readSpec, type SchemaHolder } from "@leat-openapi/spec-reader";
import type { Json, JsonObject } from "./helpers.js";

// ajv-formats is CommonJS with a `default` property; require gives the same shape to tsc and at runtime.
const addFormats = createRequire(import.meta.url)("ajv-formats") as typeof import("ajv-formats").default;

export interface ExampleCase {
  /** Where the example sits, for the failure message. */
  where: string;
  /** JSON pointer of the schema the example must satisfy. */
  schemaPointer: string;
  value: Json;
  /** The component the example was reached through, when it is a `$ref`. */
  ref?: string;
}

export interface ExampleFailure {
  where: string;
  errors: string;
}

const isObject = (node: Json | undefined): node is JsonObject =>
  !!node && typeof node === "object" && !Array.isArray(node);

/** Collects every example in an OpenAPI document with the schema it illustrates. */
export function collectExamples(doc: JsonObject): ExampleCase[] {
  const spec = readSpec(doc);
  const cases: ExampleCase[] = [];

  const fromHolder = (holder: SchemaHolder, where: string) => {
    if (!holder.schemaAt) return;
    const schemaPointer = holder.schemaAt.pointer.slice(1);
    for (const example of Object.values(holder.examples)) {
      if (example.value === undefined) continue;
      cases.push({ where: `${where} example "${example.name}"`, schemaPointer, value: example.value, ref: example.ref });
    }
    if (holder.example !== undefined) cases.push({ where: `${where} example`, schemaPointer, value: holder.example });
  };

  // A path-level or component parameter is shared by several operations: check it once.
  const seenParameters = new Set<string>();
  for (const op of [...spec.operations(), ...spec.webhooks()]) {
    for (const parameter of op.parameters) {
      if (seenParameters.has(parameter.at.pointer)) continue;
      seenParameters.add(parameter.at.pointer);
      fromHolder(parameter, `${op.label} parameter ${parameter.name}`);
    }
    for (const [mediaType, media] of Object.entries(op.requestBody?.content ?? {})) {
      fromHolder(media, `${op.label} request ${mediaType}`);
    }
    for (const response of Object.values(op.responses)) {
      for (const [mediaType, media] of Object.entries(response.content)) fromHolder(media, `${op.label} ${response.status} ${mediaType}`);
      for (const header of Object.values(response.headers)) fromHolder(header, `${op.label} ${response.status} header ${header.name}`);
    }
  }

  // `examples` arrays inside schemas (JSON Schema 2020-12 keyword), anywhere a schema can sit.
  const walkSchema = (node: Json, pointer: string) => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => walkSchema(child, `${pointer}/${index}`));
      return;
    }
    if (!isObject(node)) return;
    if (Array.isArray(node.examples)) {
      node.examples.forEach((value, index) =>
        cases.push({ where: `schema ${pointer} examples[${index}]`, schemaPointer: pointer, value }),
      );
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === "examples" || key === "enum" || key === "const" || key === "default") continue;
      walkSchema(child, `${pointer}/${escapePointer(key)}`);
    }
  };
  const components = isObject(doc.components) ? doc.components : {};
  if (isObject(components.schemas)) walkSchema(components.schemas, "/components/schemas");
  if (isObject(components.headers)) {
    for (const [name, header] of Object.entries(components.headers)) {
      if (isObject(header) && header.schema) walkSchema(header.schema, `/components/headers/${escapePointer(name)}/schema`);
    }
  }
  return cases;
}

/** Validates each example with Ajv's JSON Schema 2020-12 implementation. */
export function validateExamples(doc: JsonObject, cases: ExampleCase[]): ExampleFailure[] {
  // The whole document is registered so that `#/components/...` references resolve; its
  // OpenAPI-only keywords (info, paths, x-...) are not JSON Schema, hence strict: false.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc as object, "openapi.json");
  const failures: ExampleFailure[] = [];
  for (const example of cases) {
    const validate = ajv.compile({ $ref: `openapi.json#${example.schemaPointer}` });
    if (!validate(example.value)) {
      failures.push({ where: example.where, errors: ajv.errorsText(validate.errors) });
    }
  }
  return failures;
}
