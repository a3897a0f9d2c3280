// Failure answers become LeatApiError with the API's fields, whatever shape the body has.
import { describe, expect, it } from "vitest";
import { createLeatClient, isLeatApiError, LeatApiError, LeatErrorCode } from "../src/index.js";
import { API_KEY, json, recordingFetch } from "./helpers.js";

function clientAnswering(answer: () => Response) {
  const { fetch } = recordingFetch(answer);
  return createLeatClient({ apiKey: API_KEY, baseUrl: "https://leat.test", fetch, maxRetries: 0 });
}

async function failure(promise: Promise<unknown>): Promise<LeatApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeatApiError);
  return error as LeatApiError;
}

describe("LeatApiError from an error envelope", () => {
  it("carries status, code, message, errors as lists, request id and headers", async () => {
    const leat = clientAnswering(() =>
      json(
        {
          message: "Invalid input.",
          code: 1003,
          status_code: 400,
          errors: { name: ["The name field is required."], label: "The label field is required." },
        },
        400,
        { "x-request-id": "req-123" },
      ),
    );
    const error = await failure(leat.units.create({ name: "", label: "" }));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("LeatApiError");
    expect(error.status).toBe(400);
    expect(error.code).toBe(LeatErrorCode.InvalidInput);
    expect(error.message).toBe("Invalid input.");
    expect(error.errors).toEqual({ name: ["The name field is required."], label: ["The label field is required."] });
    expect(error.requestId).toBe("req-123");
    expect(error.headers.get("content-type")).toBe("application/json");
    expect(error.retryAfter).toBeUndefined();
    expect(error.method).toBe("POST");
    expect(error.url).toBe("https://leat.test/units");
    expect(isLeatApiError(error, LeatErrorCode.InvalidInput)).toBe(true);
    expect(isLeatApiError(error, LeatErrorCode.UnitAlreadyExists)).toBe(false);
  });

  it("accepts a 401 body with only a message", async () => {
    const leat = clientAnswering(() => json({ message: "Unauthenticated." }, 401));
    const error = await failure(leat.tiers.list());
    expect(error.status).toBe(401);
    expect(error.code).toBeUndefined();
    expect(error.message).toBe("Unauthenticated.");
    expect(error.errors).toEqual({});
  });

  it("reads Retry-After in seconds and as an HTTP date", async () => {
    const inSeconds = await failure(
      clientAnswering(() => json({ message: "Too Many Attempts." }, 429, { "retry-after": "120" })).tiers.list(),
    );
    expect(inSeconds.retryAfter).toBe(120);
    const date = new Date(Date.now() + 90_000).toUTCString();
    const asDate = await failure(clientAnswering(() => json({ message: "Too Many Attempts." }, 429, { "retry-after": date })).tiers.list());
    expect(asDate.retryAfter).toBeGreaterThanOrEqual(88);
    expect(asDate.retryAfter).toBeLessThanOrEqual(91);
  });
});

describe("answers that are not the documented envelope", () => {
  it.each([
    ["an HTML 502 page", () => new Response("<html><body>Bad Gateway</body></html>", { status: 502, statusText: "Bad Gateway", headers: { "content-type": "text/html" } }), 502, /HTTP 502 Bad Gateway with a text\/html body instead of its JSON error envelope/],
    ["an empty 500", () => new Response(null, { status: 500 }), 500, /HTTP 500 with an empty body/],
    ["truncated JSON in a 200", () => new Response('{"data": [{"name": "Kr', { status: 200, headers: { "content-type": "application/json" } }), 200, /HTTP 200 with a application\/json body that is not valid JSON/],
    ["an empty 200", () => new Response("", { status: 200 }), 200, /HTTP 200 with an empty body/],
    ["a 200 without data", () => json({ meta: [] }), 200, /without the `data` field/],
    ["a 200 whose data is not a list", () => json({ data: { name: "x" }, meta: [] }), 200, /`data` that is not a list/],
    ["a JSON array", () => json([1, 2]), 200, /without the `data` field/],
  ])("turns %s into a LeatApiError", async (_label, answer, status, message) => {
    const error = await failure(clientAnswering(answer).tiers.list());
    expect(error.status).toBe(status);
    expect(error.code).toBeUndefined();
    expect(error.message).toMatch(message);
  });

  it("checks that getTier and create answer with an object", async () => {
    const error = await failure(clientAnswering(() => json({ data: [], meta: [] })).contacts.getTier("x"));
    expect(error.message).toMatch(/`data` that is not an object/);
    const created = await failure(clientAnswering(() => json({ data: null, meta: {} }, 201)).units.create({ name: "a", label: "A" }));
    expect(created.message).toMatch(/`data` that is not an object/);
  });
});

describe("isLeatApiError", () => {
  it("is false for other values", () => {
    expect(isLeatApiError(new Error("x"))).toBe(false);
    expect(isLeatApiError({ status: 400, code: 1003 })).toBe(false);
    expect(isLeatApiError(undefined)).toBe(false);
  });
});

describe("the error family", () => {
  it("every error extends LeatError; isLeatError tells them from others", async () => {
    const { LeatError, isLeatError, LeatConnectionError } = await import("../src/index.js");
    const apiError = await failure(clientAnswering(() => json({ message: "Unauthenticated." }, 401)).tiers.list());
    const connection = await createLeatClient({ apiKey: API_KEY, maxRetries: 0, fetch: () => Promise.reject(new TypeError("fetch failed")) })
      .tiers.list()
      .catch((e: unknown) => e);
    for (const error of [apiError, connection]) {
      expect(error).toBeInstanceOf(LeatError);
      expect(isLeatError(error)).toBe(true);
    }
    expect(connection).toBeInstanceOf(LeatConnectionError);
    expect(connection).not.toBeInstanceOf(LeatApiError);
    expect(isLeatApiError(connection)).toBe(false);
    expect(isLeatError(new Error("Unauthenticated."))).toBe(false);
    expect(isLeatError({ name: "LeatApiError" })).toBe(false);
    // The brand stays out of what gets printed or serialized.
    expect(Object.keys(JSON.parse(JSON.stringify(apiError)))).not.toContain("brand");
  });

  it("a caller's subclass is recognised by its own prototype chain only", async () => {
    class MyError extends LeatApiError {}
    const mine = new MyError({ method: "GET", url: "https://leat.test/tiers", status: 400, message: "x", headers: new Headers() });
    const plain = await failure(clientAnswering(() => json({ message: "x" }, 400)).tiers.list());
    expect(mine).toBeInstanceOf(MyError);
    expect(mine).toBeInstanceOf(LeatApiError);
    expect(plain).not.toBeInstanceOf(MyError);
  });

  it("isLeatApiError takes a code the spec does not document", async () => {
    const error = await failure(clientAnswering(() => json({ message: "Something new.", code: 99999 }, 400)).tiers.list());
    expect(isLeatApiError(error, 99999)).toBe(true);
    expect(isLeatApiError(error, 99998)).toBe(false);
    expect(error.code).toBe(99999);
  });

  it("carries the rate limit headers as rateLimit, or undefined without them", async () => {
    const limited = await failure(
      clientAnswering(() => json({ message: "Too Many Attempts." }, 429, { "x-ratelimit-limit": "60", "x-ratelimit-remaining": "0", "retry-after": "120" })).tiers.list(),
    );
    expect(limited.rateLimit).toEqual({ limit: 60, remaining: 0 });
    const without = await failure(clientAnswering(() => json({ message: "Unauthenticated." }, 401)).tiers.list());
    expect(without.rateLimit).toBeUndefined();
    const unreadable = await failure(clientAnswering(() => json({ message: "x" }, 400, { "x-ratelimit-limit": "many", "x-ratelimit-remaining": "1" })).tiers.list());
    expect(unreadable.rateLimit).toBeUndefined();
  });
});
