// The rewards module's rules, without HTTP: the seeded catalog (the spec's examples plus the
// mock's choices), the three answer forms, updates, and the list's shop and contact filters.
import { describe, expect, it } from "vitest";
import type { Change } from "../src/answer.js";
import { seedContacts } from "../src/modules/contact-tiers.js";
import { seedRewards } from "../src/modules/rewards.js";
import { seedShops } from "../src/modules/shops.js";
import { UNKNOWN, code, ctx, data, rewardStore, setBalance, setReward } from "./reward-helpers.js";

const contact = seedContacts.withoutTier;
const claim = (reward: string, who: string = contact) => ({ body: { contact_uuid: who, reward_uuid: reward, shop_uuid: seedShops.physical } });
const exampleData = (operationId: string) => ctx.successExamples(operationId)[0]!.data as Record<string, unknown>;

describe("rewards module", () => {
  it("lists the spec's example rewards as they are written, then the mock's inactive one", () => {
    const { call } = rewardStore();
    const list = data(call("listRewards"));
    expect(list.map((r: { uuid: string }) => r.uuid)).toEqual(Object.values(seedRewards));
    expect(list.slice(0, 3)).toEqual(exampleData("listRewards"));
    expect(list[3]).toMatchObject({ uuid: seedRewards.inactive, type: "PHYSICAL", is_active: false });
    for (const reward of list) expect(Object.keys(reward)).not.toContain("stock");
  });

  it("answers one reward in the get form (the getReward example for the Krabby Patty), 6003 for an unknown uuid", () => {
    const { call } = rewardStore();
    expect(data(call("getReward", { params: { reward_uuid: seedRewards.physical } }))).toEqual(exampleData("getReward"));
    expect(data(call("getReward", { params: { reward_uuid: seedRewards.lastInStock } }))).toMatchObject({ stock: 1, active: true, is_active: true });
    expect(data(call("getReward", { params: { reward_uuid: seedRewards.inactive } }))).toMatchObject({ active: false, is_active: false });
    expect(code(call("getReward", { params: { reward_uuid: UNKNOWN } }))).toBe(6003);
  });

  it("updates the documented fields and attribute values, leaves the rest, emits reward_updated and undoes", () => {
    const { call } = rewardStore();
    const params = { reward_uuid: seedRewards.physical };
    const changed = call("updateReward", { params, body: { description: "Now with extra pickles", plu: "KP-002", required_credits: 60, stock: 999, is_active: false } }) as Change;
    const expected = { ...exampleData("getReward"), description: "Now with extra pickles", plu: "KP-002", required_credits: 60 };
    expect(data(changed)).toEqual(expected);
    expect(data(call("getReward", { params }))).toEqual(expected);
    expect(changed.events).toEqual([{ event: "reward_updated", data: { reward: expected } }]);
    changed.undo();
    expect(data(call("getReward", { params }))).toEqual(exampleData("getReward"));
    expect(code(call("updateReward", { params: { reward_uuid: UNKNOWN }, body: { title: "x" } }))).toBe(6003);
  });

  it("refuses an unknown shop with 1008 and lists every reward for a known one", () => {
    const { call } = rewardStore();
    expect(code(call("listRewards", { query: { shop_uuid: UNKNOWN } }))).toBe(1008);
    expect(data(call("listRewards", { query: { shop_uuid: seedShops.web } }))).toHaveLength(Object.keys(seedRewards).length);
  });

  it("with contact_uuid, lists only what the contact can claim now: active, in stock, under the claim limit, affordable", () => {
    const { call } = rewardStore((state) => {
      setBalance(state, seedContacts.withoutTier, 100);
      setBalance(state, seedContacts.withTier, 1000);
    });
    const claimable = (who: string) => data(call("listRewards", { query: { contact_uuid: who } })).map((r: { uuid: string }) => r.uuid);
    expect(code(call("listRewards", { query: { contact_uuid: UNKNOWN } }))).toBe(55031);
    // 100 credits: not the hat (150); 1000: the hat too, but never the inactive spatula (500).
    expect(claimable(seedContacts.withoutTier)).toEqual([seedRewards.claimLimited, seedRewards.physical]);
    expect(claimable(seedContacts.withTier)).toEqual([seedRewards.claimLimited, seedRewards.physical, seedRewards.lastInStock]);
    // The jellyfish net once (its claim limit) and the last hat (its stock) go.
    call("createRewardReception", claim(seedRewards.claimLimited, seedContacts.withTier));
    call("createRewardReception", claim(seedRewards.lastInStock, seedContacts.withTier));
    expect(claimable(seedContacts.withTier)).toEqual([seedRewards.physical]);
    expect(claimable(seedContacts.withoutTier)).toEqual([seedRewards.claimLimited, seedRewards.physical]);
    expect(data(call("listRewards"))).toHaveLength(Object.keys(seedRewards).length);
  });

  it("loads a seed's rewards with defaults for what it leaves out, and refuses a repeated uuid", () => {
    const { call } = rewardStore((state) => {
      state.rewards = [{ id: 7, uuid: UNKNOWN, title: "Sponge", reward_type: "DIGITAL", is_active: true, required_credits: 5, stock: 3, claim_limit: null }];
    });
    expect(data(call("getReward", { params: { reward_uuid: UNKNOWN } }))).toEqual({
      uuid: UNKNOWN,
      title: "Sponge",
      description: null,
      cost_price: null,
      required_credits: 5,
      media: null,
      is_active: true,
      active: true,
      reward_type: "DIGITAL",
      stock: 3,
    });
    expect(() => rewardStore((state) => state.rewards.push({ ...state.rewards[0] }))).toThrow(`rewards[4].uuid repeats ${seedRewards.claimLimited}`);
    expect(() => rewardStore((state) => setReward(state, seedRewards.physical, { stock: -1 }))).toThrow(/rewards\[1\]\.stock/);
  });
});
