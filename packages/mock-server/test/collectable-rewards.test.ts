// The collectable rewards module's rules, without HTTP: a claimed physical reward waits to be
// collected, is collected once, and a collection can be reversed.
import { describe, expect, it } from "vitest";
import type { Change } from "../src/answer.js";
import { seedContacts } from "../src/modules/contact-tiers.js";
import { seedRewards } from "../src/modules/rewards.js";
import { seedShops } from "../src/modules/shops.js";
import { UNKNOWN, code, ctx, data, rewardStore, setBalance } from "./reward-helpers.js";

const contact = seedContacts.withoutTier;
const claim = (reward: string, who: string = contact) => ({ body: { contact_uuid: who, reward_uuid: reward, shop_uuid: seedShops.physical } });

function store() {
  const made = rewardStore((state) => {
    setBalance(state, contact, 1000);
    setBalance(state, seedContacts.withTier, 1000);
  });
  const waiting = (who: string = contact) => data(made.call("listCollectableRewards", { query: { contact_uuid: who } }));
  const collect = (uuid: string) => made.call("collectReward", { params: { loyalty_transaction_uuid: uuid } });
  const uncollect = (uuid: string) => made.call("reverseCollectableRewardRedemption", { params: { collectable_reward_redemption_uuid: uuid } });
  const claimed = (reward: string, who?: string) => data(made.call("createRewardReception", claim(reward, who)));
  return { ...made, waiting, collect, uncollect, claimed };
}

describe("collectable rewards module", () => {
  it("lists a contact's claimed physical rewards; not digital ones, not another contact's; 55031 for an unknown contact", () => {
    const { call, waiting, claimed } = store();
    expect(waiting()).toEqual([]);
    const patty = claimed(seedRewards.physical);
    claimed(seedRewards.claimLimited);
    claimed(seedRewards.physical, seedContacts.withTier);
    expect(waiting()).toEqual([
      { contact: { uuid: contact, email: patty.contact.email, credit_balance: { balance: 925 } }, created_at: patty.created_at, uuid: patty.uuid, title: "Krabby Patty", reward: patty.reward, expires_at: patty.expires_at, has_been_collected: false },
    ]);
    expect(code(call("listCollectableRewards", { query: { contact_uuid: UNKNOWN } }))).toBe(55031);
  });

  it("collects once: then it is no longer waiting, and a second collect gets 80300; 6003 for a uuid no reception has", () => {
    const { waiting, collect, claimed } = store();
    const patty = claimed(seedRewards.physical);
    const collected = collect(patty.uuid) as Change;
    expect(data(collected)).toEqual({ uuid: patty.uuid, status: "COLLECTED" });
    expect(waiting()).toEqual([]);
    expect(code(collect(patty.uuid))).toBe(80300);
    expect(code(collect(UNKNOWN))).toBe(6003);
    collected.undo();
    expect(waiting().map((r: { uuid: string }) => r.uuid)).toEqual([patty.uuid]);
  });

  it("refuses to collect a digital reward's reception, or a reversed one, with 80300", () => {
    const { call, collect, waiting, claimed } = store();
    expect(code(collect(claimed(seedRewards.claimLimited).uuid))).toBe(80300);
    const patty = claimed(seedRewards.physical);
    call("reverseRewardReception", { params: { reward_reception_uuid: patty.uuid } });
    expect(waiting()).toEqual([]);
    expect(code(collect(patty.uuid))).toBe(80300);
  });

  it("reverses a collection, making the reward collectable again; reversing one not collected changes nothing", () => {
    const { waiting, collect, uncollect, claimed } = store();
    const patty = claimed(seedRewards.physical);
    expect(data(uncollect(patty.uuid))).toEqual({ uuid: patty.uuid, status: "REVERSED" });
    expect(waiting()).toHaveLength(1);
    collect(patty.uuid);
    const reversed = uncollect(patty.uuid) as Change;
    expect(data(reversed)).toEqual({ uuid: patty.uuid, status: "REVERSED" });
    expect(waiting()).toHaveLength(1);
    expect(data(collect(patty.uuid)).status).toBe("COLLECTED");
    expect(code(uncollect(UNKNOWN))).toBe(6003);
  });

  it("holds the spec's example reception (the loyalty member's Krabby Patty) ready to collect, as the collect example needs", () => {
    const { waiting, collect } = store();
    const example = ctx.successExamples("listCollectableRewards")[0]!.data as { uuid: string }[];
    expect(waiting(seedContacts.loyaltyMember).map((r: { uuid: string }) => r.uuid)).toEqual(example.map((r) => r.uuid));
    expect(data(collect(example[0]!.uuid)).status).toBe("COLLECTED");
  });
});
