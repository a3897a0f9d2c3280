// The prepaid transactions module without HTTP, in the store with every other module: the
// balance it moves is the contact's (read back through the contacts module), each refusal, the
// reversal, and the webhook event a transaction causes (and its delivery over HTTP).
import { createServer } from "node:http";
import { describe, expect, it, onTestFinished } from "vitest";
import type { Answer, Change } from "../src/answer.js";
import { seedContacts } from "../src/modules/contact-tiers.js";
import { modules } from "../src/modules/index.js";
import { seedShops } from "../src/modules/shops.js";
import type { Json } from "../src/spec.js";
import { loadSpec, startTestServer } from "./helpers.js";
import { body, code, data, eventsOf, storeOf } from "./module-harness.js";

const spec = loadSpec();
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const shop = seedShops.physical;

function load(seed: object = {}) {
  const { store, call } = storeOf(seed as Record<string, Json>);
  const balance = (contact: string) => data(call("getContactPrepaidBalance", { params: { contact_uuid: contact } })).balance_in_cents;
  return { store, call, balance };
}
const errors = (answer: Answer) => (answer.body as { errors?: object }).errors;
const byUuid = (contact_uuid: string, amount_in_cents: number, extra: object = {}) => ({ body: { contact_uuid, amount_in_cents, shop_uuid: shop, ...extra } });
const requestExample = (name: string) => spec.paths["/prepaid-transactions"].post.requestBody.content["application/json"].examples[name].value;

describe("prepaid transactions module", () => {
  it("walks a contact's balance 0 -> top-up -> spend, refuses an over-spend, reverses once", () => {
    const { call, balance } = load();
    const contact = seedContacts.withoutTier;
    expect(balance(contact)).toBe(0);
    const topUp = data(call("createPrepaidTransaction", byUuid(contact, 5000)));
    expect(topUp).toMatchObject({ amount_in_cents: 5000, prepaid_balance: { balance_in_cents: 5000, balance: "€50.00" }, shop: { uuid: shop, name: "Krusty Krab", reference: null } });
    expect(topUp).not.toHaveProperty("contact_identifier");
    expect(balance(contact)).toBe(5000);
    const spend = data(call("createPrepaidTransaction", byUuid(contact, -1000)));
    expect(spend.prepaid_balance).toEqual({ balance_in_cents: 4000, balance: "€40.00" });
    expect(balance(contact)).toBe(4000);
    expect(data(call("getContact", { params: { contact_uuid: contact } })).prepaid_balance).toEqual({ balance_in_cents: 4000 });

    const over = call("createPrepaidTransaction", byUuid(contact, -4001));
    expect(code(over)).toBe(1003);
    expect(Object.keys(errors(over)!)).toEqual(["amount_in_cents"]);
    expect(balance(contact)).toBe(4000);

    const reversal = data(call("reversePrepaidTransaction", { params: { prepaid_transaction_uuid: spend.uuid } }));
    expect(reversal).toMatchObject({ amount_in_cents: 1000, prepaid_balance: { balance_in_cents: 5000 }, shop: spend.shop });
    expect(balance(contact)).toBe(5000);
    const twice = call("reversePrepaidTransaction", { params: { prepaid_transaction_uuid: spend.uuid } });
    expect(code(twice)).toBe(1003);
    expect(Object.keys(errors(twice)!)).toEqual(["prepaid_transaction_uuid"]);
    expect(balance(contact)).toBe(5000);
    // A reversal is a transaction of its own, reversible once too.
    expect(data(call("reversePrepaidTransaction", { params: { prepaid_transaction_uuid: reversal.uuid } })).prepaid_balance.balance_in_cents).toBe(4000);
  });

  it("seeds the examples' contact, card and history, so the spec's request examples succeed (5000 -> 4000 -> 5000)", () => {
    const { call, balance } = load();
    const contact = seedContacts.prepaid;
    expect(balance(contact)).toBe(4000);
    const history = data(call("listPrepaidTransactions", { query: { contact_uuid: contact } }));
    expect(history.map((t: { prepaid_balance: { balance_in_cents: number } }) => t.prepaid_balance.balance_in_cents)).toEqual([5000, 4000]);
    expect(history[0].contact).toEqual({ uuid: contact, email: "ada@example.com" });

    const reversed = data(call("reversePrepaidTransaction", { params: { prepaid_transaction_uuid: history[1].uuid } }));
    expect(reversed.prepaid_balance.balance_in_cents).toBe(5000);
    expect(reversed.contact_identifier).toEqual(history[1].contact_identifier);

    const paid = data(call("createPrepaidTransaction", { body: requestExample("payFromPrepaid") }));
    expect(paid).toMatchObject({ amount_in_cents: -1000, prepaid_balance: { balance_in_cents: 4000 }, contact_identifier: { value: "1234567890", name: "Loyalty card", active: true } });
    expect(data(call("createPrepaidTransaction", { body: requestExample("topUpPrepaid") })).prepaid_balance.balance_in_cents).toBe(9000);
    expect(balance(contact)).toBe(9000);
  });

  it("names the contact by a card: 60003 unknown, 60004 inactive, 55031 unlinked, 1003 another contact's", () => {
    const { call, balance } = load();
    const card = (value: string, extra: object = {}) => ({ body: { contact_identifier_value: value, amount_in_cents: 100, shop_uuid: shop, ...extra } });
    expect(code(call("createPrepaidTransaction", card("NO-SUCH-CARD")))).toBe(60003);
    call("createContactIdentifier", { body: { contact_identifier_value: "LOOSE" } });
    expect(code(call("createPrepaidTransaction", card("LOOSE")))).toBe(55031);
    call("linkContactIdentifier", { body: { contact_identifier_value: "LOOSE", contact_uuid: seedContacts.withoutTier } });
    const mismatch = call("createPrepaidTransaction", card("LOOSE", { contact_uuid: seedContacts.prepaid }));
    expect(code(mismatch)).toBe(1003);
    expect(Object.keys(errors(mismatch)!)).toEqual(["contact_identifier_value"]);
    expect(data(call("createPrepaidTransaction", card("LOOSE", { contact_uuid: seedContacts.withoutTier }))).contact_identifier.value).toBe("LOOSE");
    expect(balance(seedContacts.withoutTier)).toBe(100);
    call("updateContactIdentifier", { body: { contact_identifier_value: "LOOSE", contact_identifier_active: false } });
    expect(code(call("createPrepaidTransaction", card("LOOSE")))).toBe(60004);
    expect(balance(seedContacts.withoutTier)).toBe(100);
  });

  it("answers 55031 for an unknown or deleted contact and 1008 for an unknown shop", () => {
    const { call } = load();
    expect(code(call("createPrepaidTransaction", byUuid(UNKNOWN, 100)))).toBe(55031);
    expect(code(call("createPrepaidTransaction", { body: { contact_uuid: seedContacts.prepaid, amount_in_cents: 100, shop_uuid: UNKNOWN } }))).toBe(1008);
    expect(code(call("listPrepaidTransactions", { query: { contact_uuid: UNKNOWN } }))).toBe(55031);
    expect(code(call("listPrepaidTransactions", { query: { shop_uuid: UNKNOWN } }))).toBe(1008);
    const last = data(call("listPrepaidTransactions"))[1];
    call("deleteContact", { params: { contact_uuid: seedContacts.prepaid }, body: { type: "DEFAULT" } });
    expect(code(call("reversePrepaidTransaction", { params: { prepaid_transaction_uuid: last.uuid } }))).toBe(55031);
    const unknown = call("reversePrepaidTransaction", { params: { prepaid_transaction_uuid: UNKNOWN } });
    expect(code(unknown)).toBe(1003);
    expect(Object.keys(errors(unknown)!)).toEqual(["prepaid_transaction_uuid"]);
  });

  it("refuses a reversal that would take the balance below zero", () => {
    const { call, balance } = load();
    const topUp = data(call("createPrepaidTransaction", byUuid(seedContacts.withoutTier, 3000)));
    call("createPrepaidTransaction", byUuid(seedContacts.withoutTier, -2000));
    const refused = call("reversePrepaidTransaction", { params: { prepaid_transaction_uuid: topUp.uuid } });
    expect(code(refused)).toBe(1003);
    expect(balance(seedContacts.withoutTier)).toBe(1000);
  });

  it("lists by contact and shop, oldest first, a page at a time", () => {
    const { call } = load();
    const mine = data(call("createPrepaidTransaction", { body: { contact_uuid: seedContacts.withTier, amount_in_cents: 700, shop_uuid: seedShops.web } }));
    const all = call("listPrepaidTransactions", { query: { limit: 2, page: 2 } });
    expect(data(all).map((t: { uuid: string }) => t.uuid)).toEqual([mine.uuid]);
    expect(body(all).meta).toEqual({ current_page: 2, from: 3, last_page: 2, per_page: 2, total: 3 });
    expect(data(call("listPrepaidTransactions", { query: { shop_uuid: seedShops.web } }))).toEqual([{ ...mine, contact: { uuid: seedContacts.withTier, email: "spongebob@bikinibottom.sea" } }]);
    expect(data(call("listPrepaidTransactions", { query: { contact_uuid: seedContacts.withoutTier } }))).toEqual([]);
  });

  it("puts a prepaid_transaction_created event on the Change, its payload valid for the spec's webhook", () => {
    const { call } = load();
    const created = call("createPrepaidTransaction", byUuid(seedContacts.prepaid, -500)) as Change;
    const reversed = call("reversePrepaidTransaction", { params: { prepaid_transaction_uuid: data(created).uuid } }) as Change;
    for (const change of [created, reversed]) {
      // eventsOf checks each payload against the spec's webhook schema for its event.
      expect(eventsOf(change)).toEqual([
        { event: "prepaid_transaction_created", data: { prepaid_transaction: { ...data(change), contact: { uuid: seedContacts.prepaid, email: "ada@example.com" } } } },
      ]);
    }
    // A refusal changes nothing and emits nothing.
    expect((call("createPrepaidTransaction", byUuid(seedContacts.withoutTier, -1)) as Partial<Change>).events).toBeUndefined();
  });

  it("undoes a transaction and a reversal: balances, history and the reversed mark as they were", () => {
    const { call, store } = load();
    const before = store.snapshot();
    (call("createPrepaidTransaction", byUuid(seedContacts.prepaid, 1234)) as Change).undo();
    const last = data(call("listPrepaidTransactions"))[1];
    (call("reversePrepaidTransaction", { params: { prepaid_transaction_uuid: last.uuid } }) as Change).undo();
    expect(store.snapshot()).toEqual(before);
    expect(data(call("reversePrepaidTransaction", { params: { prepaid_transaction_uuid: last.uuid } })).amount_in_cents).toBe(1000);
  });
});

describe("prepaid_transaction_created over HTTP", () => {
  it("is delivered to a subscribed receiver for a transaction and its reversal, not for a refusal", async () => {
    const bodies: { type: string; data: { prepaid_transaction: { uuid: string; amount_in_cents: number } } }[] = [];
    const hook = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", () => {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => new Promise<void>((resolve) => hook.close(() => resolve())));
    const port = (hook.address() as { port: number }).port;
    const api = await startTestServer({ seed: { webhookSubscriptions: [] } });
    const subscribed = await api.postJson("/webhook-subscriptions", { name: "prepaid", event_type: "prepaid_transaction_created", url: `http://127.0.0.1:${port}/hook` });
    expect(subscribed.status).toBe(201);

    const paid = await api.postJson("/prepaid-transactions", { contact_uuid: seedContacts.prepaid, amount_in_cents: -1500, shop_uuid: shop });
    expect(paid.status).toBe(200);
    expect((await api.postJson("/prepaid-transactions", { contact_uuid: seedContacts.prepaid, amount_in_cents: -999_999, shop_uuid: shop })).status).toBe(400);
    const reversed = await api.request(`/prepaid-transactions/${paid.body.data.uuid}/reverse`, { method: "POST" });
    expect(reversed.status).toBe(200);
    await api.mock.deliveriesSettled();
    expect(bodies.map((b) => [b.type, b.data.prepaid_transaction.uuid, b.data.prepaid_transaction.amount_in_cents])).toEqual([
      ["prepaid_transaction_created", paid.body.data.uuid, -1500],
      ["prepaid_transaction_created", reversed.body.data.uuid, 1500],
    ]);
  });
});
