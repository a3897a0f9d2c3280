// Leat's PHP SDK sends every write as a form (PHP's bracket style), and Leat reads it as it
// reads JSON. So each JSON request example of the spec, sent form-encoded and as multipart
// from the same state, gets the answer its JSON form gets. Nothing here names an operation.
import { describe, expect, it } from "vitest";
import { contractOperations, encodeBody } from "./contract/spec-walk.js";
import { loadSpec, startTestServer, type AnyJson } from "./helpers.js";

const jsonOnly = contractOperations(loadSpec()).flatMap((op) => {
  const mediaTypes = new Set(op.requests.map((r) => r.mediaType));
  if (mediaTypes.has("application/x-www-form-urlencoded")) return [];
  return op.requests.filter((r) => r.mediaType === "application/json").map((example) => ({ op, example }));
});

describe("form bodies on operations the spec describes with JSON", () => {
  it("finds JSON request examples in the spec", () => {
    expect(jsonOnly.length).toBeGreaterThan(50);
  });

  it.each(["application/x-www-form-urlencoded", "multipart/form-data"])("answers each JSON example sent as %s as it answers the JSON", async (mediaType) => {
    const api = await startTestServer();
    const send = async (op: (typeof jsonOnly)[number]["op"], example: (typeof jsonOnly)[number]["example"]) => {
      await fetch(`${api.url}/__mock/reset`, { method: "POST" });
      const { body, contentType } = encodeBody(example);
      const headers: Record<string, string> = { authorization: "Bearer t", accept: "application/json" };
      if (contentType) headers["content-type"] = contentType;
      const response = await fetch(api.url + op.path, { method: op.method, headers, body });
      return { status: response.status, body: (await response.json()) as AnyJson };
    };
    const differences: string[] = [];
    for (const { op, example } of jsonOnly) {
      const asJson = await send(op, example);
      const asForm = await send(op, { ...example, mediaType });
      if (asForm.status !== asJson.status || asForm.body?.code !== asJson.body?.code) {
        differences.push(`${op.operationId} ${example.name}: JSON ${asJson.status} ${asJson.body?.code ?? ""}, form ${asForm.status} ${JSON.stringify(asForm.body).slice(0, 160)}`);
      }
    }
    expect(differences).toEqual([]);
    expect(api.mismatches).toEqual([]);
  });
});
