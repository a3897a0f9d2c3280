// The account-wide contact calls: the paginated list, merging one contact into another, and the
// batch import. They keep no state of their own: every part of a contact stays with the module
// that holds it (existence and tier: contact-tiers; profile: contacts; identifiers;
// subscriptions), and these rules change those parts through the store.
import type { Answer, Change, EmittedEvent } from "../answer.js";
import { defineModule, type PeerState } from "../module.js";
import { isObject, type JsonObject } from "../spec.js";
import { contactIdentifiers } from "./contact-identifiers.js";
import { contactSubscriptions, pair, subscribedStatus, type StoredSubscription } from "./contact-subscriptions.js";
import { contactTiers } from "./contact-tiers.js";
import { addContact, contactByEmail, contactProfile, contactView, contacts, key, type ContactProfile } from "./contacts.js";

const FILTERS = ["gt", "gte", "lt", "lte"] as const;
const PASSES: Record<(typeof FILTERS)[number], (created: number, bound: number) => boolean> = {
  gt: (c, b) => c > b,
  gte: (c, b) => c >= b,
  lt: (c, b) => c < b,
  lte: (c, b) => c <= b,
};
// When two contacts hold a status for one type, the merged contact keeps the stronger one.
const STRENGTH: Record<StoredSubscription["status"], number> = { UNSUBSCRIBED: 0, PENDING_CONFIRMATION: 1, SUBSCRIBED: 2 };

const ref = (profile: ContactProfile): JsonObject => ({ contact: { uuid: profile.uuid, email: profile.email } });
// A profile seeded without a creation date counts as older than every other.
const createdMs = (profile: ContactProfile) => (profile.created_at === undefined ? Number.NEGATIVE_INFINITY : Date.parse(profile.created_at));

/** Runs a change's undo steps, last first. */
function undoAll(steps: (() => void)[]): () => void {
  return () => {
    for (const step of steps.reverse()) step();
  };
}

/** Moves everything `source` has to `destination`, then removes `source`; returns the undo steps. */
function merge(peer: PeerState, source: ContactProfile, destination: ContactProfile): (() => void)[] {
  const tiers = peer(contactTiers);
  const profiles = peer(contacts).profiles;
  const steps: (() => void)[] = [];

  // Balances add up; the destination's own attribute values, email and tier win, the source's fill what it lacks.
  const before = { ...destination };
  destination.credit_balance += source.credit_balance;
  destination.prepaid_balance_in_cents += source.prepaid_balance_in_cents;
  destination.attributes = { ...source.attributes, ...destination.attributes };
  if (destination.email === null && source.email !== null) {
    destination.email = source.email;
    destination.is_anonymous = false;
  }
  steps.push(() => void Object.assign(destination, before));
  const kept = tiers.contacts.get(key(destination.uuid))!;
  const gone = tiers.contacts.get(key(source.uuid))!;
  if (kept.tier_uuid === null && gone.tier_uuid !== null) {
    kept.tier_uuid = gone.tier_uuid;
    steps.push(() => void (kept.tier_uuid = null));
  }

  for (const identifier of peer(contactIdentifiers).identifiers.values()) {
    if (identifier.contact_uuid === null || key(identifier.contact_uuid) !== key(source.uuid)) continue;
    const was = identifier.contact_uuid;
    identifier.contact_uuid = destination.uuid;
    steps.push(() => void (identifier.contact_uuid = was));
  }

  const statuses = peer(contactSubscriptions).statuses;
  for (const type of peer(contactSubscriptions).types) {
    const from = pair(source.uuid, type.id as number);
    const to = pair(destination.uuid, type.id as number);
    const theirs = statuses.get(from);
    if (!theirs) continue;
    const ours = statuses.get(to);
    statuses.delete(from);
    if (!ours || STRENGTH[theirs.status] > STRENGTH[ours.status]) statuses.set(to, { contact_uuid: destination.uuid, subscription_type_id: type.id as number, status: theirs.status });
    steps.push(() => {
      statuses.set(from, theirs);
      if (ours) statuses.set(to, ours);
      else statuses.delete(to);
    });
  }

  // The source goes; its place in both lists comes back on undo.
  const tierEntries = [...tiers.contacts];
  const profileEntries = [...profiles];
  tiers.contacts.delete(key(source.uuid));
  profiles.delete(key(source.uuid));
  steps.push(() => {
    tiers.contacts.clear();
    for (const [k, v] of tierEntries) tiers.contacts.set(k, v);
    profiles.clear();
    for (const [k, v] of profileEntries) profiles.set(k, v);
  });
  return steps;
}

export const contactDirectory = defineModule<Record<string, never>>({
  name: "contact list, merge and import",
  operations: ["listContacts", "mergeContacts", "createContactsBatch"],
  errors: ["InvalidInput", "ContactNotFound"],
  stateSchema: {},
  defaults: () => ({}),
  load: () => ({}),
  dump: () => ({}),

  handlers(ctx, _state, peer) {
    const tiers = peer(contactTiers);

    return {
      listContacts: ({ query }): Answer => {
        const page = typeof query.page === "number" ? query.page : 1;
        const limit = typeof query.limit === "number" ? query.limit : 30;
        const bounds: [(typeof FILTERS)[number], number][] = [];
        const filter = isObject(query.created_at) ? query.created_at : {};
        for (const name of FILTERS) {
          if (filter[name] === undefined) continue;
          const bound = Date.parse(String(filter[name]));
          if (Number.isNaN(bound)) return ctx.error("InvalidInput", { [`created_at[${name}]`]: [`${String(filter[name])} is not an ISO 8601 date`] });
          bounds.push([name, bound]);
        }
        const descending = query.sort === "-created_at";
        // Oldest first unless `-created_at`; contacts created in the same second keep their creation order.
        const all = [...tiers.contacts.keys()]
          .map((uuid) => contactProfile(peer, uuid)!)
          .filter((p) => bounds.every(([name, bound]) => PASSES[name](createdMs(p), bound)))
          .sort((a, b) => createdMs(a) - createdMs(b) || a.id - b.id);
        if (descending) all.reverse();
        const shown = all.slice((page - 1) * limit, page * limit);
        const from = shown.length === 0 ? 0 : (page - 1) * limit + 1;
        const meta = { page, limit, viewing_from: from, viewing_to: shown.length === 0 ? 0 : from + shown.length - 1, last_page: Math.max(1, Math.ceil(all.length / limit)), total: all.length };
        return { status: 200, body: { data: shown.map((p) => contactView(peer, p)), meta } };
      },

      // Leat schedules the merge; the mock applies it at once.
      mergeContacts: ({ body }): Answer | Change => {
        const source = contactProfile(peer, String(body!.source_contact_uuid));
        const destination = contactProfile(peer, String(body!.destination_contact_uuid));
        if (!source || !destination) return ctx.error("ContactNotFound");
        if (source === destination) return ctx.error("InvalidInput", { destination_contact_uuid: ["must differ from source_contact_uuid: a contact cannot be merged into itself"] });
        const undo = undoAll(merge(peer, source, destination));
        return { ...ctx.success("mergeContacts", null), undo, events: [{ event: "contact_updated", data: ref(destination) }] };
      },

      // Applied at once: each entry's email finds its contact or creates it, then its attribute
      // values and subscription choices are set. Entries without an email and unknown
      // subscription type UUIDs are skipped (no error is documented).
      createContactsBatch: ({ body }): Change => {
        const steps: (() => void)[] = [];
        const events: EmittedEvent[] = [];
        const subscriptions = peer(contactSubscriptions);
        for (const entry of Array.isArray(body!.contacts) ? body!.contacts.filter(isObject) : []) {
          if (typeof entry.email !== "string") continue;
          let profile = contactByEmail(peer, entry.email);
          const created = !profile;
          if (!profile) {
            const made = addContact(peer, entry.email);
            profile = made.profile;
            steps.push(made.undo);
          }
          const values = Array.isArray(entry.custom_attributes) ? entry.custom_attributes.filter(isObject).filter((a) => typeof a.name === "string") : [];
          if (values.length > 0) {
            const target = profile;
            const was = target.attributes;
            target.attributes = { ...was, ...Object.fromEntries(values.map((a) => [a.name as string, a.value ?? null])) };
            steps.push(() => void (target.attributes = was));
          }
          for (const choice of Array.isArray(entry.subscription_types) ? entry.subscription_types.filter(isObject) : []) {
            const wanted = String(choice.uuid).toLowerCase();
            const type = subscriptions.types.find((t) => typeof t.uuid === "string" && t.uuid.toLowerCase() === wanted);
            if (!type) continue;
            const at = pair(profile.uuid, type.id as number);
            const current = subscriptions.statuses.get(at);
            const status = choice.enroll === true ? subscribedStatus(type, current?.status) : "UNSUBSCRIBED";
            subscriptions.statuses.set(at, { contact_uuid: profile.uuid, subscription_type_id: type.id as number, status });
            steps.push(() => void (current ? subscriptions.statuses.set(at, current) : subscriptions.statuses.delete(at)));
          }
          events.push({ event: created ? "contact_created" : "contact_updated", data: ref(profile) });
        }
        return { ...ctx.success("createContactsBatch", null), undo: undoAll(steps), events };
      },
    };
  },
});
