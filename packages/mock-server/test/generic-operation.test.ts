// An operation no module knows, added to a copy of the spec: routing, query (flat and PHP
// bracket names), path and form validation, and its documented answer come from the spec alone.
import { describe, expect, it } from "vitest";
import { loadSpec, startTestServer, type AnyJson } from "./helpers.js";

const WIDGET = "4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1";
const answer = { data: { name: "Widget", size: 3 }, meta: {} };

function specWithWidgets(): AnyJson {
  const spec = loadSpec();
  const createUnit = spec.paths["/units"].post;
  spec.paths["/widgets/{widget_uuid}"] = {
    post: {
      operationId: "updateWidget",
      parameters: [
        { in: "path", name: "widget_uuid", required: true, schema: { type: "string", format: "uuid" } },
        { in: "query", name: "limit", schema: { type: "integer", minimum: 1, maximum: 100 } },
        { in: "query", name: "created_at[gt]", schema: { type: "string", format: "date" } },
        { in: "query", name: "filter", schema: { type: "object", properties: { name: { type: "string" } }, additionalProperties: false } },
        { in: "query", name: "shop_uuid", required: true, schema: { type: "string" } },
      ],
      requestBody: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": {
            schema: {
              type: "object",
              required: ["attributes"],
              properties: {
                attributes: { type: "object", required: ["firstname"], properties: { firstname: { type: "string", minLength: 1 }, age: { type: "integer" } } },
              },
            },
          },
        },
      },
      responses: {
        "200": { description: "ok", content: { "application/json": { schema: { type: "object", required: ["data"] }, examples: { updatedWidget: { value: answer } } } } },
        "400": createUnit.responses["400"],
        "401": createUnit.responses["401"],
      },
    },
  };
  return spec;
}

const form = (text: string) => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: text });

describe("an operation without rules of its own", () => {
  it("answers its documented example once the request is valid, PHP-style fields and all", async () => {
    const api = await startTestServer({ document: specWithWidgets() });
    const reply = await api.request(`/widgets/${WIDGET}?shop_uuid=s&limit=5&created_at[gt]=2024-01-01&filter[name]=x`, form("attributes[firstname]=Ada&attributes[age]=36"));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(answer);
  });

  it.each([
    ["a path parameter that is not a UUID", `/widgets/nope?shop_uuid=s`, "attributes[firstname]=Ada", "widget_uuid"],
    ["a missing required query parameter", `/widgets/${WIDGET}`, "attributes[firstname]=Ada", "shop_uuid"],
    ["a query integer that is not one", `/widgets/${WIDGET}?shop_uuid=s&limit=many`, "attributes[firstname]=Ada", "limit"],
    ["a query integer out of range", `/widgets/${WIDGET}?shop_uuid=s&limit=500`, "attributes[firstname]=Ada", "limit"],
    ["a bracketed query name with a bad value", `/widgets/${WIDGET}?shop_uuid=s&created_at[gt]=yesterday`, "attributes[firstname]=Ada", "created_at[gt]"],
    ["an unknown key in a bracketed query object", `/widgets/${WIDGET}?shop_uuid=s&filter[colour]=red`, "attributes[firstname]=Ada", "filter"],
    ["a nested form field missing", `/widgets/${WIDGET}?shop_uuid=s`, "attributes[lastname]=Lovelace", "attributes"],
    ["a nested form field of the wrong type", `/widgets/${WIDGET}?shop_uuid=s`, "attributes[firstname]=Ada&attributes[age]=old", "attributes"],
  ])("answers 1003 naming the field for %s", async (_what, path, body, field) => {
    const api = await startTestServer({ document: specWithWidgets() });
    const reply = await api.request(path, form(body));
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe(1003);
    expect(Object.keys(reply.body.errors)).toEqual([field]);
  });

  it("answers a documented error on request, and still wants a token", async () => {
    const api = await startTestServer({ document: specWithWidgets() });
    const preferred = await api.request(`/widgets/${WIDGET}`, { method: "POST", headers: { prefer: "code=401" } });
    expect(preferred.status).toBe(401);
    const anonymous = await api.request(`/widgets/${WIDGET}?shop_uuid=s`, { ...form("attributes[firstname]=Ada"), headers: { authorization: null, "content-type": "application/x-www-form-urlencoded" } });
    expect(anonymous.status).toBe(401);
  });
});
