// One middleware list for every call: openapi-fetch's hooks run around every attempt of the
// resource methods and of `leat.api`, however they were registered.
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createLeatClient, LeatApiError, type LeatClient } from "../src/index.js";
import { API_KEY, json, recordingFetch, tier } from "./helpers.js";

const BASE = "https://leat.test/api/v3/oauth/clients";
const UUID = "4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1";

/** A hook that records what it saw and tags each request with a header. */
function recorder() {
  const seen: { hook: string; method: string; url: string; schemaPath: string; params: unknown; id: string }[] = [];
  const middleware: Middleware = {
    onRequest({ request, schemaPath, params, id }) {
      seen.push({ hook: "request", method: request.method, url: request.url, schemaPath, params, id });
      const tagged = new Request(request, { headers: new Headers(request.headers) });
      tagged.headers.set("X-Traced", "yes");
      return tagged;
    },
    onResponse({ response, schemaPath, params, id, request }) {
      seen.push({ hook: "response", method: request.method, url: request.url, schemaPath, params, id });
      return new Response(response.body, { status: response.status, headers: response.headers });
    },
  };
  return { middleware, seen };
}

// Every call first answers 503 once, then succeeds: two attempts each.
function flaky() {
  return recordingFetch((request, i) => {
    if (i % 2 === 0) return json({ message: "Down for maintenance" }, 503, { "retry-after": "0" });
    return request.method === "POST" ? json({ data: { name: "visits" }, meta: [] }, 201) : json({ data: request.url.endsWith("/tier") ? tier : [tier], meta: [] });
  });
}

const calls: [string, (leat: LeatClient) => Promise<unknown>][] = [
  ["tiers.list", (leat) => leat.tiers.list()],
  ["contacts.getTier", (leat) => leat.contacts.getTier(UUID)],
  ["units.create", (leat) => leat.units.create({ name: "visits", label: "Visits" })],
  ["api.GET", (leat) => leat.api.GET("/contacts/{contact_uuid}/tier", { params: { path: { contact_uuid: UUID } } })],
];

describe("middleware runs around every attempt of every call", () => {
  it.each(["option", "leat.use", "leat.api.use"])("registered through %s", async (how) => {
    const { fetch, calls: sent } = flaky();
    const { middleware, seen } = recorder();
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch, ...(how === "option" && { middleware: [middleware] }) });
    if (how === "leat.use") leat.use(middleware);
    if (how === "leat.api.use") leat.api.use(middleware);

    for (const [, run] of calls) await run(leat);

    // 4 calls x 2 attempts, each with its onRequest and onResponse.
    expect(sent).toHaveLength(8);
    expect(sent.every(({ request }) => request.headers.get("x-traced") === "yes")).toBe(true);
    expect(sent.every(({ request }) => request.headers.get("authorization") === `Bearer ${API_KEY}`)).toBe(true);
    expect(seen.filter((s) => s.hook === "request")).toHaveLength(8);
    expect(seen.filter((s) => s.hook === "response")).toHaveLength(8);
    // The same id for both attempts of a call, another for each call.
    expect(new Set(seen.map((s) => s.id)).size).toBe(4);
    // Resource methods and leat.api name the spec path and its parameters alike.
    const getTier = seen.filter((s) => s.url.endsWith("/tier"));
    expect(getTier).toHaveLength(8);
    for (const s of getTier) {
      expect(s.schemaPath).toBe("/contacts/{contact_uuid}/tier");
      expect(s.params).toMatchObject({ path: { contact_uuid: UUID } });
    }
    expect(seen.find((s) => s.method === "POST")?.schemaPath).toBe("/units");
  });

  it("eject stops it for the next call, whichever way it was added", async () => {
    const { fetch, calls: sent } = recordingFetch(() => json({ data: [], meta: [] }));
    const { middleware, seen } = recorder();
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch, middleware: [middleware] });
    await leat.tiers.list();
    leat.api.eject(middleware);
    await leat.tiers.list();
    await leat.api.GET("/tiers");
    expect(seen).toHaveLength(2);
    expect(sent.map(({ request }) => request.headers.get("x-traced"))).toEqual(["yes", null, null]);
  });

  it("onRequest can answer without the network, and onResponse sees the answer", async () => {
    const { fetch, calls: sent } = recordingFetch(() => json({ data: [], meta: [] }));
    const leat = createLeatClient({
      apiKey: API_KEY,
      baseUrl: BASE,
      fetch,
      middleware: [{ onRequest: () => json({ data: [tier], meta: [] }) }],
    });
    await expect(leat.tiers.list()).resolves.toEqual([tier]);
    expect((await leat.api.GET("/tiers")).data?.data).toEqual([tier]);
    expect(sent).toHaveLength(0);
  });

  it("onError can turn a failed attempt into an answer", async () => {
    const leat = createLeatClient({
      apiKey: API_KEY,
      baseUrl: BASE,
      maxRetries: 0,
      fetch: () => Promise.reject(new TypeError("fetch failed")),
      middleware: [{ onError: ({ error }) => json({ data: [{ ...tier, name: String((error as Error).message) }], meta: [] }) }],
    });
    await expect(leat.tiers.list()).resolves.toEqual([{ ...tier, name: "fetch failed" }]);
  });

  it("a hook's own error ends the call as it is, without a retry", async () => {
    const { fetch, calls: sent } = recordingFetch(() => json({ message: "Down" }, 503));
    const mine = new RangeError("quota of the day used up");
    let attempts = 0;
    const leat = createLeatClient({
      apiKey: API_KEY,
      baseUrl: BASE,
      fetch,
      middleware: [
        {
          onResponse() {
            attempts++;
            throw mine;
          },
        },
      ],
    });
    await expect(leat.tiers.list()).rejects.toBe(mine);
    expect(attempts).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it("what a hook changes on the response reaches the caller's error", async () => {
    const leat = createLeatClient({
      apiKey: API_KEY,
      baseUrl: BASE,
      maxRetries: 0,
      fetch: async () => json({ message: "Unauthenticated." }, 401),
      middleware: [{ onResponse: ({ response }) => new Response(response.body, { status: 401, headers: { "x-request-id": "from-hook" } }) }],
    });
    const error = await leat.tiers.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeatApiError);
    expect((error as LeatApiError).requestId).toBe("from-hook");
  });

  it("refuses something that is not middleware, naming what is wrong", () => {
    const leat = createLeatClient({ apiKey: API_KEY, fetch: async () => json({ data: [] }) });
    expect(() => leat.use({} as Middleware)).toThrow(/onRequest, onResponse or onError/);
    expect(() => createLeatClient({ apiKey: API_KEY, middleware: {} as Middleware[] })).toThrow(/`middleware` must be a list/);
  });
});
