// The webhook subscriptions module on its own, without HTTP: loaded from the spec's examples,
// its handlers called directly; which subscriptions an event goes to.
import { describe, expect, it } from "vitest";
import type { Answer, Change, Serialized } from "../src/answer.js";
import { buildModel } from "../src/model.js";
import { createContext } from "../src/module.js";
import { subscriptionsFor, webhookSubscriptions } from "../src/modules/webhook-subscriptions.js";
import { loadSpec, responseExample } from "./helpers.js";

const ctx = createContext(buildModel(loadSpec()));
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

function load(part = webhookSubscriptions.defaults(ctx)) {
  const state = webhookSubscriptions.load(ctx, structuredClone(part));
  const handlers = webhookSubscriptions.handlers(ctx, state, () => {
    throw new Error("no peer");
  });
  const call = (id: string, input: { params?: Record<string, string>; query?: object; body?: object } = {}) =>
    handlers[id]!({ request: undefined as never, params: input.params ?? {}, query: (input.query ?? {}) as never, body: input.body as never }) as Answer | Change;
  return { state, call };
}
const body = (answer: Answer) => ("text" in (answer.body as object) ? JSON.parse((answer.body as Serialized).text) : answer.body);
const data = (answer: Answer) => body(answer).data;
const example = ctx.successExamples("listWebhookSubscriptions")[0]!.data as { uuid: string; event_type: string; status: string }[];
const event = (name: string, attributes?: string[]) => ({ event: name, data: {}, ...(attributes ? { attributes } : {}) });

describe("webhook subscriptions module", () => {
  it("starts from the list example and lists it, filtered by event type and status", () => {
    const { call } = load();
    expect(data(call("listWebhookSubscriptions"))).toEqual(example);
    expect(data(call("listWebhookSubscriptions", { query: { status: "INACTIVE" } })).map((s: { uuid: string }) => s.uuid)).toEqual(
      example.filter((s) => s.status === "INACTIVE").map((s) => s.uuid),
    );
    const type = example[0]!.event_type;
    expect(data(call("listWebhookSubscriptions", { query: { event_type: type } }))).toEqual(example.filter((s) => s.event_type === type));
    expect(data(call("listWebhookSubscriptions", { query: { event_type: "reward_updated", status: "ACTIVE" } }))).toEqual([]);
  });

  it("creates a subscription (201), answers it with get, never answers its secret, and undoes", () => {
    const { call, state } = load();
    const created = call("createWebhookSubscription", {
      body: { name: "Mine", event_type: "contact_created", url: "http://127.0.0.1:9/hook", secret: "s3cret" },
    }) as Change;
    expect(created.status).toBe(201);
    const subscription = data(created);
    expect(subscription).toMatchObject({ name: "Mine", event_type: "contact_created", url: "http://127.0.0.1:9/hook", status: "ACTIVE", properties: [], version: "V1" });
    expect(subscription.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(JSON.stringify(body(created))).not.toContain("s3cret");
    const got = call("getWebhookSubscription", { params: { webhook_subscription_uuid: subscription.uuid.toUpperCase() } });
    expect(data(got)).toEqual(subscription);
    expect(JSON.stringify(body(got))).not.toContain("s3cret");
    expect(state.subscriptions.get(subscription.uuid)!.secret).toBe("s3cret");
    created.undo();
    expect(body(call("getWebhookSubscription", { params: { webhook_subscription_uuid: subscription.uuid } })).code).toBe(80300);
  });

  it("stores an empty secret as none, so the account secret signs", () => {
    const { call, state } = load();
    const created = data(call("createWebhookSubscription", { body: { name: "x", event_type: "contact_created", url: "http://127.0.0.1:9/", secret: "" } }));
    expect(state.subscriptions.get(created.uuid)!.secret).toBeNull();
  });

  it("answers an unknown uuid with 80300 and the webhook wording the spec shows, on get, update and delete", () => {
    const { call } = load();
    const expected = responseExample("getWebhookSubscription", 400, "rewardOrWebhookSubscriptionNotFound");
    expect(expected.message).toBe("Webhook subscription not found.");
    for (const id of ["getWebhookSubscription", "updateWebhookSubscription", "deleteWebhookSubscription"]) {
      const answer = call(id, { params: { webhook_subscription_uuid: UNKNOWN }, body: { name: "x" } });
      expect([answer.status, body(answer)]).toEqual([400, expected]);
    }
  });

  it("updates name, url, status and attributes; keeps event_type and secret; undoes", () => {
    const { call, state } = load();
    const uuid = example[0]!.uuid;
    const before = data(call("getWebhookSubscription", { params: { webhook_subscription_uuid: uuid } }));
    const change = call("updateWebhookSubscription", {
      params: { webhook_subscription_uuid: uuid },
      body: { name: "Paused", status: "INACTIVE", url: "http://127.0.0.1:9/x", event_type: "contact_created", secret: "new", attributes: ["email"] },
    }) as Change;
    expect(data(change)).toEqual({ ...before, name: "Paused", status: "INACTIVE", url: "http://127.0.0.1:9/x", properties: ["email"] });
    expect(state.subscriptions.get(uuid)!.secret).toBeNull();
    change.undo();
    expect(data(call("getWebhookSubscription", { params: { webhook_subscription_uuid: uuid } }))).toEqual(before);
  });

  it("requires attributes when updating a contact_updated subscription (1003), and only then", () => {
    const { call } = load();
    const watcher = data(call("createWebhookSubscription", { body: { name: "w", event_type: "contact_updated", url: "http://127.0.0.1:9/" } }));
    const refused = call("updateWebhookSubscription", { params: { webhook_subscription_uuid: watcher.uuid }, body: { status: "INACTIVE" } });
    expect(body(refused)).toMatchObject({ code: 1003, errors: { attributes: [expect.stringContaining("required")] } });
    expect(data(call("getWebhookSubscription", { params: { webhook_subscription_uuid: watcher.uuid } })).status).toBe("ACTIVE");
    expect(data(call("updateWebhookSubscription", { params: { webhook_subscription_uuid: watcher.uuid }, body: { status: "INACTIVE", attributes: ["email"] } })).status).toBe(
      "INACTIVE",
    );
  });

  it("deletes (data []), then answers 80300; undo brings it back in its place", () => {
    const { call } = load();
    const uuid = example[1]!.uuid;
    const change = call("deleteWebhookSubscription", { params: { webhook_subscription_uuid: uuid } }) as Change;
    expect(body(change)).toEqual({ data: [], meta: [] });
    expect(body(call("getWebhookSubscription", { params: { webhook_subscription_uuid: uuid } })).code).toBe(80300);
    change.undo();
    expect(data(call("listWebhookSubscriptions"))).toEqual(example);
  });

  it("sends an event to the active subscriptions for its type, and contact_updated only to those watching a changed attribute", () => {
    const { call, state } = load({ webhookSubscriptions: [] });
    const make = (b: object) => data(call("createWebhookSubscription", { body: { name: "n", url: "http://127.0.0.1:9/", ...b } })).uuid as string;
    const created = make({ event_type: "contact_created" });
    make({ event_type: "contact_created", status: "INACTIVE" });
    make({ event_type: "voucher_created" });
    const all = make({ event_type: "contact_updated" });
    const names = make({ event_type: "contact_updated", attributes: ["firstname", "lastname"] });
    const uuids = (e: ReturnType<typeof event>) => subscriptionsFor(state, e).map((s) => s.uuid);
    expect(uuids(event("contact_created"))).toEqual([created]);
    expect(uuids(event("contact_updated", ["email"]))).toEqual([all]);
    expect(uuids(event("contact_updated", ["lastname", "city"]))).toEqual([all, names]);
    expect(uuids(event("referral_completed"))).toEqual([]);
  });

  it("refuses a seed that repeats a uuid", () => {
    const part = webhookSubscriptions.defaults(ctx) as { webhookSubscriptions: { uuid: string }[] };
    part.webhookSubscriptions[1]!.uuid = part.webhookSubscriptions[0]!.uuid;
    expect(() => webhookSubscriptions.load(ctx, part)).toThrow(/^webhookSubscriptions\[1\]\.uuid repeats /);
  });
});
