// Credits over HTTP, every answer checked against the spec: receptions, the contact's balance,
// the loyalty transactions list with its filters and pagination, reversal, and a reset.
import { describe, expect, it } from "vitest";
import { seedContacts, seedShops } from "../src/index.js";
import { loadSpec, startTestServer } from "./helpers.js";

const contact_uuid = seedContacts.withoutTier;
const shop_uuid = seedShops.physical;

describe("credits over HTTP", () => {
  it("moves the contact's balance, lists the receptions and reverses one, within the spec", async () => {
    const api = await startTestServer();
    const card = loadSpec().paths["/contacts/{contact_uuid}/contact-identifiers"].get.responses["200"].content["application/json"].examples;
    const cardValue = (Object.values(card)[0] as { value: { data: { value: string }[] } }).value.data[0]!.value;
    const withCard = await api.postJson("/credit-receptions", { shop_uuid, contact_uuid, credits: 5, contact_identifier_value: cardValue, plu: "KP-001" });
    expect(withCard.status).toBe(200);
    expect(withCard.body.data).toMatchObject({ credits: 5, unit_value: null, plu: "KP-001", contact_identifier: { value: cardValue } });
    const purchase = await api.postJson("/credit-receptions", { shop_uuid, contact_uuid, unit_value: 41.16, unit_name: "purchase_amount" });
    expect(purchase.body.data.credits).toBe(41);
    expect((await api.request(`/contacts/${contact_uuid}`)).body.data.credit_balance.balance).toBe(46);
    expect((await api.request(`/credit-receptions/calculate?shop_uuid=${shop_uuid}&unit_value=41.16&unit_name=purchase_amount`)).body.data).toEqual({ credits: 41 });

    const page2 = await api.request(`/loyalty-transactions?contact_uuid=${contact_uuid}&limit=1&page=2`);
    expect(page2.body.data.map((i: { uuid: string }) => i.uuid)).toEqual([withCard.body.data.uuid]);
    expect(page2.body.meta).toEqual({ page: 2, limit: 1, viewing_from: 2, viewing_to: 2, last_page: 2, total: 2 });

    const reversal = await api.request(`/credit-receptions/${purchase.body.data.uuid}/reverse`, { method: "POST" });
    expect(reversal.body.data).toMatchObject({ credits: -41, contact: { uuid: contact_uuid, credit_balance: { balance: 5 } } });
    const again = await api.request(`/credit-receptions/${purchase.body.data.uuid}/reverse`, { method: "POST" });
    expect([again.status, again.body.code]).toEqual([400, 1003]);
    expect((await api.request(`/contacts/${contact_uuid}/credit-balance`)).body.data).toEqual({ balance: 5 });
  });

  it("filters the seeded transactions by type and created_at bounds", async () => {
    const api = await startTestServer();
    const rewards = await api.request("/loyalty-transactions?type=reward_receptions");
    expect(rewards.body.data.map((i: { type: string }) => i.type)).toEqual(["reward_reception"]);
    const before = await api.request(`/loyalty-transactions?created_at[lt]=${encodeURIComponent("2023-11-06T09:15:00+00:00")}`);
    expect(before.body.data.map((i: { type: string }) => i.type)).toEqual(["credit_reception"]);
    const bad = await api.request("/loyalty-transactions?created_at[gte]=yesterday");
    expect([bad.status, bad.body.code, Object.keys(bad.body.errors)]).toEqual([400, 1003, ["created_at[gte]"]]);
  });

  it("forgets receptions on reset", async () => {
    const api = await startTestServer();
    await api.postJson("/credit-receptions", { shop_uuid, contact_uuid, credits: 7 });
    await api.request("/__mock/reset", { method: "POST" });
    expect((await api.request(`/contacts/${contact_uuid}/credit-balance`)).body.data).toEqual({ balance: 0 });
    expect((await api.request(`/loyalty-transactions?contact_uuid=${contact_uuid}`)).body.meta.total).toBe(0);
  });
});
