// Mock modules without HTTP: every module in the mock's own store, loaded from the spec's
// examples (or a seed), and its handlers called by operationId.
import { expect } from "vitest";
import type { Answer, Change, Serialized } from "../src/answer.js";
import { buildModel } from "../src/model.js";
import { createContext } from "../src/module.js";
import { modules } from "../src/modules/index.js";
import { createSchemaCompiler } from "../src/schemas.js";
import type { Json, JsonObject } from "../src/spec.js";
import { Store } from "../src/store.js";
import { loadSpec } from "./helpers.js";

export const ctx = createContext(buildModel(loadSpec()));
const schemas = createSchemaCompiler(loadSpec());

export type CallModule = (id: string, call?: { params?: Record<string, string>; query?: object; body?: object }) => Answer | Change;

/** Every module of the mock in the mock's own store, from the spec's examples or a seed (a module's keys together, as a seed file gives them). */
export function storeOf(seed: Record<string, Json> = {}): { store: Store; call: CallModule } {
  const store = new Store(ctx, modules, structuredClone(seed));
  const call: CallModule = (id, c = {}) => {
    const handler = store.handler(id);
    if (!handler) throw new Error(`no module answers ${id}`);
    return handler({ request: undefined as never, params: c.params ?? {}, query: (c.query ?? {}) as JsonObject, body: c.body as JsonObject | undefined }) as Answer | Change;
  };
  return { store, call };
}

/** The handlers of `storeOf(seed)`, called by operationId. */
export function loadModules(seed: Record<string, Json> = {}): CallModule {
  return storeOf(seed).call;
}

/** The answer's JSON body (serialized or not). */
export const body = (answer: Answer) => (typeof (answer.body as Serialized)?.text === "string" ? JSON.parse((answer.body as Serialized).text) : answer.body);
export const data = (answer: Answer) => body(answer).data;
export const code = (answer: Answer) => body(answer)?.code;

/** The events a change carries, each checked against the spec's webhook payload schema for its name. */
export function eventsOf(answer: Answer): NonNullable<Change["events"]> {
  const events = (answer as Change).events ?? [];
  for (const e of events) {
    const validate = schemas.at(`#/webhooks/${e.event}/post/requestBody/content/application~1json/schema`);
    expect(validate({ type: e.event, data: e.data }), JSON.stringify(validate.errors)).toBe(true);
  }
  return events;
}
