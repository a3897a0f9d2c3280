// The orders and order-returns modules without HTTP: every module loaded from its defaults
// (as the store does), the handlers called with the spec's own request examples.
import { describe, expect, it } from "vitest";
import { Serialized, type Answer, type Change } from "../src/answer.js";
import type { MockModule } from "../src/module.js";
import { seedContacts } from "../src/modules/contact-tiers.js";
import { ledger, type Ledger } from "../src/modules/loyalty-transactions.js";
import { creditableAmount, creditsTakenBack } from "../src/modules/order-credits.js";
import { orders } from "../src/modules/orders.js";
import type { Json } from "../src/spec.js";
import { loadSpec, type AnyJson } from "./helpers.js";
import { ctx, storeOf } from "./module-harness.js";

const spec = loadSpec();
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const requestExample = (name: string) => structuredClone(spec.components.examples[name].value);
const returnExample = () => structuredClone(spec.paths["/order-returns/create-and-process"].post.requestBody.content["application/json"].examples.returnDrinks.value);

type Call = ((id: string, call?: { params?: Record<string, string>; query?: object; body?: object }) => Answer | Change) & { book: Ledger };
function load(): Call {
  const { store, call } = storeOf();
  return Object.assign(call, { book: ledger(<S>(m: MockModule<S>) => store.stateOf(m)) });
}
const data = (answer: Answer) => (answer.body instanceof Serialized ? JSON.parse(answer.body.text) : (answer.body as { data: unknown })).data as AnyJson;
const code = (answer: Answer) => (answer.body as { code?: number }).code;
const errors = (answer: Answer) => Object.keys((answer.body as { errors?: object }).errors ?? {});
const balance = (call: Call, contact: string) => data(call("getContactCreditBalance", { params: { contact_uuid: contact } })).balance as number;

/** The spec's order example, for one of the seeded contacts. */
function order(contact: string = seedContacts.withTier, changes: object = {}) {
  return { ...requestExample("CreateOrderRequest"), contact: { uuid: contact }, ...changes };
}

describe("orders module", () => {
  it("creates and processes the spec's example order: 4116 cents make 41 credits on the contact's balance", () => {
    const call = load();
    const before = balance(call, seedContacts.withTier);
    const answer = data(call("createAndProcessOrder", { body: order() }));
    expect(answer.result).toEqual({ type: "POINTS_TRANSACTION", data: { points: 41, new_balance: before + 41 } });
    expect(balance(call, seedContacts.withTier)).toBe(before + 41);
    expect(answer.order).toMatchObject({ external_identifier: "EXT-0012", total_order_amount: 4116, formatted_total_order_amount: "€ 41.16", total_charges_amount: 441 });
    expect(answer.order.contact.uuid).toBe(seedContacts.withTier);
    expect(answer.order.line_items[0].uuid).toEqual(expect.any(String));
    expect(data(call("listOrders")).map((o: { uuid: string }) => o.uuid)).toContain(answer.order.uuid);
  });

  it("counts lines, sub lines and charges, less ORDER discounts only, whatever the order-level totals say", () => {
    const body = order();
    expect(creditableAmount(body)).toBe(2500 + 500 + 675 + 441);
    body.total_order_amount = 1;
    body.applied_discounts.push({ external_identifier: "D", name: "5 off", amount: 500, applied_to: "ORDER" });
    expect(creditableAmount(body)).toBe(4116 - 500);
    const call = load();
    expect(data(call("simulateOrder", { body })).data.points).toBe(36);
    expect(data(call("createAndProcessOrder", { body })).result.data.points).toBe(36);
  });

  it("simulates without storing or crediting anything", () => {
    const call = load();
    const before = balance(call, seedContacts.withTier);
    const listed = data(call("listOrders")).length;
    expect(data(call("simulateOrder", { body: order() }))).toEqual({ type: "points_transaction", data: { points: 41 } });
    expect(balance(call, seedContacts.withTier)).toBe(before);
    expect(data(call("listOrders"))).toHaveLength(listed);
  });

  it("stores without credits, processes once, refuses a second processing, and undoes", () => {
    const call = load();
    const before = balance(call, seedContacts.withoutTier);
    const created = data(call("createOrder", { body: order(seedContacts.withoutTier, { external_identifier: "EXT-9" }) }));
    expect(balance(call, seedContacts.withoutTier)).toBe(before);
    expect(data(call("findOrder", { query: { external_identifier: "EXT-9" } })).uuid).toBe(created.uuid);
    const processed = call("processOrder", { params: { order_uuid: created.uuid } }) as Change;
    expect(data(processed)).toEqual({ type: "POINTS_TRANSACTION", data: { points: 41, new_balance: before + 41 } });
    const again = call("processOrder", { params: { order_uuid: created.uuid } });
    expect([code(again), errors(again)]).toEqual([1003, ["order_uuid"]]);
    processed.undo();
    expect(balance(call, seedContacts.withoutTier)).toBe(before);
    expect(data(call("processOrder", { params: { order_uuid: created.uuid } })).data.points).toBe(41);
  });

  it("processes the seeded example order, updates only its statuses, and refuses unknown orders and contacts", () => {
    const call = load();
    const seeded = ctx.successExamples("createOrder")[0]!.data as { uuid: string };
    expect(data(call("processOrder", { params: { order_uuid: seeded.uuid } })).data.points).toBe(41);
    const updated = data(call("updateOrder", { params: { order_uuid: seeded.uuid }, body: { status: "CANCELLED" } }));
    expect(updated).toMatchObject({ uuid: seeded.uuid, status: "CANCELLED", payment_status: "PAID" });
    expect(data(call("findOrder", { query: { external_identifier: "EXT-0012" } })).status).toBe("CANCELLED");
    for (const answer of [
      call("processOrder", { params: { order_uuid: UNKNOWN } }),
      call("updateOrder", { params: { order_uuid: UNKNOWN }, body: { status: "PENDING" } }),
      call("findOrder", { query: { external_identifier: "NO-SUCH-ORDER" } }),
    ]) {
      expect(code(answer)).toBe(1003);
    }
    expect(code(call("createAndProcessOrder", { body: order(UNKNOWN) }))).toBe(55031);
    expect(code(call("createOrder", { body: order(UNKNOWN) }))).toBe(55031);
  });

  it("finds the first stored order of a repeated external identifier", () => {
    const call = load();
    const first = data(call("createOrder", { body: order(seedContacts.withTier, { external_identifier: "TWICE" }) }));
    const second = data(call("createOrder", { body: order(seedContacts.withTier, { external_identifier: "TWICE" }) }));
    expect(second.uuid).not.toBe(first.uuid);
    expect(data(call("findOrder", { query: { external_identifier: "TWICE" } })).uuid).toBe(first.uuid);
  });

  it("refuses a repeated order uuid in its state", () => {
    const part = orders.defaults(ctx) as { orders: Json[] };
    part.orders.push(structuredClone(part.orders[0]!));
    expect(() => orders.load(ctx, part)).toThrow(/orders\[1\]\.order\.uuid repeats/);
  });
});

describe("order returns module", () => {
  function processed(call: Call, contact: string = seedContacts.withTier) {
    return data(call("createAndProcessOrder", { body: order(contact, { external_identifier: "EXT-R" }) })).order as { uuid: string };
  }
  const drinks = (external: string, orderRef: object, more: object = {}) => ({ ...returnExample(), order: orderRef, external_identifier: external, ...more });

  it("takes back the returned share of the order's credits, rounded down: 41 × 675 / 4116 is 6", () => {
    const call = load();
    const placed = processed(call);
    const before = balance(call, seedContacts.withTier);
    const answer = data(call("createAndProcessOrderReturn", { body: drinks("R1", { uuid: placed.uuid }) }));
    expect(answer.result).toEqual({ type: "POINTS_TRANSACTION", data: { points: 6, new_balance: before - 6 } });
    expect(answer.return).toMatchObject({ status: "COMPLETED", order: { uuid: placed.uuid }, line_item_returns: [{ quantity: 2 }], sub_line_item_returns: [] });
    expect(balance(call, seedContacts.withTier)).toBe(before - 6);
  });

  it("takes back exactly what the order earned once all of it is returned, piece by piece", () => {
    const call = load();
    const placed = processed(call);
    const before = balance(call, seedContacts.withTier);
    call("createAndProcessOrderReturn", { body: drinks("R1", { uuid: placed.uuid }) });
    const rest = data(
      call("createAndProcessOrderReturn", {
        body: {
          order: { external_identifier: "EXT-R" },
          external_identifier: "R2",
          status: "COMPLETED",
          line_items: [{ external_identifier: "LI_IT_11090_lkajsf", quantity: 2, sub_line_items: [{ external_identifier: "SU_LI_IT_11090_lkajsf", quantity: 1 }] }],
          charges: [{ external_identifier: "SRV_CH-12", total_amount: 441 }],
        },
      }),
    );
    expect(rest.result.data.points).toBe(41 - 6);
    expect(rest.return.sub_line_item_returns).toHaveLength(1);
    expect(balance(call, seedContacts.withTier)).toBe(before - 41);
    expect(creditsTakenBack(41, 4116, 99_999)).toBe(41);
  });

  it("refuses more than the order holds, items it does not have, a repeated return identifier and an unknown order", () => {
    const call = load();
    const placed = processed(call);
    const over = call("createAndProcessOrderReturn", { body: drinks("R1", { uuid: placed.uuid }, { line_items: [{ external_identifier: "LI_IT_991_Ac990s", quantity: 3 }] }) });
    expect([code(over), errors(over)]).toEqual([1003, ["line_items.0.quantity"]]);
    const stranger = call("createAndProcessOrderReturn", {
      body: drinks("R1", { uuid: placed.uuid }, { line_items: [{ external_identifier: "NOPE", quantity: 1 }], charges: [{ external_identifier: "NOPE", total_amount: 1 }] }),
    });
    expect([code(stranger), errors(stranger)]).toEqual([1003, ["line_items.0.external_identifier", "charges.0.external_identifier"]]);
    call("createAndProcessOrderReturn", { body: drinks("R1", { uuid: placed.uuid }) });
    const twice = call("createAndProcessOrderReturn", { body: drinks("R1", { uuid: placed.uuid }) });
    expect([code(twice), errors(twice)]).toEqual([1003, ["external_identifier"]]);
    // The two sodas are back already: none is left to return.
    const gone = call("createAndProcessOrderReturn", { body: drinks("R2", { uuid: placed.uuid }) });
    expect(errors(gone)).toEqual(["line_items.0.quantity"]);
    expect(errors(call("createAndProcessOrderReturn", { body: drinks("R3", { uuid: UNKNOWN }) }))).toEqual(["order.uuid"]);
  });

  it("counts a returned ORDER discount against the returned amount, and refuses a total above the item's", () => {
    const call = load();
    const body = order(seedContacts.withTier, { external_identifier: "EXT-D" });
    body.applied_discounts.push({ external_identifier: "FIVE_OFF", name: "5 off", amount: 500, applied_to: "ORDER" });
    const placed = data(call("createAndProcessOrder", { body })).order;
    // Creditable 4116 - 500 = 3616 cents: 36 credits. The sodas (675) come back with the 500 discount: 175 cents, ⌊36 × 175 / 3616⌋ = 1.
    const answer = data(call("createAndProcessOrderReturn", { body: drinks("R1", { uuid: placed.uuid }, { applied_discounts: [{ external_identifier: "FIVE_OFF", amount: 500 }] }) }));
    expect(answer.result.data.points).toBe(1);
    const tooMuch = call("createAndProcessOrderReturn", {
      body: drinks("R2", { uuid: placed.uuid }, { line_items: [{ external_identifier: "LI_IT_11090_lkajsf", quantity: 1, total_amount: 2501 }] }),
    });
    expect([code(tooMuch), errors(tooMuch)]).toEqual([1003, ["line_items.0.total_amount"]]);
  });

  it("takes nothing back for an order never processed, and stops at a zero balance", () => {
    const call = load();
    const seeded = ctx.successExamples("createOrder")[0]!.data as { contact: { uuid: string } };
    const before = balance(call, seeded.contact.uuid);
    // The seeded EXT-0012 order is stored but not processed: the spec's return example gives nothing back.
    expect(data(call("createAndProcessOrderReturn", { body: returnExample() })).result).toEqual({ type: "POINTS_TRANSACTION", data: { points: 0, new_balance: before } });
    expect(balance(call, seeded.contact.uuid)).toBe(before);
    const contact = data(call("createContact", { body: { email: "puff@bikinibottom.sea" } })).uuid;
    const placed = processed(call, contact);
    expect(balance(call, contact)).toBe(41);
    // The contact spends 38 of the 41 credits; returning the sodas would take 6, so it takes the 3 left.
    expect(call.book.debit(contact, 38, { type: "reward_reception" }).ok).toBe(true);
    const answer = data(call("createAndProcessOrderReturn", { body: drinks("R1", { uuid: placed.uuid }) }));
    expect(answer.result.data).toEqual({ points: 3, new_balance: 0 });
    expect(balance(call, contact)).toBe(0);
  });

  it("posts the order's credits and each return's to the loyalty transactions, naming the order", () => {
    const call = load();
    const placed = processed(call);
    const listed = () => data(call("listLoyaltyTransactions", { query: { contact_uuid: seedContacts.withTier } }));
    expect(listed()[0]).toMatchObject({ type: "credit_reception", credits: 41, unit_value: 41.16, order: { uuid: placed.uuid, external_identifier: "EXT-R" } });
    const returned = data(call("createAndProcessOrderReturn", { body: drinks("R1", { uuid: placed.uuid }) }));
    expect(listed()[0]).toMatchObject({ type: "credit_reception", credits: -6, unit_value: -6.75, order_return: { uuid: returned.return.uuid, external_identifier: "R1" } });
    expect(listed()).toHaveLength(2);
  });

  it("undoes a return", () => {
    const call = load();
    const placed = processed(call);
    const before = balance(call, seedContacts.withTier);
    const undone = call("createAndProcessOrderReturn", { body: drinks("R1", { uuid: placed.uuid }) }) as Change;
    undone.undo();
    expect(balance(call, seedContacts.withTier)).toBe(before);
    expect(data(call("createAndProcessOrderReturn", { body: drinks("R1", { uuid: placed.uuid }) })).result.data.points).toBe(6);
  });
});
