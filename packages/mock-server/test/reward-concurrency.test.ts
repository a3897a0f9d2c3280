// Fifty reward receptions at once over HTTP against the real mock: exactly as many succeed as
// the balance (or the stock) allows, the rest are refused with the documented code, and the
// balance, the stock and the loyalty transactions list agree with the successes (also after a
// restart from a data file).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seedContacts, seedRewards, seedShops } from "../src/index.js";
import { type AnyJson, TOKEN, startTestServer } from "./helpers.js";

const REQUESTS = 50;
const contact = seedContacts.withoutTier;
const reward = seedRewards.physical;
const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/json", "content-type": "application/json" };

/** A mock whose state is the spec's examples with the contact's balance (given the reward's cost) and the reward's stock set, over the admin routes. */
async function mockWith(balanceFor: (cost: number) => number, stock: number, dataFile?: string) {
  const api = await startTestServer({ dataFile });
  const state: AnyJson = await (await fetch(`${api.url}/__mock/state`)).json();
  const stored = state.rewards.find((r: AnyJson) => r.uuid === reward);
  const balance = balanceFor(stored.required_credits);
  state.contactProfiles.find((p: AnyJson) => p.uuid === contact).credit_balance = balance;
  stored.stock = stock;
  const reset = await fetch(`${api.url}/__mock/reset`, { method: "POST", headers, body: JSON.stringify(state) });
  expect(reset.status).toBe(200);
  const get = async (path: string): Promise<AnyJson> => ((await (await fetch(api.url + path, { headers })).json()) as AnyJson).data;
  return { api, balance, cost: stored.required_credits as number, get };
}

async function claimAtOnce(url: string): Promise<{ status: number; body: AnyJson }[]> {
  const body = JSON.stringify({ contact_uuid: contact, reward_uuid: reward, shop_uuid: seedShops.physical });
  return Promise.all(
    Array.from({ length: REQUESTS }, async () => {
      const response = await fetch(`${url}/reward-receptions`, { method: "POST", headers, body });
      return { status: response.status, body: await response.json() };
    }),
  );
}

function tally(answers: { status: number; body: AnyJson }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status, body } of answers) {
    const what = status === 200 ? "200" : `${status}/${body.code}`;
    counts[what] = (counts[what] ?? 0) + 1;
  }
  return counts;
}

describe("50 simultaneous reward receptions", () => {
  it("with a balance that affords exactly N: N succeed, the others get 1017, the balance drops by N times the cost", async () => {
    const N = 17;
    // One credit short of N + 1 claims.
    const { api, balance, cost, get } = await mockWith((cost) => (N + 1) * cost - 1, 1000);

    const answers = await claimAtOnce(api.url);
    expect(tally(answers)).toEqual({ "200": N, "400/1017": REQUESTS - N });
    expect((await get(`/contacts/${contact}/credit-balance`)).balance).toBe(balance - N * cost);
    expect((await get(`/rewards/${reward}`)).stock).toBe(1000 - N);
    const receptions = await get(`/loyalty-transactions?contact_uuid=${contact}&type=reward_receptions&limit=100`);
    expect(receptions).toHaveLength(N);
    expect(new Set(receptions.map((r: AnyJson) => r.uuid))).toEqual(new Set(answers.filter((a) => a.status === 200).map((a) => a.body.data.uuid)));
    // Each success saw the balance its own claim left: N different balances, one step of `cost` apart.
    const after = answers.filter((a) => a.status === 200).map((a) => a.body.data.contact.credit_balance.balance as number);
    expect(after.sort((a, b) => b - a)).toEqual(Array.from({ length: N }, (_, i) => balance - (i + 1) * cost));
  });

  it("with a stock of N: N succeed, the others get 1018, the stock ends at 0", async () => {
    const N = 13;
    const { api, balance, cost, get } = await mockWith((cost) => REQUESTS * cost, N);
    const answers = await claimAtOnce(api.url);
    expect(tally(answers)).toEqual({ "200": N, "400/1018": REQUESTS - N });
    expect((await get(`/rewards/${reward}`)).stock).toBe(0);
    expect((await get(`/contacts/${contact}/credit-balance`)).balance).toBe(balance - N * cost);
    expect(await get(`/loyalty-transactions?contact_uuid=${contact}&type=reward_receptions&limit=100`)).toHaveLength(N);
  });

  it("with --data, keeps what the N successes changed across a restart", async () => {
    const N = 7;
    const dataFile = join(mkdtempSync(join(tmpdir(), "leat-rewards-")), "state.json");
    const { api, balance, cost } = await mockWith((cost) => N * cost, 1000, dataFile);
    expect(tally(await claimAtOnce(api.url))).toEqual({ "200": N, "400/1017": REQUESTS - N });
    await api.close();
    const again = await startTestServer({ dataFile });
    const get = async (path: string): Promise<AnyJson> => ((await (await fetch(again.url + path, { headers })).json()) as AnyJson).data;
    expect((await get(`/contacts/${contact}/credit-balance`)).balance).toBe(balance - N * cost);
    expect((await get(`/rewards/${reward}`)).stock).toBe(1000 - N);
    expect(await get(`/loyalty-transactions?contact_uuid=${contact}&type=reward_receptions&limit=100`)).toHaveLength(N);
  });
});
