// Prepaid transactions: a signed amount that moves a contact's prepaid balance (positive adds,
// negative pays), listed per contact or shop, and reversed once. The balance is the contacts
// module's (`prepaid_balance_in_cents` on the profile), reached through the store; this module
// keeps the history, each transaction with the balance it left.
import { randomUUID } from "node:crypto";
import type { Answer, Change, EmittedEvent } from "../answer.js";
import { defineModule } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { contactIdentifiers } from "./contact-identifiers.js";
import { contactTiers } from "./contact-tiers.js";
import { contactProfile, contacts, euros, type ContactProfile } from "./contacts.js";
import { isoSeconds, wholeNumber } from "./giftcards.js";
import { shops } from "./shops.js";

export interface StoredPrepaidTransaction {
  uuid: string;
  contact_uuid: string;
  amount_in_cents: number;
  /** The contact's balance after it. */
  balance_in_cents: number;
  created_at: string;
  /** The shop as the answer embeds it (`id`, `uuid`, `reference`, `name`). */
  shop: JsonObject;
  /** The identifier it was made with (`name`, `value`, `active`), or null when made by `contact_uuid`. */
  contact_identifier: JsonObject | null;
  /** Whether it has been reversed (a transaction is reversed at most once). */
  reversed: boolean;
}

interface PrepaidState {
  /** In creation order. */
  transactions: StoredPrepaidTransaction[];
  byUuid: Map<string, StoredPrepaidTransaction>;
}

const key = (uuid: string) => uuid.toLowerCase();

export const prepaidTransactions = defineModule<PrepaidState>({
  name: "prepaid transactions",
  operations: ["listPrepaidTransactions", "createPrepaidTransaction", "reversePrepaidTransaction"],
  errors: ["InvalidInput", "ContactNotFound", "ContactIdentifierNotFound", "ContactIdentifierInactive", "ShopNotFound"],
  stateSchema: {
    prepaidTransactions: {
      type: "array",
      items: {
        type: "object",
        required: ["uuid", "contact_uuid", "amount_in_cents", "balance_in_cents", "created_at", "shop", "contact_identifier", "reversed"],
        additionalProperties: false,
        properties: {
          uuid: { type: "string", minLength: 1 },
          contact_uuid: { type: "string", format: "uuid" },
          amount_in_cents: { type: "integer" },
          balance_in_cents: { type: "integer", minimum: 0 },
          created_at: { type: "string", format: "date-time" },
          shop: { type: "object" },
          contact_identifier: { type: ["object", "null"] },
          reversed: { type: "boolean" },
        },
      },
    },
  },

  // The list example: the seeded prepaid contact's top-up and payment (5000, then 4000).
  defaults(ctx) {
    const listed = ctx.successExamples("listPrepaidTransactions")[0]?.data;
    if (!Array.isArray(listed)) throw new Error("The spec lacks the listPrepaidTransactions example the default transactions are built from");
    const transactions: StoredPrepaidTransaction[] = listed.filter(isObject).map((t) => ({
      uuid: String(t.uuid),
      contact_uuid: String((t.contact as JsonObject).uuid),
      amount_in_cents: t.amount_in_cents as number,
      balance_in_cents: (t.prepaid_balance as JsonObject).balance_in_cents as number,
      created_at: String(t.created_at),
      shop: t.shop as JsonObject,
      contact_identifier: isObject(t.contact_identifier) ? t.contact_identifier : null,
      reversed: false,
    }));
    return { prepaidTransactions: transactions as unknown as Json };
  },

  load(_ctx, part) {
    const transactions = part.prepaidTransactions as unknown as StoredPrepaidTransaction[];
    const byUuid = new Map<string, StoredPrepaidTransaction>();
    transactions.forEach((transaction, index) => {
      if (byUuid.has(key(transaction.uuid))) throw new Error(`prepaidTransactions[${index}].uuid repeats ${transaction.uuid}`);
      byUuid.set(key(transaction.uuid), transaction);
    });
    return { transactions, byUuid };
  },

  dump: (state) => ({ prepaidTransactions: state.transactions as unknown as Json }),

  handlers(ctx, state, peer) {
    const tiers = peer(contactTiers);
    const people = peer(contacts);
    const identifiers = peer(contactIdentifiers).identifiers;
    const shopState = peer(shops);
    const profileOf = (uuid: string) => contactProfile(tiers, people, uuid);

    function view(transaction: StoredPrepaidTransaction, withContact: boolean): JsonObject {
      const answer: JsonObject = {
        uuid: transaction.uuid,
        amount_in_cents: transaction.amount_in_cents,
        prepaid_balance: { balance_in_cents: transaction.balance_in_cents, balance: euros(transaction.balance_in_cents) },
        created_at: transaction.created_at,
        shop: transaction.shop,
      };
      // What a transaction made by `contact_uuid` alone carries here is not documented: the key is left out.
      if (transaction.contact_identifier !== null) answer.contact_identifier = transaction.contact_identifier;
      if (withContact) {
        const email = people.profiles.get(key(transaction.contact_uuid))?.email ?? null;
        answer.contact = { uuid: transaction.contact_uuid, email };
      }
      return answer;
    }
    /** Moves the balance and records the transaction; the Change carries the webhook event. */
    function record(
      operationId: string,
      profile: ContactProfile,
      amount: number,
      shop: JsonObject,
      contactIdentifier: JsonObject | null,
      also?: { reversing: StoredPrepaidTransaction },
    ): Change {
      const transaction: StoredPrepaidTransaction = {
        uuid: randomUUID(),
        contact_uuid: profile.uuid,
        amount_in_cents: amount,
        balance_in_cents: profile.prepaid_balance_in_cents + amount,
        created_at: isoSeconds(Date.now()),
        shop,
        contact_identifier: contactIdentifier,
        reversed: false,
      };
      profile.prepaid_balance_in_cents = transaction.balance_in_cents;
      state.transactions.push(transaction);
      state.byUuid.set(key(transaction.uuid), transaction);
      if (also) also.reversing.reversed = true;
      const undo = () => {
        profile.prepaid_balance_in_cents -= amount;
        state.transactions.splice(state.transactions.indexOf(transaction), 1);
        state.byUuid.delete(key(transaction.uuid));
        if (also) also.reversing.reversed = false;
      };
      const events: EmittedEvent[] = [{ event: "prepaid_transaction_created", data: { prepaid_transaction: view(transaction, true) } }];
      return { ...ctx.success(operationId, view(transaction, false)), undo, events };
    }
    const tooLittle = (field: string, profile: ContactProfile) =>
      ctx.error("InvalidInput", { [field]: [`The contact's prepaid balance (${euros(profile.prepaid_balance_in_cents)}) does not cover this amount.`] });

    return {
      listPrepaidTransactions: ({ query }) => {
        const contactUuid = typeof query.contact_uuid === "string" ? query.contact_uuid : undefined;
        if (contactUuid !== undefined && !profileOf(contactUuid)) return ctx.error("ContactNotFound");
        const shopUuid = typeof query.shop_uuid === "string" ? query.shop_uuid : undefined;
        if (shopUuid !== undefined && !shopState.shopsByUuid.has(key(shopUuid))) return ctx.error("ShopNotFound");
        const all = state.transactions.filter(
          (t) =>
            (contactUuid === undefined || key(t.contact_uuid) === key(contactUuid)) &&
            (shopUuid === undefined || (typeof t.shop.uuid === "string" && key(t.shop.uuid) === key(shopUuid))),
        );
        const page = wholeNumber(query.page, 1);
        const perPage = wholeNumber(query.limit, 10);
        const items = all.slice((page - 1) * perPage, page * perPage).map((t) => view(t, true));
        const meta = { current_page: page, from: items.length === 0 ? 0 : (page - 1) * perPage + 1, last_page: Math.max(1, Math.ceil(all.length / perPage)), per_page: perPage, total: all.length };
        return { status: 200, body: { data: items, meta } };
      },
      createPrepaidTransaction: ({ body }): Answer | Change => {
        const input = body!;
        let profile: ContactProfile | undefined;
        let card: JsonObject | null = null;
        if (typeof input.contact_identifier_value === "string") {
          const identifier = identifiers.get(input.contact_identifier_value);
          if (!identifier) return ctx.error("ContactIdentifierNotFound");
          if (!identifier.active) return ctx.error("ContactIdentifierInactive");
          // An unlinked card names no contact.
          profile = identifier.contact_uuid === null ? undefined : profileOf(identifier.contact_uuid);
          if (!profile) return ctx.error("ContactNotFound");
          if (typeof input.contact_uuid === "string" && key(input.contact_uuid) !== key(profile.uuid)) {
            return ctx.error("InvalidInput", { contact_identifier_value: ["The contact identifier belongs to another contact than contact_uuid."] });
          }
          card = { name: identifier.name, value: identifier.value, active: identifier.active };
        } else {
          profile = profileOf(String(input.contact_uuid));
          if (!profile) return ctx.error("ContactNotFound");
        }
        const shop = shopState.shopsByUuid.get(key(String(input.shop_uuid)));
        if (!shop) return ctx.error("ShopNotFound");
        const amount = input.amount_in_cents as number;
        // Leat does not say whether a payment beyond the balance is refused; the mock refuses it (no documented code: 1003).
        if (profile.prepaid_balance_in_cents + amount < 0) return tooLittle("amount_in_cents", profile);
        const shopRef: JsonObject = {
          ...(shop.id === undefined ? {} : { id: shop.id }),
          uuid: shop.uuid!,
          reference: shop.reference ?? null,
          name: shop.name!,
        };
        return record("createPrepaidTransaction", profile, amount, shopRef, card);
      },
      // Reversal: the opposite amount for the same contact, shop and identifier, once per transaction.
      reversePrepaidTransaction: ({ params }): Answer | Change => {
        const field = "prepaid_transaction_uuid";
        const original = state.byUuid.get(key(params[field]!));
        if (!original) return ctx.error("InvalidInput", { [field]: ["No prepaid transaction has this UUID."] });
        if (original.reversed) return ctx.error("InvalidInput", { [field]: ["The prepaid transaction has already been reversed."] });
        const profile = profileOf(original.contact_uuid);
        if (!profile) return ctx.error("ContactNotFound");
        if (profile.prepaid_balance_in_cents - original.amount_in_cents < 0) return tooLittle(field, profile);
        return record("reversePrepaidTransaction", profile, -original.amount_in_cents, original.shop, original.contact_identifier, { reversing: original });
      },
    };
  },
});
