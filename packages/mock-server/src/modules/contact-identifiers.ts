// Contact identifiers (loyalty card numbers, QR codes): created, found, linked to a contact,
// unlinked, renamed or blocked, deleted, and listed per contact. Whether a contact exists is the
// contact-tiers module's state and its email the contacts module's, both reached through the
// store; an identifier linked to a contact that was deleted answers as unlinked.
import type { Answer, Change } from "../answer.js";
import { defineModule } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { contactTiers } from "./contact-tiers.js";
import { contacts } from "./contacts.js";

export interface StoredIdentifier {
  value: string;
  name: string | null;
  active: boolean;
  contact_uuid: string | null;
}

interface IdentifierState {
  /** By value, in creation order. */
  identifiers: Map<string, StoredIdentifier>;
}

// Leat's form fields take booleans as these strings too (the spec's BooleanLike).
const truthy = (value: Json | undefined) => value === true || value === 1 || value === "1" || value === "true" || value === "yes";

export const contactIdentifiers = defineModule<IdentifierState>({
  name: "contact identifiers",
  operations: [
    "createContactIdentifier",
    "findContactIdentifier",
    "linkContactIdentifier",
    "unlinkContactIdentifier",
    "updateContactIdentifier",
    "deleteContactIdentifier",
    "listContactIdentifiersOfContact",
  ],
  errors: ["ContactNotFound", "ContactIdentifierNotFound", "ContactIdentifierInactive", "ContactIdentifierAlreadyExists", "ContactIdentifierAlreadyLinked"],
  stateSchema: {
    contactIdentifiers: {
      type: "array",
      items: {
        type: "object",
        required: ["value", "name", "active", "contact_uuid"],
        additionalProperties: false,
        properties: {
          value: { type: "string", minLength: 1 },
          name: { type: ["string", "null"] },
          active: { type: "boolean" },
          contact_uuid: { type: ["string", "null"], format: "uuid" },
        },
      },
    },
  },

  // The per-contact list's example (linked) and the find example of an unlinked card.
  defaults(ctx) {
    const linked = ctx.successExamples("listContactIdentifiersOfContact")[0]?.data;
    const found = ctx.successExamples("findContactIdentifier").map((e) => e.data);
    if (!Array.isArray(linked)) throw new Error("The spec lacks the listContactIdentifiersOfContact example the default identifiers are built from");
    const identifiers: StoredIdentifier[] = [];
    for (const item of [...linked, ...found]) {
      if (!isObject(item) || typeof item.value !== "string" || identifiers.some((i) => i.value === item.value)) continue;
      identifiers.push({
        value: item.value,
        name: typeof item.name === "string" ? item.name : null,
        active: item.active !== false,
        contact_uuid: isObject(item.contact) && typeof item.contact.uuid === "string" ? item.contact.uuid : null,
      });
    }
    return { contactIdentifiers: identifiers as unknown as Json };
  },

  load(_ctx, part) {
    const identifiers = new Map<string, StoredIdentifier>();
    (part.contactIdentifiers as unknown as StoredIdentifier[]).forEach((identifier, index) => {
      if (identifiers.has(identifier.value)) throw new Error(`contactIdentifiers[${index}].value repeats ${identifier.value}`);
      identifiers.set(identifier.value, identifier);
    });
    return { identifiers };
  },

  dump: (state) => ({ contactIdentifiers: [...state.identifiers.values()] as unknown as Json }),

  handlers(ctx, state, peer) {
    const tiers = peer(contactTiers);
    const profiles = peer(contacts).profiles;
    const exists = (uuid: string) => tiers.contacts.has(uuid.toLowerCase());
    const linkedTo = (identifier: StoredIdentifier) => (identifier.contact_uuid !== null && exists(identifier.contact_uuid) ? identifier.contact_uuid : null);
    function view(identifier: StoredIdentifier): JsonObject {
      const uuid = linkedTo(identifier);
      return {
        name: identifier.name,
        value: identifier.value,
        active: identifier.active,
        contact: uuid === null ? null : { uuid, email: profiles.get(uuid.toLowerCase())?.email ?? null },
      };
    }
    // Runs `answer` on the identifier the body or query names: 60003 when unknown, 60004 when inactive (where `active` is asked).
    const withIdentifier =
      (from: "body" | "query", needsActive: boolean, answer: (identifier: StoredIdentifier, input: JsonObject) => Answer | Change) =>
      ({ body, query }: { body: JsonObject | undefined; query: JsonObject }): Answer | Change => {
        const input = from === "body" ? body! : query;
        const identifier = state.identifiers.get(String(input.contact_identifier_value));
        if (!identifier) return ctx.error("ContactIdentifierNotFound");
        if (needsActive && !identifier.active) return ctx.error("ContactIdentifierInactive");
        return answer(identifier, input);
      };
    function change(operationId: string, identifier: StoredIdentifier, apply: Partial<StoredIdentifier>): Change {
      const before = { ...identifier };
      Object.assign(identifier, apply);
      return { ...ctx.success(operationId, view(identifier)), undo: () => void Object.assign(identifier, before) };
    }

    return {
      createContactIdentifier: ({ body }): Answer | Change => {
        const value = String(body!.contact_identifier_value);
        if (state.identifiers.has(value)) return ctx.error("ContactIdentifierAlreadyExists");
        const contactUuid = typeof body!.contact_uuid === "string" ? body!.contact_uuid : null;
        if (contactUuid !== null && !exists(contactUuid)) return ctx.error("ContactNotFound");
        // The name defaults to the value, as the spec says.
        const identifier: StoredIdentifier = { value, name: typeof body!.contact_identifier_name === "string" ? body!.contact_identifier_name : value, active: true, contact_uuid: contactUuid };
        state.identifiers.set(value, identifier);
        return {
          ...ctx.success("createContactIdentifier", view(identifier)),
          undo: () => void state.identifiers.delete(value),
          events: [{ event: "contact_identifier_created", data: { contact_identifier: view(identifier) } }],
        };
      },
      findContactIdentifier: withIdentifier("query", true, (identifier) => ctx.success("findContactIdentifier", view(identifier))),
      linkContactIdentifier: withIdentifier("body", true, (identifier, body) => {
        const contactUuid = String(body.contact_uuid);
        if (!exists(contactUuid)) return ctx.error("ContactNotFound");
        // Linking again to the contact that holds it changes nothing; another contact is refused.
        const holder = linkedTo(identifier);
        if (holder !== null && holder.toLowerCase() !== contactUuid.toLowerCase()) return ctx.error("ContactIdentifierAlreadyLinked");
        return change("linkContactIdentifier", identifier, { contact_uuid: contactUuid });
      }),
      unlinkContactIdentifier: withIdentifier("body", true, (identifier) => change("unlinkContactIdentifier", identifier, { contact_uuid: null })),
      // Renaming or blocking works on an inactive identifier too: it is how one is unblocked.
      updateContactIdentifier: withIdentifier("body", false, (identifier, body) =>
        change("updateContactIdentifier", identifier, {
          ...(typeof body.contact_identifier_name === "string" ? { name: body.contact_identifier_name } : {}),
          ...(body.contact_identifier_active !== undefined ? { active: truthy(body.contact_identifier_active) } : {}),
        }),
      ),
      deleteContactIdentifier: withIdentifier("query", false, (identifier): Change => {
        const entries = [...state.identifiers.entries()];
        state.identifiers.delete(identifier.value);
        return { ...ctx.success("deleteContactIdentifier", null), undo: () => void (state.identifiers = new Map(entries)) };
      }),
      listContactIdentifiersOfContact: ({ params }) => {
        const uuid = params.contact_uuid!;
        if (!exists(uuid)) return ctx.error("ContactNotFound");
        // The first linked identifier is the default one; Leat does not say how it picks it.
        const own = [...state.identifiers.values()].filter((i) => linkedTo(i)?.toLowerCase() === uuid.toLowerCase());
        return ctx.success("listContactIdentifiersOfContact", own.map((identifier, index) => ({ ...view(identifier), default: index === 0 })));
      },
    };
  },
});
