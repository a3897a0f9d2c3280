// The contact-directory rules (list, merge, batch import), a claim onto a taken email, and a
// contact's `subscriptions` from the subscriptions state: module-level, without HTTP.
import { describe, expect, it } from "vitest";
import type { Change } from "../src/answer.js";
import { seedContacts } from "../src/modules/contact-tiers.js";
import { code, ctx, data, eventsOf, body as json, loadModules } from "./module-harness.js";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const types = ctx.successExamples("listSubscriptionTypes")[0]!.data as { uuid: string | null; strategy: string }[];
const optIn = types.find((t) => t.strategy === "OPT_IN" && t.uuid)!.uuid!;
const doubleOptIn = types.find((t) => t.strategy === "DOUBLE_OPT_IN" && t.uuid)!.uuid!;
// Every seeded contact shares the getContact example's creation date, so they list in id order.
const seeded = Object.values(seedContacts);
const uuids = (list: { uuid: string }[]) => list.map((c) => c.uuid);

describe("contacts list", () => {
  it("pages the contacts oldest first, with MetaViewing, and sorts newest first on request", () => {
    const call = loadModules();
    const all = json(call("listContacts"));
    const n = seeded.length;
    expect(all.meta).toEqual({ page: 1, limit: 30, viewing_from: 1, viewing_to: n, last_page: 1, total: n });
    expect(uuids(all.data)).toEqual(seeded);
    const gary = data(call("createContact", { body: { email: "gary@bikinibottom.sea" } })).uuid;
    const lastPage = Math.ceil((n + 1) / 2);
    const last = json(call("listContacts", { query: { page: lastPage, limit: 2 } }));
    expect(last.meta).toEqual({ page: lastPage, limit: 2, viewing_from: (lastPage - 1) * 2 + 1, viewing_to: n + 1, last_page: lastPage, total: n + 1 });
    expect(uuids(last.data)).toEqual([...seeded, gary].slice((lastPage - 1) * 2));
    expect(uuids(data(call("listContacts", { query: { page: 2, limit: 2 } })))).toEqual(seeded.slice(2, 4));
    expect(uuids(data(call("listContacts", { query: { sort: "-created_at", limit: 1 } })))).toEqual([gary]);
    expect(json(call("listContacts", { query: { page: 9 } }))).toMatchObject({ data: [], meta: { viewing_from: 0, viewing_to: 0, total: n + 1 } });
    call("deleteContact", { params: { contact_uuid: gary }, body: { type: "DEFAULT" } });
    expect(uuids(data(call("listContacts")))).toEqual(seeded);
  });

  it("filters on the creation date and refuses a date it cannot read", () => {
    const call = loadModules();
    const gary = data(call("createContact", { body: { email: "gary@bikinibottom.sea" } })).uuid;
    const seededAt = data(call("getContact", { params: { contact_uuid: seedContacts.withTier } })).current_values.created_at;
    expect(uuids(data(call("listContacts", { query: { created_at: { gt: "2022-01-01T00:00:00+00:00" } } })))).toEqual([gary]);
    expect(uuids(data(call("listContacts", { query: { created_at: { lte: seededAt } } })))).toEqual(seeded);
    expect(uuids(data(call("listContacts", { query: { created_at: { lt: seededAt } } })))).toEqual([]);
    expect(uuids(data(call("listContacts", { query: { created_at: { gte: seededAt, lt: "2022-01-01" } } })))).toEqual(seeded);
    const refused = call("listContacts", { query: { created_at: { gt: "last tuesday" } } });
    expect(json(refused)).toMatchObject({ code: 1003, errors: { "created_at[gt]": ["The created at[gt] must be a valid date."] } });
  });

  it("shows each contact's subscriptions from the subscriptions state", () => {
    const call = loadModules();
    call("subscribeContact", { params: { contact_uuid: seedContacts.withoutTier }, body: { subscription_type_uuid: optIn } });
    const listed = data(call("listContacts")).find((c: { uuid: string }) => c.uuid === seedContacts.withoutTier);
    const own = data(call("listContactSubscriptions", { params: { contact_uuid: seedContacts.withoutTier } }));
    expect(listed.subscriptions).toEqual(own);
    expect(data(call("getContact", { params: { contact_uuid: seedContacts.withoutTier } })).subscriptions).toEqual(own);
    expect(own.find((s: { subscription_type: { uuid: string } }) => s.subscription_type.uuid === optIn).status).toBe("SUBSCRIBED");
    const created = data(call("findOrCreateContact", { query: { email: "gary@bikinibottom.sea" } }));
    expect(created.subscriptions.map((s: { status: string }) => s.status)).toEqual(types.map(() => "UNSUBSCRIBED"));
  });
});

describe("merging contacts", () => {
  it("moves balances, tier, identifiers, subscriptions and missing attributes to the destination, removes the source, and undoes", () => {
    const call = loadModules();
    const source = seedContacts.withTier;
    const destination = seedContacts.withoutTier;
    const identifiers = data(call("listContactIdentifiersOfContact", { params: { contact_uuid: source } }));
    expect(identifiers.length).toBeGreaterThan(0);
    call("updateContact", { params: { contact_uuid: destination }, body: { attributes: { firstname: "Squidward" } } });
    call("subscribeContact", { params: { contact_uuid: source }, body: { subscription_type_uuid: optIn } });
    // The destination's pending double opt-in outranks the source's explicit unsubscribe.
    call("subscribeContact", { params: { contact_uuid: destination }, body: { subscription_type_uuid: doubleOptIn } });
    call("subscribeContact", { params: { contact_uuid: source }, body: { subscription_type_uuid: doubleOptIn } });
    call("unsubscribeContact", { params: { contact_uuid: source }, body: { subscription_type_uuid: doubleOptIn } });
    const before = data(call("getContact", { params: { contact_uuid: source } }));

    const merged = call("mergeContacts", { body: { source_contact_uuid: source, destination_contact_uuid: destination } }) as Change;
    expect(json(merged)).toEqual(ctx.successExamples("mergeContacts")[0]);
    // The payload the contacts module sends on an update; no attribute list, so every contact_updated subscription hears of it.
    const contactAfter = { firstname: "Squidward", lastname: before.current_values.lastname, uuid: destination, email: "squidward@bikinibottom.sea" };
    expect(eventsOf(merged)).toEqual([{ event: "contact_updated", data: { contact: expect.objectContaining(contactAfter) } }]);

    const kept = data(call("getContact", { params: { contact_uuid: destination } }));
    expect(kept).toMatchObject({
      email: "squidward@bikinibottom.sea",
      tier: before.tier,
      credit_balance: { balance: before.credit_balance.balance },
      prepaid_balance: { balance_in_cents: before.prepaid_balance.balance_in_cents },
      current_values: { firstname: "Squidward", lastname: before.current_values.lastname },
    });
    const statusOf = (uuid: string) => kept.subscriptions.find((s: { subscription_type: { uuid: string } }) => s.subscription_type.uuid === uuid).status;
    expect([statusOf(optIn), statusOf(doubleOptIn)]).toEqual(["SUBSCRIBED", "PENDING_CONFIRMATION"]);
    expect(data(call("listContactIdentifiersOfContact", { params: { contact_uuid: destination } })).map((i: { value: string }) => i.value)).toEqual(
      identifiers.map((i: { value: string }) => i.value),
    );
    for (const [id, params] of [
      ["getContact", { contact_uuid: source }],
      ["getContactTier", { contact_uuid: source }],
      ["listContactSubscriptions", { contact_uuid: source }],
    ] as const) {
      expect(code(call(id, { params })), id).toBe(55031);
    }
    expect(code(call("findContact", { query: { email: before.email } }))).toBe(55031);
    expect(uuids(data(call("listContacts")))).toEqual(seeded.filter((uuid) => uuid !== source));
    expect(code(call("mergeContacts", { body: { source_contact_uuid: source, destination_contact_uuid: destination } }))).toBe(55031);

    merged.undo();
    expect(data(call("getContact", { params: { contact_uuid: source } }))).toEqual(before);
    expect(data(call("getContact", { params: { contact_uuid: destination } }))).toMatchObject({ tier: null, credit_balance: { balance: 0 } });
    expect(uuids(data(call("listContacts")))).toEqual(seeded);
    expect(data(call("listContactIdentifiersOfContact", { params: { contact_uuid: source } }))).toEqual(identifiers);
  });

  it("gives the source's loyalty transactions to the destination, whose balance they add up to", () => {
    const call = loadModules();
    const source = seedContacts.loyaltyMember;
    const destination = seedContacts.withoutTier;
    const entries = data(call("listLoyaltyTransactions", { query: { contact_uuid: source } }));
    expect(entries.length).toBeGreaterThan(0);
    const { balance } = data(call("getContactCreditBalance", { params: { contact_uuid: source } }));
    expect(data(call("listLoyaltyTransactions", { query: { contact_uuid: destination } }))).toEqual([]);
    const merged = call("mergeContacts", { body: { source_contact_uuid: source, destination_contact_uuid: destination } }) as Change;
    const moved = data(call("listLoyaltyTransactions", { query: { contact_uuid: destination } }));
    expect(moved.map((e: { uuid: string }) => e.uuid)).toEqual(entries.map((e: { uuid: string }) => e.uuid));
    expect(data(call("getContactCreditBalance", { params: { contact_uuid: destination } }))).toEqual({ balance });
    merged.undo();
    expect(data(call("listLoyaltyTransactions", { query: { contact_uuid: source } }))).toEqual(entries);
  });

  it("refuses an unknown contact on either side and a contact merged into itself", () => {
    const call = loadModules();
    const known = seedContacts.withTier;
    expect(code(call("mergeContacts", { body: { source_contact_uuid: UNKNOWN, destination_contact_uuid: known } }))).toBe(55031);
    expect(code(call("mergeContacts", { body: { source_contact_uuid: known, destination_contact_uuid: UNKNOWN } }))).toBe(55031);
    const self = call("mergeContacts", { body: { source_contact_uuid: known, destination_contact_uuid: known.toUpperCase() } });
    expect(json(self)).toMatchObject({ code: 1003, errors: { destination_contact_uuid: [expect.any(String)] } });
  });

  it("merges an anonymous contact claimed with a taken email into the contact that holds it", () => {
    const call = loadModules();
    call("createContactIdentifier", { body: { contact_identifier_value: "ANON-CARD", contact_uuid: seedContacts.anonymous } });
    const holder = data(call("getContact", { params: { contact_uuid: seedContacts.withTier } }));
    const claimed = call("claimAnonymousContact", { params: { anonymous_contact_uuid: seedContacts.anonymous }, body: { email: holder.email.toUpperCase() } }) as Change;
    expect(data(claimed)).toMatchObject({ uuid: seedContacts.withTier, email: holder.email });
    expect(eventsOf(claimed)).toEqual([{ event: "contact_updated", data: { contact: expect.objectContaining({ uuid: seedContacts.withTier, email: holder.email }) } }]);
    expect(code(call("getContact", { params: { contact_uuid: seedContacts.anonymous } }))).toBe(55031);
    expect(data(call("findContactIdentifier", { query: { contact_identifier_value: "ANON-CARD" } })).contact.uuid).toBe(seedContacts.withTier);
    expect(data(call("findContact", { query: { email: holder.email } })).uuid).toBe(seedContacts.withTier);
  });
});

describe("batch import", () => {
  it("creates new emails, updates known ones, sets attributes and subscription choices, skips what it cannot apply, and undoes", () => {
    const call = loadModules();
    const known = data(call("getContact", { params: { contact_uuid: seedContacts.withTier } }));
    const imported = call("createContactsBatch", {
      body: {
        contacts: [
          {
            email: "candace@bikinibottom.sea",
            custom_attributes: [
              { name: "firstname", value: "Candace" },
              { name: "lastname", value: "Krabs" },
            ],
            subscription_types: [
              { uuid: optIn, enroll: true },
              { uuid: doubleOptIn, enroll: true },
              { uuid: UNKNOWN, enroll: true },
            ],
          },
          { email: known.email.toUpperCase(), custom_attributes: [{ name: "lastname", value: "Squarepants" }], subscription_types: [{ uuid: optIn, enroll: false }] },
          { custom_attributes: [{ name: "firstname", value: "Nobody" }] },
        ],
      },
    }) as Change;
    expect(json(imported)).toEqual(ctx.successExamples("createContactsBatch")[0]);

    const candace = data(call("findContact", { query: { email: "candace@bikinibottom.sea" } }));
    expect(candace.current_values).toMatchObject({ firstname: "Candace", lastname: "Krabs" });
    const statuses = Object.fromEntries(candace.subscriptions.map((s: { subscription_type: { uuid: string }; status: string }) => [s.subscription_type.uuid, s.status]));
    expect([statuses[optIn], statuses[doubleOptIn]]).toEqual(["SUBSCRIBED", "PENDING_CONFIRMATION"]);
    const updated = data(call("getContact", { params: { contact_uuid: seedContacts.withTier } }));
    expect(updated.current_values).toMatchObject({ firstname: known.current_values.firstname, lastname: "Squarepants" });
    expect(json(call("listContacts")).meta.total).toBe(seeded.length + 1);
    expect(eventsOf(imported)).toEqual([
      { event: "contact_created", data: { contact: { uuid: candace.uuid, email: "candace@bikinibottom.sea" } } },
      { event: "contact_updated", data: { contact: expect.objectContaining({ uuid: seedContacts.withTier, email: known.email, lastname: "Squarepants" }) }, attributes: ["lastname"] },
    ]);

    imported.undo();
    expect(code(call("findContact", { query: { email: "candace@bikinibottom.sea" } }))).toBe(55031);
    expect(data(call("getContact", { params: { contact_uuid: seedContacts.withTier } }))).toEqual(known);
  });
});
