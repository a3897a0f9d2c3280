// Path parameters must never change which path is requested: "", "." and ".." (which URL
// resolution folds away) and values holding a slash are refused before any request, naming the
// method and the parameter; everything else is percent-encoded.
import { describe, expect, it } from "vitest";
import { createLeatClient } from "../src/index.js";
import { API_KEY, json, recordingFetch, tier } from "./helpers.js";

const BASE = "https://api.example.test/api/v3/oauth/clients";

function client() {
  const { fetch, calls } = recordingFetch(() => json({ data: tier, meta: [] }));
  return { leat: createLeatClient({ apiKey: API_KEY, baseUrl: BASE, fetch, maxRetries: 0 }), calls };
}

describe("path parameters", () => {
  it.each(["..", ".", "", "  ", "../units", "a/b", "a\\b", "%2e%2e/x/.."])("refuse %j before any request", async (value) => {
    const { leat, calls } = client();
    const error = await leat.contacts.getTier(value).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain("contacts.getTier");
    expect((error as Error).message).toContain("contact_uuid");
    expect(calls).toHaveLength(0);
  });

  it.each([undefined, null, 42.5, {}, ["x"]])("refuse a non-string %j", async (value) => {
    const { leat, calls } = client();
    await expect(leat.contacts.getTier(value as never)).rejects.toThrow(/contacts\.getTier.*contact_uuid/);
    expect(calls).toHaveLength(0);
  });

  it.each([
    ["4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1", "4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1"],
    ["a b?c#d&e", "a%20b%3Fc%23d%26e"],
    ["...", "..."],
    ["%2e%2e", "%252e%252e"],
    ["ü", "%C3%BC"],
  ])("percent-encode %j", async (value, encoded) => {
    const { leat, calls } = client();
    await leat.contacts.getTier(value);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request.url).toBe(`${BASE}/contacts/${encoded}/tier`);
  });
});
