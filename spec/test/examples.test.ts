import { describe, expect, it } from "vitest";
import { collectExamples, validateExamples } from "./example-validation.js";
import { readSpec } from "@leat-openapi/spec-reader";
import { atPointer, loadBundle, type JsonObject } from "./helpers.js";

describe("examples in the bundled spec", () => {
  const doc = loadBundle();
  const cases = collectExamples(doc);

  it("finds every named example the spec declares", () => {
    const named = readSpec(doc).componentNames("examples");
    for (const name of named) {
      expect(cases.some((c) => c.ref === `#/components/examples/${name}`),
        `component example ${name} is never reached from an operation`).toBe(true);
    }
    // Parameter and schema-level examples are collected too, not only media types.
    expect(cases.some((c) => c.where.includes("parameter contact_uuid"))).toBe(true);
    expect(cases.some((c) => c.schemaPointer.startsWith("/components/schemas/Tier"))).toBe(true);
  });

  it("validates every example against its schema with Ajv 2020", () => {
    expect(validateExamples(doc, cases)).toEqual([]);
  });

  it("reports an example that does not fit its schema", () => {
    const broken = structuredClone(doc);
    const tierList = atPointer(broken, "#/components/examples/TierList/value") as JsonObject;
    ((tierList.data as JsonObject[])[0] as JsonObject).position = "first";
    const failures = validateExamples(broken, collectExamples(broken));
    expect(failures).toHaveLength(1);
    expect(failures[0]!.where).toContain('"tierList"');
    expect(failures[0]!.errors).toMatch(/position must be integer/);
  });

  it("reports a schema-level example that breaks its own schema", () => {
    const broken = structuredClone(doc);
    const id = atPointer(broken, "#/components/schemas/CreatedUnit/properties/id") as JsonObject;
    id.examples = ["298"];
    const failures = validateExamples(broken, collectExamples(broken));
    expect(failures.map((f) => f.where)).toEqual(["schema /components/schemas/CreatedUnit/properties/id examples[0]"]);
  });
});
