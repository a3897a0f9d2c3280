import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { buildModel } from "../src/model.js";
import { parameterCheck } from "../src/validation.js";
import { loadSpec } from "./helpers.js";

const model = buildModel(loadSpec());
const request = (url: string) => ({ url, headers: {} }) as unknown as IncomingMessage;

// Every query parameter the spec types as an integer, read from the spec.
const integerQueries = model.operations.flatMap((op) =>
  op.parameters.filter((p) => p.in === "query").map((p) => ({ op, name: p.name })),
).filter(({ op, name }) => {
  const check = parameterCheck(op);
  const { errors } = check(request(`/x?${encodeURIComponent(name)}=5`), {});
  const refusesText = check(request(`/x?${encodeURIComponent(name)}=five`), {}).errors !== null;
  return errors === null && refusesText;
});

describe("query parameters reach a handler typed as the spec types them", () => {
  it("finds integer query parameters in the spec (limit, page, ...)", () => {
    expect(integerQueries.map((q) => q.name)).toContain("limit");
  });

  it.each(integerQueries.map((q) => [`${q.op.operationId} ${q.name}`, q] as const))("%s=5 arrives as the number 5", (_label, { op, name }) => {
    const { errors, query } = parameterCheck(op)(request(`/x?${encodeURIComponent(name)}=5`), {});
    expect(errors).toBeNull();
    expect(query[name]).toBe(5);
  });

  it("leaves text parameters as text", () => {
    const op = model.operations.find((o) => o.operationId === "findContact")!;
    const { query } = parameterCheck(op)(request("/x?email=12345"), {});
    expect(query.email).toBe("12345");
  });
});
