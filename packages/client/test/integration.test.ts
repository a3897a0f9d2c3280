// All four operations and the documented errors, over HTTP against @leat-openapi/mock-server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContacts, startMockServer, type MockServer } from "@leat-openapi/mock-server";
import { createLeatClient, isLeatApiError, LeatApiError, LeatErrorCode, type LeatClient } from "../src/index.js";

const API_KEY = "mock-integration-token";
let mock: MockServer;
let leat: LeatClient;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, apiKey: API_KEY });
  leat = createLeatClient({ apiKey: API_KEY, baseUrl: mock.url });
});
afterAll(async () => {
  await mock?.close();
});

async function apiError(promise: Promise<unknown>): Promise<LeatApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeatApiError);
  return error as LeatApiError;
}

describe("against the mock server", () => {
  it("lists tiers", async () => {
    const tiers = await leat.tiers.list();
    expect(tiers.length).toBeGreaterThan(0);
    expect(tiers[0]).toMatchObject({ name: expect.any(String), position: expect.any(Number) });
  });

  it("gets a contact's tier, and null for a contact without one", async () => {
    const tiers = await leat.tiers.list();
    const tier = await leat.contacts.getTier(seedContacts.withTier);
    expect(tier).not.toBeNull();
    expect(tiers).toContainEqual(tier);
    await expect(leat.contacts.getTier(seedContacts.withoutTier)).resolves.toBeNull();
  });

  it("lists units, creates one, and lists it afterwards", async () => {
    const before = await leat.units.list();
    expect(before.filter((u) => u.is_default)).toHaveLength(1);
    const name = `calories_${Date.now()}`;
    const created = await leat.units.create({ name, label: "Calories", prefix: "kcal", is_default: false });
    expect(created).toMatchObject({ name, label: "Calories", prefix: "kcal", is_default: false });
    expect(created.id).toEqual(expect.any(Number));
    const after = await leat.units.list();
    expect(after.map((u) => u.name)).toContain(name);
  });

  it("55045 when the unit name is taken", async () => {
    const [existing] = await leat.units.list();
    const error = await apiError(leat.units.create({ name: existing!.name, label: "Again" }));
    expect(error.status).toBe(400);
    expect(error.code).toBe(LeatErrorCode.UnitAlreadyExists);
    expect(error.message).toBe("Unit already exists.");
    expect(isLeatApiError(error, LeatErrorCode.UnitAlreadyExists)).toBe(true);
  });

  it("1003 naming the missing fields of a new unit", async () => {
    const error = await apiError(leat.units.create({} as never));
    expect(error.status).toBe(400);
    expect(error.code).toBe(LeatErrorCode.InvalidInput);
    expect(Object.keys(error.errors)).toEqual(expect.arrayContaining(["name", "label"]));
    for (const messages of Object.values(error.errors)) expect(messages.length).toBeGreaterThan(0);
  });

  it("1003 for a malformed contact UUID", async () => {
    const error = await apiError(leat.contacts.getTier("not-a-uuid"));
    expect(error.code).toBe(LeatErrorCode.InvalidInput);
    expect(error.errors).toHaveProperty("contact_uuid");
  });

  it("55031 for an unknown contact", async () => {
    const error = await apiError(leat.contacts.getTier("00000000-0000-4000-8000-000000000000"));
    expect(error.status).toBe(400);
    expect(error.code).toBe(LeatErrorCode.ContactNotFound);
    expect(error.message).toBe("Contact not found.");
  });

  it("401 with a wrong token", async () => {
    const wrong = createLeatClient({ apiKey: "not-the-token", baseUrl: mock.url });
    const error = await apiError(wrong.tiers.list());
    expect(error.status).toBe(401);
    expect(error.message).toBeTruthy();
  });

  it("documented errors picked with Prefer: example=", async () => {
    for (const [example, code] of [
      ["accountInactive", LeatErrorCode.AccountInactive],
      ["loyaltyProgramNotActive", LeatErrorCode.LoyaltyProgramNotActive],
      ["usageLimitReached", LeatErrorCode.UsageLimitReached],
    ] as const) {
      const error = await apiError(leat.units.list({ headers: { Prefer: `code=400, example=${example}` } }));
      expect(error.code).toBe(code);
    }
  });

  it("429 and 503 from Prefer: code=, with retries off", async () => {
    const limited = await apiError(leat.tiers.list({ maxRetries: 0, headers: { Prefer: "code=429" } }));
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toEqual(expect.any(Number));
    const maintenance = await apiError(leat.units.create({ name: "x", label: "X" }, { maxRetries: 0, headers: { Prefer: "code=503" } }));
    expect(maintenance.status).toBe(503);
    expect(maintenance.message).toBe("Service Unavailable");
  });

  it("leat.api returns { data, error, response }", async () => {
    const ok = await leat.api.GET("/units");
    expect(ok.response.status).toBe(200);
    expect(ok.data?.data.length).toBeGreaterThan(0);
    const failed = await leat.api.GET("/contacts/{contact_uuid}/tier", {
      params: { path: { contact_uuid: "00000000-0000-4000-8000-000000000000" } },
    });
    expect(failed.data).toBeUndefined();
    expect(failed.error).toMatchObject({ code: 55031, message: "Contact not found." });
  });
});
