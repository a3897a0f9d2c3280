// Log lines: off unless asked for (logLevel or LEAT_LOG), what each level says, never the key.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLeatClient, type LeatLogger, type LeatLogLevel } from "../src/index.js";
import { API_KEY, json, recordingFetch } from "./helpers.js";

const BASE = "https://leat.test/api/v3/oauth/clients";

function capture() {
  const lines: { level: string; text: string }[] = [];
  const logger: LeatLogger = {
    error: (text) => lines.push({ level: "error", text }),
    warn: (text) => lines.push({ level: "warn", text }),
    info: (text) => lines.push({ level: "info", text }),
    debug: (text) => lines.push({ level: "debug", text }),
  };
  return { logger, lines };
}

// A 429 (with the key echoed back) then a success carrying a request id.
function rateLimitedOnce() {
  return recordingFetch((request, i) =>
    i === 0
      ? json({ message: `Too Many Attempts for ${request.headers.get("authorization")}` }, 429, { "retry-after": "0" })
      : json({ data: [], meta: [] }, 200, { "x-request-id": "req-42" }),
  );
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("logging", () => {
  it("is off by default: the logger is never called", async () => {
    const { logger, lines } = capture();
    const { fetch } = rateLimitedOnce();
    await createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch, logger }).tiers.list();
    expect(lines).toEqual([]);
  });

  it("debug: method, URL, status, attempt, elapsed time and request id per attempt; warn on the retry", async () => {
    const { logger, lines } = capture();
    const { fetch } = rateLimitedOnce();
    await createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch, logger, logLevel: "debug" }).tiers.list();
    expect(lines.map((l) => l.level)).toEqual(["debug", "warn", "debug"]);
    expect(lines[0]!.text).toMatch(/^\[leat\] GET https:\/\/leat\.test\/api\/v3\/oauth\/clients\/tiers \(attempt 1 of 3, \d+ ms\): HTTP 429$/);
    expect(lines[1]!.text).toMatch(/^\[leat\] GET \S+\/tiers \(attempt 1 of 3, \d+ ms\): HTTP 429; retrying in 0 ms$/);
    expect(lines[2]!.text).toMatch(/^\[leat\] GET \S+\/tiers \(attempt 2 of 3, \d+ ms\): HTTP 200, request id req-42$/);
  });

  it("info: one line per successful call, for leat.api as well", async () => {
    const { logger, lines } = capture();
    const { fetch } = rateLimitedOnce();
    const { data } = await createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch, logger, logLevel: "info" }).api.GET("/tiers");
    expect(data?.data).toEqual([]);
    expect(lines.map((l) => [l.level, l.text.replace(/\d+ ms/, "N ms")])).toEqual([
      ["warn", "[leat] GET https://leat.test/api/v3/oauth/clients/tiers (attempt 1 of 3, N ms): HTTP 429; retrying in 0 ms"],
      ["info", "[leat] GET https://leat.test/api/v3/oauth/clients/tiers (attempt 2 of 3, N ms): HTTP 200, request id req-42"],
    ]);
  });

  it("error: the final failure, whether an answer or no answer", async () => {
    const { logger, lines } = capture();
    const failing = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, logger, logLevel: "error", maxRetries: 0, fetch: async () => json({ message: "Invalid input.", code: 1003 }, 400) });
    await expect(failing.tiers.list()).rejects.toThrow("Invalid input.");
    const refused = createLeatClient({
      apiKey: API_KEY,
      baseUrl: BASE,
      logger,
      logLevel: "error",
      maxRetries: 1,
      fetch: () => Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) })),
    });
    await expect(refused.units.list()).rejects.toThrow(/ECONNREFUSED/);
    expect(lines.map((l) => [l.level, l.text.replace(/\d+ ms/, "N ms")])).toEqual([
      ["error", "[leat] GET https://leat.test/api/v3/oauth/clients/tiers (attempt 1 of 1, N ms) failed: HTTP 400"],
      ["error", expect.stringMatching(/^\[leat\] GET \S+\/units \(attempt 2 of 2, N ms\) failed: GET \S+\/units failed: fetch failed: connect ECONNREFUSED$/)],
    ]);
  });

  it("error: a success whose body the resource method cannot use is a final failure too", async () => {
    const { logger, lines } = capture();
    const leat = createLeatClient({ apiKey: API_KEY, baseUrl: BASE, logger, logLevel: "error", fetch: async () => new Response("<html>maintenance</html>", { status: 200, headers: { "content-type": "text/html" } }) });
    await expect(leat.tiers.list()).rejects.toThrow(/not valid JSON/);
    expect(lines).toEqual([
      { level: "error", text: expect.stringMatching(/^\[leat\] GET https:\/\/leat\.test\/api\/v3\/oauth\/clients\/tiers failed: The Leat API answered HTTP 200 .*not valid JSON/) },
    ]);
  });

  it("never writes the key, whatever the server or the network echoes", async () => {
    const { logger, lines } = capture();
    const leat = createLeatClient({
      apiKey: API_KEY,
      baseUrl: BASE,
      logger,
      logLevel: "debug",
      maxRetries: 1,
      fetch: (request) => Promise.reject(new TypeError(`fetch failed for ${request.headers.get("authorization")}`)),
    });
    await expect(leat.tiers.list()).rejects.toThrow();
    const { fetch } = rateLimitedOnce();
    await createLeatClient({ apiKey: API_KEY, baseUrl: `${BASE}?${API_KEY}`, fetch, logger, logLevel: "debug" }).tiers.list().catch(() => undefined);
    expect(lines.length).toBeGreaterThan(4);
    for (const { text } of lines) expect(text).not.toContain(API_KEY);
    expect(lines.some((l) => l.text.includes("Bearer [redacted]"))).toBe(true);
  });

  it.each([
    ["warn", ["warn"]],
    ["debug", ["debug", "warn", "debug"]],
    ["off", []],
  ] as const)("LEAT_LOG=%s sets the level when logLevel is not given", async (level, expected) => {
    vi.stubEnv("LEAT_LOG", level);
    const { logger, lines } = capture();
    const { fetch } = rateLimitedOnce();
    await createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch, logger }).tiers.list();
    expect(lines.map((l) => l.level)).toEqual(expected);
  });

  it("logLevel wins over LEAT_LOG", async () => {
    vi.stubEnv("LEAT_LOG", "debug");
    const { logger, lines } = capture();
    const { fetch } = rateLimitedOnce();
    await createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch, logger, logLevel: "off" }).tiers.list();
    expect(lines).toEqual([]);
  });

  it("goes to console by default", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const { fetch } = rateLimitedOnce();
      await createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch, logLevel: "warn" }).tiers.list();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/^\[leat\] GET .* retrying in 0 ms$/);
    } finally {
      warn.mockRestore();
    }
  });

  it("a bad level or logger is a clear TypeError", () => {
    expect(() => createLeatClient({ apiKey: API_KEY, logLevel: "verbose" as LeatLogLevel })).toThrow(
      "createLeatClient: `logLevel` must be one of off, error, warn, info, debug, got \"verbose\"",
    );
    vi.stubEnv("LEAT_LOG", "loud");
    expect(() => createLeatClient({ apiKey: API_KEY })).toThrow(/the LEAT_LOG environment variable must be one of/);
    vi.unstubAllEnvs();
    expect(() => createLeatClient({ apiKey: API_KEY, logLevel: "warn", logger: { warn: 1 } as unknown as LeatLogger })).toThrow("`logger` has no error method");
  });
});
