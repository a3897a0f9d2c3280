// The credit receptions module on its own, without HTTP: receptions post to the ledger (the
// list and the contact's balance follow), calculate gives what create gives, the program's
// max_amount caps with 1015, reversal takes the credits back once.
import { describe, expect, it } from "vitest";
import type { Answer, Change, Serialized } from "../src/answer.js";
import { seedContacts } from "../src/modules/contact-tiers.js";
import { creditsFor } from "../src/modules/loyalty-transactions.js";
import { seedShops } from "../src/modules/shops.js";
import type { Json } from "../src/spec.js";
import { units } from "../src/modules/units.js";
import type { AnyJson } from "./helpers.js";
import { ctx, loadModules } from "./module-harness.js";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const contact_uuid = seedContacts.withoutTier;
const shop_uuid = seedShops.physical;

type Body = { data: AnyJson; meta: AnyJson; code?: number };

function load() {
  return loadModules();
}
const json = (answer: Answer): Body => (answer.body && typeof answer.body === "object" && "text" in answer.body ? JSON.parse((answer.body as Serialized).text) : answer.body) as Body;
const code = (answer: Answer) => json(answer).code;
const balance = (call: ReturnType<typeof load>, uuid: string = contact_uuid): number => json(call("getContactCreditBalance", { params: { contact_uuid: uuid } })).data.balance;
const listed = (call: ReturnType<typeof load>): { uuid: string; credits: number }[] => json(call("listLoyaltyTransactions", { query: { contact_uuid } })).data;

describe("credit receptions module", () => {
  it("awards credits from a unit value by the ledger's rule, as calculate says, with the event", () => {
    const call = load();
    const query = { shop_uuid, contact_uuid, unit_value: 41.16, unit_name: "purchase_amount" };
    const calculated = json(call("calculateCredits", { query })).data.credits;
    const created = call("createCreditReception", { body: { ...query, category: "Burgers" } }) as Change;
    const reception = json(created).data;
    expect(calculated).toBe(41);
    // `channel`: in no example, but read by Leat's PHP SDK from every reception.
    expect(reception).toMatchObject({ type: "credit_reception", channel: "OAUTH_API", credits: calculated, unit_value: 41.16, unit: { name: "purchase_amount" }, category: "Burgers", shop: { uuid: shop_uuid } });
    expect(reception.contact.credit_balance.balance).toBe(41);
    expect(balance(call)).toBe(41);
    expect(created.events).toEqual([
      { event: "credit_reception_created", data: { credit_reception: { uuid: reception.uuid, credits: 41, contact: { uuid: contact_uuid }, shop: { uuid: shop_uuid }, created_at: reception.created_at } } },
    ]);
    expect(listed(call).map((i) => i.uuid)).toEqual([reception.uuid]);
    created.undo();
    expect(balance(call)).toBe(0);
    expect(listed(call)).toEqual([]);
  });

  it("calculate equals create for any value and the default unit", () => {
    const call = load();
    for (const unit_value of [0.5, 9.99, 10, 123.45]) {
      const calculated = json(call("calculateCredits", { query: { shop_uuid, unit_value } })).data.credits;
      expect(calculated).toBe(creditsFor(unit_value));
      expect(json(call("createCreditReception", { body: { shop_uuid, contact_uuid, unit_value } })).data.credits).toBe(calculated);
    }
    expect(balance(call)).toBe(0 + 9 + 10 + 123);
  });

  it("gives credits directly, takes negative credits back, and never below zero", () => {
    const call = load();
    expect(json(call("createCreditReception", { body: { shop_uuid, contact_uuid, credits: 80 } })).data).toMatchObject({ credits: 80, unit_value: null });
    expect(json(call("createCreditReception", { body: { shop_uuid, contact_uuid, credits: -32 } })).data.credits).toBe(-32);
    expect(code(call("createCreditReception", { body: { shop_uuid, contact_uuid, credits: -49 } }))).toBe(1017);
    expect(balance(call)).toBe(48);
  });

  it("refuses with the documented codes", () => {
    const call = load();
    const create = (body: object) => code(call("createCreditReception", { body: { shop_uuid, contact_uuid, ...body } }));
    expect(create({})).toBe(1003);
    expect(create({ shop_uuid: UNKNOWN, credits: 1 })).toBe(1008);
    expect(create({ contact_uuid: UNKNOWN, credits: 1 })).toBe(55031);
    expect(create({ unit_value: 5, unit_name: "stamps" })).toBe(60007);
    expect(create({ credits: 1, contact_identifier_value: "no-such-card" })).toBe(60003);
    expect(create({ credits: 1, pos_transaction_uuid: UNKNOWN })).toBe(1027);
    expect(code(call("calculateCredits", { query: { shop_uuid: UNKNOWN, unit_value: 1 } }))).toBe(1008);
    expect(code(call("calculateCredits", { query: { shop_uuid, contact_uuid: UNKNOWN, unit_value: 1 } }))).toBe(55031);
    expect(code(call("calculateCredits", { query: { shop_uuid, unit_value: 1, unit_name: "stamps" } }))).toBe(60007);
    expect(balance(call)).toBe(0);
  });

  it("refuses a unit value without a default unit with 55046", () => {
    const defaults = units.defaults(ctx) as { units: { is_default: boolean }[] };
    const run = loadModules({ units: defaults.units.map((u) => ({ ...u, is_default: false })) as Json });
    expect(code(run("createCreditReception", { body: { shop_uuid, contact_uuid, unit_value: 5 } }))).toBe(55046);
    expect(code(run("calculateCredits", { query: { shop_uuid, unit_value: 5 } }))).toBe(55046);
    expect(json(run("createCreditReception", { body: { shop_uuid, contact_uuid, credits: 5 } })).data.credits).toBe(5);
  });

  it("caps the balance at the program's max_amount with 1015", () => {
    const call = load();
    const max = (ctx.successExamples("getLoyaltyProgram")[0]!.data as { max_amount: number }).max_amount;
    expect(json(call("createCreditReception", { body: { shop_uuid, contact_uuid, credits: max - 1 } })).data.credits).toBe(max - 1);
    expect(code(call("createCreditReception", { body: { shop_uuid, contact_uuid, unit_value: 2.5 } }))).toBe(1015);
    expect(json(call("createCreditReception", { body: { shop_uuid, contact_uuid, credits: 1 } })).data.contact.credit_balance.balance).toBe(max);
    expect(balance(call)).toBe(max);
  });

  it("reverses a reception once, with a new reception of the opposite credits", () => {
    const call = load();
    const original = json(call("createCreditReception", { body: { shop_uuid, contact_uuid, unit_value: 10.4 } })).data;
    const reversed = call("reverseCreditReception", { params: { credit_reception_uuid: original.uuid } }) as Change;
    const reversal = json(reversed).data;
    expect(reversal).toMatchObject({ type: "credit_reception", credits: -10, unit_value: 10.4, shop: { uuid: shop_uuid }, contact: { credit_balance: { balance: 0 } } });
    expect(reversal.uuid).not.toBe(original.uuid);
    expect(reversed.events?.[0]?.event).toBe("credit_reception_created");
    expect(listed(call).map((i) => [i.uuid, i.credits])).toEqual([
      [reversal.uuid, -10],
      [original.uuid, 10],
    ]);
    expect(code(call("reverseCreditReception", { params: { credit_reception_uuid: original.uuid } }))).toBe(1003);
    expect(code(call("reverseCreditReception", { params: { credit_reception_uuid: reversal.uuid } }))).toBe(1003);
    expect(code(call("reverseCreditReception", { params: { credit_reception_uuid: UNKNOWN } }))).toBe(1028);
    reversed.undo();
    expect(balance(call)).toBe(10);
    expect(json(call("reverseCreditReception", { params: { credit_reception_uuid: original.uuid } })).data.credits).toBe(-10);
  });

  it("refuses to reverse credits the contact has spent, and a reward reception", () => {
    const call = load();
    const original = json(call("createCreditReception", { body: { shop_uuid, contact_uuid, credits: 20 } })).data;
    call("createCreditReception", { body: { shop_uuid, contact_uuid, credits: -15 } });
    expect(code(call("reverseCreditReception", { params: { credit_reception_uuid: original.uuid } }))).toBe(1017);
    const reward = (ctx.successExamples("listLoyaltyTransactions")[0]!.data as { type: string; uuid: string }[]).find((i) => i.type === "reward_reception")!;
    expect(code(call("reverseCreditReception", { params: { credit_reception_uuid: reward.uuid } }))).toBe(1028);
  });

  it("reverses the seeded reception of the spec's loyalty transactions example as its reverse example shows", () => {
    const call = load();
    const seeded = (ctx.successExamples("listLoyaltyTransactions")[0]!.data as { type: string; uuid: string }[]).find((i) => i.type === "credit_reception")!;
    const before = balance(call, seedContacts.loyaltyMember);
    const example = ctx.successExamples("reverseCreditReception")[0]!.data as { credits: number };
    const reversal = json(call("reverseCreditReception", { params: { credit_reception_uuid: seeded.uuid } })).data;
    expect(reversal.credits).toBe(example.credits);
    expect(balance(call, seedContacts.loyaltyMember)).toBe(before + example.credits);
  });
});
