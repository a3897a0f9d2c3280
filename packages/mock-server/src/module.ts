// The contract between the engine and a resource's rules. A module owns some keys of the
// state (a seed or data file), answers some operations by operationId, and knows nothing of
// HTTP, routing, validation or persistence: the engine has done all of that before a handler runs.
import { Serialized, type Answer, type Handler } from "./answer.js";
import { apiErrorBody, type FieldErrors } from "./errors.js";
import { operation, successExamples, successStatus, type OperationInfo, type SpecModel } from "./model.js";
import { DOCUMENT_ID } from "./schemas.js";
import type { Json, JsonObject } from "./spec.js";

export type StatePart = Record<string, Json>;

export interface MockModule<State = unknown> {
  /** For messages, e.g. "units". */
  name: string;
  /** The operations it answers; every one must exist in the spec (checked at start-up). */
  operations: readonly string[];
  /** The error codes it raises, by `x-enum-varnames` name (checked at start-up). */
  errors?: readonly string[];
  /** The state keys it owns, each with the JSON Schema a seed's value must meet (`componentRef` reaches the spec's schemas). */
  stateSchema: Record<string, object>;
  /** Its keys' values when a seed gives none of them: built from the spec's examples. */
  defaults(ctx: ModuleContext): StatePart;
  /** Builds its state from its keys of a schema-valid seed; throws an Error naming the field for what a schema cannot say (`units[1].name repeats a`). */
  load(ctx: ModuleContext, part: StatePart): State;
  /** Its keys, as a data file holds them. */
  dump(state: State): StatePart;
  /**
   * Its operations' handlers, by operationId, over one state. `peer` gives another module's
   * state of the same load, for rules that span resources (a contact's tier is the tiers
   * module's), so no piece of state is held twice.
   */
  handlers(ctx: ModuleContext, state: State, peer: PeerState): Record<string, Handler>;
}

/** Another module's state, by the module itself (throws for a module the store does not hold). */
export type PeerState = <S>(module: MockModule<S>) => S;

/**
 * The state parts of a module that keeps none of its own: its rules work on other modules'
 * state through `peer` (a reward reception is a ledger entry). Spread into the module.
 */
export const NO_STATE = {
  stateSchema: {},
  defaults: (): StatePart => ({}),
  load: (): null => null,
  dump: (): StatePart => ({}),
};

/** Types a module; nothing more. */
export function defineModule<State>(module: MockModule<State>): MockModule<State> {
  return module;
}

/** A `$ref` to a component schema of the spec, for `stateSchema`. */
export function componentRef(name: string): { $ref: string } {
  return { $ref: `${DOCUMENT_ID}#/components/schemas/${name}` };
}

/** What a module may ask of the spec. */
export interface ModuleContext {
  model: SpecModel;
  operation(operationId: string): OperationInfo;
  /** The `{ data, meta }` examples of an operation's success responses, lowest status first. */
  successExamples(operationId: string): JsonObject[];
  /** A success answer in the spec's envelope: `data`, the first example's `meta`, the lowest 2xx status. Serialize once if it is reused. */
  success(operationId: string, data: Json): Answer;
  /** A documented error (HTTP 400, the spec's code and message), by `x-enum-varnames` name. */
  error(name: string, errors?: FieldErrors): Answer;
}

export function createContext(model: SpecModel): ModuleContext {
  const metas = new Map<string, { status: number; meta: Json }>();
  return {
    model,
    operation: (id) => operation(model, id),
    successExamples: (id) => successExamples(operation(model, id)),
    success(id, data) {
      let known = metas.get(id);
      if (!known) {
        const op = operation(model, id);
        known = { status: successStatus(op), meta: successExamples(op)[0]?.meta ?? {} };
        metas.set(id, known);
      }
      return { status: known.status, body: new Serialized(JSON.stringify({ data, meta: known.meta })) };
    },
    error: (name, errors) => ({ status: 400, body: apiErrorBody(model.errors, name, errors) }),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModule = MockModule<any>;
