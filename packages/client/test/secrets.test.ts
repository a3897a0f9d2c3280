// The API key must not leak: not through any error's text or serialization, not to other origins.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createLeatClient, LeatApiError, LeatConnectionError, LeatTimeoutError } from "../src/index.js";
import { API_KEY, json, sendJson, startServer, tier, type TestServer } from "./helpers.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function expectNoKey(error: unknown) {
  expect(error).toBeInstanceOf(Error);
  const e = error as Error;
  const views = [
    e.message,
    String(e.stack),
    e.toString(),
    JSON.stringify(e),
    inspect(e, { depth: Infinity, showHidden: true }),
    inspect(e.cause, { depth: Infinity, showHidden: true }),
  ];
  for (const view of views) expect(view).not.toContain(API_KEY);
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

describe("the API key stays out of errors", () => {
  it("LeatApiError, even when the server echoes the key back", async () => {
    const leat = createLeatClient({
      apiKey: API_KEY,
      fetch: async (request) =>
        json(
          {
            message: `Token ${request.headers.get("authorization")} is invalid`,
            code: 1003,
            errors: { token: [`${API_KEY} is expired`] },
          },
          400,
        ),
      maxRetries: 0,
    });
    const error = await caught(leat.tiers.list());
    expect(error).toBeInstanceOf(LeatApiError);
    expect((error as LeatApiError).message).toBe("Token Bearer [redacted] is invalid");
    expect((error as LeatApiError).errors).toEqual({ token: ["[redacted] is expired"] });
    expectNoKey(error);
  });

  it("LeatConnectionError whose low-level cause holds the Request", async () => {
    const leat = createLeatClient({
      apiKey: API_KEY,
      maxRetries: 0,
      fetch: async (request) => {
        const inner = Object.assign(new Error(`socket hang up while sending ${request.headers.get("authorization")}`), {
          code: "ECONNRESET",
          request,
        });
        throw Object.assign(new TypeError("fetch failed", { cause: inner }), { request, headers: request.headers });
      },
    });
    const error = await caught(leat.tiers.list());
    expect(error).toBeInstanceOf(LeatConnectionError);
    expect(((error as Error).cause as Error & { cause: { code: string } }).cause.code).toBe("ECONNRESET");
    expectNoKey(error);
  });

  it("LeatConnectionError from a real reset connection", async () => {
    const server = await startServer((req) => {
      req.socket.destroy();
    });
    servers.push(server);
    const error = await caught(createLeatClient({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 }).units.list());
    expect(error).toBeInstanceOf(LeatConnectionError);
    expectNoKey(error);
  });

  it("LeatTimeoutError", async () => {
    const leat = createLeatClient({
      apiKey: API_KEY,
      timeoutMs: 20,
      maxRetries: 0,
      fetch: (request) =>
        new Promise((_resolve, reject) => request.signal.addEventListener("abort", () => reject(Object.assign(request.signal.reason as Error, { request })))),
    });
    const error = await caught(leat.tiers.list());
    expect(error).toBeInstanceOf(LeatTimeoutError);
    expectNoKey(error);
  });

  it("option errors", () => {
    for (const bad of [{ apiKey: `${API_KEY}\r\n` }, { apiKey: API_KEY, baseUrl: "nope" }, { apiKey: API_KEY, timeoutMs: -1 }]) {
      let error: unknown;
      try {
        createLeatClient(bad);
      } catch (e) {
        error = e;
      }
      expectNoKey(error);
    }
  });
});

describe("the API key goes to baseUrl's origin only", () => {
  it("is not attached when leat.api is pointed at another origin", async () => {
    const ours = await startServer((_req, res) => sendJson(res, 200, { data: [tier], meta: [] }));
    const other = await startServer((_req, res) => sendJson(res, 200, { data: [tier], meta: [] }));
    servers.push(ours, other);
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: `${ours.url}/api` });
    await leat.api.GET("/tiers");
    await leat.api.GET("/tiers", { baseUrl: other.url });
    expect(ours.hits[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(other.hits).toHaveLength(1);
    expect(other.hits[0]!.headers.authorization).toBeUndefined();
    expect(other.hits[0]!.headers.accept).toBe("application/json");
  });

  it("is not forwarded when the API redirects to another origin", async () => {
    const other = await startServer((_req, res) => sendJson(res, 200, { data: [tier], meta: [] }));
    const ours = await startServer((_req, res) => {
      res.writeHead(302, { location: `${other.url}/tiers` });
      res.end();
    });
    servers.push(ours, other);
    const tiers = await createLeatClient({ apiKey: API_KEY, baseUrl: ours.url }).tiers.list();
    expect(tiers).toEqual([tier]);
    expect(ours.hits[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(other.hits[0]!.headers.authorization).toBeUndefined();
  });
});

describe("redaction takes out the key and nothing else", () => {
  const answering = (apiKey: string, body: (request: Request) => unknown) =>
    createLeatClient({ apiKey, maxRetries: 0, fetch: async (request) => json(body(request), 429) });

  it("a one-letter key does not cut words apart", async () => {
    const error = await caught(answering("t", () => ({ message: "Too Many Attempts." })).tiers.list());
    expect((error as LeatApiError).message).toBe("Too Many Attempts.");
  });

  it("a short key is still taken out of an Authorization value and a URL", async () => {
    const error = await caught(
      answering("t", (request) => ({
        message: `Token ${request.headers.get("authorization")} is not valid for https://leat.test/auth?token=t&retry=t/`,
        errors: { token: ["Bearer t expired"] },
      })).tiers.list(),
    );
    expect((error as LeatApiError).message).toBe("Token Bearer [redacted] is not valid for https://leat.test/auth?token=[redacted]&retry=[redacted]/");
    expect((error as LeatApiError).errors).toEqual({ token: ["Bearer [redacted] expired"] });
  });

  it("a real key goes wherever it appears, as typed or percent-encoded", async () => {
    const key = "42|pat/With+Special=chars";
    const error = await caught(
      answering(key, () => ({ message: `bad token${key}, see https://leat.test/?t=${encodeURIComponent(key)}` })).tiers.list(),
    );
    expect((error as LeatApiError).message).toBe("bad token[redacted], see https://leat.test/?t=[redacted]");
  });
});
