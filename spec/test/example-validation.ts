import { Ajv2020 } from "ajv/dist/2020.js";
import { createRequire } from "node:module";
import { deref, escapePointer, HTTP_METHODS, type Json, type JsonObject } from "./helpers.js";

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
  const cases: ExampleCase[] = [];

  const fromContent = (content: Json | undefined, pointer: string, where: string) => {
    if (!isObject(content)) return;
    for (const [mediaType, media] of Object.entries(content)) {
      if (!isObject(media) || !media.schema) continue;
      const schemaPointer = `${pointer}/${escapePointer(mediaType)}/schema`;
      if (isObject(media.examples)) {
        for (const [name, example] of Object.entries(media.examples)) {
          const resolved = deref(doc, example);
          if (isObject(resolved) && "value" in resolved) {
            const ref = isObject(example) && typeof example.$ref === "string" ? example.$ref : undefined;
            cases.push({ where: `${where} ${mediaType} example "${name}"`, schemaPointer, value: resolved.value, ref });
          }
        }
      }
      if ("example" in media) cases.push({ where: `${where} ${mediaType} example`, schemaPointer, value: media.example });
    }
  };

  const fromParameters = (parameters: Json | undefined, pointer: string, where: string) => {
    if (!Array.isArray(parameters)) return;
    parameters.forEach((raw, index) => {
      const parameter = deref(doc, raw);
      if (!isObject(parameter) || !parameter.schema) return;
      // Point at the dereferenced parameter so the schema pointer resolves.
      const paramPointer = isObject(raw) && typeof raw.$ref === "string" ? raw.$ref.slice(1) : `${pointer}/${index}`;
      const label = `${where} parameter ${String(parameter.name)}`;
      if (isObject(parameter.examples)) {
        for (const [name, example] of Object.entries(parameter.examples)) {
          const resolved = deref(doc, example);
          if (isObject(resolved) && "value" in resolved) {
            cases.push({ where: `${label} example "${name}"`, schemaPointer: `${paramPointer}/schema`, value: resolved.value });
          }
        }
      }
    });
  };

  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const itemPointer = `/paths/${escapePointer(path)}`;
    fromParameters(item.parameters, `${itemPointer}/parameters`, path);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const opPointer = `${itemPointer}/${method}`;
      const label = `${method.toUpperCase()} ${path}`;
      fromParameters(operation.parameters, `${opPointer}/parameters`, label);
      const body = operation.requestBody;
      if (isObject(body)) {
        const bodyPointer = typeof body.$ref === "string" ? body.$ref.slice(1) : `${opPointer}/requestBody`;
        const resolvedBody = deref(doc, body);
        if (isObject(resolvedBody)) fromContent(resolvedBody.content, `${bodyPointer}/content`, `${label} request`);
      }
      const responses = isObject(operation.responses) ? operation.responses : {};
      for (const [status, raw] of Object.entries(responses)) {
        const response = deref(doc, raw);
        if (!isObject(response)) continue;
        const responsePointer =
          isObject(raw) && typeof raw.$ref === "string" ? raw.$ref.slice(1) : `${opPointer}/responses/${status}`;
        fromContent(response.content, `${responsePointer}/content`, `${label} ${status}`);
      }
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
