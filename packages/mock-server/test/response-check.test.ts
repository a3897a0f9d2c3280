import { describe, expect, it } from "vitest";
import { startMockServer, type ResponseMismatch } from "../src/index.js";
import { buildModel } from "../src/model.js";
import { checkResponse } from "../src/response-check.js";
import { TOKEN, loadSpec, specExample, startTestServer } from "./helpers.js";

const model = buildModel(loadSpec());
const listTiers = model.operations.find((o) => o.operationId === "listTiers")!;
const goodHeaders = { "content-type": "application/json; charset=utf-8", "x-ratelimit-limit": "60", "x-ratelimit-remaining": "59" };

describe("the response checker", () => {
  it("passes a response the spec allows", () => {
    const payload = JSON.stringify(specExample("TierList"));
    expect(checkResponse(model, listTiers, { status: 200, headers: goodHeaders, payload })).toEqual([]);
  });

  it("fails a body that breaks the operation's schema", () => {
    const payload = JSON.stringify({ data: [{ name: "Gold", position: "first" }], meta: [] });
    const problems = checkResponse(model, listTiers, { status: 200, headers: goodHeaders, payload });
    expect(problems.join("\n")).toMatch(/body: .*\/data\/0/);
  });

  it("fails an undocumented status, a missing header and a non-JSON body", () => {
    expect(checkResponse(model, listTiers, { status: 418, headers: goodHeaders, payload: "{}" })).toEqual([
      "status 418 is not documented for listTiers",
    ]);
    const noHeader = checkResponse(model, listTiers, {
      status: 200,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(specExample("TierList")),
    });
    expect(noHeader).toEqual(["header x-ratelimit-limit is missing", "header x-ratelimit-remaining is missing"]);
    expect(checkResponse(model, listTiers, { status: 200, headers: goodHeaders, payload: "<html>" })).toEqual(["the body is not JSON"]);
  });

  it("holds responses outside any operation to a 4xx ErrorEnvelope", () => {
    expect(checkResponse(model, null, { status: 404, headers: goodHeaders, payload: '{"message":"gone"}' })).toEqual([]);
    expect(checkResponse(model, null, { status: 404, headers: goodHeaders, payload: '{"error":"gone"}' })).toHaveLength(1);
    expect(checkResponse(model, null, { status: 500, headers: goodHeaders, payload: '{"message":"x"}' })).toHaveLength(1);
  });
});

/** The bundled spec with one schema changed, as if the mock had fallen behind it. */
function driftedSpec() {
  const spec = loadSpec();
  spec.components.schemas.Tier.properties.position = { type: "string" };
  return spec;
}

describe("the validateResponses hook", () => {
  it("reports a response that drifted from the spec", async () => {
    const seen: ResponseMismatch[] = [];
    const server = await startMockServer({ port: 0, document: driftedSpec(), validateResponses: (m) => seen.push(m) });
    try {
      const response = await fetch(`${server.url}/tiers`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ method: "GET", url: "/tiers", operationId: "listTiers", status: 200 });
      expect(seen[0]!.problems.join()).toMatch(/\/data\/0\/position must be string/);
    } finally {
      await server.close();
    }
  });

  it("makes the shared test helper fail the request", async () => {
    const api = await startTestServer({ document: driftedSpec() });
    await expect(api.request("/tiers")).rejects.toThrow(/does not match the spec/);
    // Clear what was recorded, or the helper would (rightly) fail this test at its end too.
    api.mismatches.length = 0;
  });
});
