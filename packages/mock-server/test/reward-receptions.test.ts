// The reward receptions module's rules, without HTTP: a claim takes the credits (through the
// ledger, so it is a loyalty transaction) and the stock; each refusal; reversal.
import { describe, expect, it } from "vitest";
import type { Change } from "../src/answer.js";
import { seedContacts } from "../src/modules/contact-tiers.js";
import { seedRewards } from "../src/modules/rewards.js";
import { seedShops } from "../src/modules/shops.js";
import { UNKNOWN, body, code, data, rewardStore, setBalance, setReward } from "./reward-helpers.js";

const contact = seedContacts.withoutTier;
const other = seedContacts.withTier;
const claim = (reward: string, who: string = contact, shop: string = seedShops.physical) => ({ body: { contact_uuid: who, reward_uuid: reward, shop_uuid: shop } });
const reverse = (uuid: string) => ({ params: { reward_reception_uuid: uuid } });

function store(balance: number, change?: (state: never) => void) {
  const made = rewardStore((state) => {
    setBalance(state, contact, balance);
    setBalance(state, other, 1000);
    change?.(state as never);
  });
  const balanceOf = (who: string = contact) => data(made.call("getContactCreditBalance", { params: { contact_uuid: who } })).balance;
  const stockOf = (reward: string) => data(made.call("getReward", { params: { reward_uuid: reward } })).stock;
  const transactions = (who: string = contact) => data(made.call("listLoyaltyTransactions", { query: { contact_uuid: who } }));
  return { ...made, balanceOf, stockOf, transactions };
}

describe("reward receptions module", () => {
  it("takes the reward's credits and one of its stock, and answers the reception with the new balance", () => {
    const { call, balanceOf, stockOf, transactions } = store(200);
    const made = call("createRewardReception", claim(seedRewards.physical)) as Change;
    const reception = data(made);
    expect(reception).toMatchObject({
      type: "reward_reception",
      channel: "OAUTH_API",
      title: "Krabby Patty",
      credits: -50,
      contact: { uuid: contact, credit_balance: { balance: 150 } },
      shop: { uuid: seedShops.physical },
      reward: { uuid: seedRewards.physical, stock: 23, required_credits: 50 },
      has_been_collected: false,
    });
    expect(Date.parse(reception.expires_at) - Date.parse(reception.created_at)).toBe(6307200 * 1000);
    expect(balanceOf()).toBe(150);
    expect(stockOf(seedRewards.physical)).toBe(23);
    expect(made.events).toEqual([{ event: "reward_updated", data: { reward: expect.objectContaining({ uuid: seedRewards.physical, stock: 23 }) } }]);
    expect(transactions()).toEqual([reception]);
    made.undo();
    expect([balanceOf(), stockOf(seedRewards.physical), transactions()]).toEqual([200, 24, []]);
  });

  it("refuses an unknown contact (55031), shop (1008) or reward (6003), changing nothing", () => {
    const { call, balanceOf, transactions } = store(200);
    expect(code(call("createRewardReception", claim(seedRewards.physical, UNKNOWN)))).toBe(55031);
    expect(code(call("createRewardReception", claim(seedRewards.physical, contact, UNKNOWN)))).toBe(1008);
    expect(code(call("createRewardReception", claim(UNKNOWN)))).toBe(6003);
    expect([balanceOf(), transactions()]).toEqual([200, []]);
  });

  it("refuses an inactive reward with 1052", () => {
    const { call, balanceOf } = store(1000);
    expect(code(call("createRewardReception", claim(seedRewards.inactive)))).toBe(1052);
    expect(balanceOf()).toBe(1000);
  });

  it("refuses a reward whose stock is empty with 1018", () => {
    const { call, balanceOf, stockOf } = store(1000);
    expect(data(call("createRewardReception", claim(seedRewards.lastInStock, other))).reward.stock).toBe(0);
    expect(body(call("createRewardReception", claim(seedRewards.lastInStock)))).toMatchObject({ code: 1018, message: "The stock on this reward is empty." });
    expect([balanceOf(), stockOf(seedRewards.lastInStock)]).toEqual([1000, 0]);
  });

  it("never runs out of a reward whose stock is not tracked (null)", () => {
    const { call, stockOf } = store(1000, (state) => setReward(state, seedRewards.claimLimited, { claim_limit: null }));
    for (let i = 0; i < 3; i++) expect(data(call("createRewardReception", claim(seedRewards.claimLimited))).credits).toBe(-25);
    expect(stockOf(seedRewards.claimLimited)).toBeNull();
  });

  it("refuses a contact at the reward's claim limit with 1019, per contact; a reversed claim no longer counts", () => {
    const { call, balanceOf } = store(1000);
    const first = data(call("createRewardReception", claim(seedRewards.claimLimited)));
    expect(code(call("createRewardReception", claim(seedRewards.claimLimited)))).toBe(1019);
    expect(balanceOf()).toBe(975);
    expect(data(call("createRewardReception", claim(seedRewards.claimLimited, other))).credits).toBe(-25);
    call("reverseRewardReception", reverse(first.uuid));
    expect(data(call("createRewardReception", claim(seedRewards.claimLimited))).credits).toBe(-25);
  });

  it("refuses a balance short of the required credits with 1017, and spends one that is exactly enough", () => {
    const short = store(49);
    expect(body(short.call("createRewardReception", claim(seedRewards.physical)))).toMatchObject({ code: 1017 });
    expect([short.balanceOf(), short.stockOf(seedRewards.physical)]).toEqual([49, 24]);
    const exact = store(50);
    expect(data(exact.call("createRewardReception", claim(seedRewards.physical))).contact.credit_balance.balance).toBe(0);
  });

  it("reverses: the credits and the stock come back as a credit reception; twice, or an unknown uuid, gets 1003", () => {
    const { call, balanceOf, stockOf, transactions } = store(200);
    const reception = data(call("createRewardReception", claim(seedRewards.physical)));
    const reversed = call("reverseRewardReception", reverse(reception.uuid)) as Change;
    expect(data(reversed)).toMatchObject({ type: "credit_reception", credits: 50, contact: { uuid: contact, credit_balance: { balance: 200 } }, shop: { uuid: seedShops.physical } });
    expect([balanceOf(), stockOf(seedRewards.physical)]).toEqual([200, 24]);
    expect(reversed.events?.map((e) => e.event)).toEqual(["credit_reception_created", "reward_updated"]);
    expect(reversed.events?.[0]?.data).toMatchObject({ credit_reception: { uuid: data(reversed).uuid, credits: 50 } });
    expect(transactions().map((t: { type: string }) => t.type)).toEqual(["credit_reception", "reward_reception"]);
    expect(body(call("reverseRewardReception", reverse(reception.uuid)))).toMatchObject({ code: 1003, errors: { reward_reception_uuid: [expect.stringContaining("already")] } });
    expect(code(call("reverseRewardReception", reverse(UNKNOWN)))).toBe(1003);
    expect(code(call("reverseRewardReception", reverse(data(reversed).uuid)))).toBe(1003);
    reversed.undo();
    expect([balanceOf(), stockOf(seedRewards.physical), transactions().length]).toEqual([150, 23, 1]);
  });

  it("seeds the spec's example contact, shop and reward so the documented claim and reverse work as written", () => {
    const { call } = rewardStore();
    expect(data(call("createRewardReception", claim(seedRewards.physical, seedContacts.loyaltyMember, seedShops.loyalty))).credits).toBe(-50);
    // The loyalty transactions example's reward reception.
    const example = data(call("listLoyaltyTransactions", { query: { contact_uuid: seedContacts.loyaltyMember, type: "reward_receptions" } }));
    expect(data(call("reverseRewardReception", reverse(example.at(-1).uuid))).credits).toBe(50);
  });
});
