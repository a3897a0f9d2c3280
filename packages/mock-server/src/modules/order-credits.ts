// The arithmetic of orders and returns, apart from state: which amount of an order earns
// credits, which amount a return gives back, and how many of the order's credits that takes
// back. The credits an amount earns are the ledger's rule (the same as a credit reception's).
import { isObject, type Json, type JsonObject } from "../spec.js";

const list = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);
const int = (value: Json | undefined): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);

/**
 * The amount (minor units) processing counts, as the spec's CreateOrderBody reads Leat's
 * field definitions: every line item's `total_amount`, plus every sub line item's, plus every
 * charge's, minus the `amount` of every discount applied to the whole `ORDER` (line discounts
 * are already inside the lines' totals). Never below zero. The order-level totals are ignored.
 */
export function creditableAmount(order: JsonObject): number {
  let amount = 0;
  for (const line of list(order.line_items)) {
    amount += int(line.total_amount);
    for (const sub of list(line.sub_line_items)) amount += int(sub.total_amount);
  }
  for (const charge of list(order.charges)) amount += int(charge.total_amount);
  for (const discount of list(order.applied_discounts)) if (discount.applied_to === "ORDER") amount -= int(discount.amount);
  return Math.max(0, amount);
}

/**
 * The credits taken back once `returnedSoFar` of an order's `creditable` amount has been
 * returned (this return included): the same share of the credits the order earned, rounded
 * down, never more than it earned. Counting the running total (not each return alone) makes
 * returning an order piece by piece take back exactly what returning it at once would.
 */
export function creditsTakenBack(earned: number, creditable: number, returnedSoFar: number): number {
  if (earned <= 0 || creditable <= 0) return 0;
  return Math.min(earned, Math.floor((earned * Math.min(returnedSoFar, creditable)) / creditable));
}

/** `€ 41.16`, as Leat's examples format `formatted_total_order_amount`; other currencies by their code. */
export function formatAmount(amount: number, currency: string): string {
  const sign = currency === "EUR" ? "€" : currency;
  return `${sign} ${(amount / 100).toFixed(2)}`;
}
