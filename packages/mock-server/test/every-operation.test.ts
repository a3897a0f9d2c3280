// Every operation the spec describes answers, read from the spec: each documented status and
// example on request (Prefer), and, without Prefer, its request examples get a documented
// answer: the module's rules where a module owns the operation, else the first success example.
// Every response is checked against the spec by the test server. Nothing here names an operation.
// LEAT_MOCK_TEST_SPEC=<bundle.json> runs it against another bundle (e.g. a merge of pending spec work).
import { readFileSync } from "node:fs";
import { readSpec } from "@leat-openapi/spec-reader";
import { describe, expect, it } from "vitest";
import { modules } from "../src/modules/index.js";
import { contractOperations, encodeBody } from "./contract/spec-walk.js";
import { emptyStateOf, loadSpec, startTestServer, type AnyJson } from "./helpers.js";

const spec: AnyJson = process.env.LEAT_MOCK_TEST_SPEC ? JSON.parse(readFileSync(process.env.LEAT_MOCK_TEST_SPEC, "utf8")) : loadSpec();
const document = process.env.LEAT_MOCK_TEST_SPEC ? spec : undefined;
const operations = contractOperations(spec);
const withRules = new Set(modules.flatMap((m) => m.operations));
function exampleValue(operationId: string, status: number, name: string): AnyJson {
  return readSpec(spec).operation(operationId).responses[String(status)]!.content["application/json"]!.examples[name]!.value;
}

describe("every operation of the spec", () => {
  it("finds operations, and the modules' operations among them", () => {
    expect(operations.length).toBeGreaterThan(0);
    const ids = new Set(operations.map((o) => o.operationId));
    for (const id of withRules) expect(ids, `a module answers ${id}, which the spec does not have`).toContain(id);
  });

  it("answers every documented status and example on request, as the spec writes it", async () => {
    const api = await startTestServer({ document });
    for (const op of operations) {
      for (const response of op.responses) {
        const names = response.examples.length > 0 ? response.examples : [undefined];
        for (const name of names) {
          const prefer = name === undefined ? `code=${response.status}` : `code=${response.status}, example=${name}`;
          const reply = await api.request(op.path, { method: op.method, headers: { prefer } });
          expect(reply.status, `${op.operationId} with Prefer: ${prefer}`).toBe(response.status);
          if (name !== undefined) expect(reply.body, `${op.operationId} with Prefer: ${prefer}`).toEqual(exampleValue(op.operationId, response.status, name));
        }
      }
    }
  });

  it("answers each request example (or a bare request) with a documented answer; without rules, the first success example", async () => {
    const api = await startTestServer({ document });
    for (const op of operations) {
      const requests = op.requests.length > 0 ? op.requests : [undefined];
      for (const example of requests) {
        // A fresh state for each, so one example's change (a unit created) does not refuse the next.
        await fetch(`${api.url}/__mock/reset`, { method: "POST" });
        const encoded = example ? encodeBody(example) : undefined;
        const headers: Record<string, string> = {};
        if (encoded?.contentType) headers["content-type"] = encoded.contentType;
        const send = () =>
          fetch(api.url + op.path, {
            method: op.method,
            headers: { authorization: "Bearer t", accept: "application/json", ...headers },
            body: encoded?.body,
          });
        let response = await send();
        const what = `${op.operationId} ${example ? `with ${example.mediaType} example ${example.name}` : "without a body"}`;
        let body: AnyJson = await response.json();
        expect(api.mismatches, what).toEqual([]);
        const success = op.responses.filter((r) => r.status < 300).map((r) => r.status);
        if (withRules.has(op.operationId) && response.status === 400) {
          // A refusal by the rules: a code the operation documents, never the example's input (1003), and gone once the module's state is empty.
          expect(readSpec(spec).operation(op.operationId).errorCodes, what).toContain(body.code);
          expect(body.code, what).not.toBe(1003);
          await fetch(`${api.url}/__mock/reset`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(emptyStateOf.get(op.operationId)),
          });
          response = await send();
          body = await response.json();
          expect(api.mismatches, what).toEqual([]);
        }
        expect(success, what).toContain(response.status);
        if (!withRules.has(op.operationId)) {
          const first = op.responses.filter((r) => r.status < 300).sort((a, b) => a.status - b.status)[0]!;
          expect(body, what).toEqual(exampleValue(op.operationId, first.status, first.examples[0]!));
        }
      }
    }
  });
});
