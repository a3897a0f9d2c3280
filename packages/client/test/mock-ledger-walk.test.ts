// A contact's credits against the stateful mock, through the generated client: an order
// awards credits, a reward spends them, a voucher is redeemed, a return takes the order's
// back; the balance and the loyalty transactions are read after every step, and the
// refusals (1017, a voucher redeemed twice, a second processing) come back as codes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seedRewards, seedShops, seedVouchers } from "@leat-openapi/mock-server";
import { LeatErrorCode, type CreateOrderBody } from "../src/index.js";
import { onMock, refusal } from "./on-mock.js";

const on = onMock("mock-ledger-token");

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
  it("awards an order's credits, spends them on a reward, refuses an over-spend and a second voucher redemption, and takes the rest back on a return", async () => {
    const contact = await on.leat.contacts.findOrCreate({ email: "puff@bikinibottom.sea" });
    expect((await on.leat.contacts.findOrCreate({ email: "puff@bikinibottom.sea" })).uuid).toBe(contact.uuid);
    const balance = async () => (await on.leat.contacts.getCreditBalance(contact.uuid)).balance;
    // The contact's loyalty transactions, newest first: each one's type and signed credits.
    const ledger = async () => (await on.leat.loyaltyTransactions.list({ contact_uuid: contact.uuid })).map((t) => `${t.type} ${t.credits}`);
    expect(await balance()).toBe(0);
    expect(await ledger()).toEqual([]);

    // 6450 cents are €64.50: 64 credits, the same rule as a credit reception's purchase amount.
    const { line_items, charges, business_profile, total_order_amount } = tillOrder(contact.uuid, "SIM");
    const simulated = await on.leat.orders.simulate({ contact: { uuid: contact.uuid }, business_profile, total_order_amount, line_items, charges });
    expect(simulated).toEqual({ type: "points_transaction", data: { points: 64 } });
    expect(await balance()).toBe(0);
    expect(await ledger()).toEqual([]);

    const { order, result } = await on.leat.orders.createAndProcess(tillOrder(contact.uuid, "TILL-1"));
    expect(result).toEqual({ type: "POINTS_TRANSACTION", data: { points: 64, new_balance: 64 } });
    expect(await balance()).toBe(64);
    expect(await ledger()).toEqual(["credit_reception 64"]);
    const [earned] = await on.leat.loyaltyTransactions.list({ contact_uuid: contact.uuid });
    expect(earned).toMatchObject({ type: "credit_reception", unit_value: 64.5, order: { uuid: order.uuid }, shop: { uuid: seedShops.physical } });
    expect((await on.leat.orders.find({ external_identifier: "TILL-1" })).uuid).toBe(order.uuid);
    expect(await refusal(on.leat.orders.process(order.uuid!))).toBe(LeatErrorCode.InvalidInput);
    expect(await balance()).toBe(64);

    // With 64 credits the contact can claim the 25- and 50-credit rewards, not the 150-credit hat.
    const claimable = await on.leat.rewards.list({ contact_uuid: contact.uuid });
    expect(claimable.map((r) => r.uuid).sort()).toEqual([seedRewards.claimLimited, seedRewards.physical].sort());
    const reception = await on.leat.rewardReceptions.create({ contact_uuid: contact.uuid, reward_uuid: seedRewards.physical, shop_uuid: seedShops.physical });
    expect(reception).toMatchObject({ credits: -50, contact: { credit_balance: { balance: 14 } } });
    expect(await balance()).toBe(14);
    expect(await ledger()).toEqual(["reward_reception -50", "credit_reception 64"]);
    expect((await on.leat.rewards.list({ contact_uuid: contact.uuid })).map((r) => r.uuid)).toEqual([]);

    // Over-spend: the hat costs 150.
    expect(await refusal(on.leat.rewardReceptions.create({ contact_uuid: contact.uuid, reward_uuid: seedRewards.lastInStock, shop_uuid: seedShops.physical }))).toBe(
      LeatErrorCode.InsufficientCredits,
    );
    expect(await balance()).toBe(14);
    expect(await ledger()).toEqual(["reward_reception -50", "credit_reception 64"]);

    // A single-use voucher is redeemed once; the second redemption is refused.
    const voucher = { code: seedVouchers.unassigned.code, shop_uuid: seedShops.physical, contact_uuid: contact.uuid };
    await expect(on.leat.vouchers.redeem(voucher)).resolves.toMatchObject({ code: seedVouchers.unassigned.code });
    expect(await refusal(on.leat.vouchers.redeem(voucher))).toBe(LeatErrorCode.VoucherAlreadyRedeemed);
    expect(await balance()).toBe(14);

    // The sodas come back: 900 of 6450 cents, so ⌊64 × 900 / 6450⌋ = 8 credits.
    const sodas = await on.leat.orderReturns.createAndProcess({
      order: { uuid: order.uuid! },
      external_identifier: "TILL-1-R1",
      status: "COMPLETED",
      line_items: [{ external_identifier: "TILL-1-2", quantity: 2 }],
    });
    expect(sodas.result).toEqual({ type: "POINTS_TRANSACTION", data: { points: 8, new_balance: 6 } });
    expect(await balance()).toBe(6);
    expect(await ledger()).toEqual(["credit_reception -8", "reward_reception -50", "credit_reception 64"]);
    const oneMore = { order: { uuid: order.uuid! }, external_identifier: "TILL-1-R2", status: "COMPLETED" as const, line_items: [{ external_identifier: "TILL-1-2", quantity: 1 }] };
    expect(await refusal(on.leat.orderReturns.createAndProcess(oneMore))).toBe(LeatErrorCode.InvalidInput);

    // The rest comes back: it would take 56 more, but the contact spent 50 on the reward, so the 6 left go and the balance stops at zero.
    const rest = await on.leat.orderReturns.createAndProcess({
      order: { external_identifier: "TILL-1" },
      external_identifier: "TILL-1-R3",
      status: "COMPLETED",
      line_items: [{ external_identifier: "TILL-1-1", quantity: 4 }],
      charges: [{ external_identifier: "TILL-1-tip", total_amount: 550 }],
    });
    expect(rest.result).toEqual({ type: "POINTS_TRANSACTION", data: { points: 6, new_balance: 0 } });
    expect(await balance()).toBe(0);
    expect(await ledger()).toEqual(["credit_reception -6", "credit_reception -8", "reward_reception -50", "credit_reception 64"]);
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

describe("the README's worked example against the mock", () => {
  it("awards the order's credits and claims the dearest reward the contact can afford", async () => {
    const { awardThenRedeem } = await import("../examples/order-then-reward.js");
    const contact = await on.leat.contacts.findOrCreate({ email: "larry@bikinibottom.sea" });
    const outcome = await awardThenRedeem(on.leat, tillOrder(contact.uuid, "README-1"), seedShops.physical);
    expect(outcome).toMatchObject({ awarded: 64, balance: 14, reception: { credits: -50, reward: { uuid: seedRewards.physical } } });
    // A small order later: 14 + 4 credits afford no reward, so nothing is claimed and nothing fails.
    const soda = [{ external_identifier: "README-2-1", name: "Kelp Soda", quantity: 1, price: 450, total_amount: 450 }];
    const again = await awardThenRedeem(on.leat, { ...tillOrder(contact.uuid, "README-2"), line_items: soda, charges: [] }, seedShops.physical);
    expect(again).toEqual({ awarded: 4, balance: 18, reception: undefined });
  });
});
