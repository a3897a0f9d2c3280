// The giftcards and giftcard transactions modules without HTTP, in the store with every other
// module (the shops they name, the balance a transaction moves): each rule and each refusal; and
// both balances (giftcard and prepaid) under simultaneous requests over HTTP.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Change } from "../src/answer.js";
import { giftcards, seedGiftcardPrograms, seedGiftcards, type StoredGiftcard } from "../src/modules/giftcards.js";
import { modules } from "../src/modules/index.js";
import { seedShops } from "../src/modules/shops.js";
import { seedContacts } from "../src/modules/contact-tiers.js";
import type { Json } from "../src/spec.js";
import { startTestServer } from "./helpers.js";
import { body, code, ctx, data, storeOf } from "./module-harness.js";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const shop = seedShops.physical;

/** The whole store from the spec's examples, or with some modules' keys seeded. */
const load = (seed: object = {}) => storeOf(seed as Record<string, Json>);

/** The default state with the giftcards changed (same keys, so the programs come along). */
function withCards(change: (cards: StoredGiftcard[]) => StoredGiftcard[]) {
  const part = giftcards.defaults(ctx) as unknown as { giftcardPrograms: object[]; giftcards: StoredGiftcard[] };
  return { giftcardPrograms: part.giftcardPrograms, giftcards: change(part.giftcards) };
}

describe("giftcards module", () => {
  it("seeds the example programs and cards, counts each program's cards, and finds a card by hash or uuid", () => {
    const { call } = load();
    const programs = data(call("listGiftcardPrograms"));
    const example = ctx.successExamples("listGiftcardPrograms")[0]!.data as { uuid: string; name: string }[];
    expect(programs.map((p: { uuid: string }) => p.uuid)).toEqual(example.map((p) => p.uuid));
    expect(programs.find((p: { uuid: string }) => p.uuid === seedGiftcardPrograms.capped).card_count).toBe(3);
    expect(programs.find((p: { uuid: string }) => p.uuid === seedGiftcardPrograms.uncapped).card_count).toBe(0);

    const found = data(call("findGiftcardByHash", { query: { hash: "41654" } }));
    expect(found).toMatchObject({ id: 41654, uuid: seedGiftcards.withTransactions, amount_in_cents: 1500, amount: 15, display_amount: "€15.00", expiration_date: null });
    expect(found.giftcard_program).toMatchObject({ uuid: seedGiftcardPrograms.capped, max_amount_in_cents: 51000 });
    expect(data(call("getGiftcard", { params: { giftcard_uuid: seedGiftcards.withTransactions.toUpperCase() } }))).toEqual(found);
    expect(data(call("findGiftcardByHash", { query: { hash: "PIGGY345" } })).uuid).toBe(seedGiftcards.withoutTransactions);
    expect(data(call("getGiftcard", { params: { giftcard_uuid: seedGiftcards.expired } })).expiration_date).toBe("2024-12-10T16:26:20+00:00");

    expect(code(call("findGiftcardByHash", { query: { hash: "nope" } }))).toBe(5001);
    expect(code(call("getGiftcard", { params: { giftcard_uuid: UNKNOWN } }))).toBe(5001);
  });

  it("creates digital cards only, in a known program, with a zero balance, and undoes", () => {
    const { call } = load();
    expect(code(call("createGiftcard", { body: { type: 0, giftcard_program_uuid: seedGiftcardPrograms.capped } }))).toBe(55021);
    expect(code(call("createGiftcard", { body: { type: 1, giftcard_program_uuid: UNKNOWN } }))).toBe(1100);
    const before = Date.now();
    const created = call("createGiftcard", { body: { type: 1, giftcard_program_uuid: seedGiftcardPrograms.capped } }) as Change;
    const card = data(created);
    expect(card).toMatchObject({ type: "DIGITAL", amount_in_cents: 0, display_amount: "€0.00", active: true, upgradeable: true, hash: String(card.id), giftcard_recipients: [] });
    // The program's `expiration_days` (394) from now.
    expect(Date.parse(card.expiration_date) - before).toBeGreaterThanOrEqual(394 * 86_400_000 - 1000);
    expect(Date.parse(card.expiration_date) - Date.now()).toBeLessThanOrEqual(394 * 86_400_000);
    expect(data(call("findGiftcardByHash", { query: { hash: card.hash } })).uuid).toBe(card.uuid);
    expect(data(call("listGiftcardPrograms"))[0].card_count).toBe(4);
    // A program without `expiration_days` issues cards that do not expire.
    expect(data(call("createGiftcard", { body: { type: 1, giftcard_program_uuid: seedGiftcardPrograms.uncapped } })).expiration_date).toBeNull();
    created.undo();
    expect(code(call("getGiftcard", { params: { giftcard_uuid: card.uuid } }))).toBe(5001);
  });

  it("lists cards a page at a time, of one program when asked, refusing an unknown program", () => {
    const { call } = load();
    const page = call("listGiftcards", { query: { limit: 2, page: 2 } });
    expect(data(page).map((c: { uuid: string }) => c.uuid)).toEqual([seedGiftcards.expired]);
    expect(body(page).meta).toEqual({ page: 2, per_page: 2, last_page: 2, total: 3 });
    expect(data(call("listGiftcards", { query: { giftcard_program_uuid: seedGiftcardPrograms.uncapped } }))).toEqual([]);
    expect(data(call("listGiftcards", { query: { giftcard_program_uuid: seedGiftcardPrograms.capped } }))).toHaveLength(3);
    expect(code(call("listGiftcards", { query: { giftcard_program_uuid: UNKNOWN } }))).toBe(1100);
  });

  it("answers a send by email for a card it holds, 5001 otherwise", () => {
    const { call } = load();
    expect(data(call("sendGiftcardByEmail", { params: { uuid: seedGiftcards.withTransactions }, body: { contact_uuid: UNKNOWN } }))).toEqual(
      ctx.successExamples("sendGiftcardByEmail")[0]!.data,
    );
    expect(code(call("sendGiftcardByEmail", { params: { uuid: UNKNOWN }, body: { contact_uuid: UNKNOWN } }))).toBe(5001);
  });

  it("refuses a seed whose card names no program or repeats a hash", () => {
    expect(() => load(withCards((cards) => [{ ...cards[0]!, giftcard_program_uuid: UNKNOWN }]))).toThrow(`giftcards[0].giftcard_program_uuid ${UNKNOWN} matches no giftcard program's uuid`);
    expect(() => load(withCards((cards) => [cards[0]!, { ...cards[1]!, hash: cards[0]!.hash }]))).toThrow(`giftcards[1].hash repeats ${"41654"}`);
  });
});

describe("giftcard transactions module", () => {
  const pay = (giftcard_uuid: string, amount_in_cents: number) => ({ body: { giftcard_uuid, amount_in_cents, shop_uuid: shop } });
  const balance = (call: ReturnType<typeof load>["call"], uuid: string) => data(call("getGiftcard", { params: { giftcard_uuid: uuid } })).amount_in_cents;

  it("walks a new card 0 -> top-up -> spend, refuses an over-spend, reverses only the last transaction", () => {
    const { call } = load();
    const card = data(call("createGiftcard", { body: { type: 1, giftcard_program_uuid: seedGiftcardPrograms.capped } }));
    const topUp = data(call("createGiftcardTransaction", pay(card.uuid, 2500)));
    expect(topUp).toMatchObject({ amount_in_cents: 2500, type: "STANDARD", settled: false, card: { id: card.id, uuid: card.uuid }, shop: { uuid: shop, name: "Krusty Krab" }, settlements: [] });
    expect(balance(call, card.uuid)).toBe(2500);
    const spend = data(call("createGiftcardTransaction", pay(card.uuid, -1000)));
    expect(balance(call, card.uuid)).toBe(1500);
    expect(code(call("createGiftcardTransaction", pay(card.uuid, -1501)))).toBe(5003);
    expect(balance(call, card.uuid)).toBe(1500);
    expect(data(call("getGiftcardTransaction", { params: { giftcard_transaction_uuid: spend.uuid } }))).toEqual(spend);

    // Only the card's last transaction can be reversed (55025).
    expect(code(call("reverseGiftcardTransaction", { params: { giftcard_transaction_uuid: topUp.uuid } }))).toBe(55025);
    const reversal = data(call("reverseGiftcardTransaction", { params: { giftcard_transaction_uuid: spend.uuid } }));
    expect(reversal).toMatchObject({ amount_in_cents: 1000, card: { uuid: card.uuid }, shop: spend.shop });
    expect(balance(call, card.uuid)).toBe(2500);
    expect(code(call("reverseGiftcardTransaction", { params: { giftcard_transaction_uuid: spend.uuid } }))).toBe(55025);
    expect(balance(call, card.uuid)).toBe(2500);
    // The reversal is now the last: reversing it spends again.
    expect(data(call("reverseGiftcardTransaction", { params: { giftcard_transaction_uuid: reversal.uuid } })).amount_in_cents).toBe(-1000);
    expect(balance(call, card.uuid)).toBe(1500);
  });

  it("keeps the seeded card's history, and the spec's request examples succeed against it", () => {
    const { call } = load();
    const history = data(call("listGiftcardTransactions", { query: { giftcard_hash: "41654" } }));
    expect(history.map((t: { amount_in_cents: number }) => t.amount_in_cents)).toEqual([2500, -1000]);
    expect(balance(call, seedGiftcards.withTransactions)).toBe(1500);
    expect(data(call("createGiftcardTransaction", pay(seedGiftcards.withTransactions, -1000))).amount_in_cents).toBe(-1000);
    expect(balance(call, seedGiftcards.withTransactions)).toBe(500);
    const fresh = load().call;
    // The reverse example's transaction is the card's last one: a payment, put back.
    expect(data(fresh("reverseGiftcardTransaction", { params: { giftcard_transaction_uuid: history[1].uuid } })).amount_in_cents).toBe(1000);
    expect(balance(fresh, seedGiftcards.withTransactions)).toBe(2500);
  });

  it("refuses a top-up of a card that cannot be incremented (5006), but lets it pay", () => {
    const { call } = load(withCards((cards) => cards.map((c) => ({ ...c, upgradeable: false }))));
    expect(code(call("createGiftcardTransaction", pay(seedGiftcards.withTransactions, 1)))).toBe(5006);
    expect(data(call("createGiftcardTransaction", pay(seedGiftcards.withTransactions, -500))).amount_in_cents).toBe(-500);
    // Reversing that payment is a top-up, refused the same way.
    const last = data(call("listGiftcardTransactions", { query: { sort: "-created_at", perPage: 1 } }))[0];
    expect(code(call("reverseGiftcardTransaction", { params: { giftcard_transaction_uuid: last.uuid } }))).toBe(5006);
    expect(balance(call, seedGiftcards.withTransactions)).toBe(1000);
  });

  it("refuses a top-up past the program's maximum balance (5008); a program without one has no limit", () => {
    const { call } = load();
    expect(code(call("createGiftcardTransaction", pay(seedGiftcards.withTransactions, 51000 - 1500 + 1)))).toBe(5008);
    expect(balance(call, seedGiftcards.withTransactions)).toBe(1500);
    expect(data(call("createGiftcardTransaction", pay(seedGiftcards.withTransactions, 51000 - 1500))).amount_in_cents).toBe(49500);
    const uncapped = data(call("createGiftcard", { body: { type: 1, giftcard_program_uuid: seedGiftcardPrograms.uncapped } }));
    call("createGiftcardTransaction", pay(uncapped.uuid, 10_000_000));
    expect(balance(call, uncapped.uuid)).toBe(10_000_000);
  });

  it("refuses every transaction on an expired card (5002) and on an inactive one (7010)", () => {
    const { call } = load();
    expect(code(call("createGiftcardTransaction", pay(seedGiftcards.expired, 100)))).toBe(5002);
    expect(code(call("createGiftcardTransaction", pay(seedGiftcards.expired, -100)))).toBe(5002);
    expect(balance(call, seedGiftcards.expired)).toBe(1500);
    const inactive = load(withCards((cards) => cards.map((c) => ({ ...c, active: false })))).call;
    expect(code(inactive("createGiftcardTransaction", pay(seedGiftcards.withoutTransactions, -100)))).toBe(7010);
  });

  it("refuses a reversal that would take the card below zero (5003)", () => {
    // Only a card's last transaction can be reversed, so only a seeded balance lower than its last top-up gets here.
    const topUp = (ctx.successExamples("listGiftcardTransactions")[0]!.data as { uuid: string; amount_in_cents: number }[])[0]!;
    const seed = { ...withCards((cards) => cards.map((c) => ({ ...c, amount_in_cents: 1000 }))), giftcardTransactions: [topUp] };
    const { call } = load(seed);
    expect(topUp.amount_in_cents).toBe(2500);
    expect(code(call("reverseGiftcardTransaction", { params: { giftcard_transaction_uuid: topUp.uuid } }))).toBe(5003);
    expect(balance(call, seedGiftcards.withTransactions)).toBe(1000);
  });

  it("answers 5010 for an unknown transaction, 5001 for an unknown card and 1008 for an unknown shop", () => {
    const { call } = load();
    expect(code(call("getGiftcardTransaction", { params: { giftcard_transaction_uuid: UNKNOWN } }))).toBe(5010);
    expect(code(call("reverseGiftcardTransaction", { params: { giftcard_transaction_uuid: UNKNOWN } }))).toBe(5010);
    expect(code(call("correctGiftcardTransaction", { params: { giftcard_transaction_uuid: UNKNOWN } }))).toBe(5010);
    expect(code(call("createGiftcardTransaction", pay(UNKNOWN, 100)))).toBe(5001);
    expect(code(call("createGiftcardTransaction", { body: { giftcard_uuid: seedGiftcards.withTransactions, amount_in_cents: 100, shop_uuid: UNKNOWN } }))).toBe(1008);
    expect(balance(call, seedGiftcards.withTransactions)).toBe(1500);
  });

  it("corrects like it reverses: the opposite amount, on the last transaction only", () => {
    const { call } = load();
    const [topUp, payment] = data(call("listGiftcardTransactions", { query: { giftcard_hash: "41654" } }));
    expect(code(call("correctGiftcardTransaction", { params: { giftcard_transaction_uuid: topUp.uuid } }))).toBe(55025);
    expect(data(call("correctGiftcardTransaction", { params: { giftcard_transaction_uuid: payment.uuid } })).amount_in_cents).toBe(1000);
    expect(balance(call, seedGiftcards.withTransactions)).toBe(2500);
  });

  it("lists by card, program, shop and creation window, sorted either way, a page at a time", () => {
    const { call } = load();
    const extra = data(call("createGiftcardTransaction", { body: { giftcard_uuid: seedGiftcards.withoutTransactions, amount_in_cents: 100, shop_uuid: seedShops.web, custom_attributes: { transaction_hash: "x" } } }));
    expect(extra.custom_attributes).toEqual({ transaction_hash: "x" });
    const all = call("listGiftcardTransactions");
    expect(data(all)).toHaveLength(3);
    expect(body(all).meta).toEqual({ page: 1, limit: 10, viewing_from: 1, viewing_to: 3, last_page: 1, total: 3 });
    expect(data(call("listGiftcardTransactions", { query: { giftcard_hash: "PIGGY345" } })).map((t: { uuid: string }) => t.uuid)).toEqual([extra.uuid]);
    expect(data(call("listGiftcardTransactions", { query: { giftcard_hash: "unknown" } }))).toEqual([]);
    expect(data(call("listGiftcardTransactions", { query: { giftcard_program_uuid: seedGiftcardPrograms.uncapped } }))).toEqual([]);
    expect(data(call("listGiftcardTransactions", { query: { shop_uuid: seedShops.web } })).map((t: { uuid: string }) => t.uuid)).toEqual([extra.uuid]);
    const window = { gte: "2023-11-12T16:30:00+00:00", lt: "2023-11-12T17:10:15+00:00" };
    expect(data(call("listGiftcardTransactions", { query: { created_at: window } })).map((t: { amount_in_cents: number }) => t.amount_in_cents)).toEqual([2500]);
    expect(data(call("listGiftcardTransactions", { query: { created_at: { gt: window.gte, lte: window.lt } } })).map((t: { amount_in_cents: number }) => t.amount_in_cents)).toEqual([-1000]);
    const newest = call("listGiftcardTransactions", { query: { sort: "-created_at", perPage: 2, page: 2 } });
    expect(data(newest).map((t: { amount_in_cents: number }) => t.amount_in_cents)).toEqual([2500]);
    expect(body(newest).meta).toEqual({ page: 2, limit: 2, viewing_from: 3, viewing_to: 3, last_page: 2, total: 3 });
  });

  it("undoes a transaction: the balance and the history as they were", () => {
    const { call, store } = load();
    const before = store.snapshot();
    const change = call("createGiftcardTransaction", pay(seedGiftcards.withTransactions, -1000)) as Change;
    expect(balance(call, seedGiftcards.withTransactions)).toBe(500);
    change.undo();
    const reversal = call("reverseGiftcardTransaction", { params: { giftcard_transaction_uuid: data(call("listGiftcardTransactions"))[1].uuid } }) as Change;
    reversal.undo();
    expect(store.snapshot()).toEqual(before);
  });
});

describe("giftcard and prepaid balances under simultaneous requests", () => {
  // The check and the change run in one synchronous step, so simultaneous spends never overdraw.
  it("30 simultaneous 100-cent payments from 1500 cents: 15 pass, 15 get 5003, the card ends at 0; with --data too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leat-giftcards-"));
    for (const dataFile of [undefined, join(dir, "state.json")]) {
      const api = await startTestServer({ dataFile });
      const pay = { giftcard_uuid: seedGiftcards.withTransactions, amount_in_cents: -100, shop_uuid: shop };
      const answers = await Promise.all(Array.from({ length: 30 }, () => api.postJson("/giftcard-transactions", pay)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(15);
      expect(answers.filter((a) => a.body.code === 5003)).toHaveLength(15);
      expect((await api.request(`/giftcards/${seedGiftcards.withTransactions}`)).body.data.amount_in_cents).toBe(0);
      const prepaid = { contact_uuid: seedContacts.prepaid, amount_in_cents: -1000, shop_uuid: shop };
      const spends = await Promise.all(Array.from({ length: 10 }, () => api.postJson("/prepaid-transactions", prepaid)));
      expect(spends.filter((a) => a.status === 200)).toHaveLength(4);
      expect((await api.request(`/contacts/${seedContacts.prepaid}/prepaid-balance`)).body.data.balance_in_cents).toBe(0);
      await api.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
