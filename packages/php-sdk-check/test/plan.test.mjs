// The map of SDK calls and the arguments built for them, checked against the bundled spec
// (no SDK and no PHP needed: this is what CI can run).
import { describe, expect, it } from "vitest";
import { buildArgument, buildPlan, loadCalls, loadExcluded, loadSpec, PARTS, partOf } from "../src/plan.mjs";

const spec = loadSpec();
const calls = loadCalls();
const excluded = loadExcluded();
const CALL = /^[a-z][A-Za-z]*->[a-z][A-Za-z]*$/;

describe("the SDK call map", () => {
  it("names real operations, each call once, in the SDK's $client->resource->method form", () => {
    expect(calls.length).toBeGreaterThan(0);
    for (const entry of calls) {
      expect(entry.call, JSON.stringify(entry)).toMatch(CALL);
      expect(() => spec.operation(entry.operationId), entry.call).not.toThrow();
    }
    expect(new Set(calls.map((c) => c.call)).size).toBe(calls.length);
  });

  it("builds every call's arguments from the spec's examples", () => {
    const plan = buildPlan(spec, calls);
    expect(plan).toHaveLength(calls.length);
    for (const planned of plan) expect(planned.args).toHaveLength(calls[planned.id].args.length);
  });

  it("covers every part of the check", () => {
    const parts = new Set(buildPlan(spec, calls).map((p) => p.part));
    expect([...parts].sort()).toEqual(Object.keys(PARTS).sort());
  });
});

describe("the exclusion list", () => {
  it("gives each excluded call an operation and a reason, and never also runs it", () => {
    const mapped = new Set(calls.map((c) => c.call));
    expect(excluded.length).toBeGreaterThan(0);
    for (const entry of excluded) {
      expect(entry.call, JSON.stringify(entry)).toMatch(/^([a-z][A-Za-z]*->|[A-Z][A-Za-z]*::)[a-z][A-Za-z]*$/);
      expect(() => spec.operation(entry.operationId), entry.call).not.toThrow();
      expect(entry.reason.length, entry.call).toBeGreaterThan(20);
      expect(mapped.has(entry.call), `${entry.call} is both excluded and run`).toBe(false);
    }
  });
});

describe("parts", () => {
  it("puts every x-tagGroups entry of the spec in exactly one part", () => {
    for (const group of spec.get("#/x-tagGroups")) {
      const owners = Object.keys(PARTS).filter((part) => PARTS[part].includes(group.name));
      expect(owners, group.name).toHaveLength(1);
    }
  });

  it("finds the part of every operation", () => {
    for (const op of spec.operations()) expect(Object.keys(PARTS)).toContain(partOf(spec, op.operationId));
  });
});

describe("arguments", () => {
  // Operations chosen by what they have, not by name, so the test follows the spec.
  const withPath = spec.operations().find((op) => op.parameters.some((p) => p.in === "path" && p.example !== undefined));
  const withBody = spec.operations().find((op) => Object.keys(op.requestBody?.content["application/json"]?.examples ?? {}).length > 0);
  const firstBody = Object.values(withBody.requestBody.content["application/json"].examples)[0].value;
  const field = Object.keys(firstBody)[0];

  it("reads a path parameter's example", () => {
    const parameter = withPath.parameters.find((p) => p.in === "path" && p.example !== undefined);
    expect(buildArgument(spec, withPath, `path.${parameter.name}`)).toEqual(parameter.example);
  });

  it("reads a field of the first JSON request example, or of the one named", () => {
    expect(buildArgument(spec, withBody, `body.${field}`)).toEqual(firstBody[field]);
    const [name, example] = Object.entries(withBody.requestBody.content["application/json"].examples).at(-1);
    const last = Object.keys(example.value)[0];
    expect(buildArgument(spec, withBody, `body.${last}`, name)).toEqual(example.value[last]);
  });

  it("refuses a value the examples do not give, unless marked optional", () => {
    expect(() => buildArgument(spec, withBody, "body.no_such_field")).toThrow(/no value.*"\?"/);
    expect(buildArgument(spec, withBody, "body.no_such_field?")).toBeNull();
    expect(() => buildArgument(spec, withPath, "path.no_such_parameter")).toThrow(/has no path parameter no_such_parameter/);
    expect(() => buildArgument(spec, withPath, "header.x")).toThrow(/path.<name>, query.<name> or body.<field>/);
    expect(() => spec.operation("noSuchOperation")).toThrow();
  });

  it("builds literals, objects of fields, dates and SDK models from a response example", () => {
    expect(buildArgument(spec, withBody, { value: [] })).toEqual([]);
    expect(buildArgument(spec, withBody, { fields: { x: `body.${field}` } })).toEqual({ x: firstBody[field] });
    expect(buildArgument(spec, withBody, { date: `body.${field}` })).toEqual({ $date: firstBody[field] });
    const model = buildArgument(spec, withBody, { mapper: "Some\\Mapper", response: withPath.operationId });
    const status = Object.keys(withPath.responses).filter((s) => s.startsWith("2")).sort()[0];
    const example = Object.values(withPath.responses[status].content["application/json"].examples)[0].value;
    expect(model).toEqual({ $mapper: "Some\\Mapper", data: example.data });
    expect(() => buildArgument(spec, withBody, { nothing: 1 })).toThrow(/not an argument description/);
  });
});
