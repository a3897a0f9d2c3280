// leat.api gets back a Response the transport rebuilt over the bytes it already read (so that the
// deadline covers the body): it must still be the answer in every respect openapi-fetch and the
// caller can see, and each attempt must keep the settings of openapi-fetch's Request.
import { afterEach, describe, expect, it } from "vitest";
import { createLeatClient } from "../src/index.js";
import { API_KEY, recordingFetch, sendJson, startServer, tier, type TestServer } from "./helpers.js";

const BASE = "https://leat.test/api/v3/oauth/clients";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("leat.api answers", () => {
  it("keeps status, status text, headers and the exact bytes of the body", async () => {
    const bytes = new Uint8Array([0xff, 0x00, 0x80, 0x7b, 0xfe]);
    const { fetch } = recordingFetch(
      () => new Response(bytes, { status: 200, statusText: "Fine", headers: { "content-type": "application/octet-stream", "x-trace": "t-1" } }),
    );
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    const { data, response } = await leat.api.GET("/tiers", { parseAs: "arrayBuffer" });
    expect(new Uint8Array(data as ArrayBuffer)).toEqual(bytes);
    expect(response.status).toBe(200);
    expect(response.statusText).toBe("Fine");
    expect(response.headers.get("x-trace")).toBe("t-1");
  });

  it.each([204, 205, 304])("passes a %i on without a body", async (status) => {
    const { fetch, calls } = recordingFetch(() => new Response(null, { status }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch, maxRetries: 0 });
    const { response } = await leat.api.GET("/tiers");
    expect(response.status).toBe(status);
    expect(calls).toHaveLength(1);
  });

  it("carries the URL the answer came from", async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { data: [tier], meta: [] }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url });
    const { data, response } = await leat.api.GET("/tiers");
    expect(data?.data).toEqual([tier]);
    expect(response.url).toBe(`${server.url}/tiers`);
  });

  it("keeps the Request's other settings on every attempt (redirect: manual)", async () => {
    server = await startServer((_req, res, _hit, i) => {
      if (i === 0) return sendJson(res, 503, { message: "Service Unavailable" });
      res.writeHead(302, { location: "/elsewhere" });
      res.end();
    });
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url });
    const { response } = await leat.api.GET("/tiers", { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(server.hits.map((h) => h.url)).toEqual(["/tiers", "/tiers"]);
  });

  it("sends a POST body whole on every attempt", async () => {
    const { fetch, calls } = recordingFetch((_r, i) =>
      i === 0 ? new Response(JSON.stringify({ message: "x" }), { status: 429, headers: { "retry-after": "0" } }) : new Response(null, { status: 201 }),
    );
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch });
    const body = { name: "visits", label: "Visits" };
    await leat.api.POST("/units", { body });
    expect(calls.map((c) => [c.request.method, c.request.headers.get("content-type"), c.body])).toEqual([
      ["POST", "application/json", JSON.stringify(body)],
      ["POST", "application/json", JSON.stringify(body)],
    ]);
  });
});
