// A contact's credits against the stateful mock, through the generated client: an order
// awards credits, a reward spends them, a return takes the order's back; the balance and
// the loyalty transactions are read after every step, and the refusals come back as codes.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedShops, startMockServer, type MockServer } from "@leat-openapi/mock-server";
import { createLeatClient, LeatApiError, LeatErrorCode, type CreateOrderBody, type LeatClient } from "../src/index.js";

let mock: MockServer;
let leat: LeatClient;
// Every answer the mock gives here is checked against the spec.
const mismatches: unknown[] = [];

beforeAll(async () => {
  mock = await startMockServer({ port: 0, validateResponses: (m) => void mismatches.push(m) });
  leat = createLeatClient({ apiKey: "mock-ledger-token", baseUrl: mock.url });
});
afterAll(async () => {
  await mock?.close();
  expect(JSON.stringify(mismatches)).toBe("[]");
});

async function refusal(promise: Promise<unknown>): Promise<number | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeatApiError);
  return (error as LeatApiError).code;
}

/** A till's order: two lines and a charge, in cents. */
function tillOrder(contactUuid: string, externalIdentifier: string): CreateOrderBody {
  return {
    external_identifier: externalIdentifier,
    status: "COMPLETED",
    payment_status: "PAID",
    total_order_amount: 6450,
    contact: { uuid: contactUuid },
    business_profile: { uuid: seedShops.physical },
    line_items: [
      { external_identifier: `${externalIdentifier}-1`, name: "Krabby Patty", quantity: 4, price: 1250, total_amount: 5000 },
      { external_identifier: `${externalIdentifier}-2`, name: "Kelp Soda", quantity: 2, price: 450, total_amount: 900 },
    ],
    charges: [{ external_identifier: `${externalIdentifier}-tip`, name: "Tip", total_amount: 550 }],
  };
}

describe("credits on the mock: an order, a reward, a return", () => {
  it("awards credits for an order, takes them back on a return, and never below zero", async () => {
    const contact = await leat.contacts.findOrCreate({ email: "puff@bikinibottom.sea" });
    const balance = async () => (await leat.contacts.getCreditBalance(contact.uuid)).balance;
    // The contact's loyalty transactions, newest first: each one's signed credits.
    const ledger = async () => (await leat.loyaltyTransactions.list({ contact_uuid: contact.uuid })).map((t) => t.credits);
    expect(await balance()).toBe(0);
    expect(await ledger()).toEqual([]);

    // 6450 cents are €64.50: 64 credits, the same rule as a credit reception's purchase amount.
    const { line_items, charges, business_profile, total_order_amount } = tillOrder(contact.uuid, "SIM");
    const simulated = await leat.orders.simulate({ contact: { uuid: contact.uuid }, business_profile, total_order_amount, line_items, charges });
    expect(simulated).toEqual({ type: "points_transaction", data: { points: 64 } });
    expect(await balance()).toBe(0);
    expect(await ledger()).toEqual([]);

    const { order, result } = await leat.orders.createAndProcess(tillOrder(contact.uuid, "TILL-1"));
    expect(result).toEqual({ type: "POINTS_TRANSACTION", data: { points: 64, new_balance: 64 } });
    expect(await balance()).toBe(64);
    expect(await ledger()).toEqual([64]);
    const [earned] = await leat.loyaltyTransactions.list({ contact_uuid: contact.uuid });
    expect(earned).toMatchObject({ type: "credit_reception", unit_value: 64.5, order: { uuid: order.uuid }, shop: { uuid: seedShops.physical } });
    expect((await leat.orders.find({ external_identifier: "TILL-1" })).uuid).toBe(order.uuid);
    expect(await refusal(leat.orders.process(order.uuid!))).toBe(LeatErrorCode.InvalidInput);
    expect(await balance()).toBe(64);
    expect(await ledger()).toEqual([64]);

    // The sodas come back: 900 of 6450 cents, so ⌊64 × 900 / 6450⌋ = 8 credits.
    const sodas = await leat.orderReturns.createAndProcess({
      order: { uuid: order.uuid! },
      external_identifier: "TILL-1-R1",
      status: "COMPLETED",
      line_items: [{ external_identifier: "TILL-1-2", quantity: 2 }],
    });
    expect(sodas.result).toEqual({ type: "POINTS_TRANSACTION", data: { points: 8, new_balance: 56 } });
    expect(await balance()).toBe(56);
    expect(await ledger()).toEqual([-8, 64]);
    expect(await refusal(leat.orderReturns.createAndProcess({ order: { uuid: order.uuid! }, external_identifier: "TILL-1-R2", status: "COMPLETED", line_items: [{ external_identifier: "TILL-1-2", quantity: 1 }] }))).toBe(
      LeatErrorCode.InvalidInput,
    );

    // The rest comes back: the order's 64 credits are all taken back, no more.
    const rest = await leat.orderReturns.createAndProcess({
      order: { external_identifier: "TILL-1" },
      external_identifier: "TILL-1-R3",
      status: "COMPLETED",
      line_items: [{ external_identifier: "TILL-1-1", quantity: 4 }],
      charges: [{ external_identifier: "TILL-1-tip", total_amount: 550 }],
    });
    expect(rest.result).toEqual({ type: "POINTS_TRANSACTION", data: { points: 56, new_balance: 0 } });
    expect(await balance()).toBe(0);
    expect(await ledger()).toEqual([-56, -8, 64]);
  });
});

describe("the README's worked example", () => {
  it("is examples/order-then-reward.ts, as written there", () => {
    const example = readFileSync(new URL("../examples/order-then-reward.ts", import.meta.url), "utf8");
    const code = example.split("// README-EXAMPLE-START\n")[1]!.split("// README-EXAMPLE-END")[0]!;
    expect(code).toContain("export async function awardThenRedeem");
    expect(readFileSync(new URL("../README.md", import.meta.url), "utf8")).toContain("```ts\n" + code + "```");
  });
});
