import { describe, expect, it } from "vitest";
import { renderSummary } from "../lib/summary.mjs";

const removed = { rule: "response-field-removed", breaking: true, where: "GET /units 200 response (application/json) › [] › name", detail: "field removed" };
const added = { rule: "operation-added", breaking: false, where: "DELETE /units/{unit_uuid}", detail: "new operation" };

describe("renderSummary", () => {
  it("lists breaking and other changes in separate tables and says how to acknowledge", () => {
    const md = renderSummary({ changes: [removed, added, removed], base: "origin/main", acknowledged: false, reason: "" });
    expect(md).toContain("**1 breaking change, not acknowledged.**");
    expect(md).toContain("### Breaking\n\n| Rule | Where | Change |\n| --- | --- | --- |\n| `response-field-removed` | GET /units 200 response (application/json) › [] › name | field removed |");
    expect(md).toContain("### Not breaking\n\n| Rule | Where | Change |\n| --- | --- | --- |\n| `operation-added` |");
    expect(md.match(/response-field-removed/g)).toHaveLength(1);
    expect(md).toContain("`breaking-change` label");
  });

  it("says who acknowledged a breaking change and drops the instructions", () => {
    const md = renderSummary({ changes: [removed], base: "HEAD~1", baseNote: "origin/main not found", acknowledged: true, reason: "the `--allow-breaking` flag" });
    expect(md).toContain("`HEAD~1` (origin/main not found)");
    expect(md).toContain("**1 breaking change, acknowledged** by the `--allow-breaking` flag.");
    expect(md).not.toContain("label");
  });

  it("escapes table separators inside cells", () => {
    const md = renderSummary({ changes: [{ ...removed, detail: "type changed from integer | string to string" }], base: "x", acknowledged: false, reason: "" });
    expect(md).toContain("from integer \\| string to string |");
  });

  it("reports a clean result", () => {
    expect(renderSummary({ changes: [added], base: "origin/main", acknowledged: false, reason: "" })).toContain("**No breaking changes.** 1 other change.");
  });
});
