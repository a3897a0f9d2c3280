// The retry policy, driven through the transport with a recorded sleep instead of real waiting.
import { describe, expect, it } from "vitest";
import { LeatConnectionError, LeatTimeoutError } from "../src/index.js";
import { backoffDelayMs, isRetryableStatus } from "../src/retry.js";
import { createTransport } from "../src/transport.js";
import { API_KEY, json, recordingFetch } from "./helpers.js";

const ORIGIN = "https://leat.test";

function transportWith(answer: (request: Request, index: number) => Response | Promise<Response>, maxRetries = 2, now = Date.now) {
  const { fetch, calls } = recordingFetch(answer);
  const waits: number[] = [];
  const transport = createTransport({
    apiKey: API_KEY,
    origin: ORIGIN,
    fetch,
    timeoutMs: 30_000,
    maxRetries,
    redact: (t) => t,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 1,
    now,
  });
  return { transport, calls, waits };
}

const refused = () => Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) }));

describe("which failures are retried", () => {
  it.each([408, 429, 500, 502, 503, 504])("GET is retried on %i", async (status) => {
    const { transport, calls } = transportWith((_r, i) => (i === 0 ? json({ message: "x" }, status) : json({ data: [] })));
    const response = await transport(new Request(`${ORIGIN}/tiers`));
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it.each([400, 401, 404, 501])("GET is not retried on %i", async (status) => {
    const { transport, calls } = transportWith(() => json({ message: "x" }, status));
    expect((await transport(new Request(`${ORIGIN}/tiers`))).status).toBe(status);
    expect(calls).toHaveLength(1);
  });

  it.each([429, 503])("POST is retried on %i, with its body intact", async (status) => {
    const { transport, calls } = transportWith((_r, i) => (i < 2 ? json({ message: "x" }, status) : json({ data: {} }, 201)));
    const body = JSON.stringify({ name: "visits", label: "Visits" });
    const response = await transport(new Request(`${ORIGIN}/units`, { method: "POST", body, headers: { "content-type": "application/json" } }));
    expect(response.status).toBe(201);
    expect(calls.map((c) => c.body)).toEqual([body, body, body]);
  });

  it.each([408, 500, 502, 504])("POST is not retried on %i", async (status) => {
    const { transport, calls } = transportWith(() => json({ message: "x" }, status));
    await transport(new Request(`${ORIGIN}/units`, { method: "POST", body: "{}" }));
    expect(calls).toHaveLength(1);
  });

  it("GET is retried after a connection error, then throws LeatConnectionError", async () => {
    const { transport, calls, waits } = transportWith(refused);
    const error = await transport(new Request(`${ORIGIN}/tiers`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeatConnectionError);
    expect((error as Error).message).toMatch(/GET https:\/\/leat\.test\/tiers failed: fetch failed: connect ECONNREFUSED$/);
    const cause = (error as Error).cause as Error;
    expect(cause.message).toBe("fetch failed");
    expect((cause.cause as { code?: string }).code).toBe("ECONNREFUSED");
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
  });

  it("POST is never retried after a connection error", async () => {
    const { transport, calls } = transportWith(refused);
    await expect(transport(new Request(`${ORIGIN}/units`, { method: "POST", body: "{}" }))).rejects.toBeInstanceOf(LeatConnectionError);
    expect(calls).toHaveLength(1);
  });

  it("maxRetries 0 makes one attempt", async () => {
    const { transport, calls } = transportWith(() => json({ message: "x" }, 503), 0);
    expect((await transport(new Request(`${ORIGIN}/tiers`))).status).toBe(503);
    expect(calls).toHaveLength(1);
  });
});

describe("how long to wait", () => {
  it("backs off 0.5 s x 2^n, capped at 8 s, jittered down by at most half", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffDelayMs(n, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect([0, 1, 4].map((n) => backoffDelayMs(n, () => 0))).toEqual([250, 500, 4000]);
  });

  it("waits as long as Retry-After says, in seconds", async () => {
    const { transport, waits } = transportWith((_r, i) => (i < 2 ? json({ message: "x" }, 429, { "retry-after": "3" }) : json({ data: [] })));
    await transport(new Request(`${ORIGIN}/tiers`));
    expect(waits).toEqual([3000, 3000]);
  });

  it("waits until an HTTP-date Retry-After", async () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const later = new Date(now + 7_000).toUTCString();
    const { transport, waits } = transportWith(
      (_r, i) => (i === 0 ? json({ message: "x" }, 503, { "retry-after": later }) : json({ data: [] })),
      2,
      () => now,
    );
    await transport(new Request(`${ORIGIN}/tiers`));
    expect(waits).toEqual([7000]);
  });

  it("does not wait for a Retry-After over 60 s and hands back the answer", async () => {
    const { transport, calls, waits } = transportWith(() => json({ message: "x" }, 429, { "retry-after": "61" }));
    const response = await transport(new Request(`${ORIGIN}/tiers`));
    expect(response.status).toBe(429);
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("falls back to backoff when Retry-After cannot be read", async () => {
    const { transport, waits } = transportWith((_r, i) => (i === 0 ? json({ message: "x" }, 503, { "retry-after": "soon" }) : json({ data: [] })));
    await transport(new Request(`${ORIGIN}/tiers`));
    expect(waits).toEqual([500]);
  });
});

describe("timeouts and aborts", () => {
  // Like a server that never answers, and a fetch that, unlike the real one, ignores the signal.
  const hang = () => new Promise<Response>(() => undefined);

  it("a per-call timeoutMs on the Request wins over the client's", async () => {
    const { fetch, calls } = recordingFetch(hang);
    const transport = createTransport({ apiKey: API_KEY, origin: ORIGIN, fetch, timeoutMs: 30_000, maxRetries: 1, redact: (t) => t, sleep: async () => {} });
    const request = Object.assign(new Request(`${ORIGIN}/tiers`), { timeoutMs: 20 });
    const error = await transport(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeatTimeoutError);
    expect((error as LeatTimeoutError).timeoutMs).toBe(20);
    expect(calls).toHaveLength(2);
  });

  it("a timeoutMs beyond setTimeout's range waits instead of firing at once", async () => {
    const { fetch, calls } = recordingFetch(() => new Promise<Response>((resolve) => setTimeout(() => resolve(json({ data: [] })), 30)));
    const transport = createTransport({ apiKey: API_KEY, origin: ORIGIN, fetch, timeoutMs: 2 ** 31, maxRetries: 0, redact: (t) => t });
    const response = await transport(new Request(`${ORIGIN}/tiers`));
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it("a caller abort is not retried and surfaces as AbortError", async () => {
    const controller = new AbortController();
    const { transport, calls } = transportWith(() => {
      setTimeout(() => controller.abort(), 5);
      return hang();
    });
    const error = await transport(new Request(`${ORIGIN}/tiers`, { signal: controller.signal })).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(calls).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const { transport, calls } = transportWith(() => json({ data: [] }));
    const error = await transport(new Request(`${ORIGIN}/tiers`, { signal: AbortSignal.abort() })).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(calls).toHaveLength(0);
  });
});

describe("isRetryableStatus", () => {
  it("retries reads on any retryable status and every write (PUT, DELETE, POST, PATCH) only on 429 and 503", () => {
    expect(isRetryableStatus("GET", 502)).toBe(true);
    expect(isRetryableStatus("HEAD", 500)).toBe(true);
    for (const write of ["PUT", "DELETE", "POST", "PATCH"]) {
      expect(isRetryableStatus(write, 502)).toBe(false);
      expect(isRetryableStatus(write, 500)).toBe(false);
      expect(isRetryableStatus(write, 429)).toBe(true);
      expect(isRetryableStatus(write, 503)).toBe(true);
    }
  });
});
