// Credit receptions: credits given to a contact at a shop, directly or computed from a unit
// value by the ledger's rule (`creditsFor`), capped by the loyalty program's `max_amount`, and
// reversed by a new reception with the opposite credits. Every reception is a ledger entry, so
// it shows in the loyalty transactions list and moves the contact's balance; this module keeps
// no state of its own.
import type { Answer, Change } from "../answer.js";
import { defineModule, NO_STATE } from "../module.js";
import type { Json, JsonObject } from "../spec.js";
import { contactIdentifiers } from "./contact-identifiers.js";
import { creditsFor, ledger, type LedgerEntry, type Posting, type Refusal } from "./loyalty-transactions.js";
import type { StoredUnit } from "./units.js";

const TYPE = "credit_reception";
// Body keys the operation names; any other key is a loyalty transaction attribute's value.
const KNOWN_FIELDS = new Set(["shop_uuid", "contact_uuid", "credits", "unit_value", "unit_name", "contact_identifier_value", "pos_transaction_uuid"]);

/** A unit as receptions embed it (`EmbeddedUnit`). */
export function embeddedUnit(unit: StoredUnit): JsonObject {
  return { ...(typeof unit.id === "number" ? { id: unit.id } : {}), name: unit.name, label: unit.label, prefix: unit.prefix, is_default: unit.is_default };
}

/** The `credit_reception_created` payload, after the spec's webhook example. */
export function createdEvent(entry: LedgerEntry) {
  const data: JsonObject = {
    credit_reception: {
      uuid: entry.uuid,
      credits: entry.credits,
      contact: { uuid: entry.contact_uuid },
      ...(entry.shop_uuid === null ? {} : { shop: { uuid: entry.shop_uuid } }),
      created_at: entry.created_at,
    },
  };
  return [{ event: "credit_reception_created", data }];
}

export const creditReceptions = defineModule<null>({
  name: "credit receptions",
  operations: ["createCreditReception", "calculateCredits", "reverseCreditReception"],
  errors: [
    "InvalidInput",
    "ShopNotFound",
    "ContactNotFound",
    "ContactIdentifierNotFound",
    "UnitNotFound",
    "NoDefaultUnitFound",
    "MaximumCreditsReached",
    "InsufficientCredits",
    "PosTransactionNotFound",
    "CreditReceptionNotFound",
  ],
  ...NO_STATE,

  handlers(ctx, _state, peer) {
    const book = ledger(peer);
    const identifiers = peer(contactIdentifiers).identifiers;

    const refused = (refusal: Refusal): Answer => ctx.error(refusal.error);
    const posted = (operationId: string, posting: Posting): Change => ({
      ...ctx.success(operationId, book.view(posting.entry)),
      undo: posting.undo,
      events: createdEvent(posting.entry),
    });

    return {
      createCreditReception: ({ body }): Answer | Change => {
        const input = body!;
        const shopUuid = String(input.shop_uuid);
        const contactUuid = String(input.contact_uuid);
        const credits = typeof input.credits === "number" ? input.credits : undefined;
        const unitValue = typeof input.unit_value === "number" ? input.unit_value : undefined;
        if (credits === undefined && unitValue === undefined) {
          return ctx.error("InvalidInput", {
            credits: ["The credits field is required when unit value is not present."],
            unit_value: ["The unit value field is required when credits is not present."],
          });
        }
        if (!book.shop(shopUuid)) return ctx.error("ShopNotFound");
        if (book.balance(contactUuid) === undefined) return ctx.error("ContactNotFound");
        let identifier: JsonObject | null = null;
        if (typeof input.contact_identifier_value === "string") {
          const found = identifiers.get(input.contact_identifier_value);
          if (!found) return ctx.error("ContactIdentifierNotFound");
          identifier = { name: found.name, value: found.value, active: found.active };
        }
        // The mock has no POS transactions (they are the Register API's), so none can be named.
        if (input.pos_transaction_uuid !== undefined) return ctx.error("PosTransactionNotFound");
        // `credits` bypasses the loyalty rules; the unit is still recorded when one can be told.
        const unit = book.unit(typeof input.unit_name === "string" ? input.unit_name : undefined);
        if (!unit.ok && (unitValue !== undefined && credits === undefined || typeof input.unit_name === "string")) return ctx.error(unit.error);
        const given = credits ?? creditsFor(unitValue!, unit.ok ? unit.unit : undefined);
        const attributes = Object.fromEntries(Object.entries(input).filter(([name]) => !KNOWN_FIELDS.has(name))) as JsonObject;
        const fields: JsonObject = {
          contact_identifier: identifier,
          ...(unit.ok ? { unit: embeddedUnit(unit.unit) } : {}),
          unit_value: unitValue ?? null,
          ...attributes,
        };
        const posting = book.post(contactUuid, given, { type: TYPE, shop_uuid: shopUuid, fields });
        return posting.ok ? posted("createCreditReception", posting) : refused(posting);
      },

      calculateCredits: ({ query }): Answer => {
        if (!book.shop(String(query.shop_uuid))) return ctx.error("ShopNotFound");
        if (typeof query.contact_uuid === "string" && book.balance(query.contact_uuid) === undefined) return ctx.error("ContactNotFound");
        const unit = book.unit(typeof query.unit_name === "string" ? query.unit_name : undefined);
        if (!unit.ok) return ctx.error(unit.error);
        return ctx.success("calculateCredits", { credits: creditsFor(Number(query.unit_value), unit.unit) });
      },

      reverseCreditReception: ({ params }): Answer | Change => {
        const uuid = params.credit_reception_uuid!;
        const original = book.find(uuid);
        if (!original || original.type !== TYPE) return ctx.error("CreditReceptionNotFound");
        if (original.reversal_of !== null) {
          return ctx.error("InvalidInput", { credit_reception_uuid: ["The credit reception is itself a reversal and cannot be reversed."] });
        }
        if (book.reversalOf(uuid)) return ctx.error("InvalidInput", { credit_reception_uuid: ["The credit reception has already been reversed."] });
        // The same data, the opposite credits (the spec's example keeps `unit_value` as it was).
        const posting = book.post(original.contact_uuid, -original.credits, {
          type: TYPE,
          shop_uuid: original.shop_uuid,
          fields: structuredClone(original.fields) as Record<string, Json>,
          reversal_of: original.uuid,
        });
        return posting.ok ? posted("reverseCreditReception", posting) : refused(posting);
      },
    };
  },
});
