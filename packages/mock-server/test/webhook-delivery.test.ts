// Webhook delivery over real HTTP: a receiver on loopback subscribes through the API, the mock
// POSTs the events its changes cause, signed over the raw bytes, retried while the receiver
// fails, never inside the request that caused them, and never for a change that was undone.
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { buildModel } from "../src/model.js";
import { DEFAULT_RETRY_DELAYS, DEFAULT_WEBHOOK_SECRET, phpJson, WebhookDelivery } from "../src/webhook-delivery.js";
import { webhookPayloadCheck } from "../src/webhook-check.js";
import { loadSpec, startCli, startTestServer, TOKEN, type TestServer } from "./helpers.js";

interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** A webhook receiver on a free loopback port; `answer(n)` gives the status of its n-th request (1-based), or "hang". */
async function receiver(answer: (n: number) => number | "hang" = () => 200) {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  let arrived: (() => void)[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      received.push({ headers: request.headers, raw: Buffer.concat(chunks) });
      const status = answer(received.length);
      if (status === "hang") hanging.push(response);
      else response.writeHead(status).end();
      for (const resolve of arrived) resolve();
      arrived = [];
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
  onTestFinished(async () => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  /** Resolves once `count` requests have arrived. */
  const requests = async (count: number) => {
    while (received.length < count) await new Promise<void>((resolve) => arrived.push(resolve));
    return received;
  };
  return { url, received, requests };
}

const hmac = (raw: Buffer | string, secret: string) => createHmac("sha256", secret).update(raw).digest("hex");

async function subscribe(api: TestServer, body: object): Promise<string> {
  const reply = await api.postJson("/webhook-subscriptions", { name: "test", ...body });
  expect(reply.status).toBe(201);
  return reply.body.data.uuid;
}

// No seeded subscriptions (the spec's examples), so the log holds only the test's own.
const none = { seed: { webhookSubscriptions: [] } };
const fast = { ...none, webhookRetryDelays: [1, 1, 1, 1, 1] };

describe("webhook delivery", () => {
  it("POSTs {type, data} signed with the account secret, or with the subscription's own secret", async () => {
    const hook = await receiver();
    const api = await startTestServer({ ...fast, webhookSecret: "account-secret" });
    const plain = await subscribe(api, { event_type: "contact_created", url: hook.url });
    const own = await subscribe(api, { event_type: "contact_created", url: hook.url, secret: "own-secret" });
    const created = await api.postJson("/contacts", { email: "larry.lobster@bikinibottom.sea" });
    expect(created.status).toBe(200);
    const [a, b] = await hook.requests(2);
    await api.mock.deliveriesSettled();

    const bySubscription = new Map(api.mock.deliveries().map((d) => [d.subscription_uuid, d]));
    expect(bySubscription.get(plain)).toMatchObject({ event: "contact_created", attempt: 1, status: 200, delivered: true, signed_with: "account secret", error: null });
    expect(bySubscription.get(own)).toMatchObject({ attempt: 1, status: 200, delivered: true, signed_with: "subscription secret" });
    const signatures = [a!, b!].map((r) => r.headers.signature);
    expect(signatures.sort()).toEqual([hmac(a!.raw, "account-secret"), hmac(a!.raw, "own-secret")].sort());
    for (const request of [a!, b!]) {
      expect(request.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(request.raw.toString())).toEqual({ type: "contact_created", data: { contact: { uuid: created.body.data.uuid, email: "larry.lobster@bikinibottom.sea" } } });
    }
  });

  it("signs without a configured secret with the documented default", async () => {
    const hook = await receiver();
    const api = await startTestServer(fast);
    await subscribe(api, { event_type: "contact_created", url: hook.url });
    await api.request("/contacts/anonymous", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const [request] = await hook.requests(1);
    expect(DEFAULT_WEBHOOK_SECRET).toBe("leat-mock-webhook-secret");
    expect(request!.headers.signature).toBe(hmac(request!.raw, DEFAULT_WEBHOOK_SECRET));
    expect(JSON.parse(request!.raw.toString()).data.contact.email).toBeNull();
  });

  it("encodes the body as PHP's json_encode does, so only the raw bytes verify", async () => {
    const hook = await receiver();
    const api = await startTestServer({ ...fast, webhookSecret: "k" });
    const contact = (await api.postJson("/contacts", { email: "zoe@bikinibottom.sea" })).body.data.uuid;
    await subscribe(api, { event_type: "contact_updated", url: hook.url });
    const update = await api.request(`/contacts/${contact}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ attributes: { firstname: "Zoë", website: "https://zoe.sea/a" } }),
    });
    expect(update.status).toBe(200);
    const [request] = await hook.requests(1);
    const raw = request!.raw.toString("latin1");
    expect(raw).toContain(String.raw`"firstname":"Zo\u00eb"`);
    expect(raw).toContain(String.raw`"website":"https:\/\/zoe.sea\/a"`);
    expect(request!.headers.signature).toBe(hmac(request!.raw, "k"));
    const reserialized = JSON.stringify(JSON.parse(raw));
    expect(hmac(reserialized, "k")).not.toBe(request!.headers.signature);
    expect(phpJson({ s: "é/😀" })).toBe(String.raw`{"s":"\u00e9\/\ud83d\ude00"}`);
  });

  it("retries a receiver that answers 500 twice, and the third attempt is the last", async () => {
    const hook = await receiver((n) => (n <= 2 ? 500 : 204));
    const api = await startTestServer(fast);
    const subscription = await subscribe(api, { event_type: "contact_created", url: hook.url });
    await api.postJson("/contacts", { email: "mrs.puff@bikinibottom.sea" });
    await hook.requests(3);
    await api.mock.deliveriesSettled();
    const attempts = api.mock.deliveries().filter((d) => d.subscription_uuid === subscription);
    expect(attempts.map((d) => [d.attempt, d.status, d.delivered])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 204, true],
    ]);
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.raw.toString())).size).toBe(1);
  });

  it("tries six times in all (five retries) at the default waits, which grow", async () => {
    const hook = await receiver(() => 503);
    const waits: number[] = [];
    const model = buildModel(loadSpec());
    const delivery = new WebhookDelivery({
      accountSecret: "s",
      retryDelays: DEFAULT_RETRY_DELAYS,
      timeout: 10_000,
      targets: () => [{ subscription_uuid: "sub", url: hook.url, secret: null }],
      check: (event, payload) => webhookPayloadCheck(model)(event.event, payload),
      onProblem: (_event, problems) => expect.fail(problems.join("; ")),
      // Records each wait instead of sleeping it.
      schedule: (run, ms) => {
        waits.push(ms);
        setImmediate(run);
        return () => undefined;
      },
    });
    delivery.dispatch([{ event: "contact_created", data: { contact: { uuid: "6b4e2a5c-6f7d-4c0a-9f2e-2a3d6c1b8e90", email: null } } }]);
    await delivery.idle();
    expect(delivery.log().map((d) => [d.attempt, d.status])).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, 503]));
    expect(hook.received).toHaveLength(6);
    const retryWaits = waits.slice(1);
    expect(retryWaits).toEqual([...DEFAULT_RETRY_DELAYS]);
    expect(retryWaits).toHaveLength(5);
    retryWaits.slice(1).forEach((wait, i) => expect(wait).toBeGreaterThan(retryWaits[i]!));
  });

  it("answers the request before delivering, and keeps answering while a receiver hangs; close() cuts the hanging delivery", async () => {
    const hook = await receiver(() => "hang");
    // The receiver would hold the delivery for an hour: a mock that waited for it would never answer.
    const api = await startTestServer({ ...none, webhookRetryDelays: [], webhookTimeout: 3_600_000 });
    await subscribe(api, { event_type: "contact_created", url: hook.url });
    const created = await api.postJson("/contacts", { email: "larry@bikinibottom.sea" });
    expect(created.status).toBe(200);
    await hook.requests(1);
    expect((await api.request(`/contacts/${created.body.data.uuid}`)).status).toBe(200);
    expect(api.mock.deliveries()).toEqual([]);
    await api.mock.close();
    await api.mock.deliveriesSettled();
  });

  it("gives up on a receiver that does not answer within the timeout", async () => {
    const hook = await receiver(() => "hang");
    const api = await startTestServer({ ...none, webhookRetryDelays: [], webhookTimeout: 200 });
    await subscribe(api, { event_type: "contact_created", url: hook.url });
    await api.postJson("/contacts", { email: "larry@bikinibottom.sea" });
    await api.mock.deliveriesSettled();
    expect(api.mock.deliveries()).toEqual([expect.objectContaining({ attempt: 1, status: null, delivered: false, error: expect.stringMatching(/^timeout/) })]);
  });

  it("counts a refused connection as a failed attempt and retries it", async () => {
    const hook = await receiver();
    const closedPort = hook.url.replace(/:\d+\//, ":1/");
    const api = await startTestServer({ ...none, webhookRetryDelays: [1, 1] });
    await subscribe(api, { event_type: "contact_created", url: closedPort });
    await api.postJson("/contacts", { email: "fred@bikinibottom.sea" });
    await api.mock.deliveriesSettled();
    expect(api.mock.deliveries().map((d) => [d.attempt, d.status, d.error])).toEqual([1, 2, 3].map((n) => [n, null, "ECONNREFUSED"]));
  });

  it("reset() and close() drop pending retries", async () => {
    const hook = await receiver(() => 500);
    const api = await startTestServer({ ...none, webhookRetryDelays: [3_600_000] });
    await subscribe(api, { event_type: "contact_created", url: hook.url });
    await api.postJson("/contacts", { email: "a@bikinibottom.sea" });
    await hook.requests(1);
    await expect.poll(() => api.mock.deliveries().length).toBe(1);
    await api.mock.reset();
    // Settled at once, though a retry was due in an hour; the log belongs to the state that was replaced.
    await api.mock.deliveriesSettled();
    expect(api.mock.deliveries()).toEqual([]);

    await subscribe(api, { event_type: "contact_created", url: hook.url });
    await api.postJson("/contacts", { email: "b@bikinibottom.sea" });
    await hook.requests(2);
    await expect.poll(() => api.mock.deliveries().length).toBe(1);
    await api.mock.close();
    await api.mock.deliveriesSettled();
    expect(hook.received).toHaveLength(2);
  });

  it("sends nothing for a change that could not be saved (undone)", async () => {
    const hook = await receiver();
    const dir = mkdtempSync(join(tmpdir(), "leat-webhooks-"));
    const api = await startTestServer({ ...fast, dataFile: join(dir, "state.json") });
    await subscribe(api, { event_type: "contact_created", url: hook.url });
    rmSync(dir, { recursive: true, force: true });
    const failed = await api.postJson("/contacts", { email: "undone@bikinibottom.sea" });
    expect(failed.status).toBe(503);
    await api.mock.deliveriesSettled();
    expect(api.mock.deliveries()).toEqual([]);
    expect(hook.received).toEqual([]);
  });

  it("skips an inactive subscription, and a contact_updated one whose attributes did not change", async () => {
    const hook = await receiver();
    const api = await startTestServer(fast);
    const contact = (await api.postJson("/contacts", { email: "sandy@bikinibottom.sea" })).body.data.uuid;
    const paused = await subscribe(api, { event_type: "contact_updated", url: hook.url, status: "INACTIVE" });
    const names = await subscribe(api, { event_type: "contact_updated", url: hook.url, attributes: ["firstname"] });
    const put = (attributes: object) =>
      api.request(`/contacts/${contact}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ attributes }) });
    await put({ lastname: "Cheeks" });
    await put({ firstname: "Sandy" });
    await put({ firstname: "Sandy" }); // no change, no event
    const [only] = await hook.requests(1);
    await api.mock.deliveriesSettled();
    expect(api.mock.deliveries().map((d) => d.subscription_uuid)).toEqual([names]);
    expect(JSON.parse(only!.raw.toString()).data.contact).toMatchObject({ uuid: contact, firstname: "Sandy", lastname: "Cheeks" });

    await api.request(`/webhook-subscriptions/${paused}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "ACTIVE", attributes: ["city"] }) });
    await put({ city: "Bikini Bottom" });
    await hook.requests(2);
    await api.mock.deliveriesSettled();
    expect(api.mock.deliveries().map((d) => d.subscription_uuid)).toEqual([names, paused]);
  });

  it("sends contact_identifier_created and lists every attempt at GET /__mock/webhooks", async () => {
    const hook = await receiver();
    const api = await startTestServer(fast);
    await subscribe(api, { event_type: "contact_identifier_created", url: hook.url });
    const created = await api.postJson("/contact-identifiers", { contact_identifier_value: "CARD-42" });
    expect(created.status).toBe(200);
    const [request] = await hook.requests(1);
    expect(JSON.parse(request!.raw.toString())).toEqual({ type: "contact_identifier_created", data: { contact_identifier: created.body.data } });
    await api.mock.deliveriesSettled();
    const log = await api.request("/__mock/webhooks", { headers: { authorization: null } });
    expect(log.status).toBe(200);
    expect(log.body).toEqual(JSON.parse(JSON.stringify(api.mock.deliveries())));
    expect(log.body).toEqual([expect.objectContaining({ event: "contact_identifier_created", url: hook.url, status: 200, attempt: 1 })]);
  });

  it("never calls the spec's example domains: the seeded subscriptions are logged as not sent, without retries", async () => {
    const api = await startTestServer({ webhookRetryDelays: [1, 1, 1, 1, 1] });
    await api.postJson("/contacts", { email: "gary@bikinibottom.sea" });
    await api.mock.deliveriesSettled();
    const seeded = (await api.request("/webhook-subscriptions?event_type=contact_created&status=ACTIVE")).body.data;
    expect(seeded.length).toBeGreaterThan(0);
    expect(api.mock.deliveries()).toEqual(
      seeded.map((s: { uuid: string; url: string }) =>
        expect.objectContaining({ subscription_uuid: s.uuid, url: s.url, attempt: 1, status: null, error: expect.stringMatching(/^not sent: .*reserved/) }),
      ),
    );
  });

  it("keeps the latest attempts only, up to its limit", async () => {
    const hook = await receiver();
    const delivery = new WebhookDelivery({
      accountSecret: "s",
      retryDelays: [],
      timeout: 10_000,
      logLimit: 2,
      targets: () => [{ subscription_uuid: "sub", url: hook.url, secret: null }],
      check: () => [],
      onProblem: () => undefined,
    });
    for (const n of [1, 2, 3]) {
      delivery.dispatch([{ event: "contact_created", data: { n } }]);
      await delivery.idle();
    }
    expect(hook.received).toHaveLength(3);
    expect(delivery.log().map((d) => d.payload.data)).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it("checks payloads against the spec's webhooks", () => {
    const check = webhookPayloadCheck(buildModel(loadSpec()));
    expect(check("contact_created", { type: "contact_created", data: { contact: { uuid: "6b4e2a5c-6f7d-4c0a-9f2e-2a3d6c1b8e90", email: null } } })).toEqual([]);
    expect(check("contact_created", { type: "contact_updated", data: {} })).not.toEqual([]);
    expect(check("contact_deleted", { type: "contact_deleted", data: {} })).toEqual(["the spec's webhooks have no POST contact_deleted"]);
    expect(check.operationId("contact_created")).toBe("contactCreatedWebhook");
  });

  it("leat-mock --webhook-secret signs with that secret", async () => {
    const hook = await receiver();
    const cli = await startCli(["--port", "0", "--webhook-secret", "from-the-cli"]);
    onTestFinished(async () => {
      cli.child.kill("SIGTERM");
      await cli.exited;
    });
    const post = (path: string, body: object) =>
      fetch(cli.url + path, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post("/webhook-subscriptions", { name: "cli", event_type: "contact_created", url: hook.url })).status).toBe(201);
    expect((await post("/contacts", { email: "cli@bikinibottom.sea" })).status).toBe(200);
    const [request] = await hook.requests(1);
    expect(request!.headers.signature).toBe(hmac(request!.raw, "from-the-cli"));
  });

  it("reports a sent payload the spec does not describe as a mismatch", async () => {
    const hook = await receiver();
    const document = loadSpec();
    delete document.webhooks.contact_created;
    const { startMockServer } = await import("../src/index.js");
    const reported: unknown[] = [];
    const mock = await startMockServer({ port: 0, document, ...fast, validateResponses: (m) => void reported.push(m) });
    onTestFinished(() => mock.close());
    const post = (path: string, body: object) =>
      fetch(mock.url + path, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    await post("/webhook-subscriptions", { name: "n", event_type: "contact_created", url: hook.url });
    await post("/contacts", { email: "nobody@bikinibottom.sea" });
    await mock.deliveriesSettled();
    expect(reported).toEqual([{ method: "POST", url: "webhook contact_created", operationId: null, status: 0, problems: ["the spec's webhooks have no POST contact_created"] }]);
  });

  it("refuses bad webhook options", async () => {
    const { startMockServer } = await import("../src/index.js");
    await expect(startMockServer({ port: 0, webhookSecret: "" })).rejects.toThrow(/webhookSecret must be a non-empty string/);
    await expect(startMockServer({ port: 0, webhookRetryDelays: [1, -1] })).rejects.toThrow(/webhookRetryDelays/);
    await expect(startMockServer({ port: 0, webhookTimeout: 0 })).rejects.toThrow(/webhookTimeout/);
  });
});
