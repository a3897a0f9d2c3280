// One JSON Schema for a whole seed or data file, made of the modules' state schemas, and
// error messages that name the field (`units[0].is_default must be boolean`).
import type { ErrorObject } from "ajv";
import type { AnyModule } from "./module.js";

export function seedSchema(modules: readonly AnyModule[]): object {
  const properties: Record<string, object> = { $schema: { type: "string" } };
  for (const module of modules) {
    for (const [key, schema] of Object.entries(module.stateSchema)) {
      properties[key] = schema;
    }
  }
  return { type: "object", additionalProperties: false, properties };
}

/** The most specific of Ajv's errors (branch summaries, allOf/oneOf, come last), as a sentence. */
export function describeSeedErrors(errors: readonly ErrorObject[]): string {
  const error = errors.find((e) => !["allOf", "oneOf", "anyOf"].includes(e.keyword)) ?? errors[0]!;
  let path = "";
  for (const segment of error.instancePath.split("/").slice(1)) {
    path += /^\d+$/.test(segment) ? `[${segment}]` : `${path ? "." : ""}${segment.replace(/~1/g, "/").replace(/~0/g, "~")}`;
  }
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") return `${path ? `${path}.` : ""}${String(params.missingProperty)} is required`;
  if (error.keyword === "additionalProperties") return `${path ? `${path}.` : ""}${String(params.additionalProperty)} is not a known field`;
  return `${path || "the document"} ${error.message ?? "is invalid"}`;
}
