// What the contract test reads from the bundled spec, through @leat-openapi/spec-reader:
// the operations, a path filled in from its parameters' examples, the request examples of
// every media type, and every documented status with its example names.
import { readSpec, type Json, type Operation } from "@leat-openapi/spec-reader";
import { createRequire } from "node:module";

export interface RequestExample {
  name: string;
  mediaType: string;
  value: Json | undefined;
}

export interface ResponseScenario {
  status: number;
  /** The JSON body's example names; empty when it has none. */
  examples: string[];
}

export interface ContractOperation {
  operationId: string;
  method: string;
  /** The path with every path parameter replaced by its first example. */
  path: string;
  requests: RequestExample[];
  responses: ResponseScenario[];
}

function filledPath(op: Operation): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = op.parameters.find((p) => p.in === "path" && p.name === name);
    const value = parameter?.example ?? Object.values(parameter?.examples ?? {})[0]?.value ?? parameter?.schema?.examples;
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined || first === null) throw new Error(`${op.label}: path parameter ${name} has no example to fill the path with`);
    return encodeURIComponent(String(first));
  });
}

export function contractOperations(): ContractOperation[] {
  const spec = readSpec(createRequire(import.meta.url).resolve("@leat-openapi/spec/openapi.json"));
  return spec.operations().map((op) => ({
    operationId: op.operationId ?? op.label,
    method: op.method.toUpperCase(),
    path: filledPath(op),
    requests: Object.entries(op.requestBody?.content ?? {}).flatMap(([mediaType, media]) =>
      Object.values(media.examples).map((example) => ({ name: example.name, mediaType, value: example.value })),
    ),
    responses: Object.entries(op.responses)
      .filter(([status]) => /^\d{3}$/.test(status))
      .map(([status, response]) => ({ status: Number(status), examples: Object.keys(response.content["application/json"]?.examples ?? {}) })),
  }));
}

/** A request example as its media type puts it on the wire (fetch sets multipart's boundary). */
export function encodeBody(example: RequestExample): { body: string | FormData; contentType: string | undefined } {
  const fields = () => Object.entries(example.value as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)]);
  switch (example.mediaType) {
    case "application/json":
      return { body: JSON.stringify(example.value), contentType: example.mediaType };
    case "application/x-www-form-urlencoded":
      return { body: new URLSearchParams(fields()).toString(), contentType: example.mediaType };
    case "multipart/form-data": {
      const form = new FormData();
      for (const [key, value] of fields()) form.append(key, value);
      return { body: form, contentType: undefined };
    }
    default:
      throw new Error(`the contract test cannot encode ${example.mediaType} (example ${example.name})`);
  }
}
