// The promotions module on its own, without HTTP: the seeded promotions, a created one, a lookup.
import { describe, expect, it } from "vitest";
import type { Answer, Change, Serialized } from "../src/answer.js";
import { buildModel } from "../src/model.js";
import { createContext } from "../src/module.js";
import { promotions, seedPromotions } from "../src/modules/promotions.js";
import { loadSpec } from "./helpers.js";

const ctx = createContext(buildModel(loadSpec()));

function load() {
  const state = promotions.load(ctx, structuredClone(promotions.defaults(ctx)));
  const handlers = promotions.handlers(ctx, state, () => {
    throw new Error("the promotions module needs no peer");
  });
  return (id: string, call: { params?: Record<string, string>; body?: object } = {}) =>
    handlers[id]!({ request: undefined as never, params: call.params ?? {}, query: {}, body: call.body as never }) as Answer | Change;
}
const data = (answer: Answer) => JSON.parse((answer.body as Serialized).text).data;
const code = (answer: Answer) => (answer.body as { code?: number }).code;

describe("promotions module", () => {
  it("lists the seeded promotions, creates one with the account's attributes, gets it; 80002 when unknown", () => {
    const call = load();
    expect(data(call("listPromotions")).map((p: { uuid: string }) => p.uuid)).toEqual(Object.values(seedPromotions));
    const created = call("createPromotion", { body: { name: "Double Deluxe Week", description: "Two for one", voucher_limit: 500 } }) as Change;
    expect(data(created)).toMatchObject({ name: "Double Deluxe Week", voucher_limit: 500, limit_per_contact: null, attributes: { plu: null } });
    expect(data(call("listPromotions"))).toHaveLength(3);
    expect(data(call("getPromotion", { params: { promotion_uuid: data(created).uuid.toUpperCase() } })).name).toBe("Double Deluxe Week");
    created.undo();
    expect(code(call("getPromotion", { params: { promotion_uuid: data(created).uuid } }))).toBe(80002);
  });

  it("refuses a seed whose uuid repeats", () => {
    const part = promotions.defaults(ctx) as { promotions: { uuid: string }[] };
    part.promotions[1]!.uuid = part.promotions[0]!.uuid;
    expect(() => promotions.load(ctx, part)).toThrow(`promotions[1].uuid repeats ${part.promotions[0]!.uuid}`);
  });
});
