// The units module on its own, without HTTP: its state and rules, as a module's test looks.
import { describe, expect, it } from "vitest";
import type { Change } from "../src/answer.js";
import { Serialized } from "../src/answer.js";
import { buildModel } from "../src/model.js";
import { createContext } from "../src/module.js";
import { units } from "../src/modules/units.js";
import { loadSpec } from "./helpers.js";

const ctx = createContext(buildModel(loadSpec()));
const unit = (name: string, isDefault: boolean) => ({ name, label: name, prefix: "", is_default: isDefault });
const call = (body: object) => ({ request: undefined as never, params: {}, query: {}, body: body as never });
const data = (answer: { body: unknown }) => JSON.parse((answer.body as Serialized).text).data;

describe("units module", () => {
  it("creates, demotes every previous default, refuses a taken name, and undoes a create", () => {
    const state = units.load(ctx, { units: [unit("a", true), unit("b", true)] });
    const handlers = units.handlers(ctx, state);
    const created = handlers.createUnit!(call({ name: "c", label: "C", is_default: "yes" })) as Change;
    expect(data(created)).toMatchObject({ id: 3, name: "c", prefix: "c", is_default: true });
    // In the order Leat sends a created unit.
    expect(Object.keys(data(created))).toEqual(Object.keys(ctx.successExamples("createUnit")[0]!.data as object));
    expect(data(handlers.listUnits!(call({})) as Change).map((u: { is_default: boolean }) => u.is_default)).toEqual([false, false, true]);
    expect((handlers.createUnit!(call({ name: "c", label: "again" })) as Change).body).toMatchObject({ code: 55045 });
    created.undo();
    expect(units.dump(state).units).toMatchObject([unit("a", true), unit("b", true)]);
  });

  it("refuses a repeated name or id in its state", () => {
    expect(() => units.load(ctx, { units: [unit("a", true), unit("a", false)] })).toThrow("units[1].name repeats a");
    expect(() => units.load(ctx, { units: [{ ...unit("a", true), id: 4 }, { ...unit("b", false), id: 4 }] })).toThrow("units[1].id repeats 4");
  });
});
