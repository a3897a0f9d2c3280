import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleAnnotations, pointerParts, sourceOf } from "../lib/bundle-problems.mjs";

const root = join(import.meta.dirname, "..", "..");
const specRoot = join(root, "spec", "openapi.yaml");

describe("bundle problems pointed back at the source", () => {
  it("splits a JSON pointer", () => {
    expect(pointerParts("#/paths/~1contacts~1{contact_uuid}~1tier/get")).toEqual(["paths", "/contacts/{contact_uuid}/tier", "get"]);
  });

  it("finds the path file and the operation's line", () => {
    const where = sourceOf({ root, specRoot, pointer: "#/paths/~1units/post/responses" });
    expect(where.file).toBe(join("spec", "paths", "units.yaml"));
    expect(where.line).toBeGreaterThan(1);
  });

  it("falls back to the root document outside paths", () => {
    expect(sourceOf({ root, specRoot, pointer: "#/components/responses/Unauthorized" })).toEqual({
      file: join("spec", "openapi.yaml"),
      line: 1,
    });
  });

  it("prints one GitHub annotation per problem, naming the bundle pointer", () => {
    const lines = bundleAnnotations(
      { problems: [{ ruleId: "rule/operation-shared-responses", severity: "error", message: "Every operation answers 401.", location: [{ pointer: "#/paths/~1tiers/get/responses" }] }] },
      { root, specRoot },
    );
    expect(lines).toEqual([
      `::error title=rule/operation-shared-responses,file=${join("spec", "paths", "tiers.yaml")},line=1::Every operation answers 401. (in the decorated bundle at #/paths/~1tiers/get/responses)`,
    ]);
  });
});
