// A contact's life against the stateful mock, through the generated client: what one call
// changes, the next one sees; the documented refusals come back as LeatApiError codes.
import { describe, expect, it } from "vitest";
import { seedContacts } from "@leat-openapi/mock-server";
import { LeatErrorCode } from "../src/index.js";
import { onMock, refusal } from "./on-mock.js";

const on = onMock("mock-contacts-token");

describe("contacts on the mock", () => {
  it("finds or creates, updates, reads balances and tier, refuses a taken email, deletes", async () => {
    const email = "gary@bikinibottom.sea";
    expect(await refusal(on.leat.contacts.find({ email }))).toBe(LeatErrorCode.ContactNotFound);
    const created = await on.leat.contacts.findOrCreate({ email });
    expect(created).toMatchObject({ email, tier: null, credit_balance: { balance: 0 }, prepaid_balance: { balance_in_cents: 0 } });
    expect(created.uuid).not.toBe(seedContacts.withTier);
    expect((await on.leat.contacts.findOrCreate({ email: email.toUpperCase() })).uuid).toBe(created.uuid);
    expect((await on.leat.contacts.find({ email })).uuid).toBe(created.uuid);

    const updated = await on.leat.contacts.update(created.uuid, { attributes: { firstname: "Gary", lastname: "Snail" } });
    expect(updated.current_values).toMatchObject({ firstname: "Gary", lastname: "Snail" });
    expect((await on.leat.contacts.get(created.uuid)).current_values).toMatchObject({ firstname: "Gary" });

    await expect(on.leat.contacts.getCreditBalance(created.uuid)).resolves.toEqual({ balance: 0 });
    await expect(on.leat.contacts.getPrepaidBalance(created.uuid)).resolves.toMatchObject({ balance_in_cents: 0 });
    await expect(on.leat.contacts.getTier(created.uuid)).resolves.toBeNull();
    // The seeded contact keeps its own balances and tier: they belong to each contact.
    const seeded = await on.leat.contacts.get(seedContacts.withTier);
    await expect(on.leat.contacts.getCreditBalance(seedContacts.withTier)).resolves.toEqual({ balance: seeded.credit_balance!.balance });
    expect(seeded.tier).toEqual(await on.leat.contacts.getTier(seedContacts.withTier));

    expect(await refusal(on.leat.contacts.create({ email }))).toBe(LeatErrorCode.ContactAlreadyExists);
    const other = await on.leat.contacts.createAsync({ email: "larry@bikinibottom.sea" });
    expect((await on.leat.contacts.get(other.uuid)).email).toBe("larry@bikinibottom.sea");

    await expect(on.leat.contacts.delete(created.uuid, { type: "DEFAULT" })).resolves.toBeNull();
    for (const call of [on.leat.contacts.get(created.uuid), on.leat.contacts.getTier(created.uuid), on.leat.contacts.find({ email })]) {
      expect(await refusal(call)).toBe(LeatErrorCode.ContactNotFound);
    }
    expect(await refusal(on.leat.contacts.get("00000000-0000-4000-8000-000000000000"))).toBe(LeatErrorCode.ContactNotFound);
  });

  it("claims an anonymous contact once", async () => {
    const { uuid } = await on.leat.contacts.createAnonymous();
    expect((await on.leat.contacts.get(uuid)).current_values).toMatchObject({ is_anonymous: true });
    const claimed = await on.leat.contacts.claim(uuid, { email: "plankton@bikinibottom.sea" });
    expect(claimed).toMatchObject({ uuid, email: "plankton@bikinibottom.sea", current_values: { is_anonymous: false } });
    expect((await on.leat.contacts.find({ email: "plankton@bikinibottom.sea" })).uuid).toBe(uuid);
    expect(await refusal(on.leat.contacts.claim(uuid, { email: "plankton@bikinibottom.sea" }))).toBe(LeatErrorCode.ContactNotAnonymous);
  });

  it("walks a found-or-created contact through an update, its identifiers and its subscriptions", async () => {
    const contact = await on.leat.contacts.findOrCreate({ email: "karen@bikinibottom.sea" });
    await on.leat.contacts.update(contact.uuid, { attributes: { firstname: "Karen" } });
    expect((await on.leat.contacts.get(contact.uuid)).current_values).toMatchObject({ firstname: "Karen" });

    // Identifiers: created unlinked, refused twice, linked, found, listed, unlinked, blocked, deleted.
    const value = "PLANKTON-0001";
    await expect(on.leat.contactIdentifiers.create({ contact_identifier_value: value })).resolves.toEqual({ name: value, value, active: true, contact: null });
    expect(await refusal(on.leat.contactIdentifiers.create({ contact_identifier_value: value }))).toBe(LeatErrorCode.ContactIdentifierAlreadyExists);
    expect(await refusal(on.leat.contactIdentifiers.find({ contact_identifier_value: "NO-SUCH-CARD" }))).toBe(LeatErrorCode.ContactIdentifierNotFound);
    expect(await refusal(on.leat.contactIdentifiers.link({ contact_identifier_value: value, contact_uuid: "00000000-0000-4000-8000-000000000000" }))).toBe(
      LeatErrorCode.ContactNotFound,
    );
    const linked = await on.leat.contactIdentifiers.link({ contact_identifier_value: value, contact_uuid: contact.uuid });
    expect(linked.contact).toEqual({ uuid: contact.uuid, email: "karen@bikinibottom.sea" });
    expect((await on.leat.contactIdentifiers.find({ contact_identifier_value: value })).contact).toMatchObject({ uuid: contact.uuid });
    expect(await on.leat.contacts.listIdentifiers(contact.uuid)).toEqual([{ ...linked, default: true }]);
    expect(await refusal(on.leat.contactIdentifiers.link({ contact_identifier_value: value, contact_uuid: seedContacts.withTier }))).toBe(
      LeatErrorCode.ContactIdentifierAlreadyLinked,
    );
    expect((await on.leat.contactIdentifiers.unlink({ contact_identifier_value: value })).contact).toBeNull();
    expect((await on.leat.contactIdentifiers.find({ contact_identifier_value: value })).contact).toBeNull();
    await expect(on.leat.contacts.listIdentifiers(contact.uuid)).resolves.toEqual([]);
    const blocked = await on.leat.contactIdentifiers.update({ contact_identifier_value: value, contact_identifier_name: "Lost", contact_identifier_active: false });
    expect(blocked).toMatchObject({ name: "Lost", active: false });
    expect(await refusal(on.leat.contactIdentifiers.find({ contact_identifier_value: value }))).toBe(LeatErrorCode.ContactIdentifierInactive);
    await on.leat.contactIdentifiers.delete({ contact_identifier_value: value });
    expect(await refusal(on.leat.contactIdentifiers.find({ contact_identifier_value: value }))).toBe(LeatErrorCode.ContactIdentifierNotFound);

    // Subscriptions: every type from the list, UNSUBSCRIBED until the contact subscribes.
    const types = await on.leat.subscriptionTypes.list();
    const optIn = types.find((t) => t.strategy === "OPT_IN" && t.uuid)!;
    const doubleOptIn = types.find((t) => t.strategy === "DOUBLE_OPT_IN" && t.uuid)!;
    const statusOf = async (uuid: string | null | undefined) =>
      (await on.leat.contactSubscriptions.list(contact.uuid)).find((s) => s.subscription_type?.uuid === uuid)?.status;
    expect((await on.leat.contactSubscriptions.list(contact.uuid)).map((s) => s.status)).toEqual(types.map(() => "UNSUBSCRIBED"));
    await expect(on.leat.contactSubscriptions.subscribe(contact.uuid, { subscription_type_uuid: optIn.uuid! })).resolves.toMatchObject({ is_subscribed: true, status: "SUBSCRIBED" });
    expect(await statusOf(optIn.uuid)).toBe("SUBSCRIBED");
    await expect(on.leat.contactSubscriptions.subscribe(contact.uuid, { subscription_type_uuid: doubleOptIn.uuid! })).resolves.toMatchObject({
      is_subscribed: false,
      status: "PENDING_CONFIRMATION",
    });
    expect(await statusOf(doubleOptIn.uuid)).toBe("PENDING_CONFIRMATION");
    await on.leat.contactSubscriptions.unsubscribe(contact.uuid, { subscription_type_uuid: optIn.uuid! });
    expect(await statusOf(optIn.uuid)).toBe("UNSUBSCRIBED");
    expect(await refusal(on.leat.contactSubscriptions.subscribe(contact.uuid, { subscription_type_uuid: "00000000-0000-4000-8000-000000000000" }))).toBe(
      LeatErrorCode.SubscriptionTypeNotFound,
    );
    // Another contact's statuses are its own.
    expect((await on.leat.contactSubscriptions.list(seedContacts.withoutTier)).every((s) => s.status === "UNSUBSCRIBED")).toBe(true);
    expect(await refusal(on.leat.contactSubscriptions.list("00000000-0000-4000-8000-000000000000"))).toBe(LeatErrorCode.ContactNotFound);
  });
  it("lists every contact page by page, imports a batch, merges one contact into another, and shows a new contact attribute", async () => {
    await on.mock.reset();
    // The seeded contacts, in id order (they share a creation date).
    const seeded: string[] = Object.values(seedContacts);
    const first = await on.leat.contacts.list({ limit: 3 }).page();
    expect(first.meta).toMatchObject({ page: 1, limit: 3, viewing_from: 1, viewing_to: 3, last_page: Math.ceil(seeded.length / 3), total: seeded.length });
    expect(first.hasNextPage()).toBe(true);
    expect((await first.getNextPage()).data.map((c) => c.uuid)).toEqual(seeded.slice(3, 6));
    const listed: string[] = [];
    for await (const contact of on.leat.contacts.list({ limit: 2 })) listed.push(contact.uuid);
    expect(listed).toEqual(seeded);

    await expect(on.leat.contacts.createBatch({ contacts: [{ email: "puff@bikinibottom.sea", custom_attributes: [{ name: "firstname", value: "Puff" }] }] })).resolves.toBeNull();
    const puff = await on.leat.contacts.find({ email: "puff@bikinibottom.sea" });
    expect(puff.current_values).toMatchObject({ firstname: "Puff" });
    expect((await on.leat.contacts.list({ sort: "-created_at", limit: 1 }))[0]?.uuid).toBe(puff.uuid);

    const { balance } = await on.leat.contacts.getCreditBalance(seedContacts.withTier);
    await on.leat.contacts.merge({ source_contact_uuid: seedContacts.withTier, destination_contact_uuid: puff.uuid });
    await expect(on.leat.contacts.getCreditBalance(puff.uuid)).resolves.toEqual({ balance });
    expect(await refusal(on.leat.contacts.get(seedContacts.withTier))).toBe(LeatErrorCode.ContactNotFound);
    expect(await refusal(on.leat.contacts.merge({ source_contact_uuid: seedContacts.withTier, destination_contact_uuid: puff.uuid }))).toBe(LeatErrorCode.ContactNotFound);
    expect((await on.leat.contacts.list()).map((c) => c.uuid)).toEqual([...seeded.filter((uuid) => uuid !== seedContacts.withTier), puff.uuid]);

    await on.leat.customAttributes.create({ entity: "contact", name: "favorite_color", label: "Favorite color", type: "text" });
    expect((await on.leat.contactAttributes.list()).map((a) => a.name)).toContain("favorite_color");
    expect((await on.leat.contacts.get(puff.uuid)).current_values).toMatchObject({ favorite_color: null });
  });
});
