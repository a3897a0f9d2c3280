import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { classifyChanges } from "../lib/classify.mjs";

const fixtures = join(import.meta.dirname, "fixtures", "breaking");

function changesFor(name: string) {
  const load = (file: string) => YAML.parse(readFileSync(join(fixtures, name, file), "utf8"));
  return classifyChanges(load("old.yaml"), load("new.yaml"));
}

// fixture directory -> the rule it must trigger
const breaking: Record<string, string> = {
  "request-new-required-field": "request-new-required-field",
  "request-field-became-required": "request-new-required-field",
  "request-new-required-parameter": "request-new-required-parameter",
  "request-parameter-became-required": "request-new-required-parameter",
  "request-parameter-removed": "request-parameter-removed",
  "request-enum-value-removed": "request-enum-value-removed",
  "request-type-narrowed": "request-type-narrowed",
  "request-content-type-removed": "request-content-type-removed",
  "response-field-removed": "response-field-removed",
  "response-field-nullable": "response-field-nullable",
  "response-field-type-changed": "response-type-changed",
  "response-field-became-optional": "response-field-became-optional",
  "response-enum-value-removed": "response-enum-value-removed",
  "operation-removed": "operation-removed",
  "path-removed": "path-removed",
  // webhooks: the receiver reads the payload and headers as a client reads a response
  "webhook-removed": "webhook-removed",
  "webhook-payload-field-removed": "webhook-payload-field-removed",
  "webhook-payload-field-became-optional": "webhook-payload-field-became-optional",
  "webhook-payload-field-nullable": "webhook-payload-field-nullable",
  "webhook-payload-content-type-added": "webhook-payload-content-type-added",
  "webhook-header-removed": "webhook-parameter-removed",
  // ...and the API reads the receiver's answer as it reads a request
  "webhook-reply-new-required-field": "webhook-reply-new-required-field",
};

const additive: Record<string, string> = {
  "request-new-optional-field": "request-field-added",
  "request-new-optional-parameter": "request-parameter-added",
  "request-enum-value-added": "request-enum-value-added",
  "request-type-widened": "request-type-widened",
  "response-new-field": "response-field-added",
  "new-operation": "operation-added",
  "webhook-added": "webhook-added",
  "webhook-payload-field-added": "webhook-payload-field-added",
  // a request that gains a required field breaks callers; a payload that gains one breaks no receiver
  "webhook-payload-new-required-field": "webhook-payload-field-added",
  "webhook-payload-enum-value-added": "webhook-payload-enum-value-added",
};

describe("breaking changes", () => {
  it.each(Object.entries(breaking))("%s is breaking (%s)", (name, rule) => {
    const changes = changesFor(name);
    expect(changes.filter((c) => c.breaking).map((c) => c.rule)).toContain(rule);
    // nothing else in the pair may be misread as a different breaking rule
    expect(new Set(changes.filter((c) => c.breaking).map((c) => c.rule))).toEqual(new Set([rule]));
  });
});

describe("additive changes", () => {
  it.each(Object.entries(additive))("%s is not breaking (%s)", (name, rule) => {
    const changes = changesFor(name);
    expect(changes.map((c) => c.rule)).toContain(rule);
    expect(changes.filter((c) => c.breaking)).toEqual([]);
  });

  it("a renamed path parameter is the same path, not a removal plus an addition", () => {
    expect(changesFor("path-parameter-renamed")).toEqual([]);
  });
});

it("every fixture directory is covered by a verdict above", () => {
  const covered = new Set([...Object.keys(breaking), ...Object.keys(additive), "path-parameter-renamed"]);
  expect(readdirSync(fixtures).filter((d) => !covered.has(d))).toEqual([]);
});

describe("direction", () => {
  const unit = (kind: object) => ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/u": {
        post: {
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/U" } } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/U" } } } } },
        },
      },
    },
    components: { schemas: { U: { type: "object", properties: { kind } } } },
  });

  it("rates one schema change differently in the request and in the response", () => {
    const changes = classifyChanges(unit({ enum: ["a", "b"] }), unit({ enum: ["a", "b", "c"] }));
    expect(changes.map((c) => [c.rule, c.breaking])).toEqual([
      ["request-enum-value-added", false],
      ["response-enum-value-added", false],
    ]);
    const nullable = classifyChanges(unit({ type: "string" }), unit({ type: ["string", "null"] }));
    expect(nullable.map((c) => [c.rule, c.breaking])).toEqual([
      ["request-type-widened", false],
      ["response-field-nullable", true],
    ]);
  });

  it("reads a oneOf of value lists as the union of its values", () => {
    const branches = [{ type: "boolean" }, { type: "integer", enum: [1, 0] }, { type: "string", enum: ["1", "0", "yes", "no"] }];
    const flat = { type: ["boolean", "integer", "string"], enum: [true, false, 1, 0, "1", "0", "yes", "no"] };
    expect(classifyChanges(unit({ oneOf: branches }), unit(flat)).filter((c) => c.breaking)).toEqual([]);
    const fewer = { ...flat, enum: flat.enum.filter((v) => v !== "yes") };
    expect(classifyChanges(unit({ oneOf: branches }), unit(fewer)).map((c) => [c.rule, c.detail])).toContainEqual([
      "request-enum-value-removed",
      'enum value "yes" removed',
    ]);
  });

  it("treats integer as a subset of number", () => {
    const widened = classifyChanges(unit({ type: "integer" }), unit({ type: "number" }));
    expect(widened.map((c) => [c.rule, c.breaking])).toEqual([
      ["request-type-widened", false],
      ["response-type-changed", true],
    ]);
  });

  it("follows a recursive schema without looping", () => {
    const tree = (extra: object) => ({
      ...unit({}),
      components: { schemas: { U: { type: "object", properties: { child: { $ref: "#/components/schemas/U" }, ...extra } } } },
    });
    const changes = classifyChanges(tree({ name: { type: "string" } }), tree({}));
    expect(changes.filter((c) => c.breaking).map((c) => c.rule)).toEqual(["request-field-removed", "response-field-removed"]);
  });

  it("merges allOf members before comparing", () => {
    const withAllOf = (required: string[]) => ({
      ...unit({}),
      components: {
        schemas: {
          Base: { type: "object", properties: { id: { type: "string" } } },
          U: { allOf: [{ $ref: "#/components/schemas/Base" }, { type: "object", required, properties: { kind: { type: "string" } } }] },
        },
      },
    });
    const changes = classifyChanges(withAllOf([]), withAllOf(["id"]));
    expect(changes).toEqual([
      expect.objectContaining({ rule: "request-new-required-field", breaking: true, where: "POST /u request body (application/json) › id" }),
    ]);
  });

  it("reports every operation of a spec that did not exist at the base as added", () => {
    const changes = classifyChanges({}, unit({}));
    expect(changes).toEqual([{ rule: "operation-added", breaking: false, where: "POST /u", detail: "new operation" }]);
  });

  it("judges one schema change in a webhook payload as the receiver sees it, not as a request", () => {
    const withHook = (kind: object) => ({
      ...unit(kind),
      webhooks: { unitChanged: { post: { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/U" } } } }, responses: { "200": { description: "ok" } } } } },
    });
    const changes = classifyChanges(withHook({ type: "string" }), withHook({ type: ["string", "null"] }));
    expect(changes.map((c) => [c.rule, c.breaking, c.where])).toEqual([
      ["request-type-widened", false, "POST /u request body (application/json) › kind"],
      ["response-field-nullable", true, "POST /u 200 response (application/json) › kind"],
      ["webhook-payload-field-nullable", true, "POST webhook unitChanged payload (application/json) › kind"],
    ]);
  });

  it("names an unresolvable $ref", () => {
    const broken = unit({ $ref: "#/components/schemas/Missing" });
    expect(() => classifyChanges(unit({}), broken)).toThrow(/#\/components\/schemas\/Missing/);
  });
});
