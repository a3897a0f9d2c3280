// totalTimeoutMs: one budget for attempts, backoff and Retry-After waits together; and what a
// caller's own AbortSignal rejects with.
import { describe, expect, it } from "vitest";
import { createLeatClient, LeatApiError, LeatConnectionError, LeatTimeoutError } from "../src/index.js";
import { createTransport } from "../src/transport.js";
import { API_KEY, json, recordingFetch } from "./helpers.js";

const ORIGIN = "https://leat.test";

/** A transport on a clock that only moves when it waits, so budgets are exact and nothing sleeps. */
function clockedTransport(answer: (request: Request, index: number) => Response | Promise<Response>, totalTimeoutMs: number) {
  const { fetch, calls } = recordingFetch(answer);
  let time = 1_000_000;
  const waits: number[] = [];
  const transport = createTransport({
    apiKey: API_KEY,
    origin: ORIGIN,
    fetch,
    timeoutMs: 30_000,
    maxRetries: 5,
    totalTimeoutMs,
    redact: (t) => t,
    random: () => 1,
    now: () => time,
    sleep: async (ms) => {
      waits.push(ms);
      time += ms;
    },
  });
  return { transport, calls, waits };
}

const hang = () => new Promise<Response>(() => undefined);

describe("totalTimeoutMs", () => {
  it("with the defaults, a 429 with Retry-After: 30 fails at once with that 429 instead of waiting", async () => {
    const { fetch, calls } = recordingFetch(() => json({ message: "Too Many Attempts." }, 429, { "retry-after": "30" }));
    const error = await createLeatClient({ apiKey: API_KEY, fetch }).tiers.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeatApiError);
    expect((error as LeatApiError).status).toBe(429);
    expect((error as LeatApiError).retryAfter).toBe(30);
    expect(calls).toHaveLength(1);
  });

  it("a Retry-After that fits the budget is waited out", async () => {
    const { transport, calls, waits } = clockedTransport((_r, i) => (i === 0 ? json({ message: "x" }, 429, { "retry-after": "3" }) : json({ data: [] })), 5_000);
    expect((await transport(new Request(`${ORIGIN}/tiers`))).status).toBe(200);
    expect(waits).toEqual([3_000]);
    expect(calls).toHaveLength(2);
  });

  it("a backoff that would pass the budget hands back the answer that caused it", async () => {
    // Backoff with random() = 1: 500 ms, then 1000 ms; 500 + 1000 passes 1200.
    const { transport, calls, waits } = clockedTransport(() => json({ message: "Down" }, 503), 1_200);
    expect((await transport(new Request(`${ORIGIN}/tiers`))).status).toBe(503);
    expect(waits).toEqual([500]);
    expect(calls).toHaveLength(2);
  });

  it("a backoff that would pass the budget after a connection error throws that error", async () => {
    const { transport, calls, waits } = clockedTransport(() => Promise.reject(new TypeError("fetch failed")), 400);
    await expect(transport(new Request(`${ORIGIN}/tiers`))).rejects.toBeInstanceOf(LeatConnectionError);
    expect(waits).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("bounds an attempt that hangs, per call on resource methods and leat.api", async () => {
    const { fetch, calls } = recordingFetch(hang);
    const leat = createLeatClient({ apiKey: API_KEY, fetch, timeoutMs: 10_000 });
    for (const call of [() => leat.tiers.list({ totalTimeoutMs: 30 }), () => leat.api.GET("/tiers", { totalTimeoutMs: 30 })]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LeatTimeoutError);
      expect(error).toMatchObject({ timeoutMs: 30, budget: true });
      expect((error as Error).message).toMatch(/within the call's budget of 30 ms \(totalTimeoutMs\)$/);
    }
    // The budget is spent: no retry.
    expect(calls).toHaveLength(2);
  });

  it("the client's totalTimeoutMs applies to every call", async () => {
    const { fetch } = recordingFetch(hang);
    const error = await createLeatClient({ apiKey: API_KEY, fetch, totalTimeoutMs: 25 }).units.list().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "LeatTimeoutError", timeoutMs: 25, budget: true });
  });

  it("a bad value is a clear TypeError", async () => {
    expect(() => createLeatClient({ apiKey: API_KEY, totalTimeoutMs: 0 })).toThrow("totalTimeoutMs must be a positive number of milliseconds, got 0");
    const leat = createLeatClient({ apiKey: API_KEY, fetch: async () => json({ data: [] }) });
    await expect(leat.tiers.list({ totalTimeoutMs: Number.NaN })).rejects.toThrow("totalTimeoutMs must be a positive number of milliseconds, got NaN");
  });
});

describe("a caller's AbortSignal rejects with the signal's reason, as fetch does", () => {
  const clientHanging = () => {
    const { fetch, calls } = recordingFetch((request) => new Promise<Response>((_resolve, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))));
    return { leat: createLeatClient({ apiKey: API_KEY, fetch }), calls };
  };

  it("abort(reason): that reason, from resource methods and leat.api", async () => {
    const { leat, calls } = clientHanging();
    for (const call of [(signal: AbortSignal) => leat.tiers.list({ signal }), (signal: AbortSignal) => leat.api.GET("/tiers", { signal })]) {
      const controller = new AbortController();
      const reason = new Error("the user left the page");
      const pending = call(controller.signal);
      setTimeout(() => controller.abort(reason), 5);
      await expect(pending).rejects.toBe(reason);
    }
    expect(calls).toHaveLength(2);
  });

  it("abort() without a reason: the standard AbortError DOMException", async () => {
    const { leat } = clientHanging();
    const controller = new AbortController();
    const pending = leat.units.list({ signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
  });

  it("AbortSignal.timeout(): its TimeoutError DOMException, not a LeatTimeoutError", async () => {
    const { leat } = clientHanging();
    const error = await leat.tiers.list({ signal: AbortSignal.timeout(5) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("TimeoutError");
  });
});
