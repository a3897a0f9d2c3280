// Every operation of the spec, read with spec-reader: its method exists under its x-client-method,
// sends the operation's method, path, query and JSON body (from the spec's own examples), and
// resolves to the envelope's `data`.
import { createRequire } from "node:module";
import { readSpec, type Operation } from "@leat-openapi/spec-reader";
import { describe, expect, it } from "vitest";
import { createLeatClient } from "../src/index.js";
import { overrides } from "../src/resources/overrides.js";
import { API_KEY, json, recordingFetch } from "./helpers.js";

const BASE = "https://api.example.test/api/v3/oauth/clients";
const spec = readSpec(createRequire(import.meta.url).resolve("@leat-openapi/spec/openapi.json"));
const operations = spec.operations();

const firstExample = (holder: { examples: Record<string, { value: unknown }>; example?: unknown; schema?: Record<string, unknown> } | undefined) =>
  holder && (Object.values(holder.examples)[0]?.value ?? holder.example ?? (holder.schema?.examples as unknown[] | undefined)?.[0]);

function request(op: Operation) {
  const pathValues = [...op.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => {
    const parameter = op.parameters.find((p) => p.in === "path" && p.name === name)!;
    return firstExample(parameter) ?? (parameter.schema?.type === "integer" ? 7 : `${name}-1`);
  });
  const query = Object.fromEntries(
    op.parameters
      .filter((p) => p.in === "query" && ["string", "integer", "number", "boolean"].includes(String(p.schema?.type)))
      .map((p) => [p.name, firstExample(p) ?? (p.schema?.type === "string" ? "x" : 1)]),
  );
  const body = op.requestBody && (firstExample(op.requestBody.content["application/json"]) as Record<string, unknown>);
  const status = Object.keys(op.responses).find((s) => s.startsWith("2"))!;
  const answer = firstExample(op.responses[status]!.content["application/json"]) as { data: unknown };
  return { pathValues, query, body, status: Number(status), answer };
}

describe("every operation of the spec", () => {
  it("has operations to check", () => {
    expect(operations.length).toBeGreaterThanOrEqual(4);
  });

  it.each(operations.map((op) => [`${op.clientMethod} (${op.label})`, op] as const))("%s", async (_name, op) => {
    const { pathValues, query, body, status, answer } = request(op);
    const { fetch, calls } = recordingFetch(() => json(answer, status, { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4999" }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    const [resource, method] = op.clientMethod!.split(".") as [string, string];
    const fn = (leat as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown> & { withResponse(): Promise<{ data: unknown; rateLimit: unknown }> }>>)[resource]?.[method];
    expect(fn, `leat.${op.clientMethod}`).toBeTypeOf("function");

    const params = body ?? (Object.keys(query).length > 0 ? query : undefined);
    const args = params === undefined ? pathValues : [...pathValues, params];
    const result = await fn!(...args).withResponse();

    const transform = (overrides as unknown as Record<string, (data: unknown) => unknown>)[op.clientMethod!];
    expect(result.data).toEqual(transform ? transform(answer.data) : answer.data);
    expect(result.rateLimit).toEqual({ limit: 5000, remaining: 4999 });
    expect(calls).toHaveLength(1);
    const sent = calls[0]!;
    expect(sent.request.method).toBe(op.method.toUpperCase());
    const url = new URL(sent.request.url);
    let path = op.path;
    for (const value of pathValues) path = path.replace(/\{[^}]+\}/, encodeURIComponent(String(value)));
    expect(url.pathname).toBe(new URL(BASE).pathname + path);
    if (body) {
      expect(sent.request.headers.get("content-type")).toBe("application/json");
      expect(JSON.parse(sent.body)).toEqual(body);
      expect(url.search).toBe("");
    } else {
      expect(sent.body).toBe("");
      expect(Object.fromEntries(url.searchParams)).toEqual(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])));
    }
  });
});
