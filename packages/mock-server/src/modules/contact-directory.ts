// The account-wide contact calls: the paginated list, merging one contact into another, and the
// batch import. They keep no state of their own: every part of a contact stays with the module
// that holds it (existence and tier: contact-tiers; profile: contacts; identifiers;
// subscriptions), and these rules change those parts through the store.
import type { Answer, Change, EmittedEvent } from "../answer.js";
import { defineModule, NO_STATE } from "../module.js";
import { isObject, type JsonObject } from "../spec.js";
import { mergeContact, undoAll } from "./contact-merge.js";
import { contactSubscriptions, pair, subscribedStatus } from "./contact-subscriptions.js";
import { contactTiers } from "./contact-tiers.js";
import { addContact, contactByEmail, contactProfile, contactView, contacts, type ContactProfile } from "./contacts.js";

const FILTERS = ["gt", "gte", "lt", "lte"] as const;
const PASSES: Record<(typeof FILTERS)[number], (created: number, bound: number) => boolean> = {
  gt: (c, b) => c > b,
  gte: (c, b) => c >= b,
  lt: (c, b) => c < b,
  lte: (c, b) => c <= b,
};
// The webhook payloads, as the contacts module sends them: the contact by uuid and email, with its attributes on an update.
const createdEvent = (profile: ContactProfile): EmittedEvent => ({ event: "contact_created", data: { contact: { uuid: profile.uuid, email: profile.email } } });
const updatedData = (profile: ContactProfile): JsonObject => ({ contact: { ...profile.attributes, uuid: profile.uuid, email: profile.email } });
// A profile seeded without a creation date counts as older than every other.
const createdMs = (profile: ContactProfile) => (profile.created_at === undefined ? Number.NEGATIVE_INFINITY : Date.parse(profile.created_at));

export const contactDirectory = defineModule<null>({
  name: "contact list, merge and import",
  operations: ["listContacts", "mergeContacts", "createContactsBatch"],
  errors: ["InvalidInput", "ContactNotFound"],
  ...NO_STATE,

  handlers(ctx, _state, peer) {
    const tiers = peer(contactTiers);

    return {
      listContacts: ({ query }): Answer => {
        // The engine has checked and typed them (limit=5 arrives as 5); the defaults are the spec's.
        const page = typeof query.page === "number" ? query.page : 1;
        const limit = typeof query.limit === "number" ? query.limit : 30;
        const bounds: [(typeof FILTERS)[number], number][] = [];
        const filter = isObject(query.created_at) ? query.created_at : {};
        for (const name of FILTERS) {
          if (filter[name] === undefined) continue;
          const bound = Date.parse(String(filter[name]));
          if (Number.isNaN(bound)) return ctx.error("InvalidInput", { [`created_at[${name}]`]: [`The created at[${name}] must be a valid date.`] });
          bounds.push([name, bound]);
        }
        const descending = query.sort === "-created_at";
        // Oldest first unless `-created_at`; contacts created in the same second keep their creation order.
        const all = [...tiers.contacts.keys()]
          .map((uuid) => contactProfile(tiers, peer(contacts), uuid)!)
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
        const source = contactProfile(tiers, peer(contacts), String(body!.source_contact_uuid));
        const destination = contactProfile(tiers, peer(contacts), String(body!.destination_contact_uuid));
        if (!source || !destination) return ctx.error("ContactNotFound");
        if (source === destination) return ctx.error("InvalidInput", { destination_contact_uuid: ["must differ from source_contact_uuid: a contact cannot be merged into itself"] });
        const undo = undoAll(mergeContact(peer, source, destination));
        // A merge changes more than attributes, so no attribute list: every contact_updated subscription hears of it.
        return { ...ctx.success("mergeContacts", null), undo, events: [{ event: "contact_updated", data: updatedData(destination) }] };
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
          // As updateContact: an update event names the attributes set, and none is sent when none was.
          if (created) events.push(createdEvent(profile));
          else if (values.length > 0) events.push({ event: "contact_updated", data: updatedData(profile), attributes: values.map((a) => a.name as string) });
        }
        return { ...ctx.success("createContactsBatch", null), undo: undoAll(steps), events };
      },
    };
  },
});
