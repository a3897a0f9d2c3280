// Subscription types and each contact's status for them: subscribe and unsubscribe change what
// the contact's list shows; a double opt-in type waits for confirmation (PENDING_CONFIRMATION,
// not subscribed), which the mock never gives. Which contacts exist is the contact-tiers
// module's state, reached through the store.
import type { Answer, Change } from "../answer.js";
import { componentRef, defineModule } from "../module.js";
import type { Json, JsonObject } from "../spec.js";
import { contactTiers } from "./contact-tiers.js";

export interface StoredSubscription {
  contact_uuid: string;
  /** The type's `id`: some types have no uuid (the spec's examples show `null`). */
  subscription_type_id: number;
  status: "SUBSCRIBED" | "UNSUBSCRIBED" | "PENDING_CONFIRMATION";
}

export interface SubscriptionState {
  types: JsonObject[];
  /** By `contact uuid (lower case) + " " + type id`; a pair not here is UNSUBSCRIBED. */
  statuses: Map<string, StoredSubscription>;
}

export const pair = (contactUuid: string, typeId: number) => `${contactUuid.toLowerCase()} ${typeId}`;

/** The status subscribing gives: subscribing again keeps a confirmed subscription; a double opt-in type otherwise waits for confirmation. */
export function subscribedStatus(type: JsonObject, current: string | undefined): StoredSubscription["status"] {
  return current === "SUBSCRIBED" ? "SUBSCRIBED" : type.strategy === "DOUBLE_OPT_IN" ? "PENDING_CONFIRMATION" : "SUBSCRIBED";
}

/** A contact's status for one type, as the API answers it (the `Subscription` schema). */
function subscriptionView(state: SubscriptionState, contactUuid: string, type: JsonObject): JsonObject {
  const status = state.statuses.get(pair(contactUuid, type.id as number))?.status ?? "UNSUBSCRIBED";
  return { is_subscribed: status === "SUBSCRIBED", status, subscription_type: type };
}

/** A contact's status for every type: its subscriptions list, and the `subscriptions` of a contact. */
export function subscriptionsOf(state: SubscriptionState, contactUuid: string): JsonObject[] {
  return state.types.map((type) => subscriptionView(state, contactUuid, type));
}

export const contactSubscriptions = defineModule<SubscriptionState>({
  name: "subscriptions",
  operations: ["listSubscriptionTypes", "listContactSubscriptions", "subscribeContact", "unsubscribeContact"],
  errors: ["ContactNotFound", "SubscriptionTypeNotFound"],
  stateSchema: {
    subscriptionTypes: { type: "array", items: { allOf: [componentRef("SubscriptionType"), { type: "object", required: ["id", "uuid", "name", "strategy"], properties: { id: { type: "integer" } } }] } },
    contactSubscriptions: {
      type: "array",
      items: {
        type: "object",
        required: ["contact_uuid", "subscription_type_id", "status"],
        additionalProperties: false,
        properties: {
          contact_uuid: { type: "string", format: "uuid" },
          subscription_type_id: { type: "integer" },
          status: { enum: ["SUBSCRIBED", "UNSUBSCRIBED", "PENDING_CONFIRMATION"] },
        },
      },
    },
  },

  defaults(ctx) {
    const types = ctx.successExamples("listSubscriptionTypes")[0]?.data;
    if (!Array.isArray(types)) throw new Error("The spec lacks the listSubscriptionTypes example the subscription types are built from");
    return { subscriptionTypes: types, contactSubscriptions: [] };
  },

  load(_ctx, part) {
    const types = part.subscriptionTypes as JsonObject[];
    const ids = new Set<number>();
    types.forEach((type, index) => {
      if (ids.has(type.id as number)) throw new Error(`subscriptionTypes[${index}].id repeats ${String(type.id)}`);
      ids.add(type.id as number);
    });
    const statuses = new Map<string, StoredSubscription>();
    (part.contactSubscriptions as unknown as StoredSubscription[]).forEach((s, index) => {
      if (!ids.has(s.subscription_type_id)) throw new Error(`contactSubscriptions[${index}].subscription_type_id ${s.subscription_type_id} matches no subscription type's id`);
      if (statuses.has(pair(s.contact_uuid, s.subscription_type_id))) throw new Error(`contactSubscriptions[${index}] repeats a contact and type`);
      statuses.set(pair(s.contact_uuid, s.subscription_type_id), s);
    });
    return { types, statuses };
  },

  dump: (state) => ({ subscriptionTypes: state.types, contactSubscriptions: [...state.statuses.values()] as unknown as Json }),

  handlers(ctx, state, peer) {
    const tiers = peer(contactTiers);
    const typeList = ctx.success("listSubscriptionTypes", state.types);
    const view = (contactUuid: string, type: JsonObject) => subscriptionView(state, contactUuid, type);
    const change =
      (operationId: string, next: (type: JsonObject, current: string | undefined) => StoredSubscription["status"]) =>
      ({ params, body }: { params: Record<string, string>; body: JsonObject | undefined }): Answer | Change => {
        const contactUuid = params.contact_uuid!;
        if (!tiers.contacts.has(contactUuid.toLowerCase())) return ctx.error("ContactNotFound");
        const wanted = String(body!.subscription_type_uuid).toLowerCase();
        const type = state.types.find((t) => typeof t.uuid === "string" && t.uuid.toLowerCase() === wanted);
        if (!type) return ctx.error("SubscriptionTypeNotFound");
        const key = pair(contactUuid, type.id as number);
        const before = state.statuses.get(key);
        state.statuses.set(key, { contact_uuid: contactUuid, subscription_type_id: type.id as number, status: next(type, before?.status) });
        return { ...ctx.success(operationId, view(contactUuid, type)), undo: () => void (before ? state.statuses.set(key, before) : state.statuses.delete(key)) };
      };
    return {
      listSubscriptionTypes: () => typeList,
      listContactSubscriptions: ({ params }) => {
        const contactUuid = params.contact_uuid!;
        if (!tiers.contacts.has(contactUuid.toLowerCase())) return ctx.error("ContactNotFound");
        return ctx.success("listContactSubscriptions", subscriptionsOf(state, contactUuid));
      },
      subscribeContact: change("subscribeContact", subscribedStatus),
      unsubscribeContact: change("unsubscribeContact", () => "UNSUBSCRIBED"),
    };
  },
});
