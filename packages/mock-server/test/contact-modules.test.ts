// The contacts, identifiers and subscriptions modules on their own, without HTTP: each loaded
// from the spec's defaults, its peers reached the way the store gives them.
import { describe, expect, it } from "vitest";
import type { Answer, Change, Serialized } from "../src/answer.js";
import { buildModel } from "../src/model.js";
import { createContext, type AnyModule, type MockModule } from "../src/module.js";
import { contactIdentifiers } from "../src/modules/contact-identifiers.js";
import { contactSubscriptions } from "../src/modules/contact-subscriptions.js";
import { contactTiers, seedContacts } from "../src/modules/contact-tiers.js";
import { contacts } from "../src/modules/contacts.js";
import { customAttributes } from "../src/modules/custom-attributes.js";
import { loadSpec } from "./helpers.js";

const ctx = createContext(buildModel(loadSpec()));
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

/** Every module loaded from its defaults, and each one's handlers over those states. */
function load() {
  const all: AnyModule[] = [contactTiers, contacts, contactIdentifiers, contactSubscriptions, customAttributes];
  const states = new Map<AnyModule, unknown>(all.map((m) => [m, m.load(ctx, structuredClone(m.defaults(ctx)))]));
  const peer = <S>(m: MockModule<S>) => states.get(m) as S;
  const handlers = Object.assign({}, ...all.map((m) => m.handlers(ctx, states.get(m), peer)));
  return (id: string, call: { params?: Record<string, string>; query?: object; body?: object }) =>
    handlers[id]({ request: undefined as never, params: call.params ?? {}, query: call.query ?? {}, body: call.body }) as Answer | Change;
}
const body = (answer: Answer) => JSON.parse((answer.body as Serialized).text ?? "null");
const data = (answer: Answer) => body(answer).data;
const code = (answer: Answer) => (answer.body as { code?: number }).code;

describe("contacts module", () => {
  it("creates, finds, refuses a taken email, deletes, and undoes", () => {
    const call = load();
    expect(code(call("findContact", { query: { email: "gary@bikinibottom.sea" } }))).toBe(55031);
    const created = call("createContact", { body: { email: "gary@bikinibottom.sea" } }) as Change;
    const uuid = data(created).uuid;
    expect(data(call("findContact", { query: { email: "GARY@bikinibottom.sea" } }))).toMatchObject({ uuid, tier: null, credit_balance: { balance: 0 } });
    expect(data(call("getContactTier", { params: { contact_uuid: uuid } })).name).toBeNull();
    expect(code(call("createContactAsync", { body: { email: "gary@bikinibottom.sea" } }))).toBe(60005);
    expect(data(call("findOrCreateContact", { query: { email: "gary@bikinibottom.sea" } })).uuid).toBe(uuid);
    call("deleteContact", { params: { contact_uuid: uuid }, body: { type: "GDPR" } });
    expect(code(call("getContact", { params: { contact_uuid: uuid } }))).toBe(55031);
    expect(code(call("getContactTier", { params: { contact_uuid: uuid } }))).toBe(55031);
    const again = call("createContact", { body: { email: "gary@bikinibottom.sea" } }) as Change;
    again.undo();
    expect(code(call("findContact", { query: { email: "gary@bikinibottom.sea" } }))).toBe(55031);
  });

  it("seeds the spec's example contact with its balances and tier, and an anonymous one to claim", () => {
    const call = load();
    const example = ctx.successExamples("getContact")[0]!.data as { email: string; credit_balance: { balance: number }; tier: object };
    const seeded = data(call("findContact", { query: { email: example.email } }));
    expect(seeded).toMatchObject({ uuid: seedContacts.withTier, credit_balance: example.credit_balance, tier: example.tier });
    expect(code(call("claimAnonymousContact", { params: { anonymous_contact_uuid: seedContacts.withTier }, body: { email: "x@y.z" } }))).toBe(60016);
    const claimed = data(call("claimAnonymousContact", { params: { anonymous_contact_uuid: seedContacts.anonymous }, body: { email: "patrick@bikinibottom.sea" } }));
    expect(claimed).toMatchObject({ uuid: seedContacts.anonymous, email: "patrick@bikinibottom.sea", current_values: { is_anonymous: false } });
    expect(data(call("getContactPrepaidBalance", { params: { contact_uuid: seedContacts.anonymous } }))).toEqual({ balance_in_cents: 0, balance: "€0.00" });
  });

  it("refuses a repeated email in its state", () => {
    const part = contacts.defaults(ctx) as { contactProfiles: { email: string | null }[] };
    part.contactProfiles[1]!.email = part.contactProfiles[0]!.email;
    expect(() => contacts.load(ctx, part)).toThrow(`contactProfiles[1].email repeats ${part.contactProfiles[0]!.email}`);
  });
});

describe("contact identifiers module", () => {
  it("creates, links, refuses, unlinks, blocks and deletes", () => {
    const call = load();
    const value = "CARD-1";
    expect(code(call("createContactIdentifier", { body: { contact_identifier_value: value, contact_uuid: UNKNOWN } }))).toBe(55031);
    expect(data(call("createContactIdentifier", { body: { contact_identifier_value: value } }))).toEqual({ name: value, value, active: true, contact: null });
    expect(code(call("createContactIdentifier", { body: { contact_identifier_value: value } }))).toBe(60006);
    expect(data(call("linkContactIdentifier", { body: { contact_identifier_value: value, contact_uuid: seedContacts.withoutTier } })).contact.uuid).toBe(seedContacts.withoutTier);
    expect(code(call("linkContactIdentifier", { body: { contact_identifier_value: value, contact_uuid: seedContacts.withTier } }))).toBe(60014);
    expect(data(call("listContactIdentifiersOfContact", { params: { contact_uuid: seedContacts.withoutTier } }))).toMatchObject([{ value, default: true }]);
    expect(data(call("unlinkContactIdentifier", { body: { contact_identifier_value: value } })).contact).toBeNull();
    call("updateContactIdentifier", { body: { contact_identifier_value: value, contact_identifier_active: "0" } });
    expect(code(call("findContactIdentifier", { query: { contact_identifier_value: value } }))).toBe(60004);
    expect(code(call("linkContactIdentifier", { body: { contact_identifier_value: value, contact_uuid: seedContacts.withTier } }))).toBe(60004);
    call("deleteContactIdentifier", { query: { contact_identifier_value: value } });
    expect(code(call("findContactIdentifier", { query: { contact_identifier_value: value } }))).toBe(60003);
  });

  it("answers an identifier of a deleted contact as unlinked", () => {
    const call = load();
    const [first] = data(call("listContactIdentifiersOfContact", { params: { contact_uuid: seedContacts.withTier } }));
    call("deleteContact", { params: { contact_uuid: seedContacts.withTier }, body: { type: "DEFAULT" } });
    expect(data(call("findContactIdentifier", { query: { contact_identifier_value: first.value } })).contact).toBeNull();
  });
});

describe("subscriptions module", () => {
  it("subscribes, pends a double opt-in, unsubscribes, and refuses an unknown type or contact", () => {
    const call = load();
    const types = data(call("listSubscriptionTypes", {}));
    expect(types).toEqual(ctx.successExamples("listSubscriptionTypes")[0]!.data);
    const double = types.find((t: { strategy: string; uuid: string | null }) => t.strategy === "DOUBLE_OPT_IN" && t.uuid);
    const params = { contact_uuid: seedContacts.withoutTier };
    expect(data(call("subscribeContact", { params, body: { subscription_type_uuid: double.uuid } }))).toMatchObject({ is_subscribed: false, status: "PENDING_CONFIRMATION" });
    const listed = data(call("listContactSubscriptions", { params }));
    expect(listed.filter((s: { status: string }) => s.status !== "UNSUBSCRIBED")).toMatchObject([{ subscription_type: { uuid: double.uuid } }]);
    expect(data(call("listContactSubscriptions", { params: { contact_uuid: seedContacts.withTier } })).every((s: { status: string }) => s.status === "UNSUBSCRIBED")).toBe(true);
    call("unsubscribeContact", { params, body: { subscription_type_uuid: double.uuid } });
    expect(data(call("listContactSubscriptions", { params })).every((s: { status: string }) => s.status === "UNSUBSCRIBED")).toBe(true);
    expect(code(call("subscribeContact", { params, body: { subscription_type_uuid: UNKNOWN } }))).toBe(55030);
    expect(code(call("subscribeContact", { params: { contact_uuid: UNKNOWN }, body: { subscription_type_uuid: double.uuid } }))).toBe(55031);
  });
});

describe("webhook events on contact changes", () => {
  const events = (answer: Answer | Change) => ("events" in answer ? answer.events : undefined);

  it("contact_created for every create, and for find-or-create only when it creates", () => {
    const call = load();
    for (const [id, input] of [
      ["createContact", { body: { email: "a@bikinibottom.sea" } }],
      ["createContactAsync", { body: { email: "b@bikinibottom.sea" } }],
      ["findOrCreateContact", { query: { email: "c@bikinibottom.sea" } }],
      ["findOrCreateContactAsync", { query: { email: "d@bikinibottom.sea" } }],
    ] as const) {
      const answer = call(id, input);
      const email = "body" in input ? input.body.email : input.query.email;
      expect(events(answer)).toEqual([{ event: "contact_created", data: { contact: { uuid: data(answer).uuid, email } } }]);
    }
    expect(events(call("findOrCreateContact", { query: { email: "c@bikinibottom.sea" } }))).toBeUndefined();
    const anonymous = call("createAnonymousContact", { body: {} });
    expect(events(anonymous)).toEqual([{ event: "contact_created", data: { contact: { uuid: data(anonymous).uuid, email: null } } }]);
    expect(events(call("createContact", { body: { email: "a@bikinibottom.sea" } }))).toBeUndefined();
  });

  it("contact_updated names the attributes that changed (none changed, no event), and a claim changes the email", () => {
    const call = load();
    const params = { contact_uuid: seedContacts.withoutTier };
    const first = call("updateContact", { params, body: { attributes: { firstname: "Squidward", lastname: "Tentacles" } } });
    expect(events(first)).toEqual([
      {
        event: "contact_updated",
        data: { contact: { firstname: "Squidward", lastname: "Tentacles", uuid: seedContacts.withoutTier, email: "squidward@bikinibottom.sea" } },
        attributes: ["firstname", "lastname"],
      },
    ]);
    expect(events(call("updateContact", { params, body: { attributes: { firstname: "Squidward", city: "Bikini Bottom" } } }))?.[0]?.attributes).toEqual(["city"]);
    expect(events(call("updateContact", { params, body: { attributes: { firstname: "Squidward" } } }))).toEqual([]);
    const claimed = call("claimAnonymousContact", { params: { anonymous_contact_uuid: seedContacts.anonymous }, body: { email: "patrick@bikinibottom.sea" } });
    expect(events(claimed)).toEqual([
      { event: "contact_updated", data: { contact: { uuid: seedContacts.anonymous, email: "patrick@bikinibottom.sea" } }, attributes: ["email"] },
    ]);
  });

  it("contact_identifier_created carries the identifier as answered", () => {
    const call = load();
    const answer = call("createContactIdentifier", { body: { contact_identifier_value: "CARD-1", contact_uuid: seedContacts.withTier } });
    expect(events(answer)).toEqual([{ event: "contact_identifier_created", data: { contact_identifier: data(answer) } }]);
    expect(events(call("linkContactIdentifier", { body: { contact_identifier_value: "CARD-1", contact_uuid: seedContacts.withTier } }))).toBeUndefined();
  });
});
