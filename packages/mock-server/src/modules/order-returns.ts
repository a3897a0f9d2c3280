// Order returns: what came back from an order (its line items, sub line items, charges and
// discounts, named by the external identifiers they had in it) and the credits that takes
// back: the returned share of what the order earned, never more, and never below a zero balance.
import { randomUUID } from "node:crypto";
import type { Answer, Change } from "../answer.js";
import type { FieldErrors } from "../errors.js";
import { defineModule } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { creditableAmount, creditsTakenBack } from "./order-credits.js";
import { ledger } from "./loyalty-transactions.js";
import { postForOrder } from "./order-ledger.js";
import { findOrder, orders, type StoredOrder } from "./orders.js";

export interface StoredReturn {
  /** The return as the API answers it. */
  return: JsonObject;
  external_identifier: string;
  order_uuid: string;
  /** The amount (minor units) it gave back: lines, sub lines and charges returned, less the order discounts returned. */
  amount: number;
  /** The credits it took back, counted toward the order's (a balance too low to pay them all may have paid less). */
  points: number;
}

interface ReturnState {
  returns: StoredReturn[];
}

const list = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);
const uuidOf = (item: JsonObject) => String(item.uuid);

export const orderReturns = defineModule<ReturnState>({
  name: "order returns",
  operations: ["createAndProcessOrderReturn"],
  errors: ["InvalidInput", "ContactNotFound", "InsufficientCredits"],
  stateSchema: {
    orderReturns: {
      type: "array",
      items: {
        type: "object",
        required: ["return", "external_identifier", "order_uuid", "amount", "points"],
        additionalProperties: false,
        properties: {
          return: { type: "object" },
          external_identifier: { type: "string" },
          order_uuid: { type: "string", format: "uuid" },
          amount: { type: "integer", minimum: 0 },
          points: { type: "integer", minimum: 0 },
        },
      },
    },
  },
  defaults: () => ({ orderReturns: [] }),
  load(_ctx, part) {
    const returns = part.orderReturns as unknown as StoredReturn[];
    const seen = new Set<string>();
    returns.forEach((r, index) => {
      if (seen.has(r.external_identifier)) throw new Error(`orderReturns[${index}].external_identifier repeats ${r.external_identifier}`);
      seen.add(r.external_identifier);
    });
    return { returns };
  },
  dump: (state) => ({ orderReturns: state.returns as unknown as Json }),

  handlers(ctx, state, peer) {
    const orderState = peer(orders);
    const book = ledger(peer);

    /** How many of an order item (by its uuid) earlier returns took back. */
    function returnedQuantity(orderUuid: string, itemUuid: string): number {
      let quantity = 0;
      for (const r of state.returns) {
        if (r.order_uuid !== orderUuid) continue;
        for (const entry of [...list(r.return.line_item_returns), ...list(r.return.sub_line_item_returns)]) {
          const ref = (entry.line_item ?? entry.sub_line_item) as JsonObject;
          if (ref.uuid === itemUuid) quantity += Number(entry.quantity);
        }
      }
      return quantity;
    }

    /** The returned items checked against the order: each must be one of its items, with no more than it still holds. */
    function returnedItems(stored: StoredOrder, body: JsonObject, errors: FieldErrors) {
      const orderUuid = String(stored.order.uuid);
      const lineReturns: JsonObject[] = [];
      const subReturns: JsonObject[] = [];
      let amount = 0;
      const take = (sent: JsonObject, within: JsonObject[], field: string, into: JsonObject[], kind: "line_item" | "sub_line_item") => {
        const item = within.find((i) => i.external_identifier === sent.external_identifier);
        if (!item) {
          errors[`${field}.external_identifier`] = ["The order has no such item."];
          return undefined;
        }
        const quantity = Number(sent.quantity);
        const left = Number(item.quantity) - returnedQuantity(orderUuid, uuidOf(item));
        if (quantity > left) errors[`${field}.quantity`] = [`At most ${left} of this item can still be returned.`];
        const itemTotal = Number(item.total_amount);
        if (typeof sent.total_amount === "number" && sent.total_amount > itemTotal) errors[`${field}.total_amount`] = [`At most ${itemTotal} of this item can be returned.`];
        // Without `total_amount`, the item's share of its total by quantity (Leat derives one too).
        const returned = typeof sent.total_amount === "number" ? sent.total_amount : Math.round((itemTotal * quantity) / Math.max(1, Number(item.quantity)));
        amount += returned;
        into.push({ uuid: randomUUID(), quantity, [kind]: { uuid: uuidOf(item) } });
        return item;
      };
      list(body.line_items).forEach((sent, i) => {
        const line = take(sent, list(stored.order.line_items), `line_items.${i}`, lineReturns, "line_item");
        if (!line) return;
        list(sent.sub_line_items).forEach((sub, j) => take(sub, list(line.sub_line_items), `line_items.${i}.sub_line_items.${j}`, subReturns, "sub_line_item"));
      });
      list(body.charges).forEach((sent, i) => {
        const charge = list(stored.order.charges).find((c) => c.external_identifier === sent.external_identifier);
        if (!charge) errors[`charges.${i}.external_identifier`] = ["The order has no such charge."];
        else if (Number(sent.total_amount) > Number(charge.total_amount)) errors[`charges.${i}.total_amount`] = [`At most ${String(charge.total_amount)} can be returned.`];
        else amount += Number(sent.total_amount);
      });
      list(body.applied_discounts).forEach((sent, i) => {
        const discount = list(stored.order.applied_discounts).find((d) => d.external_identifier === sent.external_identifier);
        if (!discount) errors[`applied_discounts.${i}.external_identifier`] = ["The order has no such discount."];
        // A line discount is inside the lines' totals already; an order discount given back lowers the refund.
        else if (discount.applied_to === "ORDER") amount -= Number(sent.amount);
      });
      return { lineReturns, subReturns, amount: Math.max(0, amount) };
    }

    return {
      createAndProcessOrderReturn: ({ body }): Answer | Change => {
        const by = body!.order as JsonObject;
        const stored = findOrder(orderState, typeof by.uuid === "string" ? { uuid: by.uuid } : { external_identifier: String(by.external_identifier) });
        if (!stored) return ctx.error("InvalidInput", { [typeof by.uuid === "string" ? "order.uuid" : "order.external_identifier"]: ["No order has this identifier."] });
        const external = String(body!.external_identifier);
        if (state.returns.some((r) => r.external_identifier === external)) return ctx.error("InvalidInput", { external_identifier: ["A return with this external_identifier exists."] });
        const errors: FieldErrors = {};
        const { lineReturns, subReturns, amount } = returnedItems(stored, body!, errors);
        if (Object.keys(errors).length > 0) return ctx.error("InvalidInput", errors);

        const orderUuid = String(stored.order.uuid);
        const earlier = state.returns.filter((r) => r.order_uuid === orderUuid);
        const returnedSoFar = earlier.reduce((sum, r) => sum + r.amount, 0) + amount;
        const takenBefore = earlier.reduce((sum, r) => sum + r.points, 0);
        const points = creditsTakenBack(stored.points ?? 0, creditableAmount(stored.order), returnedSoFar) - takenBefore;
        const contactUuid = String((stored.order.contact as JsonObject).uuid);
        const record: StoredReturn = {
          return: { uuid: randomUUID(), status: body!.status!, order: { uuid: orderUuid }, line_item_returns: lineReturns, sub_line_item_returns: subReturns },
          external_identifier: external,
          order_uuid: orderUuid,
          amount,
          points,
        };
        // The balance does not go below zero: a contact who spent the credits loses what is left.
        const balance = book.balance(contactUuid) ?? 0;
        const taken = Math.min(points, balance);
        const posting =
          taken > 0
            ? postForOrder(book, stored.order, -taken, -amount, { order: { uuid: orderUuid, external_identifier: stored.order.external_identifier! }, order_return: { uuid: record.return.uuid!, external_identifier: external } })
            : undefined;
        if (posting && !posting.ok) return ctx.error(posting.error);
        state.returns.push(record);
        const result = { type: "POINTS_TRANSACTION", data: { points: taken, new_balance: posting ? posting.balance : balance } };
        return {
          ...ctx.success("createAndProcessOrderReturn", { return: record.return, result }),
          undo: () => {
            state.returns.splice(state.returns.lastIndexOf(record), 1);
            posting?.undo();
          },
        };
      },
    };
  },
});
