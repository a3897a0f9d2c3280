import { describe, expect, it } from "vitest";
import { CREATED, loadSpec, responseExample, specExample, startTestServer, type AnyJson } from "./helpers.js";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { "content-type": "application/x-www-form-urlencoded" };

function defaults(units: AnyJson[]): string[] {
  return units.filter((u) => u.is_default).map((u) => u.name);
}

describe("GET /units", () => {
  it("serves the spec's unitList example", async () => {
    const api = await startTestServer();
    const reply = await api.request("/units");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(specExample("UnitList"));
    expect(defaults(reply.body.data)).toHaveLength(1);
  });
});

describe("POST /units", () => {
  it("creates a unit from JSON, assigns its database fields and lists it", async () => {
    const api = await startTestServer();
    const before = Date.now();
    const reply = await api.postJson("/units", { name: "calories", label: "Calories", prefix: "kcal" });
    expect(reply.status).toBe(CREATED);
    const example = specExample("CreatedUnit").data;
    expect(reply.body.data).toMatchObject({
      name: "calories",
      label: "Calories",
      prefix: "kcal",
      is_default: false,
      loyalty_program_id: example.loyalty_program_id,
      format: example.format,
    });
    expect(reply.body.data.id).toBeGreaterThan(0);
    expect(reply.body.data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Date.parse(reply.body.data.created_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(reply.body.data.updated_at).toBe(reply.body.data.created_at);

    const second = await api.postJson("/units", { name: "visits", label: "Visits" });
    expect(second.body.data.id).toBeGreaterThan(reply.body.data.id);

    const list = await api.request("/units");
    expect(list.body.data).toContainEqual({ name: "calories", label: "Calories", prefix: "kcal", is_default: false });
  });

  it("creates a unit from a form body, as the PHP SDK sends it", async () => {
    const api = await startTestServer();
    const reply = await api.request("/units", { method: "POST", headers: FORM, body: form(specExample("CreateUnitFormRequest")) });
    expect(reply.status).toBe(CREATED);
    expect(reply.body.data).toMatchObject({ name: "visits", label: "Visits", prefix: "V", is_default: false });
  });

  it("defaults prefix to the first character of name", async () => {
    const api = await startTestServer();
    const ascii = await api.postJson("/units", { name: "kilometres", label: "Kilometres" });
    expect(ascii.body.data.prefix).toBe("k");
    const emoji = await api.postJson("/units", { name: "🍩donuts", label: "Donuts" });
    expect(emoji.body.data.prefix).toBe("🍩");
  });

  const truthy: AnyJson[] = [true, 1, "1", "true", "yes"];
  const falsy: AnyJson[] = [false, 0, "0", "false", "no"];
  for (const [values, expected] of [
    [truthy, true],
    [falsy, false],
  ] as const) {
    for (const value of values) {
      it(`reads is_default ${JSON.stringify(value)} as ${expected} in JSON and in a form`, async () => {
        const api = await startTestServer();
        const json = await api.postJson("/units", { name: "a", label: "A", is_default: value });
        expect(json.status).toBe(CREATED);
        expect(json.body.data.is_default).toBe(expected);
        // A form can only carry strings: true becomes "true", 1 becomes "1".
        const viaForm = await api.request("/units", {
          method: "POST",
          headers: FORM,
          body: form({ name: "b", label: "B", is_default: String(value) }),
        });
        expect(viaForm.status).toBe(CREATED);
        expect(viaForm.body.data.is_default).toBe(expected);
      });
    }
  }

  it("moves the default to a new default unit, leaving exactly one", async () => {
    const api = await startTestServer();
    await api.postJson("/units", { name: "visits", label: "Visits", is_default: "yes" });
    let list = await api.request("/units");
    expect(defaults(list.body.data)).toEqual(["visits"]);
    await api.request("/units", { method: "POST", headers: FORM, body: form({ name: "km", label: "Km", is_default: "1" }) });
    await api.postJson("/units", { name: "steps", label: "Steps", is_default: false });
    list = await api.request("/units");
    expect(defaults(list.body.data)).toEqual(["km"]);
  });

  it("refuses a duplicate name with 55045 and leaves the list alone", async () => {
    const api = await startTestServer();
    const reply = await api.postJson("/units", { name: "purchase_amount", label: "Again", is_default: true });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(responseExample("createUnit", 400, "unitAlreadyExists"));
    const list = await api.request("/units");
    expect(list.body).toEqual(specExample("UnitList"));
  });

  it("answers 1003 with per-field errors when name and label are missing", async () => {
    const api = await startTestServer();
    const reply = await api.postJson("/units", {});
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ message: "Invalid input.", code: 1003, status_code: 400 });
    expect(reply.body.errors).toEqual({
      name: ["The name field is required."],
      label: ["The label field is required."],
    });
  });

  it("answers 1003 for an empty name, a non-string label and a bad is_default", async () => {
    const api = await startTestServer();
    const reply = await api.postJson("/units", { name: "", label: 5, is_default: "maybe" });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual({
      name: ["The name field is required."],
      label: ["The label field must be a string."],
      is_default: ["The is default field must be true or false."],
    });
  });

  it("answers 1003 for a JSON body that is not an object", async () => {
    const api = await startTestServer();
    for (const body of [[1, 2], "text", 42, null]) {
      const reply = await api.postJson("/units", body);
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe(1003);
      expect(Object.keys(reply.body.errors)).toEqual(["body"]);
    }
  });

  it("answers a create with 200, the status Leat's captured traffic shows", async () => {
    expect(Object.keys(loadSpec().paths["/units"].post.responses).filter((s) => s.startsWith("2"))).toEqual(["200"]);
    const api = await startTestServer();
    const reply = await api.postJson("/units", specExample("CreateUnitRequest"));
    expect(reply.status).toBe(200);
  });

  it("creates a unit from a multipart/form-data body, as Leat's own collection sends it", async () => {
    const api = await startTestServer();
    const example = loadSpec().paths["/units"].post.requestBody.content["multipart/form-data"].examples.createUnitMultipart.value;
    const body = new FormData();
    for (const [key, value] of Object.entries(example)) body.append(key, String(value));
    const response = await fetch(`${api.url}/units`, { method: "POST", headers: { authorization: "Bearer t" }, body });
    expect(response.status).toBe(CREATED);
    const created = (await response.json()) as AnyJson;
    expect(created.data).toMatchObject({ name: example.name, label: example.label, is_default: true });
    const list = await api.request("/units");
    expect(defaults(list.body.data)).toEqual([example.name]);
  });

  it("refuses a multipart file part, and an unreadable multipart body, with 1003", async () => {
    const api = await startTestServer();
    const body = new FormData();
    body.append("name", "a");
    body.append("label", new Blob(["A"]), "label.txt");
    const file = await fetch(`${api.url}/units`, { method: "POST", headers: { authorization: "Bearer t" }, body });
    expect(file.status).toBe(400);
    expect(((await file.json()) as AnyJson).errors.body[0]).toMatch(/label is a file/);
    const broken = await api.request("/units", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x" },
      body: "not multipart at all",
    });
    expect(broken.status).toBe(400);
    expect(broken.body.errors.body[0]).toMatch(/multipart body could not be read/);
  });

  it("answers JSON as Content-Type application/json without a charset, as Leat does", async () => {
    const api = await startTestServer();
    for (const reply of [await api.request("/units"), await api.postJson("/units", {}), await api.request("/nowhere")]) {
      expect(reply.headers.get("content-type")).toBe("application/json");
    }
  });

  it("sends the captured rate-limit figures, X-RateLimit-Limit 5000 and X-RateLimit-Remaining 4999", async () => {
    const api = await startTestServer();
    const reply = await api.request("/tiers");
    expect([reply.headers.get("x-ratelimit-limit"), reply.headers.get("x-ratelimit-remaining")]).toEqual(["5000", "4999"]);
  });
});
