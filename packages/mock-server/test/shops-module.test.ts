// The shops and loyalty program module on its own, without HTTP.
import { describe, expect, it } from "vitest";
import type { Answer, Serialized } from "../src/answer.js";
import { buildModel } from "../src/model.js";
import { createContext } from "../src/module.js";
import { seedShops, shops } from "../src/modules/shops.js";
import { loadSpec } from "./helpers.js";

const ctx = createContext(buildModel(loadSpec()));
const call = (handler: ((c: never) => unknown) | undefined, params: Record<string, string> = {}) =>
  handler!({ request: undefined, params, query: {}, body: undefined } as never) as Answer;
const data = (answer: Answer) => JSON.parse((answer.body as Serialized).text).data;

describe("shops module", () => {
  it("seeds the spec's shops (and the loyalty examples' shop) and program, gets a shop by uuid, and refuses an unknown one with 1008", () => {
    const handlers = shops.handlers(ctx, shops.load(ctx, shops.defaults(ctx)), () => {
      throw new Error("shops reaches no other module");
    });
    const listed = data(call(handlers.listShops));
    const reception = ctx.successExamples("createCreditReception")[0]!.data as { shop: { uuid: string } };
    expect(listed).toEqual([...(ctx.successExamples("listShops")[0]!.data as object[]), reception.shop]);
    expect(reception.shop.uuid).toBe(seedShops.loyalty);
    for (const uuid of Object.values(seedShops)) expect(data(call(handlers.getShop, { shop_uuid: uuid.toUpperCase() })).uuid).toBe(uuid);
    expect((call(handlers.getShop, { shop_uuid: "00000000-0000-4000-8000-000000000000" }).body as { code: number }).code).toBe(1008);
    expect(data(call(handlers.getLoyaltyProgram))).toEqual(ctx.successExamples("getLoyaltyProgram")[0]!.data);
  });

  it("refuses a repeated shop uuid in its state", () => {
    const part = shops.defaults(ctx) as { shops: { uuid: string }[] };
    part.shops.push({ ...part.shops[0]! });
    expect(() => shops.load(ctx, part)).toThrow(`shops[${part.shops.length - 1}].uuid repeats ${part.shops[0]!.uuid}`);
  });
});
