import { describe, expect, it } from "vitest";
import { seedContacts } from "../src/index.js";
import { headerExample, loadSpec, responseExample, specExample, startTestServer } from "./helpers.js";

const tier = (name: string, position: number, uuid: string) => ({ uuid, name, description: null, position, media: null });

describe("GET /tiers", () => {
  it("serves the spec's tierList example by default", async () => {
    const api = await startTestServer();
    const reply = await api.request("/tiers");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(specExample("TierList"));
  });

  it("orders seeded tiers by position", async () => {
    const api = await startTestServer({
      seed: {
        tiers: [
          tier("Gold", 3, "0b7b3b1e-0000-4000-8000-000000000003"),
          tier("Bronze", 1, "0b7b3b1e-0000-4000-8000-000000000001"),
          tier("Silver", 2, "0b7b3b1e-0000-4000-8000-000000000002"),
        ],
        contacts: [],
        units: [{ name: "purchase_amount", label: "Purchase Amount", prefix: "", is_default: true }],
      },
    });
    const reply = await api.request("/tiers");
    expect(reply.body.data.map((t: { name: string }) => t.name)).toEqual(["Bronze", "Silver", "Gold"]);
  });

  it("answers under the production path prefix too, so only the host needs swapping", async () => {
    const api = await startTestServer();
    const reply = await api.request("/api/v3/oauth/clients/tiers");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(specExample("TierList"));
  });

  it("answers HEAD with the headers and no body", async () => {
    const api = await startTestServer();
    const reply = await api.request("/tiers", { method: "HEAD" });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe("");
    expect(reply.headers.get("x-ratelimit-limit")).toBe(headerExample("X-RateLimit-Limit"));
  });
});

describe("GET /contacts/{contact_uuid}/tier", () => {
  it("uses the spec's own example contact UUID for the contact with a tier", () => {
    const spec = loadSpec();
    expect(seedContacts.withTier).toBe(spec.components.parameters.ContactUuid.examples.contact.value);
    expect(seedContacts.withoutTier).not.toBe(seedContacts.withTier);
  });

  it("returns the contact's tier", async () => {
    const api = await startTestServer();
    const reply = await api.request(`/contacts/${seedContacts.withTier}/tier`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(specExample("ContactTier"));
  });

  it("matches the UUID regardless of letter case", async () => {
    const api = await startTestServer();
    const reply = await api.request(`/contacts/${seedContacts.withTier.toUpperCase()}/tier`);
    expect(reply.status).toBe(200);
    expect(reply.body.data.name).toBe(specExample("ContactTier").data.name);
  });

  it("returns the documented no-tier answer for a contact without a tier", async () => {
    const api = await startTestServer();
    const reply = await api.request(`/contacts/${seedContacts.withoutTier}/tier`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(specExample("ContactWithoutTier"));
  });

  it("can answer a contact without a tier with data: null, as captured contacts show it", async () => {
    const api = await startTestServer();
    const reply = await api.request(`/contacts/${seedContacts.withoutTier}/tier`, { headers: { prefer: "example=contactWithoutTierNull" } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ data: null, meta: [] });
  });

  it("answers 55031 for an unknown contact", async () => {
    const api = await startTestServer();
    const reply = await api.request("/contacts/9a1f8a52-4c5e-4b0a-9d7e-2f3b6c1d8e90/tier");
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(responseExample("getContactTier", 400, "contactNotFound"));
  });

  it("answers 1003 naming contact_uuid for a value that is not a UUID", async () => {
    const api = await startTestServer();
    const reply = await api.request("/contacts/not-a-uuid/tier");
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(specExample("InvalidInput"));
  });

  it("serves a seeded contact's tier", async () => {
    const gold = tier("Gold", 3, "0b7b3b1e-0000-4000-8000-000000000003");
    const api = await startTestServer({
      seed: {
        tiers: [gold],
        contacts: [{ uuid: "11111111-2222-4333-8444-555555555555", tier_uuid: gold.uuid }],
        units: [{ name: "visits", label: "Visits", prefix: "", is_default: true }],
      },
    });
    const reply = await api.request("/contacts/11111111-2222-4333-8444-555555555555/tier");
    expect(reply.body.data).toEqual(gold);
    const gone = await api.request(`/contacts/${seedContacts.withTier}/tier`);
    expect(gone.body.code).toBe(55031);
  });
});
