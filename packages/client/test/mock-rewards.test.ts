// Spending credits on rewards against the stateful mock, through the generated client: earn
// credits, see which rewards the contact can claim, claim one, pick it up at the shop, and get
// each documented refusal back as a LeatApiError code.
import { describe, expect, it } from "vitest";
import { seedContacts, seedRewards, seedShops } from "@leat-openapi/mock-server";
import { LeatErrorCode } from "../src/index.js";
import { onMock, refusal } from "./on-mock.js";

const on = onMock("mock-rewards-token");

const contact_uuid = seedContacts.withoutTier;
const shop_uuid = seedShops.physical;
const claim = (reward_uuid: string) => on.leat.rewardReceptions.create({ contact_uuid, reward_uuid, shop_uuid });

describe("rewards on the mock", () => {
  it("earns, lists what it can claim, claims, collects once and reverses; the balance and stock follow", async () => {
    await on.mock.reset();
    expect(await on.leat.rewards.list({ contact_uuid })).toEqual([]);
    await on.leat.creditReceptions.create({ shop_uuid, contact_uuid, credits: 80 });
    const claimable = (await on.leat.rewards.list({ contact_uuid })).map((r) => r.uuid);
    expect(claimable).toEqual([seedRewards.claimLimited, seedRewards.physical]);

    const patty = await claim(seedRewards.physical);
    expect(patty).toMatchObject({ credits: -50, contact: { credit_balance: { balance: 30 } }, reward: { stock: 23 } });
    await expect(on.leat.contacts.getCreditBalance(contact_uuid)).resolves.toEqual({ balance: 30 });
    expect((await on.leat.collectableRewards.list({ contact_uuid })).map((r) => r.uuid)).toEqual([patty.uuid]);
    await expect(on.leat.collectableRewards.collect(patty.uuid)).resolves.toEqual({ uuid: patty.uuid, status: "COLLECTED" });
    expect(await refusal(on.leat.collectableRewards.collect(patty.uuid))).toBe(LeatErrorCode.RewardOrWebhookSubscriptionNotFound);

    const back = await on.leat.rewardReceptions.reverse(patty.uuid);
    expect(back).toMatchObject({ type: "credit_reception", credits: 50 });
    expect((await on.leat.rewards.get(seedRewards.physical)).stock).toBe(24);
    const types = [];
    for await (const item of on.leat.loyaltyTransactions.list({ contact_uuid })) types.push(item.type);
    expect(types).toEqual(["credit_reception", "reward_reception", "credit_reception"]);
  });

  it("refuses with the documented codes: credits short, claim limit, stock empty, inactive", async () => {
    await on.mock.reset();
    expect(await refusal(claim(seedRewards.physical))).toBe(LeatErrorCode.InsufficientCredits);
    await on.leat.creditReceptions.create({ shop_uuid, contact_uuid, credits: 1000 });
    await claim(seedRewards.claimLimited);
    expect(await refusal(claim(seedRewards.claimLimited))).toBe(LeatErrorCode.RewardClaimLimitReached);
    await claim(seedRewards.lastInStock);
    expect(await refusal(claim(seedRewards.lastInStock))).toBe(LeatErrorCode.RewardOutOfStock);
    expect(await refusal(claim(seedRewards.inactive))).toBe(LeatErrorCode.RewardInactive);
    await expect(on.leat.contacts.getCreditBalance(contact_uuid)).resolves.toEqual({ balance: 1000 - 25 - 150 });
  });
});
