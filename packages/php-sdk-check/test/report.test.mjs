// How the command judges what the PHP runner brings back (outcomes made up here; no SDK needed).
import { describe, expect, it } from "vitest";
import { buildPlan, loadCalls, loadExcluded, loadSpec } from "../src/plan.mjs";
import { judge, propertyNames, report, unmappedMethods } from "../src/report.mjs";

const spec = loadSpec();
const plan = buildPlan(spec, loadCalls());
const excluded = loadExcluded();
// A planned call whose operation documents an error code other than 1003.
const planned = plan.find((p) => p.errorCodes.some((code) => code !== 1003));
const documented = planned.errorCodes.find((code) => code !== 1003);
const undocumented = spec.errorCodes().find((c) => !planned.errorCodes.includes(c.code)).code;
const responseSchema = spec.operation(planned.operationId).responses[
  Object.keys(spec.operation(planned.operationId).responses).find((s) => s.startsWith("2"))
].content["application/json"].schema;
const describedField = [...propertyNames(spec, responseSchema)].at(-1);

const error = (code) => ({ id: planned.id, outcome: "error", code, status: 400, detail: "Nope.", warnings: [] });

describe("judge", () => {
  it("passes the expected model, and an SDK exception with a code the operation documents", () => {
    expect(judge(spec, planned, { outcome: "returned", detail: "Piggy\\Api\\Models\\X", warnings: [] }).ok).toBe(true);
    expect(judge(spec, planned, error(documented)).ok).toBe(true);
  });

  it("fails 1003 (the arguments are valid examples), an undocumented code, a wrong result and a PHP error", () => {
    if (planned.errorCodes.includes(1003)) expect(judge(spec, planned, error(1003)).result).toMatch(/the SDK's request is refused/);
    expect(judge(spec, { ...planned, errorCodes: [1003] }, error(1003)).ok).toBe(false);
    expect(judge(spec, planned, error(undocumented)).result).toMatch(`not a code ${planned.operationId} documents`);
    expect(judge(spec, planned, { outcome: "unexpected", detail: "NULL", warnings: [] }).ok).toBe(false);
    expect(judge(spec, planned, { outcome: "failed", detail: "TypeError: x", warnings: [] }).result).toBe("failed: TypeError: x");
  });

  it("sorts fields the SDK reads into those the spec lacks and those the answer lacks", () => {
    const warning = (field) => ({ message: `Undefined property: stdClass::$${field}`, file: "/x/sdk/src/Mappers/M.php", line: 3 });
    const { notes } = judge(spec, planned, {
      outcome: "returned",
      detail: "X",
      warnings: [warning("surely_not_in_any_leat_schema"), warning(describedField), { message: "Something else", file: "/x/src/A.php", line: 1 }],
    });
    expect(notes).toEqual([
      { kind: "spec-lacks", field: "surely_not_in_any_leat_schema", file: "src/Mappers/M.php", line: 3 },
      { kind: "answer-lacks", field: describedField, file: "src/Mappers/M.php", line: 3 },
      { kind: "warning", message: "Something else", file: "src/A.php", line: 1 },
    ]);
  });
});

describe("report", () => {
  it("counts passes and failures, groups failures with one cause, lists exclusions with their reasons, and names unmapped SDK methods", () => {
    const results = plan.map((p) => ({ id: p.id, outcome: "returned", detail: "X", warnings: [] }));
    results[0] = { id: plan[0].id, outcome: "failed", detail: "TypeError: x", warnings: [] };
    results[1] = { id: plan[1].id, outcome: "failed", detail: "TypeError: x", warnings: [] };
    results[2] = { id: plan[2].id, outcome: "failed", detail: "TypeError: y", warnings: [] };
    const { lines, counts } = report(spec, plan, { results, methods: ["newResource->newMethod", plan[1].call], missingExcluded: [] }, excluded);
    expect(counts).toMatchObject({ passed: plan.length - 3, failed: 3, excluded: excluded.length, unmapped: 1, staleExclusions: 0 });
    const text = lines.join("\n");
    for (const entry of excluded) expect(text).toContain(`excluded: ${entry.reason}`);
    expect(text).toContain("`$client->newResource->newMethod()`");
    expect(text).toContain("- 2 calls: failed: TypeError: x");
    expect(text).not.toContain("calls: failed: TypeError: y");
    expect(text).toContain(`${plan.length - 3} passed, 3 failed, ${excluded.length} excluded`);
  });

  it("fails a call the runner gave no result for", () => {
    const { counts } = report(spec, plan, { results: [], methods: [], missingExcluded: ["OAuthClient::gone"] }, excluded);
    expect(counts.failed).toBe(plan.length);
    expect(counts.staleExclusions).toBe(1);
  });

  it("finds methods neither mapped nor excluded", () => {
    expect(unmappedMethods(plan, excluded, [plan[0].call, excluded[0].call, "a->b"])).toEqual(["a->b"]);
  });
});
