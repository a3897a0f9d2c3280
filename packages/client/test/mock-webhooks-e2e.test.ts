// Webhooks end to end, as an integrator would test them: a receiver on loopback subscribes
// through the built client, changes made through the client make the mock POST signed events,
// and the receiver checks them with the client's own webhook entry point (raw body).
import { createServer, type IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedShops, startMockServer, type MockServer } from "@leat-openapi/mock-server";
import { createLeatClient, type LeatClient } from "@leat-openapi/client";
import { LeatWebhookSignatureError, parseWebhook, verifyWebhook } from "@leat-openapi/client/webhooks";

const ACCOUNT_SECRET = "e2e-account-secret";
const OWN_SECRET = "e2e-subscription-secret";

interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  answered: number;
}

let mock: MockServer;
let leat: LeatClient;
let receiverUrl: string;
let closeReceiver: () => Promise<void>;
const deliveries: Delivery[] = [];
const arrived: (() => void)[] = [];
// Every answer the mock gives and every payload it sends is checked against the spec.
const mismatches: unknown[] = [];

/** Answers 500 to the first two deliveries on /flaky, 200 to everything else. */
function answerFor(path: string): number {
  return path === "/flaky" && deliveries.filter((d) => d.path === "/flaky").length < 2 ? 500 : 200;
}

/** The deliveries that have arrived at `path` once there are `count` of them. */
async function at(path: string, count: number): Promise<Delivery[]> {
  for (;;) {
    const found = deliveries.filter((d) => d.path === path);
    if (found.length >= count) return found;
    await new Promise<void>((resolve) => arrived.push(resolve));
  }
}

beforeAll(async () => {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      const answered = answerFor(path);
      deliveries.push({ path, headers: request.headers, raw: Buffer.concat(chunks), answered });
      response.writeHead(answered).end();
      for (const resolve of arrived.splice(0)) resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  receiverUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  closeReceiver = () => new Promise((resolve) => server.close(() => resolve()));

  mock = await startMockServer({
    port: 0,
    webhookSecret: ACCOUNT_SECRET,
    // Retries 1 ms apart, so the flaky receiver's third try comes at once.
    webhookRetryDelays: [1, 1, 1, 1, 1],
    // Only this test's subscriptions (the spec's examples subscribe example.com URLs).
    seed: { webhookSubscriptions: [] },
    validateResponses: (m) => void mismatches.push(m),
  });
  leat = createLeatClient({ apiKey: "mock-webhooks-token", baseUrl: mock.url });
});

afterAll(async () => {
  await mock?.close();
  await closeReceiver?.();
  expect(JSON.stringify(mismatches)).toBe("[]");
});

describe("webhooks from the mock to a receiver, through the client", () => {
  let contactUuid: string;

  it("subscribes through the client, and a contact created through it is delivered, signed, to each subscription", async () => {
    const plain = await leat.webhookSubscriptions.create({ name: "Contacts", event_type: "contact_created", url: `${receiverUrl}/plain` });
    const own = await leat.webhookSubscriptions.create({ name: "Contacts, own secret", event_type: "contact_created", url: `${receiverUrl}/own`, secret: OWN_SECRET });
    await leat.webhookSubscriptions.create({ name: "Flaky", event_type: "contact_created", url: `${receiverUrl}/flaky` });
    expect(plain).toMatchObject({ event_type: "contact_created", status: "ACTIVE" });
    expect(JSON.stringify(own)).not.toContain(OWN_SECRET);
    expect((await leat.webhookSubscriptions.list({ event_type: "contact_created" })).map((s) => s.uuid)).toContain(own.uuid);

    contactUuid = (await leat.contacts.create({ email: "larry.lobster@bikinibottom.sea" })).uuid;

    const [toPlain] = await at("/plain", 1);
    const event = await parseWebhook(toPlain!.raw, toPlain!.headers.signature as string, ACCOUNT_SECRET);
    expect(event.type).toBe("contact_created");
    if (event.type !== "contact_created") throw new Error("narrowing");
    expect(event.data.contact).toEqual({ uuid: contactUuid, email: "larry.lobster@bikinibottom.sea" });
  });

  it("signs with the subscription's secret when it has one, and with the account secret otherwise", async () => {
    const [toOwn] = await at("/own", 1);
    const [toPlain] = await at("/plain", 1);
    await expect(verifyWebhook(toOwn!.raw, toOwn!.headers.signature as string, OWN_SECRET)).resolves.toBeUndefined();
    await expect(verifyWebhook(toOwn!.raw, toOwn!.headers.signature as string, ACCOUNT_SECRET)).rejects.toMatchObject({ reason: "mismatch" });
    await expect(verifyWebhook(toPlain!.raw, toPlain!.headers.signature as string, ACCOUNT_SECRET)).resolves.toBeUndefined();
    await expect(verifyWebhook(toPlain!.raw, toPlain!.headers.signature as string, OWN_SECRET)).rejects.toMatchObject({ reason: "mismatch" });
  });

  it("refuses a tampered body", async () => {
    const [toPlain] = await at("/plain", 1);
    const tampered = Buffer.from(toPlain!.raw.toString().replace("larry.lobster@", "larry.lobste_@"));
    expect(tampered.equals(toPlain!.raw)).toBe(false);
    const error = await verifyWebhook(tampered, toPlain!.headers.signature as string, ACCOUNT_SECRET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeatWebhookSignatureError);
    expect(error).toMatchObject({ reason: "mismatch" });
  });

  it("gets the event to a receiver that answers 500 twice on the third try, the same signed body each time", async () => {
    const tries = await at("/flaky", 3);
    expect(tries.map((t) => t.answered)).toEqual([500, 500, 200]);
    expect(new Set(tries.map((t) => t.raw.toString())).size).toBe(1);
    for (const t of tries) await expect(verifyWebhook(t.raw, t.headers.signature as string, ACCOUNT_SECRET)).resolves.toBeUndefined();
    await mock.deliveriesSettled();
    const log = mock.deliveries().filter((d) => d.url === `${receiverUrl}/flaky`);
    expect(log.map((d) => [d.attempt, d.status, d.delivered])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
  });

  it("delivers a credit reception made through the client (credit_reception_created)", async () => {
    await leat.webhookSubscriptions.create({ name: "Credits", event_type: "credit_reception_created", url: `${receiverUrl}/credits` });
    const reception = await leat.creditReceptions.create({ shop_uuid: seedShops.physical, contact_uuid: contactUuid, credits: 25 });
    expect(reception.credits).toBe(25);
    const [delivery] = await at("/credits", 1);
    const event = await parseWebhook(delivery!.raw, delivery!.headers.signature as string, ACCOUNT_SECRET);
    if (event.type !== "credit_reception_created") throw new Error(`expected credit_reception_created, got ${event.type}`);
    expect(event.data.credit_reception).toMatchObject({ uuid: reception.uuid, credits: 25, contact: { uuid: contactUuid }, shop: { uuid: seedShops.physical } });
  });

  it("delivers contact_updated to a subscription watching the attribute that changed", async () => {
    await leat.webhookSubscriptions.create({
      name: "Contact sync",
      event_type: "contact_updated",
      url: `${receiverUrl}/updates`,
      attributes: ["firstname"],
    });
    await leat.contacts.update(contactUuid, { attributes: { lastname: "Lobster" } });
    await leat.contacts.update(contactUuid, { attributes: { firstname: "Larry" } });
    const [delivery] = await at("/updates", 1);
    const event = await parseWebhook(delivery!.raw, delivery!.headers.signature as string, ACCOUNT_SECRET);
    if (event.type !== "contact_updated") throw new Error(`expected contact_updated, got ${event.type}`);
    expect(event.data.contact).toMatchObject({ uuid: contactUuid, email: "larry.lobster@bikinibottom.sea", firstname: "Larry", lastname: "Lobster" });
    await mock.deliveriesSettled();
    expect(deliveries.filter((d) => d.path === "/updates")).toHaveLength(1);
  });
});
