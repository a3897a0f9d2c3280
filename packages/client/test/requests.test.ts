// Every method, as the Request it puts on the wire: URL, method, headers, body.
import { describe, expect, it } from "vitest";
import { createLeatClient, DEFAULT_BASE_URL } from "../src/index.js";
import { API_KEY, json, recordingFetch, tier } from "./helpers.js";
import packageJson from "../package.json" with { type: "json" };

const BASE = "https://leat.test/api/v3/oauth/clients";
const createdUnit = {
  id: 298,
  loyalty_program_id: 3545,
  name: "visits",
  label: "Visits",
  prefix: "V",
  is_default: false,
  format: "int",
  created_at: "2023-11-06T14:39:24.000000Z",
  updated_at: "2023-11-06T14:39:24.000000Z",
};

function expectCommonHeaders(request: Request) {
  expect(request.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
  expect(request.headers.get("accept")).toBe("application/json");
  expect(request.headers.get("user-agent")).toBe(`leat-openapi-client/${packageJson.version}`);
}

describe("requests", () => {
  it("tiers.list sends GET /tiers and returns data", async () => {
    const { fetch, calls } = recordingFetch(() => json({ data: [tier], meta: [] }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    await expect(leat.tiers.list()).resolves.toEqual([tier]);
    expect(calls).toHaveLength(1);
    const { request, body } = calls[0]!;
    expect(request.method).toBe("GET");
    expect(request.url).toBe(`${BASE}/tiers`);
    expectCommonHeaders(request);
    expect(request.headers.get("content-type")).toBeNull();
    expect(body).toBe("");
  });

  it("contacts.getTier puts the encoded UUID in the path and returns the tier", async () => {
    const { fetch, calls } = recordingFetch(() => json({ data: tier, meta: [] }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    await expect(leat.contacts.getTier("4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1")).resolves.toEqual(tier);
    await leat.contacts.getTier("..units?x=1").catch(() => undefined);
    expect(calls[0]!.request.method).toBe("GET");
    expect(calls[0]!.request.url).toBe(`${BASE}/contacts/4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1/tier`);
    expectCommonHeaders(calls[0]!.request);
    expect(calls[1]!.request.url).toBe(`${BASE}/contacts/..units%3Fx%3D1/tier`);
  });

  it.each([
    ["null", null],
    ["empty", ""],
  ])("contacts.getTier returns null for a NoTier whose name is %s", async (_label, name) => {
    const { fetch } = recordingFetch(() =>
      json({ data: { name, uuid: null, description: null, position: null, media: null }, meta: [] }),
    );
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    await expect(leat.contacts.getTier("4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1")).resolves.toBeNull();
  });

  it("contacts.getTier returns null for data: null, as captured contacts without a tier show it", async () => {
    const { fetch } = recordingFetch(() => json({ data: null, meta: [] }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    await expect(leat.contacts.getTier("4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1")).resolves.toBeNull();
  });

  it("contacts.getTier refuses an empty UUID before any request", async () => {
    const { fetch, calls } = recordingFetch(() => json({ data: tier, meta: [] }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    await expect(leat.contacts.getTier("")).rejects.toThrow(/contacts\.getTier: the path parameter contact_uuid must be a non-empty string/);
    expect(calls).toHaveLength(0);
  });

  it("units.list sends GET /units and returns data", async () => {
    const units = [{ name: "purchase_amount", label: "Purchase Amount", prefix: "", is_default: true }];
    const { fetch, calls } = recordingFetch(() => json({ data: units, meta: {} }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    await expect(leat.units.list()).resolves.toEqual(units);
    expect(calls[0]!.request.method).toBe("GET");
    expect(calls[0]!.request.url).toBe(`${BASE}/units`);
    expectCommonHeaders(calls[0]!.request);
  });

  it.each([200, 201])("units.create sends the body as JSON and accepts a %i", async (status) => {
    const { fetch, calls } = recordingFetch(() => json({ data: createdUnit, meta: {} }, status));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    const body = { name: "visits", label: "Visits", is_default: false, prefix: "V" };
    await expect(leat.units.create(body)).resolves.toEqual(createdUnit);
    const { request, body: sent } = calls[0]!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`${BASE}/units`);
    expectCommonHeaders(request);
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(sent)).toEqual(body);
  });

  it("leat.api sends the same headers through openapi-fetch", async () => {
    const { fetch, calls } = recordingFetch(() => json({ data: [tier], meta: [] }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    const { data, error, response } = await leat.api.GET("/tiers");
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.data).toEqual([tier]);
    expectCommonHeaders(calls[0]!.request);
  });

  it("uses the production base URL by default and tolerates a trailing slash", async () => {
    const { fetch, calls } = recordingFetch(() => json({ data: [tier], meta: [] }));
    await createLeatClient({ apiKey: API_KEY, fetch }).tiers.list();
    await createLeatClient({ apiKey: API_KEY, baseUrl: `${BASE}/`, fetch }).tiers.list();
    expect(DEFAULT_BASE_URL).toBe("https://api.piggy.eu/api/v3/oauth/clients");
    expect(calls.map((c) => c.request.url)).toEqual([`${DEFAULT_BASE_URL}/tiers`, `${BASE}/tiers`]);
  });

  it("adds client and per-call headers, and the caller's product to User-Agent", async () => {
    const { fetch, calls } = recordingFetch(() => json({ data: [tier], meta: [] }));
    const leat = createLeatClient({
      apiKey: API_KEY,
      baseUrl: BASE,
      fetch,
      userAgent: "shop-sync/2.1",
      headers: { "X-Partner-ID": "acme-pos", "X-Trace": "client" },
    });
    await leat.tiers.list({ headers: { "X-Trace": "call" } });
    const headers = calls[0]!.request.headers;
    expect(headers.get("x-partner-id")).toBe("acme-pos");
    expect(headers.get("x-trace")).toBe("call");
    expect(headers.get("user-agent")).toBe(`shop-sync/2.1 leat-openapi-client/${packageJson.version}`);
  });

  it("uses the global fetch when none is given", async () => {
    const original = globalThis.fetch;
    const { fetch, calls } = recordingFetch(() => json({ data: [tier], meta: [] }));
    globalThis.fetch = fetch as typeof globalThis.fetch;
    try {
      await createLeatClient({ apiKey: API_KEY, baseUrl: BASE }).tiers.list();
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toHaveLength(1);
  });
});

describe("options", () => {
  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["blank", "   "],
    ["not a string", 42],
  ])("rejects an apiKey that is %s", (_label, apiKey) => {
    expect(() => createLeatClient({ apiKey } as never)).toThrow(/`apiKey` is required/);
  });

  it("rejects a missing options object", () => {
    expect(() => (createLeatClient as (o?: unknown) => unknown)()).toThrow(/needs an options object/);
  });

  it("rejects an apiKey holding a line break without echoing it", () => {
    expect(() => createLeatClient({ apiKey: `${API_KEY}\n` + "x" })).toThrow(/line break/);
    try {
      createLeatClient({ apiKey: `${API_KEY}\nx` });
    } catch (error) {
      expect(String(error)).not.toContain(API_KEY);
    }
  });

  it.each(["api.piggy.eu", "ftp://api.piggy.eu", ""])("rejects baseUrl %j", (baseUrl) => {
    expect(() => createLeatClient({ apiKey: API_KEY, baseUrl })).toThrow(/`baseUrl` must be an absolute http\(s\) URL/);
  });

  it.each([
    [{ timeoutMs: 0 }, /timeoutMs must be a positive number/],
    [{ timeoutMs: -5 }, /timeoutMs must be a positive number/],
    [{ maxRetries: 1.5 }, /maxRetries must be a whole number/],
    [{ maxRetries: -1 }, /maxRetries must be a whole number/],
  ])("rejects %j at creation and per call", async (bad, message) => {
    expect(() => createLeatClient({ apiKey: API_KEY, ...bad })).toThrow(message);
    const { fetch, calls } = recordingFetch(() => json({ data: [tier], meta: [] }));
    const leat = createLeatClient({ apiKey: API_KEY, fetch });
    await expect(leat.tiers.list(bad)).rejects.toThrow(message);
    expect(calls).toHaveLength(0);
  });

  it("rejects a create body that is not an object", async () => {
    const { fetch } = recordingFetch(() => json({}));
    const leat = createLeatClient({ apiKey: API_KEY, fetch });
    await expect(leat.units.create(null as never)).rejects.toThrow(/units\.create needs the request body as an object, got null/);
  });
});
