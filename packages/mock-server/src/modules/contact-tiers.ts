// Tiers and the tier each contact holds: the tier list by position, a contact's tier, the
// documented "no tier" answer, and 55031 for a contact the mock does not know.
import type { Answer } from "../answer.js";
import { defineModule } from "../module.js";
import { componentRef } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";

/**
 * The contacts the default state holds. The spec has no contact list, so these UUIDs are
 * fixed here; `withTier` is the spec's own example UUID for `contact_uuid`, so the docs'
 * examples work against the mock as written.
 */
export const seedContacts = {
  withTier: "4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1",
  withoutTier: "0c3b7e52-9d4f-4a61-8e2a-5b9f1d7c6a30",
  /** Anonymous, without a tier: the spec's example `anonymous_contact_uuid`, so its claim example works as written. */
  anonymous: "3a685add-1711-425d-9184-fc6db18e0e1d",
  /**
   * Without a tier: the contact the spec's loyalty examples name (credit receptions, loyalty
   * transactions, rewards, orders, vouchers), so those examples work as written.
   */
  loyaltyMember: "9504d4b2-03c5-41d8-8423-4b1821b6aa00",
} as const;

export interface StoredContact {
  uuid: string;
  /** The uuid of one of the state's tiers, or null for a contact without a tier. */
  tier_uuid: string | null;
}

interface TierState {
  /** Ordered by position (stable: equal positions keep the seed's order). */
  tiers: JsonObject[];
  tiersByUuid: Map<string, JsonObject>;
  contacts: Map<string, StoredContact>;
}

export const contactTiers = defineModule<TierState>({
  name: "tiers and contacts",
  operations: ["listTiers", "getContactTier"],
  errors: ["ContactNotFound"],
  stateSchema: {
    tiers: { type: "array", items: componentRef("Tier") },
    contacts: {
      type: "array",
      items: {
        type: "object",
        required: ["uuid", "tier_uuid"],
        additionalProperties: false,
        properties: { uuid: { type: "string", format: "uuid" }, tier_uuid: { type: ["string", "null"] } },
      },
    },
  },

  defaults(ctx) {
    const tierList = ctx.successExamples("listTiers")[0]?.data;
    const held = ctx
      .successExamples("getContactTier")
      .map((e) => e.data)
      .find((d) => isObject(d) && typeof d.name === "string" && d.name !== "");
    if (!Array.isArray(tierList) || !isObject(held)) throw new Error("The spec lacks the listTiers or getContactTier examples the default state is built from");
    const tiers = tierList.filter(isObject);
    const tier = tiers.find((t) => t.uuid === held.uuid) ?? held;
    if (!tiers.includes(tier)) tiers.push(tier);
    return {
      tiers,
      contacts: [
        { uuid: seedContacts.withTier, tier_uuid: typeof tier.uuid === "string" ? tier.uuid : null },
        { uuid: seedContacts.withoutTier, tier_uuid: null },
        { uuid: seedContacts.anonymous, tier_uuid: null },
        { uuid: seedContacts.loyaltyMember, tier_uuid: null },
      ],
    };
  },

  load(_ctx, part) {
    const tiers = [...(part.tiers as JsonObject[])].sort((a, b) => (a.position as number) - (b.position as number));
    const tiersByUuid = new Map<string, JsonObject>();
    (part.tiers as JsonObject[]).forEach((tier, index) => {
      if (typeof tier.uuid !== "string") return;
      const uuid = tier.uuid.toLowerCase();
      if (tiersByUuid.has(uuid)) throw new Error(`tiers[${index}].uuid repeats ${tier.uuid}`);
      tiersByUuid.set(uuid, tier);
    });
    const contacts = new Map<string, StoredContact>();
    (part.contacts as unknown as StoredContact[]).forEach((contact, index) => {
      const uuid = contact.uuid.toLowerCase();
      if (contacts.has(uuid)) throw new Error(`contacts[${index}].uuid repeats ${contact.uuid}`);
      if (contact.tier_uuid !== null && !tiersByUuid.has(contact.tier_uuid.toLowerCase())) {
        throw new Error(`contacts[${index}].tier_uuid ${contact.tier_uuid} matches no tier's uuid`);
      }
      contacts.set(uuid, contact);
    });
    return { tiers, tiersByUuid, contacts };
  },

  dump: (state) => ({ tiers: state.tiers, contacts: [...state.contacts.values()] as unknown as Json }),

  handlers(ctx, state) {
    // Tiers never change while the mock runs, so their answers are serialized once.
    const tierList = ctx.success("listTiers", state.tiers);
    // The documented "no tier" answer: the success example whose tier has an empty name.
    const noTier = ctx
      .successExamples("getContactTier")
      .map((e) => e.data)
      .find((d) => isObject(d) && (d.name === null || d.name === ""));
    if (noTier === undefined) throw new Error("getContactTier documents no example of a contact without a tier");
    const tierAnswers = new Map<Json, Answer>();
    return {
      listTiers: () => tierList,
      getContactTier: ({ params }) => {
        const contact = state.contacts.get(params.contact_uuid!.toLowerCase());
        if (!contact) return ctx.error("ContactNotFound");
        const data = (contact.tier_uuid !== null && state.tiersByUuid.get(contact.tier_uuid.toLowerCase())) || noTier;
        let answer = tierAnswers.get(data);
        if (!answer) tierAnswers.set(data, (answer = ctx.success("getContactTier", data)));
        return answer;
      },
    };
  },
});
