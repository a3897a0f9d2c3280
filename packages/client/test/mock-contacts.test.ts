// A contact's life against the stateful mock, through the generated client: what one call
// changes, the next one sees; the documented refusals come back as LeatApiError codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContacts, startMockServer, type MockServer } from "@leat-openapi/mock-server";
import { createLeatClient, LeatApiError, LeatErrorCode, type LeatClient } from "../src/index.js";

let mock: MockServer;
let leat: LeatClient;
// Every answer the mock gives here is checked against the spec.
const mismatches: unknown[] = [];

beforeAll(async () => {
  mock = await startMockServer({ port: 0, validateResponses: (m) => void mismatches.push(m) });
  leat = createLeatClient({ apiKey: "mock-contacts-token", baseUrl: mock.url });
});
afterAll(async () => {
  await mock?.close();
  expect(JSON.stringify(mismatches)).toBe("[]");
});

async function refusal(promise: Promise<unknown>): Promise<number | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeatApiError);
  return (error as LeatApiError).code;
}

describe("contacts on the mock", () => {
  it("finds or creates, updates, reads balances and tier, refuses a taken email, deletes", async () => {
    const email = "gary@bikinibottom.sea";
    expect(await refusal(leat.contacts.find({ email }))).toBe(LeatErrorCode.ContactNotFound);
    const created = await leat.contacts.findOrCreate({ email });
    expect(created).toMatchObject({ email, tier: null, credit_balance: { balance: 0 }, prepaid_balance: { balance_in_cents: 0 } });
    expect(created.uuid).not.toBe(seedContacts.withTier);
    expect((await leat.contacts.findOrCreate({ email: email.toUpperCase() })).uuid).toBe(created.uuid);
    expect((await leat.contacts.find({ email })).uuid).toBe(created.uuid);

    const updated = await leat.contacts.update(created.uuid, { attributes: { firstname: "Gary", lastname: "Snail" } });
    expect(updated.current_values).toMatchObject({ firstname: "Gary", lastname: "Snail" });
    expect((await leat.contacts.get(created.uuid)).current_values).toMatchObject({ firstname: "Gary" });

    await expect(leat.contacts.getCreditBalance(created.uuid)).resolves.toEqual({ balance: 0 });
    await expect(leat.contacts.getPrepaidBalance(created.uuid)).resolves.toMatchObject({ balance_in_cents: 0 });
    await expect(leat.contacts.getTier(created.uuid)).resolves.toBeNull();
    // The seeded contact keeps its own balances and tier: they belong to each contact.
    const seeded = await leat.contacts.get(seedContacts.withTier);
    await expect(leat.contacts.getCreditBalance(seedContacts.withTier)).resolves.toEqual({ balance: seeded.credit_balance!.balance });
    expect(seeded.tier).toEqual(await leat.contacts.getTier(seedContacts.withTier));

    expect(await refusal(leat.contacts.create({ email }))).toBe(LeatErrorCode.ContactAlreadyExists);
    const other = await leat.contacts.createAsync({ email: "larry@bikinibottom.sea" });
    expect((await leat.contacts.get(other.uuid)).email).toBe("larry@bikinibottom.sea");

    await expect(leat.contacts.delete(created.uuid, { type: "DEFAULT" })).resolves.toBeNull();
    for (const call of [leat.contacts.get(created.uuid), leat.contacts.getTier(created.uuid), leat.contacts.find({ email })]) {
      expect(await refusal(call)).toBe(LeatErrorCode.ContactNotFound);
    }
    expect(await refusal(leat.contacts.get("00000000-0000-4000-8000-000000000000"))).toBe(LeatErrorCode.ContactNotFound);
  });

  it("claims an anonymous contact once", async () => {
    const { uuid } = await leat.contacts.createAnonymous();
    expect((await leat.contacts.get(uuid)).current_values).toMatchObject({ is_anonymous: true });
    const claimed = await leat.contacts.claim(uuid, { email: "plankton@bikinibottom.sea" });
    expect(claimed).toMatchObject({ uuid, email: "plankton@bikinibottom.sea", current_values: { is_anonymous: false } });
    expect((await leat.contacts.find({ email: "plankton@bikinibottom.sea" })).uuid).toBe(uuid);
    expect(await refusal(leat.contacts.claim(uuid, { email: "plankton@bikinibottom.sea" }))).toBe(LeatErrorCode.ContactNotAnonymous);
  });
});
