// Contacts: created (plain, async, anonymous), found by email, found-or-created, read, updated,
// deleted and claimed, with their credit and prepaid balances. Which contacts exist, and the
// tier each holds, is the contact-tiers module's state (reached through the store), so a
// contact created here has a tier answer and a deleted one has none; this module keeps only
// what else a contact carries.
import { randomUUID } from "node:crypto";
import type { Answer, Change, EmittedEvent } from "../answer.js";
import { defineModule, type ModuleContext, type PeerState } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { secondsTimestamp } from "../timestamp.js";
import { mergeContact, undoAll } from "./contact-merge.js";
import { contactSubscriptions, subscriptionsOf } from "./contact-subscriptions.js";
import { contactTiers, seedContacts, type StoredContact } from "./contact-tiers.js";
import { customAttributes, ownAttributeNames } from "./custom-attributes.js";

export interface ContactProfile {
  uuid: string;
  id: number;
  /** null for an anonymous contact until it is claimed. */
  email: string | null;
  is_anonymous: boolean;
  /** Attribute values by name, as `updateContact` sets them. */
  attributes: JsonObject;
  credit_balance: number;
  prepaid_balance_in_cents: number;
  /** ISO 8601; the list sorts and filters on it. A seeded profile without one counts as older than every other. */
  created_at?: string;
}

export interface ContactState {
  profiles: Map<string, ContactProfile>;
  /** The next contact `id`; here rather than in the handlers so the ledger's lazily made profiles share it. */
  nextId: number;
}

export const key = (uuid: string) => uuid.toLowerCase();
const sameEmail = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();
// Leat's example answers format prepaid balances in euros with two decimals.
export const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;
// The attributes the spec's example contact carries that are the contact's own, not derived.
const OWN_ATTRIBUTES = ["firstname", "lastname", "city", "postalcode", "housenumber", "address", "phonenumber", "birthdate", "locale"];

/**
 * A contact's profile, undefined when the tiers module does not hold the contact; one seeded
 * there alone gets an empty profile here. Other modules (the ledger, prepaid transactions)
 * read and move balances through it.
 */
export function contactProfile(tiers: { contacts: Map<string, StoredContact> }, state: ContactState, uuid: string): ContactProfile | undefined {
  if (!tiers.contacts.has(key(uuid))) return undefined;
  let profile = state.profiles.get(key(uuid));
  if (!profile) {
    profile = { uuid, id: state.nextId++, email: null, is_anonymous: false, attributes: {}, credit_balance: 0, prepaid_balance_in_cents: 0 };
    state.profiles.set(key(uuid), profile);
  }
  return profile;
}

/** The contact holding an email (compared case-insensitively). */
export function contactByEmail(peer: PeerState, email: string): ContactProfile | undefined {
  for (const uuid of peer(contactTiers).contacts.keys()) {
    const profile = contactProfile(peer(contactTiers), peer(contacts), uuid);
    if (profile && sameEmail(profile.email, email)) return profile;
  }
  return undefined;
}

/** The contact of the prepaid transactions list example: its email, and its balance after the last transaction listed. */
function prepaidExampleContact(ctx: ModuleContext): { uuid: string; email: string; prepaid_balance_in_cents: number } {
  const history = ctx.successExamples("listPrepaidTransactions")[0]?.data;
  const last = Array.isArray(history) ? history.filter(isObject).at(-1) : undefined;
  const contact = last?.contact;
  const balance = isObject(last?.prepaid_balance) ? last.prepaid_balance.balance_in_cents : undefined;
  if (!isObject(contact) || contact.uuid !== seedContacts.prepaid || typeof contact.email !== "string" || typeof balance !== "number") {
    throw new Error(`The spec's listPrepaidTransactions example no longer ends with a transaction of the seeded contact ${seedContacts.prepaid}`);
  }
  return { uuid: seedContacts.prepaid, email: contact.email, prepaid_balance_in_cents: balance };
}

/** The loyalty member's balance in the spec's loyalty transactions example (0 when it shows none). */
function loyaltyExampleBalance(ctx: ModuleContext): number {
  const list = ctx.successExamples("listLoyaltyTransactions")[0]?.data;
  const item = Array.isArray(list) ? list.find((i) => isObject(i) && isObject(i.contact) && i.contact.uuid === seedContacts.loyaltyMember) : undefined;
  const contact = isObject(item) && isObject(item.contact) ? item.contact : {};
  return isObject(contact.credit_balance) && typeof contact.credit_balance.balance === "number" ? contact.credit_balance.balance : 0;
}

/** A contact as the API answers it (the `Contact` schema), from the state of every module that holds a part of it. */
export function contactView(peer: PeerState, profile: ContactProfile): JsonObject {
  const tiers = peer(contactTiers);
  const stored = tiers.contacts.get(key(profile.uuid));
  const tier = (stored?.tier_uuid && tiers.tiersByUuid.get(key(stored.tier_uuid))) || null;
  // The account's own contact attributes are listed even when unset (null), as Leat's examples show them.
  const unset = Object.fromEntries(ownAttributeNames(peer(customAttributes), "contact").map((name) => [name, null]));
  return {
    id: profile.id,
    uuid: profile.uuid,
    email: profile.email,
    tier,
    subscriptions: subscriptionsOf(peer(contactSubscriptions), profile.uuid),
    credit_balance: { balance: profile.credit_balance },
    prepaid_balance: { balance_in_cents: profile.prepaid_balance_in_cents },
    // The spec types `current_values.email` as a string: an anonymous contact's is left out.
    current_values: {
      ...unset,
      ...profile.attributes,
      uuid: profile.uuid,
      ...(profile.email === null ? {} : { email: profile.email }),
      is_anonymous: profile.is_anonymous,
      ...(profile.created_at === undefined ? {} : { created_at: profile.created_at }),
    },
  };
}

/** Creates a contact (anonymous when `email` is null) in the tiers module's list and this module's profiles. */
export function addContact(peer: PeerState, email: string | null): { profile: ContactProfile; undo: () => void } {
  const tiers = peer(contactTiers);
  const state = peer(contacts);
  const uuid = randomUUID();
  const stored: StoredContact = { uuid, tier_uuid: null };
  const profile: ContactProfile = { uuid, id: state.nextId++, email, is_anonymous: email === null, attributes: {}, credit_balance: 0, prepaid_balance_in_cents: 0, created_at: secondsTimestamp() };
  tiers.contacts.set(key(uuid), stored);
  state.profiles.set(key(uuid), profile);
  const undo = () => {
    tiers.contacts.delete(key(uuid));
    state.profiles.delete(key(uuid));
  };
  return { profile, undo };
}

export const contacts = defineModule<ContactState>({
  name: "contacts",
  operations: [
    "createContact",
    "createContactAsync",
    "createAnonymousContact",
    "findContact",
    "findOrCreateContact",
    "findOrCreateContactAsync",
    "getContact",
    "updateContact",
    "deleteContact",
    "claimAnonymousContact",
    "getContactCreditBalance",
    "getContactPrepaidBalance",
  ],
  errors: ["ContactNotFound", "ContactAlreadyExists", "ContactNotAnonymous"],
  stateSchema: {
    contactProfiles: {
      type: "array",
      items: {
        type: "object",
        required: ["uuid", "id", "email", "is_anonymous", "attributes", "credit_balance", "prepaid_balance_in_cents"],
        additionalProperties: false,
        properties: {
          uuid: { type: "string", format: "uuid" },
          id: { type: "integer", minimum: 1 },
          email: { type: ["string", "null"] },
          is_anonymous: { type: "boolean" },
          attributes: { type: "object" },
          credit_balance: { type: "integer" },
          prepaid_balance_in_cents: { type: "integer" },
          created_at: { type: "string" },
        },
      },
    },
  },

  defaults(ctx: ModuleContext) {
    const example = ctx.successExamples("getContact")[0]?.data;
    if (!isObject(example) || typeof example.email !== "string") throw new Error("The spec lacks the getContact example the default contacts are built from");
    const values = isObject(example.current_values) ? example.current_values : {};
    const credit = isObject(example.credit_balance) && typeof example.credit_balance.balance === "number" ? example.credit_balance.balance : 0;
    const prepaid = isObject(example.prepaid_balance) && typeof example.prepaid_balance.balance_in_cents === "number" ? example.prepaid_balance.balance_in_cents : 0;
    const id = typeof example.id === "number" ? example.id : 1;
    // The example's creation date for every seeded contact: no example dates the others.
    const created = typeof values.created_at === "string" ? { created_at: values.created_at } : {};
    const profiles: ContactProfile[] = [
      {
        uuid: seedContacts.withTier,
        id,
        email: example.email,
        is_anonymous: false,
        attributes: Object.fromEntries(OWN_ATTRIBUTES.filter((n) => values[n] !== undefined).map((n) => [n, values[n]!])),
        credit_balance: credit,
        prepaid_balance_in_cents: prepaid,
        ...created,
      },
      // No example shows this contact: its email is made up (not one a request example creates), its balances are empty.
      { uuid: seedContacts.withoutTier, id: id + 1, email: "squidward@bikinibottom.sea", is_anonymous: false, attributes: {}, credit_balance: 0, prepaid_balance_in_cents: 0, ...created },
      { uuid: seedContacts.anonymous, id: id + 2, email: null, is_anonymous: true, attributes: {}, credit_balance: 0, prepaid_balance_in_cents: 0, ...created },
      // The loyalty examples show this contact with the getContact example's email, which the
      // withTier contact holds; emails are unique, so its email is made up. Its balance is the
      // one the loyalty transactions example shows (after the example's receptions, which the
      // ledger's default state holds).
      {
        uuid: seedContacts.loyaltyMember,
        id: id + 3,
        email: "pearl@bikinibottom.sea",
        is_anonymous: false,
        attributes: {},
        credit_balance: loyaltyExampleBalance(ctx),
        prepaid_balance_in_cents: 0,
        ...created,
      },
    ];
    // After the others, whichever they are: ids are unique.
    profiles.push({ ...prepaidExampleContact(ctx), id: Math.max(...profiles.map((p) => p.id)) + 1, is_anonymous: false, attributes: {}, credit_balance: 0, ...created });
    return { contactProfiles: profiles as unknown as Json };
  },

  load(_ctx, part) {
    const profiles = new Map<string, ContactProfile>();
    const emails = new Set<string>();
    (part.contactProfiles as unknown as ContactProfile[]).forEach((profile, index) => {
      if (profiles.has(key(profile.uuid))) throw new Error(`contactProfiles[${index}].uuid repeats ${profile.uuid}`);
      if (profile.email !== null) {
        if (emails.has(profile.email.toLowerCase())) throw new Error(`contactProfiles[${index}].email repeats ${profile.email}`);
        emails.add(profile.email.toLowerCase());
      }
      profiles.set(key(profile.uuid), profile);
    });
    return { profiles, nextId: Math.max(0, ...[...profiles.values()].map((p) => p.id)) + 1 };
  },

  dump: (state) => ({ contactProfiles: [...state.profiles.values()] as unknown as Json }),

  handlers(ctx, state, peer) {
    const tiers = peer(contactTiers);
    const profileOf = (uuid: string) => contactProfile(tiers, state, uuid);
    const byEmail = (email: string) => contactByEmail(peer, email);
    const view = (profile: ContactProfile) => contactView(peer, profile);
    const create = (email: string | null) => addContact(peer, email);
    // The webhook payloads (the spec's `contact_created` and `contact_updated`): the contact by uuid and email, with its attributes on an update.
    const created = (profile: ContactProfile): EmittedEvent[] => [{ event: "contact_created", data: { contact: { uuid: profile.uuid, email: profile.email } } }];
    const updated = (profile: ContactProfile, attributes: string[]): EmittedEvent[] =>
      attributes.length === 0 ? [] : [{ event: "contact_updated", data: { contact: { ...profile.attributes, uuid: profile.uuid, email: profile.email } }, attributes }];
    const createByEmail = (operationId: string) => ({ body }: { body: JsonObject | undefined }): Answer | Change => {
      const email = String(body!.email);
      if (byEmail(email)) return ctx.error("ContactAlreadyExists");
      const { profile, undo } = create(email);
      return { ...ctx.success(operationId, { uuid: profile.uuid }), undo, events: created(profile) };
    };
    const findOrCreate = (operationId: string) => ({ query }: { query: JsonObject }): Answer | Change => {
      const email = String(query.email);
      const found = byEmail(email);
      if (found) return ctx.success(operationId, view(found));
      const { profile, undo } = create(email);
      return { ...ctx.success(operationId, view(profile)), undo, events: created(profile) };
    };
    function claimInto(anonymous: ContactProfile, holder: ContactProfile): Change {
      const undo = undoAll(mergeContact(peer, anonymous, holder));
      // A merge changes more than attributes (balances, identifiers), so no attribute list: every subscription hears of it.
      const events = [{ event: "contact_updated", data: { contact: { ...holder.attributes, uuid: holder.uuid, email: holder.email } } }];
      return { ...ctx.success("claimAnonymousContact", view(holder)), undo, events };
    }
    const withContact = (uuid: string | undefined, answer: (profile: ContactProfile) => Answer | Change): Answer | Change => {
      const profile = uuid === undefined ? undefined : profileOf(uuid);
      return profile ? answer(profile) : ctx.error("ContactNotFound");
    };

    return {
      createContact: createByEmail("createContact"),
      createContactAsync: createByEmail("createContactAsync"),
      // Linking `contact_identifier_value` is the identifiers' business; this module ignores it.
      createAnonymousContact: (): Change => {
        const { profile, undo } = create(null);
        return { ...ctx.success("createAnonymousContact", { uuid: profile.uuid }), undo, events: created(profile) };
      },
      findContact: ({ query }) => {
        const found = byEmail(String(query.email));
        return found ? ctx.success("findContact", view(found)) : ctx.error("ContactNotFound");
      },
      findOrCreateContact: findOrCreate("findOrCreateContact"),
      findOrCreateContactAsync: findOrCreate("findOrCreateContactAsync"),
      getContact: ({ params }) => withContact(params.contact_uuid, (p) => ctx.success("getContact", view(p))),
      updateContact: ({ params, body }) =>
        withContact(params.contact_uuid, (profile): Change => {
          const before = profile.attributes;
          const given = body!.attributes as JsonObject;
          // contact_updated names the attributes whose value changed; an update that changes nothing sends no event.
          const changed = Object.keys(given).filter((name) => JSON.stringify(before[name]) !== JSON.stringify(given[name]));
          profile.attributes = { ...before, ...given };
          return { ...ctx.success("updateContact", view(profile)), undo: () => void (profile.attributes = before), events: updated(profile, changed) };
        }),
      deleteContact: ({ params }) =>
        withContact(params.contact_uuid, (profile): Change => {
          const stored = tiers.contacts.get(key(profile.uuid))!;
          tiers.contacts.delete(key(profile.uuid));
          state.profiles.delete(key(profile.uuid));
          return {
            ...ctx.success("deleteContact", null),
            undo: () => {
              tiers.contacts.set(key(profile.uuid), stored);
              state.profiles.set(key(profile.uuid), profile);
            },
          };
        }),
      claimAnonymousContact: ({ params, body }) =>
        withContact(params.anonymous_contact_uuid, (profile): Answer | Change => {
          if (!profile.is_anonymous) return ctx.error("ContactNotAnonymous");
          // An email another contact holds: Leat merges the anonymous contact into that one, which remains.
          const holder = byEmail(String(body!.email));
          if (holder) return claimInto(profile, holder);
          profile.email = String(body!.email);
          profile.is_anonymous = false;
          const undo = () => {
            profile.email = null;
            profile.is_anonymous = true;
          };
          return { ...ctx.success("claimAnonymousContact", view(profile)), undo, events: updated(profile, ["email"]) };
        }),
      getContactCreditBalance: ({ params }) =>
        withContact(params.contact_uuid, (p) => ctx.success("getContactCreditBalance", { balance: p.credit_balance })),
      getContactPrepaidBalance: ({ params }) =>
        withContact(params.contact_uuid, (p) =>
          ctx.success("getContactPrepaidBalance", { balance_in_cents: p.prepaid_balance_in_cents, balance: euros(p.prepaid_balance_in_cents) }),
        ),
    };
  },
});
