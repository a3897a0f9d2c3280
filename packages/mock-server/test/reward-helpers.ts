// The rewards modules over a whole store (every module, as the mock loads them), without HTTP:
// a state built from the spec's examples, changed by a test, and calls to the handlers.
import type { Answer, Change, Serialized } from "../src/answer.js";
import { buildModel } from "../src/model.js";
import { createContext } from "../src/module.js";
import { modules } from "../src/modules/index.js";
import { Store, type StateSnapshot } from "../src/store.js";
import { type AnyJson, loadSpec } from "./helpers.js";

export const ctx = createContext(buildModel(loadSpec()));
export const UNKNOWN = "00000000-0000-4000-8000-000000000000";

export interface Call {
  params?: Record<string, string>;
  query?: object;
  body?: object;
}

/** A store started from the spec's examples after `change` edits their snapshot, and a way to call its handlers. */
export function rewardStore(change?: (state: AnyJson) => void) {
  const state = new Store(ctx, modules, {}).snapshot() as AnyJson;
  change?.(state);
  const store = new Store(ctx, modules, state);
  const call = (id: string, c: Call = {}) =>
    store.handler(id)!({ request: undefined as never, params: c.params ?? {}, query: (c.query ?? {}) as never, body: c.body as never }) as Answer | Change;
  return { store, call };
}

/** Sets a contact's credit balance in a snapshot. */
export function setBalance(state: AnyJson, contact: string, balance: number): void {
  const profile = (state.contactProfiles as AnyJson[]).find((p) => p.uuid === contact);
  if (!profile) throw new Error(`no contact ${contact} in the state`);
  profile.credit_balance = balance;
}

/** Sets fields of a seeded reward in a snapshot. */
export function setReward(state: AnyJson, uuid: string, fields: object): void {
  const reward = (state.rewards as AnyJson[]).find((r) => r.uuid === uuid);
  if (!reward) throw new Error(`no reward ${uuid} in the state`);
  Object.assign(reward, fields);
}

export const body = (answer: Answer): AnyJson => (typeof (answer.body as Serialized).text === "string" ? JSON.parse((answer.body as Serialized).text) : answer.body);
export const data = (answer: Answer): AnyJson => body(answer).data;
export const code = (answer: Answer): number | undefined => (answer.body as { code?: number }).code;
export type { StateSnapshot };
