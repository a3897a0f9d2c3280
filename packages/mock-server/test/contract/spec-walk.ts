// Everything the contract test reads from the bundled spec, in one place: the operations,
// a path filled in from its parameters' examples, the request examples of every media type,
// and every documented status with its example names. Kept small on purpose: the shared
// @leat-openapi/spec-reader package will take this walking over.
import type { AnyJson } from "../helpers.js";

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

export interface RequestExample {
  name: string;
  mediaType: string;
  value: AnyJson;
}

export interface ResponseScenario {
  status: number;
  /** The response's example names; empty when it has none. */
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

function deref(spec: AnyJson, node: AnyJson): AnyJson {
  let current = node;
  for (let depth = 0; current && typeof current.$ref === "string"; depth++) {
    if (depth > 20) throw new Error(`$ref cycle at ${String(node.$ref)}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((at: AnyJson, key: string) => at[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  return current;
}

function firstExample(spec: AnyJson, parameter: AnyJson): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const named = Object.values(parameter.examples ?? {})[0];
  if (named !== undefined) return deref(spec, named).value;
  const fromSchema = parameter.schema?.examples?.[0] ?? parameter.schema?.example;
  if (fromSchema !== undefined) return fromSchema;
  throw new Error(`path parameter ${String(parameter.name)} has no example to fill the path with`);
}

export function contractOperations(spec: AnyJson): ContractOperation[] {
  const operations: ContractOperation[] = [];
  for (const [path, rawItem] of Object.entries<AnyJson>(spec.paths)) {
    const item = deref(spec, rawItem);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: AnyJson) => deref(spec, p));
      const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const parameter = parameters.find((p: AnyJson) => p.in === "path" && p.name === name);
        if (!parameter) throw new Error(`${op.operationId}: path parameter ${name} is not described`);
        return encodeURIComponent(String(firstExample(spec, parameter)));
      });
      const requests: RequestExample[] = [];
      const content = op.requestBody ? deref(spec, op.requestBody).content ?? {} : {};
      for (const [mediaType, media] of Object.entries<AnyJson>(content)) {
        for (const [name, example] of Object.entries<AnyJson>(media.examples ?? {})) {
          requests.push({ name, mediaType, value: deref(spec, example).value });
        }
      }
      const responses: ResponseScenario[] = Object.entries<AnyJson>(op.responses ?? {})
        .filter(([status]) => /^\d{3}$/.test(status))
        .map(([status, raw]) => {
          const json = deref(spec, raw).content?.["application/json"];
          return { status: Number(status), examples: Object.keys(json?.examples ?? {}) };
        });
      operations.push({ operationId: op.operationId, method: method.toUpperCase(), path: filled, requests, responses });
    }
  }
  return operations;
}

/** A request example as the bytes its media type puts on the wire (fetch sets multipart's boundary). */
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
