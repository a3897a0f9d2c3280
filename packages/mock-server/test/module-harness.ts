// Mock modules on their own, without HTTP: every module loaded from the spec's defaults (or a
// seed part), its peers reached the way the store gives them, and its handlers called by operationId.
import { expect } from "vitest";
import type { Answer, Change, Serialized } from "../src/answer.js";
import { buildModel } from "../src/model.js";
import { createContext, type MockModule } from "../src/module.js";
import { modules } from "../src/modules/index.js";
import { createSchemaCompiler } from "../src/schemas.js";
import type { Json } from "../src/spec.js";
import { loadSpec } from "./helpers.js";

export const ctx = createContext(buildModel(loadSpec()));
const schemas = createSchemaCompiler(loadSpec());

export type CallModule = (id: string, call?: { params?: Record<string, string>; query?: object; body?: object }) => Answer | Change;

/** Every module of the mock, from its defaults; `seed` replaces some keys first (a module's keys together). */
export function loadModules(seed: Record<string, Json> = {}): CallModule {
  const states = new Map<unknown, unknown>(modules.map((m) => [m, m.load(ctx, structuredClone({ ...m.defaults(ctx), ...pick(seed, Object.keys(m.stateSchema)) }))]));
  const peer = <S>(m: MockModule<S>) => states.get(m) as S;
  const handlers = Object.assign({}, ...modules.map((m) => m.handlers(ctx, states.get(m), peer)));
  return (id, call = {}) => handlers[id]({ request: undefined as never, params: call.params ?? {}, query: call.query ?? {}, body: call.body }) as Answer | Change;
}

function pick(seed: Record<string, Json>, keys: string[]): Record<string, Json> {
  return Object.fromEntries(keys.flatMap((k) => (seed[k] === undefined ? [] : [[k, seed[k]] as const])));
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
