// A real server on 127.0.0.1 that misbehaves on purpose. Each case checks the error class, how
// many attempts reached the server and that the time spent stays within generous bounds.
import { afterEach, describe, expect, it } from "vitest";
import { createLeatClient, LeatApiError, LeatConnectionError, LeatTimeoutError } from "../src/index.js";
import { API_KEY, sendJson, startServer, tier, type TestServer } from "./helpers.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Takes a function so that the clock starts before the client's synchronous work (and its timer).
async function timed<T>(call: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const start = performance.now();
  try {
    const value = await call();
    return { value, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

// Counts attempts on the client side, where a deadline can pass before the server saw the request.
function countingFetch() {
  const counter = {
    attempts: 0,
    fetch: (request: Request) => {
      counter.attempts++;
      return globalThis.fetch(request);
    },
  };
  return counter;
}

const created = {
  id: 1,
  loyalty_program_id: 2,
  name: "visits",
  label: "Visits",
  prefix: "v",
  is_default: false,
  format: "int",
  created_at: "2023-11-06T14:39:24.000000Z",
  updated_at: "2023-11-06T14:39:24.000000Z",
};

describe("fault handling over real HTTP", () => {
  it("429 with Retry-After: 1 is waited out, then succeeds", async () => {
    server = await startServer((_req, res, _hit, i) => {
      if (i === 0) return sendJson(res, 429, { message: "Too Many Attempts." }, { "retry-after": "1" });
      sendJson(res, 200, { data: [tier], meta: [] });
    });
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url });
    const { value, ms } = await timed(() => leat.tiers.list());
    expect(value).toEqual([tier]);
    expect(server.hits).toHaveLength(2);
    expect(server.hits[1]!.at - server.hits[0]!.at).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(5_000);
  });

  it("429 that persists ends in a LeatApiError with retryAfter after maxRetries", async () => {
    server = await startServer((_req, res) => sendJson(res, 429, { message: "Too Many Attempts." }, { "retry-after": "1" }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 1 });
    const { error, ms } = await timed(() => leat.units.list());
    expect(error).toBeInstanceOf(LeatApiError);
    expect((error as LeatApiError).status).toBe(429);
    expect((error as LeatApiError).retryAfter).toBe(1);
    expect(server.hits).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(5_000);
  });

  it("a Retry-After over 60 s is not waited for: one attempt, retryAfter set", async () => {
    server = await startServer((_req, res) => sendJson(res, 429, { message: "Too Many Attempts." }, { "retry-after": "120" }));
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url });
    const { error, ms } = await timed(() => leat.tiers.list());
    expect(error).toBeInstanceOf(LeatApiError);
    expect((error as LeatApiError).retryAfter).toBe(120);
    expect(server.hits).toHaveLength(1);
    expect(ms).toBeLessThan(2_000);
  });

  it("503 then 201 on a create: retried once, with the same body", async () => {
    server = await startServer((_req, res, _hit, i) => {
      if (i === 0) return sendJson(res, 503, { message: "Service Unavailable" });
      sendJson(res, 201, { data: created, meta: {} });
    });
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url });
    const { value, ms } = await timed(() => leat.units.create({ name: "visits", label: "Visits" }));
    expect(value).toEqual(created);
    expect(server.hits.map((h) => [h.method, h.body])).toEqual([
      ["POST", '{"name":"visits","label":"Visits"}'],
      ["POST", '{"name":"visits","label":"Visits"}'],
    ]);
    // First backoff is 250 to 500 ms.
    expect(ms).toBeGreaterThanOrEqual(240);
    expect(ms).toBeLessThan(3_000);
  });

  it("an HTML 502 page is retried, then becomes a readable LeatApiError", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(502, { "content-type": "text/html; charset=utf-8" });
      res.end("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
    });
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 1 });
    const { error, ms } = await timed(() => leat.tiers.list());
    expect(error).toBeInstanceOf(LeatApiError);
    expect((error as LeatApiError).status).toBe(502);
    expect((error as LeatApiError).message).toBe(
      "The Leat API answered HTTP 502 Bad Gateway with a text/html body instead of its JSON error envelope",
    );
    expect(server.hits).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(240);
    expect(ms).toBeLessThan(3_000);
  });

  it("truncated JSON in a 200 is a LeatApiError, not a SyntaxError, and not retried", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"data":[{"name":"Krusty Krew","posi');
    });
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url });
    const { error, ms } = await timed(() => leat.tiers.list());
    expect(error).toBeInstanceOf(LeatApiError);
    expect((error as LeatApiError).status).toBe(200);
    expect((error as LeatApiError).message).toMatch(/not valid JSON/);
    expect(server.hits).toHaveLength(1);
    expect(ms).toBeLessThan(2_000);
  });

  it("an empty 200 is a LeatApiError", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "0" });
      res.end();
    });
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url });
    const { error } = await timed(() => leat.contacts.getTier("4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1"));
    expect(error).toBeInstanceOf(LeatApiError);
    expect((error as LeatApiError).message).toBe("The Leat API answered HTTP 200 OK with an empty body");
    expect(server.hits).toHaveLength(1);
  });

  it("a connection reset is retried for a GET, then throws LeatConnectionError", async () => {
    server = await startServer((req) => {
      req.socket.destroy();
    });
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 1 });
    const { error, ms } = await timed(() => leat.tiers.list());
    expect(error, String(error)).toBeInstanceOf(LeatConnectionError);
    expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/tiers failed: /);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(server.hits).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(240);
    expect(ms).toBeLessThan(3_000);
  });

  it("a connection cut mid-body is a connection error too", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      res.write('{"data":[');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 });
    const { error } = await timed(() => leat.tiers.list());
    expect(error, String(error)).toBeInstanceOf(LeatConnectionError);
    expect(server.hits).toHaveLength(1);
  });

  it("a connection reset on a create is not retried", async () => {
    server = await startServer((req) => {
      req.socket.destroy();
    });
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 2 });
    const { error, ms } = await timed(() => leat.units.create({ name: "visits", label: "Visits" }));
    expect(error, String(error)).toBeInstanceOf(LeatConnectionError);
    expect(server.hits).toHaveLength(1);
    expect(ms).toBeLessThan(2_000);
  });

  it("a response slower than timeoutMs times out on every attempt", async () => {
    server = await startServer((_req, res) => {
      setTimeout(() => !res.destroyed && sendJson(res, 200, { data: [tier], meta: [] }), 1_500);
    });
    const counter = countingFetch();
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 200, maxRetries: 1, fetch: counter.fetch });
    const { error, ms } = await timed(() => leat.tiers.list());
    expect(error, String(error)).toBeInstanceOf(LeatTimeoutError);
    expect((error as LeatTimeoutError).timeoutMs).toBe(200);
    expect(counter.attempts).toBe(2);
    // Two 200 ms attempts plus a backoff of 250 to 500 ms.
    expect(ms).toBeGreaterThanOrEqual(640);
    expect(ms).toBeLessThan(3_000);
  });

  it("a body that stalls after the headers is under the timeout too", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data":');
      setTimeout(() => !res.destroyed && res.end("[]}"), 1_500);
    });
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 200, maxRetries: 0 });
    const { error, ms } = await timed(() => leat.tiers.list());
    expect(error, String(error)).toBeInstanceOf(LeatTimeoutError);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(3_000);
  });

  it("a slow create times out once and is not retried", async () => {
    server = await startServer((_req, res) => {
      setTimeout(() => !res.destroyed && sendJson(res, 201, { data: created, meta: {} }), 1_500);
    });
    const counter = countingFetch();
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 200, fetch: counter.fetch });
    const { error, ms } = await timed(() => leat.units.create({ name: "visits", label: "Visits" }));
    expect(error, String(error)).toBeInstanceOf(LeatTimeoutError);
    expect(counter.attempts).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(3_000);
  });

  it("a per-call timeoutMs and maxRetries apply to leat.api as well", async () => {
    server = await startServer((_req, res) => {
      setTimeout(() => !res.destroyed && sendJson(res, 200, { data: [tier], meta: [] }), 1_500);
    });
    const counter = countingFetch();
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url, fetch: counter.fetch });
    const { error, ms } = await timed(() => leat.api.GET("/tiers", { timeoutMs: 150, maxRetries: 0 }));
    expect(error, String(error)).toBeInstanceOf(LeatTimeoutError);
    expect((error as LeatTimeoutError).timeoutMs).toBe(150);
    expect(counter.attempts).toBe(1);
    expect(ms).toBeLessThan(3_000);
  });

  it("a caller's abort stops a slow request at once, without retrying", async () => {
    const controller = new AbortController();
    server = await startServer((_req, res) => {
      // Abort once the request has surely arrived, then answer too late to matter.
      setTimeout(() => controller.abort(), 50);
      setTimeout(() => !res.destroyed && sendJson(res, 200, { data: [tier], meta: [] }), 1_500);
    });
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: server.url });
    const { error, ms } = await timed(() => leat.tiers.list({ signal: controller.signal }));
    expect((error as Error).name).toBe("AbortError");
    expect(server.hits).toHaveLength(1);
    expect(ms).toBeLessThan(1_400);
  });
});
