// The mock's one state: every module's part, loaded from a seed or data file, dumped as one
// snapshot, and replaced whole on reset. Every method is synchronous, so no request can
// interleave inside one.
import type { ValidateFunction } from "ajv";
import type { Handler } from "./answer.js";
import type { AnyModule, MockModule, ModuleContext, StatePart } from "./module.js";
import { describeSeedErrors, seedSchema } from "./seed-schema.js";
import type { Json, JsonObject } from "./spec.js";

/** What seed and data files hold: every module's keys. */
export type StateSnapshot = Record<string, Json>;

interface Loaded {
  states: unknown[];
  handlers: Map<string, Handler>;
}

export class Store {
  private validator: ValidateFunction | undefined;
  private loaded: Loaded;

  constructor(
    private readonly ctx: ModuleContext,
    private readonly modules: readonly AnyModule[],
    initial: unknown,
  ) {
    const owners = new Map<string, string>();
    for (const module of modules) {
      for (const key of Object.keys(module.stateSchema)) {
        if (owners.has(key)) throw new Error(`${module.name} and ${owners.get(key)} both own the state key ${key}`);
        owners.set(key, module.name);
      }
    }
    this.loaded = this.load(initial);
  }

  /** The module handler for an operation, if a module answers it. */
  handler(operationId: string): Handler | undefined {
    return this.loaded.handlers.get(operationId);
  }

  /**
   * Checks a seed or data file's content and builds every module's state from it, without
   * touching the current state. A module none of whose keys is given starts from its defaults.
   * Throws an Error naming the first offending field.
   */
  private load(input: unknown): Loaded {
    // `{}` (every module from the spec's examples) needs no schema: compiling it is most of a small spec's start-up.
    const empty = typeof input === "object" && input !== null && !Array.isArray(input) && Object.keys(input).length === 0;
    if (!empty) {
      this.validator ??= this.ctx.model.schemas.own(seedSchema(this.modules));
      if (!this.validator(input)) throw new Error(describeSeedErrors(this.validator.errors ?? []));
    }
    const given = input as JsonObject;
    const states: unknown[] = [];
    const handlers = new Map<string, Handler>();
    const peer = <S>(other: MockModule<S>): S => {
      const index = this.modules.indexOf(other);
      if (index < 0) throw new Error(`${other.name} is not one of the mock's modules`);
      return states[index] as S;
    };
    for (const module of this.modules) {
      const keys = Object.keys(module.stateSchema);
      const present = keys.filter((k) => given[k] !== undefined);
      let part: StatePart;
      if (present.length === 0) {
        part = module.defaults(this.ctx);
      } else {
        const missing = keys.find((k) => given[k] === undefined);
        if (missing) throw new Error(`${missing} is required with ${present.join(", ")}`);
        part = Object.fromEntries(keys.map((k) => [k, given[k]!]));
      }
      states.push(module.load(this.ctx, structuredClone(part)));
    }
    // Handlers come after every state is loaded, so a module may reach a peer listed after it.
    this.modules.forEach((module, index) => {
      for (const [id, handler] of Object.entries(module.handlers(this.ctx, states[index], peer))) handlers.set(id, handler);
    });
    return { states, handlers };
  }

  /** A module's current state (it changes object on every reset, so ask each time). */
  stateOf<S>(module: MockModule<S>): S {
    const index = this.modules.indexOf(module);
    if (index < 0) throw new Error(`${module.name} is not one of the mock's modules`);
    return this.loaded.states[index] as S;
  }

  /** A complete snapshot as a data file holds it. */
  snapshot(): StateSnapshot {
    const snapshot: StateSnapshot = {};
    this.modules.forEach((module, index) => Object.assign(snapshot, module.dump(this.loaded.states[index])));
    return snapshot;
  }

  /** Replaces the whole state; on a bad seed, throws and keeps the current one. */
  restore(input: unknown): void {
    this.loaded = this.load(input);
  }

  /** `input` checked and completed as the store would hold it, without changing anything. */
  parse(input: unknown): StateSnapshot {
    const loaded = this.load(input);
    const snapshot: StateSnapshot = {};
    this.modules.forEach((module, index) => Object.assign(snapshot, module.dump(loaded.states[index])));
    return snapshot;
  }
}
