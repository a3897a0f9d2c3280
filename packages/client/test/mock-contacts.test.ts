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

  it("walks a found-or-created contact through an update, its identifiers and its subscriptions", async () => {
    const contact = await leat.contacts.findOrCreate({ email: "karen@bikinibottom.sea" });
    await leat.contacts.update(contact.uuid, { attributes: { firstname: "Karen" } });
    expect((await leat.contacts.get(contact.uuid)).current_values).toMatchObject({ firstname: "Karen" });

    // Identifiers: created unlinked, refused twice, linked, found, listed, unlinked, blocked, deleted.
    const value = "PLANKTON-0001";
    await expect(leat.contactIdentifiers.create({ contact_identifier_value: value })).resolves.toEqual({ name: value, value, active: true, contact: null });
    expect(await refusal(leat.contactIdentifiers.create({ contact_identifier_value: value }))).toBe(LeatErrorCode.ContactIdentifierAlreadyExists);
    expect(await refusal(leat.contactIdentifiers.find({ contact_identifier_value: "NO-SUCH-CARD" }))).toBe(LeatErrorCode.ContactIdentifierNotFound);
    expect(await refusal(leat.contactIdentifiers.link({ contact_identifier_value: value, contact_uuid: "00000000-0000-4000-8000-000000000000" }))).toBe(
      LeatErrorCode.ContactNotFound,
    );
    const linked = await leat.contactIdentifiers.link({ contact_identifier_value: value, contact_uuid: contact.uuid });
    expect(linked.contact).toEqual({ uuid: contact.uuid, email: "karen@bikinibottom.sea" });
    expect((await leat.contactIdentifiers.find({ contact_identifier_value: value })).contact).toMatchObject({ uuid: contact.uuid });
    expect(await leat.contacts.listIdentifiers(contact.uuid)).toEqual([{ ...linked, default: true }]);
    expect(await refusal(leat.contactIdentifiers.link({ contact_identifier_value: value, contact_uuid: seedContacts.withTier }))).toBe(
      LeatErrorCode.ContactIdentifierAlreadyLinked,
    );
    expect((await leat.contactIdentifiers.unlink({ contact_identifier_value: value })).contact).toBeNull();
    expect((await leat.contactIdentifiers.find({ contact_identifier_value: value })).contact).toBeNull();
    await expect(leat.contacts.listIdentifiers(contact.uuid)).resolves.toEqual([]);
    const blocked = await leat.contactIdentifiers.update({ contact_identifier_value: value, contact_identifier_name: "Lost", contact_identifier_active: false });
    expect(blocked).toMatchObject({ name: "Lost", active: false });
    expect(await refusal(leat.contactIdentifiers.find({ contact_identifier_value: value }))).toBe(LeatErrorCode.ContactIdentifierInactive);
    await leat.contactIdentifiers.delete({ contact_identifier_value: value });
    expect(await refusal(leat.contactIdentifiers.find({ contact_identifier_value: value }))).toBe(LeatErrorCode.ContactIdentifierNotFound);

    // Subscriptions: every type from the list, UNSUBSCRIBED until the contact subscribes.
    const types = await leat.subscriptionTypes.list();
    const optIn = types.find((t) => t.strategy === "OPT_IN" && t.uuid)!;
    const doubleOptIn = types.find((t) => t.strategy === "DOUBLE_OPT_IN" && t.uuid)!;
    const statusOf = async (uuid: string | null | undefined) =>
      (await leat.contactSubscriptions.list(contact.uuid)).find((s) => s.subscription_type?.uuid === uuid)?.status;
    expect((await leat.contactSubscriptions.list(contact.uuid)).map((s) => s.status)).toEqual(types.map(() => "UNSUBSCRIBED"));
    await expect(leat.contactSubscriptions.subscribe(contact.uuid, { subscription_type_uuid: optIn.uuid! })).resolves.toMatchObject({ is_subscribed: true, status: "SUBSCRIBED" });
    expect(await statusOf(optIn.uuid)).toBe("SUBSCRIBED");
    await expect(leat.contactSubscriptions.subscribe(contact.uuid, { subscription_type_uuid: doubleOptIn.uuid! })).resolves.toMatchObject({
      is_subscribed: false,
      status: "PENDING_CONFIRMATION",
    });
    expect(await statusOf(doubleOptIn.uuid)).toBe("PENDING_CONFIRMATION");
    await leat.contactSubscriptions.unsubscribe(contact.uuid, { subscription_type_uuid: optIn.uuid! });
    expect(await statusOf(optIn.uuid)).toBe("UNSUBSCRIBED");
    expect(await refusal(leat.contactSubscriptions.subscribe(contact.uuid, { subscription_type_uuid: "00000000-0000-4000-8000-000000000000" }))).toBe(
      LeatErrorCode.SubscriptionTypeNotFound,
    );
    // Another contact's statuses are its own.
    expect((await leat.contactSubscriptions.list(seedContacts.withoutTier)).every((s) => s.status === "UNSUBSCRIBED")).toBe(true);
    expect(await refusal(leat.contactSubscriptions.list("00000000-0000-4000-8000-000000000000"))).toBe(LeatErrorCode.ContactNotFound);
  });
  it("lists every contact page by page, imports a batch, merges one contact into another, and shows a new contact attribute", async () => {
    await mock.reset();
    const seeded = [seedContacts.withTier, seedContacts.withoutTier, seedContacts.anonymous, seedContacts.loyaltyMember];
    const first = await leat.contacts.list({ limit: 3 }).page();
    expect(first.meta).toMatchObject({ page: 1, limit: 3, viewing_from: 1, viewing_to: 3, last_page: 2, total: 4 });
    expect(first.hasNextPage()).toBe(true);
    expect((await first.getNextPage()).data.map((c) => c.uuid)).toEqual([seedContacts.loyaltyMember]);
    const listed: string[] = [];
    for await (const contact of leat.contacts.list({ limit: 2 })) listed.push(contact.uuid);
    expect(listed).toEqual(seeded);

    await expect(leat.contacts.createBatch({ contacts: [{ email: "puff@bikinibottom.sea", custom_attributes: [{ name: "firstname", value: "Puff" }] }] })).resolves.toBeNull();
    const puff = await leat.contacts.find({ email: "puff@bikinibottom.sea" });
    expect(puff.current_values).toMatchObject({ firstname: "Puff" });
    expect((await leat.contacts.list({ sort: "-created_at", limit: 1 }))[0]?.uuid).toBe(puff.uuid);

    const { balance } = await leat.contacts.getCreditBalance(seedContacts.withTier);
    await leat.contacts.merge({ source_contact_uuid: seedContacts.withTier, destination_contact_uuid: puff.uuid });
    await expect(leat.contacts.getCreditBalance(puff.uuid)).resolves.toEqual({ balance });
    expect(await refusal(leat.contacts.get(seedContacts.withTier))).toBe(LeatErrorCode.ContactNotFound);
    expect(await refusal(leat.contacts.merge({ source_contact_uuid: seedContacts.withTier, destination_contact_uuid: puff.uuid }))).toBe(LeatErrorCode.ContactNotFound);
    expect((await leat.contacts.list()).map((c) => c.uuid)).toEqual([...seeded.filter((uuid) => uuid !== seedContacts.withTier), puff.uuid]);

    await leat.customAttributes.create({ entity: "contact", name: "favorite_color", label: "Favorite color", type: "text" });
    expect((await leat.contactAttributes.list()).map((a) => a.name)).toContain("favorite_color");
    expect((await leat.contacts.get(puff.uuid)).current_values).toMatchObject({ favorite_color: null });
  });
});
