// How orders and returns reach the ledger: the credits an amount earns (the credit reception
// rule) and the loyalty transaction an order or a return posts for its contact.
import type { JsonObject } from "../spec.js";
import { creditsFor, type Ledger, type Posting, type Refusal } from "./loyalty-transactions.js";

/** The credits an amount in minor units earns: the credit reception rule over it in major units (4116 cents, €41.16: 41). */
export function creditsForAmount(amountInCents: number): number {
  return creditsFor(amountInCents / 100);
}

/**
 * Posts `delta` credits for an order's contact as a `credit_reception` item of the loyalty
 * transactions (the only kinds the list documents are credit and reward receptions), naming
 * the order (and the return) it comes from. Its shop is the order's business profile when
 * that is one of the shops.
 */
export function postForOrder(book: Ledger, order: JsonObject, delta: number, amountInCents: number, origin: JsonObject): Posting | Refusal {
  const contactUuid = String((order.contact as JsonObject).uuid);
  const shopUuid = (order.business_profile as JsonObject | null)?.uuid;
  return book.post(contactUuid, delta, {
    type: "credit_reception",
    shop_uuid: typeof shopUuid === "string" && book.shop(shopUuid) ? shopUuid : null,
    fields: { unit_value: amountInCents / 100, contact_identifier: null, ...origin },
  });
}
