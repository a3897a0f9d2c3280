// Orders: stored (create), processed once (process, create-and-process) for the credits the
// ledger's rule gives their amount, simulated without a change, found, listed and updated.
// A processed order's credits are a loyalty transaction of the ledger; the contact's balance
// is the contacts module's. Returns, which take credits back, are order-returns.ts.
import { randomUUID } from "node:crypto";
import type { Answer, Change } from "../answer.js";
import type { FieldErrors } from "../errors.js";
import { componentRef, defineModule, type ModuleContext } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { creditableAmount, formatAmount } from "./order-credits.js";
import { ledger, type Posting } from "./loyalty-transactions.js";
import { creditsForAmount, postForOrder } from "./order-ledger.js";

/** The order the default state holds: the spec's createOrder example (EXT-0012), stored and not processed. */
export const seedOrders = { example: "bfada889-6a69-4fcf-aed6-42933ae9084d" } as const;

export interface StoredOrder {
  /** The order as the API answers it. */
  order: JsonObject;
  /** The credits processing gave; null until the order is processed. */
  points: number | null;
}

export interface OrderState {
  /** In creation order. */
  orders: StoredOrder[];
  byUuid: Map<string, StoredOrder>;
}

const key = (uuid: string) => uuid.toLowerCase();
const list = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);
// Leat's order timestamps are ISO 8601 to the second with an offset: 2025-05-01T20:11:58+00:00.
const now = () => `${new Date().toISOString().slice(0, 19)}+00:00`;
const pick = (from: JsonObject, names: readonly string[]): JsonObject =>
  Object.fromEntries(names.filter((n) => from[n] !== undefined).map((n) => [n, from[n]!]));

const ORDER_FIELDS = ["external_identifier", "reference", "status", "payment_status", "currency"] as const;
const ITEM_FIELDS = ["external_identifier", "name", "quantity", "price", "total_amount", "discount_amount"] as const;
const DISCOUNT_FIELDS = ["external_identifier", "name", "amount", "type", "value", "applied_to", "line_items", "sub_line_items", "charges"] as const;
const CHARGE_FIELDS = ["external_identifier", "type", "name", "amount", "discount_amount", "total_amount"] as const;

/** The order a request is about, by Leat `uuid` or by `external_identifier` (the first stored of that identifier). */
export function findOrder(state: OrderState, by: { uuid?: string; external_identifier?: string }): StoredOrder | undefined {
  if (by.uuid !== undefined) return state.byUuid.get(key(by.uuid));
  return state.orders.find((o) => o.order.external_identifier === by.external_identifier);
}

export const orders = defineModule<OrderState>({
  name: "orders",
  operations: ["listOrders", "createOrder", "createAndProcessOrder", "processOrder", "findOrder", "updateOrder", "simulateOrder"],
  errors: ["InvalidInput", "ContactNotFound", "MaximumCreditsReached"],
  stateSchema: {
    orders: {
      type: "array",
      items: {
        type: "object",
        required: ["order", "points"],
        additionalProperties: false,
        properties: {
          order: { allOf: [componentRef("Order"), { type: "object", required: ["uuid", "external_identifier", "contact"] }] },
          points: { type: ["integer", "null"], minimum: 0 },
        },
      },
    },
  },

  // The stored order of the spec's examples (EXT-0012), not yet processed, so the examples of
  // Process, Find and Update Order and of an order return name an order the mock holds.
  defaults(ctx: ModuleContext) {
    const example = ctx.successExamples("createOrder")[0]?.data;
    if (!isObject(example) || example.uuid !== seedOrders.example) throw new Error(`The spec lacks the createOrder example (order ${seedOrders.example}) the default orders are built from`);
    return { orders: [{ order: example, points: null }] };
  },

  load(_ctx, part) {
    const stored = part.orders as unknown as StoredOrder[];
    const byUuid = new Map<string, StoredOrder>();
    stored.forEach((entry, index) => {
      const uuid = key(String(entry.order.uuid));
      if (byUuid.has(uuid)) throw new Error(`orders[${index}].order.uuid repeats ${String(entry.order.uuid)}`);
      byUuid.set(uuid, entry);
    });
    return { orders: stored, byUuid };
  },

  dump: (state) => ({ orders: state.orders as unknown as Json }),

  handlers(ctx, state, peer) {
    const book = ledger(peer);

    function contactRef(uuid: string): JsonObject | undefined {
      const contact = book.contactRef(uuid);
      return contact && { uuid: contact.uuid!, email: contact.email ?? null };
    }
    function businessProfile(uuid: string): JsonObject {
      const shop = book.shop(uuid);
      return typeof shop?.name === "string" ? { uuid, name: shop.name } : { uuid };
    }
    function item(input: JsonObject): JsonObject {
      const out: JsonObject = { uuid: randomUUID(), ...pick(input, ITEM_FIELDS) };
      out.discount_amount ??= 0;
      // A stored order names the product after its line, as Leat's examples show.
      if (isObject(input.product)) out.product = { ...pick(input.product, ["external_identifier"]), ...pick(input, ["name"]) };
      return out;
    }
    /** The order a create stores, as the API answers it: Leat uuids on it, its lines and discounts; totals worked out where not sent. */
    function build(body: JsonObject, contact: JsonObject): JsonObject {
      const lines = list(body.line_items);
      const charges = list(body.charges);
      const discounts = list(body.applied_discounts);
      const currency = typeof body.currency === "string" ? body.currency : "EUR";
      const lineAmount = lines.reduce((sum, l) => sum + Number(l.total_amount) + list(l.sub_line_items).reduce((s, u) => s + Number(u.total_amount), 0), 0);
      const total = Number(body.total_order_amount);
      const stamp = now();
      return {
        uuid: randomUUID(),
        contact,
        business_profile: businessProfile(String((body.business_profile as JsonObject).uuid)),
        ...pick(body, ORDER_FIELDS),
        currency,
        formatted_total_order_amount: formatAmount(total, currency),
        order_amount: typeof body.order_amount === "number" ? body.order_amount : lineAmount,
        total_charges_amount: charges.reduce((sum, c) => sum + Number(c.total_amount), 0),
        total_discount_amount: typeof body.total_discount_amount === "number" ? body.total_discount_amount : discounts.reduce((s, d) => s + Number(d.amount), 0),
        total_order_amount: total,
        ...pick(body, ["paid_at", "completed_at"]),
        line_items: lines.map((line) => ({ ...item(line), sub_line_items: list(line.sub_line_items).map(item) })),
        applied_discounts: discounts.map((d) => ({ uuid: randomUUID(), ...pick(d, DISCOUNT_FIELDS) })),
        charges: charges.map((c) => ({
          ...pick(c, CHARGE_FIELDS),
          ...(c.type === undefined && isObject(c.charge_definition) && typeof c.charge_definition.external_identifier === "string"
            ? { type: c.charge_definition.external_identifier }
            : {}),
        })),
        created_at: stamp,
        updated_at: stamp,
      };
    }
    function store(order: JsonObject): { stored: StoredOrder; undo: () => void } {
      const stored: StoredOrder = { order, points: null };
      state.orders.push(stored);
      state.byUuid.set(key(String(order.uuid)), stored);
      return {
        stored,
        undo: () => {
          state.orders.splice(state.orders.indexOf(stored), 1);
          state.byUuid.delete(key(String(order.uuid)));
        },
      };
    }
    /** Gives the order its credits: the ledger's rule over its creditable amount, posted for its contact. */
    function process(stored: StoredOrder): { result: JsonObject; posting: Posting } | Answer {
      const amount = creditableAmount(stored.order);
      const points = creditsForAmount(amount);
      const posting = postForOrder(book, stored.order, points, amount, { order: { uuid: stored.order.uuid!, external_identifier: stored.order.external_identifier! } });
      if (!posting.ok) return ctx.error(posting.error);
      stored.points = points;
      const undo = posting.undo;
      posting.undo = () => {
        undo();
        stored.points = null;
      };
      return { result: { type: "POINTS_TRANSACTION", data: { points, new_balance: posting.balance } }, posting };
    }
    const invalid = (errors: FieldErrors) => ctx.error("InvalidInput", errors);
    const unknownOrder = (field: string) => invalid({ [field]: ["No order has this identifier."] });

    return {
      listOrders: () => ctx.success("listOrders", state.orders.map((o) => o.order)),
      createOrder: ({ body }): Answer | Change => {
        const contact = contactRef(String((body!.contact as JsonObject).uuid));
        if (!contact) return ctx.error("ContactNotFound");
        const { stored, undo } = store(build(body!, contact));
        return { ...ctx.success("createOrder", stored.order), undo };
      },
      createAndProcessOrder: ({ body }): Answer | Change => {
        const contact = contactRef(String((body!.contact as JsonObject).uuid));
        if (!contact) return ctx.error("ContactNotFound");
        const { stored, undo } = store(build(body!, contact));
        const done = process(stored);
        if (!("posting" in done)) {
          undo();
          return done;
        }
        return {
          ...ctx.success("createAndProcessOrder", { order: stored.order, result: done.result }),
          undo: () => {
            done.posting.undo();
            undo();
          },
        };
      },
      processOrder: ({ params }): Answer | Change => {
        const stored = findOrder(state, { uuid: params.order_uuid! });
        if (!stored) return unknownOrder("order_uuid");
        // Leat does not document a second processing; the mock refuses it rather than give the credits twice.
        if (stored.points !== null) return invalid({ order_uuid: ["The order has already been processed."] });
        const done = process(stored);
        return "posting" in done ? { ...ctx.success("processOrder", done.result), undo: done.posting.undo } : done;
      },
      findOrder: ({ query }) => {
        const stored = findOrder(state, { external_identifier: String(query.external_identifier) });
        return stored ? ctx.success("findOrder", stored.order) : unknownOrder("external_identifier");
      },
      updateOrder: ({ params, body }): Answer | Change => {
        const stored = findOrder(state, { uuid: params.order_uuid! });
        if (!stored) return unknownOrder("order_uuid");
        const before = stored.order;
        stored.order = { ...before, ...pick(body!, ["status", "payment_status"]), updated_at: now() };
        return { ...ctx.success("updateOrder", stored.order), undo: () => void (stored.order = before) };
      },
      // Changes nothing: the credits processing such an order would give now. Leat writes this result's type in lower case.
      simulateOrder: ({ body }) => ctx.success("simulateOrder", { type: "points_transaction", data: { points: creditsForAmount(creditableAmount(body!)) } }),
    };
  },
});
