// Promotions: the campaigns vouchers are issued under, with the limits the vouchers module
// applies (how many vouchers, how many per contact, how long each stays valid, how often each
// can be redeemed). Listed, created and read here; the vouchers module reads them through the store.
import { randomUUID } from "node:crypto";
import type { Change } from "../answer.js";
import { componentRef, defineModule } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";

/** The promotions the default state holds (the spec's `listPromotions` example), for tests to name. */
export const seedPromotions = {
  /** Free Krabby Patty: at most 1000 vouchers, 3 per contact, valid 30 days. */
  limited: "5c3d59c7-7799-4d41-894a-8f46e50edfda",
  /** Free Kelp Smoothie: no limits, vouchers that do not expire by themselves. */
  unlimited: "983a8692-f9de-4aa5-9fde-138d5f8f153b",
} as const;

export interface PromotionState {
  /** By lowercased uuid, in creation order. */
  promotions: Map<string, JsonObject>;
}

const key = (uuid: string) => uuid.toLowerCase();

export const promotions = defineModule<PromotionState>({
  name: "promotions",
  operations: ["listPromotions", "createPromotion", "getPromotion"],
  errors: ["PromotionNotFound"],
  stateSchema: {
    promotions: { type: "array", items: { allOf: [componentRef("Promotion"), { type: "object", required: ["uuid", "name"] }] } },
  },

  defaults(ctx) {
    const list = ctx.successExamples("listPromotions")[0]?.data;
    if (!Array.isArray(list)) throw new Error("The spec lacks the listPromotions example the default promotions are built from");
    const found = ctx.successExamples("getPromotion").map((e) => e.data);
    const all: JsonObject[] = [];
    for (const item of [...list, ...found]) if (isObject(item) && !all.some((p) => p.uuid === item.uuid)) all.push(item);
    for (const uuid of Object.values(seedPromotions)) {
      if (!all.some((p) => p.uuid === uuid)) throw new Error(`The spec's listPromotions example no longer holds the seeded promotion ${uuid}`);
    }
    return { promotions: all };
  },

  load(_ctx, part) {
    const map = new Map<string, JsonObject>();
    (part.promotions as JsonObject[]).forEach((promotion, index) => {
      if (map.has(key(String(promotion.uuid)))) throw new Error(`promotions[${index}].uuid repeats ${String(promotion.uuid)}`);
      map.set(key(String(promotion.uuid)), promotion);
    });
    return { promotions: map };
  },

  dump: (state) => ({ promotions: [...state.promotions.values()] as Json }),

  handlers(ctx, state) {
    return {
      listPromotions: () => ctx.success("listPromotions", [...state.promotions.values()]),
      getPromotion: ({ params }) => {
        const promotion = state.promotions.get(key(params.promotion_uuid!));
        return promotion ? ctx.success("getPromotion", promotion) : ctx.error("PromotionNotFound");
      },
      createPromotion: ({ body }): Change => {
        // A new promotion has the account's attributes (those the others carry), without values.
        const names = new Set([...state.promotions.values()].flatMap((p) => (isObject(p.attributes) ? Object.keys(p.attributes) : [])));
        const optional = (name: string) => (typeof body![name] === "number" || typeof body![name] === "string" ? body![name]! : null);
        const promotion: JsonObject = {
          attributes: Object.fromEntries([...names].map((n) => [n, null])),
          name: String(body!.name),
          description: String(body!.description),
          voucher_limit: optional("voucher_limit"),
          limit_per_contact: optional("limit_per_contact"),
          expiration_duration: optional("expiration_duration"),
          ...(body!.type !== undefined ? { type: optional("type") } : {}),
          ...(body!.redemptions_per_voucher !== undefined ? { redemptions_per_voucher: optional("redemptions_per_voucher") } : {}),
          uuid: randomUUID(),
        };
        const uuid = key(String(promotion.uuid));
        state.promotions.set(uuid, promotion);
        return { ...ctx.success("createPromotion", promotion), undo: () => void state.promotions.delete(uuid) };
      },
    };
  },
});
