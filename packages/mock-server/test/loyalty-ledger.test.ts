// The loyalty ledger on its own, without HTTP: the balance it moves is the contacts module's,
// debits never make it negative, undo restores exactly, and the list is newest first with the
// "viewing" pagination meta.
import { describe, expect, it } from "vitest";
import type { Answer, Serialized } from "../src/answer.js";
import type { MockModule } from "../src/module.js";
import { seedContacts } from "../src/modules/contact-tiers.js";
import { creditsFor, ledger, loyaltyTransactions, type Posting, type Refusal } from "../src/modules/loyalty-transactions.js";
import { seedShops } from "../src/modules/shops.js";
import type { AnyJson } from "./helpers.js";
import { ctx, storeOf } from "./module-harness.js";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

/** Every module loaded from its defaults; the handlers and the ledger over those states. */
function load() {
  const { store, call } = storeOf();
  const peer = <S>(m: MockModule<S>) => store.stateOf(m);
  return { call, book: ledger(peer), peer };
}
const json = (answer: Answer) => (answer.body instanceof Object && "text" in answer.body ? JSON.parse((answer.body as Serialized).text) : answer.body) as { data: AnyJson; meta: AnyJson; code?: number };
const ok = (result: Posting | Refusal): Posting => {
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result;
};

describe("loyalty ledger", () => {
  it("seeds the spec's loyalty transactions, and their contact with the example's balance", () => {
    const { call, book } = load();
    const example = ctx.successExamples("listLoyaltyTransactions")[0]!;
    const listed = json(call("listLoyaltyTransactions"));
    // The contact is rendered live (the seeded member's own email; no balance record id).
    // `channel` is in no example; the mock adds it to every reception (Leat's PHP SDK reads it).
    const withoutContact = (items: AnyJson[]) =>
      items.map(({ contact, channel: _channel, ...rest }) => ({ ...rest, contact: { uuid: contact.uuid, balance: contact.credit_balance.balance } }));
    expect(withoutContact(listed.data)).toEqual(withoutContact(example.data as AnyJson[]));
    expect(listed.data.map((item: AnyJson) => item.channel)).toEqual((example.data as AnyJson[]).map(() => "OAUTH_API"));
    expect(book.balance(seedContacts.loyaltyMember)).toBe((example.data as AnyJson)[0].contact.credit_balance.balance);
  });

  it("credits and debits the contacts module's balance, refuses to go below zero, and undoes exactly", () => {
    const { call, book } = load();
    const contact = seedContacts.withoutTier;
    const credited = ok(book.credit(contact, 30, { type: "credit_reception", shop_uuid: seedShops.physical }));
    expect(credited.balance).toBe(30);
    expect(json(call("getContactCreditBalance", { params: { contact_uuid: contact } })).data).toEqual({ balance: 30 });
    const refused = book.debit(contact, 31, { type: "reward_reception" });
    expect(refused).toEqual({ ok: false, error: "InsufficientCredits", balance: 30 });
    const debited = ok(book.debit(contact, 30, { type: "reward_reception" }));
    expect(debited.entry.credits).toBe(-30);
    expect(book.balance(contact)).toBe(0);
    expect(book.entries({ contactUuid: contact }).map((e) => e.uuid)).toEqual([debited.entry.uuid, credited.entry.uuid]);
    debited.undo();
    credited.undo();
    expect(book.balance(contact)).toBe(0);
    expect(book.entries({ contactUuid: contact })).toEqual([]);
    expect(book.find(credited.entry.uuid)).toBeUndefined();
    expect(book.credit(UNKNOWN, 1, { type: "credit_reception" })).toEqual({ ok: false, error: "ContactNotFound", balance: null });
    expect(() => book.credit(contact, -1, { type: "credit_reception" })).toThrow(RangeError);
    expect(() => book.debit(contact, 1.5, { type: "reward_reception" })).toThrow(RangeError);
    expect(book.balance(contact)).toBe(0);
  });

  it("refuses a credit that would pass the program's max_amount", () => {
    const { book } = load();
    const max = (ctx.successExamples("getLoyaltyProgram")[0]!.data as { max_amount: number }).max_amount;
    expect(ok(book.credit(seedContacts.withoutTier, max, { type: "credit_reception" })).balance).toBe(max);
    expect(book.credit(seedContacts.withoutTier, 1, { type: "credit_reception" })).toEqual({ ok: false, error: "MaximumCreditsReached", balance: max });
  });

  it("rounds unit values toward zero", () => {
    expect([creditsFor(41.16), creditsFor(10.4), creditsFor(-6.75), creditsFor(0.99), creditsFor(-0.5)]).toEqual([41, 10, -6, 0, 0]);
  });

  it("lists newest first, filters, and paginates with viewing meta", () => {
    const { call, book } = load();
    const contact = seedContacts.withoutTier;
    const made = [1, 2, 3].map((n) => ok(book.credit(contact, n, { type: "credit_reception", shop_uuid: seedShops.web })).entry.uuid);
    const page = (query: object) => json(call("listLoyaltyTransactions", { query: { contact_uuid: contact, ...query } }));
    expect(page({}).data.map((i: { uuid: string }) => i.uuid)).toEqual([...made].reverse());
    expect(page({ sort: "created_at" }).data.map((i: { uuid: string }) => i.uuid)).toEqual(made);
    const second = page({ limit: 2, page: 2 });
    expect(second.data.map((i: { uuid: string }) => i.uuid)).toEqual([made[0]]);
    expect(second.meta).toEqual({ page: 2, limit: 2, viewing_from: 3, viewing_to: 3, last_page: 2, total: 3 });
    expect(page({ type: "reward_receptions" }).meta.total).toBe(0);
    expect(page({}).data[0]).toMatchObject({ type: "credit_reception", credits: 3, contact: { uuid: contact, credit_balance: { balance: 6 } }, shop: { uuid: seedShops.web } });
    expect(json(call("listLoyaltyTransactions", { query: { contact_uuid: UNKNOWN } })).code).toBe(55031);
    expect(json(call("listLoyaltyTransactions", { query: { shop_uuid: UNKNOWN } })).code).toBe(1008);
    expect(json(call("listLoyaltyTransactions", { query: { shop_uuid: seedShops.web } })).meta.total).toBe(3);
  });

  it("refuses a state whose reversal names no earlier entry", () => {
    const part = loyaltyTransactions.defaults(ctx) as { loyaltyTransactions: { reversal_of: string | null }[] };
    part.loyaltyTransactions[0]!.reversal_of = UNKNOWN;
    expect(() => loyaltyTransactions.load(ctx, part as never)).toThrow(`loyaltyTransactions[0].reversal_of ${UNKNOWN} names no earlier entry`);
  });
});
