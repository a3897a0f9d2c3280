// Everything the operation-wide tests read from the bundled spec, through spec-reader: the
// operations, a URL filled in from their parameters' examples (path and required query), the
// request examples of every media type, and every documented status with its example names.
import { readSpec, type Parameter } from "@leat-openapi/spec-reader";
import { loadSpec, type AnyJson } from "../helpers.js";

export interface RequestExample {
  name: string;
  mediaType: string;
  value: AnyJson;
}

export interface ResponseScenario {
  status: number;
  /** The JSON body's example names; empty when it has none. */
  examples: string[];
}

export interface ContractOperation {
  operationId: string;
  method: string;
  /** The path with every path parameter replaced by its first example, and every required query parameter added. */
  path: string;
  requests: RequestExample[];
  responses: ResponseScenario[];
}

function firstExample(parameter: Parameter, where: string): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const named = Object.values(parameter.examples)[0];
  if (named?.value !== undefined) return named.value;
  const schema = parameter.schema as AnyJson;
  const fromSchema = schema?.examples?.[0] ?? schema?.example ?? schema?.default ?? schema?.enum?.[0];
  if (fromSchema !== undefined) return fromSchema;
  throw new Error(`${where}: parameter ${parameter.name} has no example to fill the request with`);
}

/** The operations of `spec` (the bundled spec by default). */
export function contractOperations(spec: AnyJson = loadSpec()): ContractOperation[] {
  return readSpec(spec)
    .operations()
    .map((op) => {
      const where = `${op.operationId} (${op.label})`;
      let path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const parameter = op.parameters.find((p) => p.in === "path" && p.name === name);
        if (!parameter) throw new Error(`${where}: path parameter ${name} is not described`);
        return encodeURIComponent(String(firstExample(parameter, where)));
      });
      const query = op.parameters.filter((p) => p.in === "query" && p.required);
      if (query.length > 0) path += `?${encodeFields(Object.fromEntries(query.map((p) => [p.name, firstExample(p, where)])))}`;
      const requests: RequestExample[] = [];
      for (const [mediaType, media] of Object.entries(op.requestBody?.content ?? {})) {
        for (const example of Object.values(media.examples)) requests.push({ name: example.name, mediaType, value: example.value });
      }
      const responses: ResponseScenario[] = Object.entries(op.responses)
        .filter(([status]) => /^\d{3}$/.test(status))
        .map(([status, response]) => ({ status: Number(status), examples: Object.keys(response.content["application/json"]?.examples ?? {}) }));
      return { operationId: op.operationId!, method: op.method.toUpperCase(), path, requests, responses };
    });
}

/** Fields as PHP's http_build_query writes them (Leat's PHP SDK): `attributes[firstname]=Ada`, `tags[0]=a`; booleans as 1 and 0. */
export function phpFields(value: unknown, prefix = ""): [string, string][] {
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => phpFields(inner, prefix ? `${prefix}[${key}]` : key));
  }
  const text = value === true ? "1" : value === false ? "0" : value === null ? "" : String(value);
  return [[prefix, text]];
}

function encodeFields(value: Record<string, unknown>): string {
  return new URLSearchParams(phpFields(value)).toString();
}

/** A request example as the bytes its media type puts on the wire (fetch sets multipart's boundary). */
export function encodeBody(example: RequestExample): { body: string | FormData; contentType: string | undefined } {
  switch (example.mediaType) {
    case "application/json":
      return { body: JSON.stringify(example.value), contentType: example.mediaType };
    case "application/x-www-form-urlencoded":
      return { body: encodeFields(example.value as Record<string, unknown>), contentType: example.mediaType };
    case "multipart/form-data": {
      const form = new FormData();
      for (const [key, value] of phpFields(example.value)) form.append(key, value);
      return { body: form, contentType: undefined };
    }
    default:
      throw new Error(`the contract test cannot encode ${example.mediaType} (example ${example.name})`);
  }
}
