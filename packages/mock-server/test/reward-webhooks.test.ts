// The webhook events the rewards modules cause, delivered over real HTTP to a receiver on
// loopback, each payload checked against the spec's webhook by the test server.
import { createServer } from "node:http";
import { describe, expect, it, onTestFinished } from "vitest";
import { seedContacts, seedRewards, seedShops } from "../src/index.js";
import { startTestServer } from "./helpers.js";

/** A receiver that answers 200 and keeps the JSON bodies it gets. */
async function receiver() {
  const bodies: { type: string; data: Record<string, unknown> }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`, bodies };
}

describe("rewards' webhook events", () => {
  it("an update, a claim of a tracked stock and its reversal send reward_updated; the reversal also credit_reception_created", async () => {
    const hook = await receiver();
    const api = await startTestServer({ seed: { webhookSubscriptions: [] } });
    for (const event_type of ["reward_updated", "credit_reception_created"]) {
      expect((await api.postJson("/webhook-subscriptions", { name: event_type, event_type, url: hook.url })).status).toBe(201);
    }
    const reward = seedRewards.physical;
    expect((await api.request(`/rewards/${reward}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ plu: "KP-002" }) })).status).toBe(200);
    const claimed = await api.postJson("/reward-receptions", { contact_uuid: seedContacts.loyaltyMember, reward_uuid: reward, shop_uuid: seedShops.loyalty });
    expect(claimed.status).toBe(200);
    const reversed = await api.request(`/reward-receptions/${claimed.body.data.uuid}/reverse`, { method: "POST" });
    expect(reversed.status).toBe(200);
    await api.mock.deliveriesSettled();

    expect(api.mock.deliveries().every((d) => d.delivered)).toBe(true);
    const stocks = hook.bodies.filter((b) => b.type === "reward_updated").map((b) => b.data.reward as { plu: string; stock: number });
    // Deliveries may arrive in any order: the update (stock 24), the claim (23), the reversal (24 again).
    expect(stocks.map((r) => r.stock).sort()).toEqual([23, 24, 24]);
    expect(stocks.every((r) => r.plu === "KP-002")).toBe(true);
    const credits = hook.bodies.filter((b) => b.type === "credit_reception_created").map((b) => b.data.credit_reception);
    expect(credits).toEqual([expect.objectContaining({ uuid: reversed.body.data.uuid, credits: 50 })]);
  });
});
