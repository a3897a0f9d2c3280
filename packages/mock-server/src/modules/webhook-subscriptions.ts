// Webhook subscriptions: stored, listed, read, changed and deleted. The engine's delivery
// (../webhook-delivery.ts) reads them to know where an event goes and with which secret; the
// secret is kept here (a data file holds it, so deliveries stay signed after a restart) and is
// never answered.
import { randomUUID } from "node:crypto";
import type { Answer, Change, EmittedEvent } from "../answer.js";
import { defineModule, type ModuleContext } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";

export interface StoredWebhookSubscription {
  uuid: string;
  name: string;
  event_type: string;
  url: string;
  status: "ACTIVE" | "INACTIVE";
  version: string;
  created_at: string;
  /** null: deliveries are signed with the account secret. */
  secret: string | null;
  /** For `contact_updated`: the attributes whose change fires it; empty, every change. Answered as `properties`. */
  attributes: string[];
}

interface SubscriptionState {
  /** By lower-case uuid, in creation order. */
  subscriptions: Map<string, StoredWebhookSubscription>;
}

const key = (uuid: string) => uuid.toLowerCase();
// Leat's captured subscriptions show second precision and an explicit offset.
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00");
const CONTACT_UPDATED = "contact_updated";

/** The subscriptions an event goes to: active ones for its type, and for `contact_updated` only those watching an attribute it changed. */
export function subscriptionsFor(state: SubscriptionState, event: EmittedEvent): StoredWebhookSubscription[] {
  return [...state.subscriptions.values()].filter(
    (s) =>
      s.status === "ACTIVE" &&
      s.event_type === event.event &&
      (s.attributes.length === 0 || event.attributes === undefined || s.attributes.some((a) => event.attributes!.includes(a))),
  );
}

export const webhookSubscriptions = defineModule<SubscriptionState>({
  name: "webhook subscriptions",
  operations: ["listWebhookSubscriptions", "createWebhookSubscription", "getWebhookSubscription", "updateWebhookSubscription", "deleteWebhookSubscription"],
  errors: ["InvalidInput", "RewardOrWebhookSubscriptionNotFound"],
  stateSchema: {
    webhookSubscriptions: {
      type: "array",
      items: {
        type: "object",
        required: ["uuid", "name", "event_type", "url", "status", "version", "created_at", "secret", "attributes"],
        additionalProperties: false,
        properties: {
          uuid: { type: "string", format: "uuid" },
          name: { type: "string" },
          event_type: { type: "string", minLength: 1 },
          url: { type: "string", format: "uri" },
          status: { enum: ["ACTIVE", "INACTIVE"] },
          version: { type: "string" },
          created_at: { type: "string" },
          secret: { type: ["string", "null"], minLength: 1 },
          attributes: { type: "array", items: { type: "string" } },
        },
      },
    },
  },

  // The list example's subscriptions (their URLs are on example.com, which the delivery never calls).
  defaults(ctx: ModuleContext) {
    const list = ctx.successExamples("listWebhookSubscriptions")[0]?.data;
    if (!Array.isArray(list)) throw new Error("The spec lacks the listWebhookSubscriptions example the default subscriptions are built from");
    const subscriptions = list.filter(isObject).map((s) => ({
      uuid: String(s.uuid),
      name: String(s.name),
      event_type: String(s.event_type),
      url: String(s.url),
      status: s.status === "INACTIVE" ? "INACTIVE" : "ACTIVE",
      version: typeof s.version === "string" ? s.version : "V1",
      created_at: String(s.created_at),
      secret: null,
      attributes: [],
    }));
    return { webhookSubscriptions: subscriptions as Json };
  },

  load(_ctx, part) {
    const subscriptions = new Map<string, StoredWebhookSubscription>();
    (part.webhookSubscriptions as unknown as StoredWebhookSubscription[]).forEach((subscription, index) => {
      if (subscriptions.has(key(subscription.uuid))) throw new Error(`webhookSubscriptions[${index}].uuid repeats ${subscription.uuid}`);
      subscriptions.set(key(subscription.uuid), subscription);
    });
    return { subscriptions };
  },

  dump: (state) => ({ webhookSubscriptions: [...state.subscriptions.values()] as unknown as Json }),

  handlers(ctx, state) {
    const version = (() => {
      const example = ctx.successExamples("createWebhookSubscription")[0]?.data;
      return isObject(example) && typeof example.version === "string" ? example.version : "V1";
    })();
    // 80300 is also "Reward not found."; on these operations Leat words it for subscriptions, as the spec's example shows.
    const notFound: Answer = (() => {
      const documented = ctx
        .operation("getWebhookSubscription")
        .responses.get(400)
        ?.examples.map((e) => e.value)
        .find((v) => isObject(v) && v.code === ctx.model.errors.codes.get("RewardOrWebhookSubscriptionNotFound"));
      return documented ? { status: 400, body: documented } : ctx.error("RewardOrWebhookSubscriptionNotFound");
    })();
    // `properties` is in get, update and Leat's captured create, not in the list (the spec's reading of the sources).
    const view = (s: StoredWebhookSubscription, withProperties: boolean): JsonObject => ({
      uuid: s.uuid,
      name: s.name,
      event_type: s.event_type,
      url: s.url,
      ...(withProperties ? { properties: s.attributes } : {}),
      status: s.status,
      version: s.version,
      created_at: s.created_at,
    });
    const withSubscription = (uuid: string | undefined, answer: (s: StoredWebhookSubscription) => Answer | Change): Answer | Change => {
      const found = uuid === undefined ? undefined : state.subscriptions.get(key(uuid));
      return found ? answer(found) : notFound;
    };
    const strings = (value: Json | undefined) => (Array.isArray(value) ? value.map(String) : []);

    return {
      listWebhookSubscriptions: ({ query }) =>
        ctx.success(
          "listWebhookSubscriptions",
          [...state.subscriptions.values()]
            .filter((s) => (query.event_type === undefined || s.event_type === query.event_type) && (query.status === undefined || s.status === query.status))
            .map((s) => view(s, false)),
        ),
      createWebhookSubscription: ({ body }): Change => {
        const input = body!;
        const subscription: StoredWebhookSubscription = {
          uuid: randomUUID(),
          name: String(input.name),
          event_type: String(input.event_type),
          url: String(input.url),
          status: input.status === "INACTIVE" ? "INACTIVE" : "ACTIVE",
          version,
          created_at: now(),
          // Laravel reads an empty string as null: no secret of its own, so the account secret signs.
          secret: typeof input.secret === "string" && input.secret !== "" ? input.secret : null,
          attributes: strings(input.attributes),
        };
        state.subscriptions.set(key(subscription.uuid), subscription);
        return { ...ctx.success("createWebhookSubscription", view(subscription, true)), undo: () => void state.subscriptions.delete(key(subscription.uuid)) };
      },
      getWebhookSubscription: ({ params }) =>
        withSubscription(params.webhook_subscription_uuid, (s) => ctx.success("getWebhookSubscription", view(s, true))),
      // `event_type` and `secret` cannot change (Leat's reference); sent anyway, they are ignored.
      updateWebhookSubscription: ({ params, body }) =>
        withSubscription(params.webhook_subscription_uuid, (s): Answer | Change => {
          const input = body!;
          if (s.event_type === CONTACT_UPDATED && input.attributes === undefined) {
            return ctx.error("InvalidInput", { attributes: ["The attributes field is required when event type is contact_updated."] });
          }
          const before = { ...s };
          if (typeof input.name === "string") s.name = input.name;
          if (typeof input.url === "string") s.url = input.url;
          if (input.status === "ACTIVE" || input.status === "INACTIVE") s.status = input.status;
          if (input.attributes !== undefined) s.attributes = strings(input.attributes);
          return { ...ctx.success("updateWebhookSubscription", view(s, true)), undo: () => void Object.assign(s, before) };
        }),
      deleteWebhookSubscription: ({ params }) =>
        withSubscription(params.webhook_subscription_uuid, (s): Change => {
          const entries = [...state.subscriptions.entries()];
          state.subscriptions.delete(key(s.uuid));
          return { ...ctx.success("deleteWebhookSubscription", []), undo: () => void (state.subscriptions = new Map(entries)) };
        }),
    };
  },
});
