// Shops and the loyalty program, from the spec's examples (or a seed): read-only, since the API
// has no calls that change them. Later rules (transactions, orders) need a shop to name.
import type { Answer } from "../answer.js";
import { componentRef, defineModule } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";

/**
 * The shops the default state holds: the spec's `listShops` example, one of each type. Fixed
 * here so tests can name them; the default state refuses to start if the spec's example drops one.
 */
export const seedShops = {
  physical: "2d6a4b1e-3c5f-4e8a-9b7d-1f0e2c3a4b5d",
  web: "8b3f6e21-5d7a-4c92-a1e4-6f0b9d2c7e58",
  /**
   * The shop the spec's loyalty examples name (credit receptions, loyalty transactions,
   * rewards, orders, vouchers), taken from the credit reception example: no shops example
   * lists it, and those examples only work as written when it exists.
   */
  loyalty: "3b5c2a8e-7f14-4d6b-9e0a-1c2d3e4f5a6b",
} as const;

interface ShopState {
  shops: JsonObject[];
  shopsByUuid: Map<string, JsonObject>;
  loyaltyProgram: JsonObject;
}

export const shops = defineModule<ShopState>({
  name: "shops and loyalty program",
  operations: ["listShops", "getShop", "getLoyaltyProgram"],
  errors: ["ShopNotFound"],
  stateSchema: {
    shops: { type: "array", items: { allOf: [componentRef("Shop"), { type: "object", required: ["uuid", "name"] }] } },
    loyaltyProgram: componentRef("LoyaltyProgram"),
  },

  defaults(ctx) {
    const example = ctx.successExamples("listShops")[0]?.data;
    const list = Array.isArray(example) ? [...example] : undefined;
    const program = ctx.successExamples("getLoyaltyProgram")[0]?.data;
    if (!Array.isArray(list) || !isObject(program)) throw new Error("The spec lacks the listShops or getLoyaltyProgram example the default state is built from");
    const reception = ctx.successExamples("createCreditReception")[0]?.data;
    const loyaltyShop = isObject(reception) && isObject(reception.shop) ? reception.shop : undefined;
    if (loyaltyShop && !list.some((shop) => isObject(shop) && shop.uuid === loyaltyShop.uuid)) list.push(loyaltyShop);
    for (const uuid of Object.values(seedShops)) {
      if (!list.some((shop) => isObject(shop) && shop.uuid === uuid)) throw new Error(`The spec's listShops and createCreditReception examples no longer hold the seeded shop ${uuid}`);
    }
    return { shops: list, loyaltyProgram: program };
  },

  load(_ctx, part) {
    const shopsByUuid = new Map<string, JsonObject>();
    (part.shops as JsonObject[]).forEach((shop, index) => {
      const uuid = String(shop.uuid).toLowerCase();
      if (shopsByUuid.has(uuid)) throw new Error(`shops[${index}].uuid repeats ${String(shop.uuid)}`);
      shopsByUuid.set(uuid, shop);
    });
    return { shops: part.shops as JsonObject[], shopsByUuid, loyaltyProgram: part.loyaltyProgram as JsonObject };
  },

  dump: (state) => ({ shops: state.shops, loyaltyProgram: state.loyaltyProgram as Json }),

  handlers(ctx, state) {
    // Nothing here changes while the mock runs, so each answer is serialized once.
    const list = ctx.success("listShops", state.shops);
    const program = ctx.success("getLoyaltyProgram", state.loyaltyProgram);
    const byShop = new Map<JsonObject, Answer>([...state.shopsByUuid.values()].map((shop) => [shop, ctx.success("getShop", shop)]));
    return {
      listShops: () => list,
      getLoyaltyProgram: () => program,
      getShop: ({ params }) => {
        const shop = state.shopsByUuid.get(params.shop_uuid!.toLowerCase());
        return shop ? byShop.get(shop)! : ctx.error("ShopNotFound");
      },
    };
  },
});
