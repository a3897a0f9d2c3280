// Units: the list in creation order, unique names, `prefix` defaulting to the name's first
// character, and the documented default rule (a new default demotes every previous one).
import type { Answer, Change } from "../answer.js";
import type { components } from "@leat-openapi/spec/schema";
import { componentRef, defineModule, type ModuleContext } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { timestamp } from "../timestamp.js";

/** A unit as the mock stores it: exactly what createUnit answers with. */
export type StoredUnit = components["schemas"]["CreatedUnit"];

const DATABASE_FIELDS = ["id", "loyalty_program_id", "format", "created_at", "updated_at"];

/** Creation defaults Leat assigns, read from the createUnit success example. */
function unitDefaults(ctx: ModuleContext): { loyalty_program_id: number; format: string } {
  const data = ctx.successExamples("createUnit")[0]?.data;
  const example = isObject(data) ? data : {};
  return {
    loyalty_program_id: typeof example.loyalty_program_id === "number" ? example.loyalty_program_id : 1,
    format: typeof example.format === "string" ? example.format : "int",
  };
}

/** The highest numeric `id`, 0 for none. A loop: spreading 150k+ ids into Math.max overflows the stack. */
function highestId(units: readonly { id?: Json }[]): number {
  let highest = 0;
  for (const unit of units) if (typeof unit.id === "number" && unit.id > highest) highest = unit.id;
  return highest;
}

/** Leat's boolean rule: true, false, 1, 0, "1", "0", "true", "false", "yes", "no". */
export function toBoolean(value: Json | undefined): boolean {
  return value === true || value === 1 || value === "1" || value === "true" || value === "yes";
}

/** The first character of `text`, counting a surrogate pair (an emoji, say) as one. */
function firstCharacter(text: string): string {
  const code = text.codePointAt(0);
  return code === undefined ? "" : String.fromCodePoint(code);
}

interface UnitState {
  units: StoredUnit[];
  byName: Map<string, StoredUnit>;
  /** The units marked default (one, as Leat means it, but a seed may hold several or none). */
  defaults: StoredUnit[];
  nextId: number;
  created: { loyalty_program_id: number; format: string };
}

export const units = defineModule<UnitState>({
  name: "units",
  operations: ["listUnits", "createUnit"],
  errors: ["UnitAlreadyExists"],
  stateSchema: {
    units: {
      type: "array",
      items: {
        type: "object",
        allOf: [componentRef("Unit")],
        // A data file also holds what Leat assigns on creation.
        properties: Object.fromEntries(DATABASE_FIELDS.map((n) => [n, { $ref: `${componentRef("CreatedUnit").$ref}/properties/${n}` }])),
      },
    },
  },

  defaults(ctx) {
    const list = ctx.successExamples("listUnits")[0]?.data;
    if (!Array.isArray(list)) throw new Error("The spec's listUnits has no example list to start from");
    return { units: list.filter(isObject).map((u) => ({ name: u.name ?? "", label: u.label ?? "", prefix: u.prefix ?? "", is_default: u.is_default === true })) };
  },

  load(ctx, part) {
    const raw = part.units as JsonObject[];
    const created = unitDefaults(ctx);
    const now = timestamp();
    const byName = new Map<string, StoredUnit>();
    const ids = new Set<number>();
    let nextId = highestId(raw) + 1;
    const list = raw.map((u, index): StoredUnit => {
      const name = u.name as string;
      if (byName.has(name)) throw new Error(`units[${index}].name repeats ${name}`);
      const id = typeof u.id === "number" ? u.id : nextId++;
      if (ids.has(id)) throw new Error(`units[${index}].id repeats ${id}`);
      ids.add(id);
      const unit: StoredUnit = {
        id,
        loyalty_program_id: typeof u.loyalty_program_id === "number" ? u.loyalty_program_id : created.loyalty_program_id,
        name,
        label: u.label as string,
        prefix: u.prefix as string,
        is_default: u.is_default === true,
        format: typeof u.format === "string" ? u.format : created.format,
        created_at: typeof u.created_at === "string" ? u.created_at : now,
        updated_at: typeof u.updated_at === "string" ? u.updated_at : now,
      };
      byName.set(name, unit);
      return unit;
    });
    return { units: list, byName, defaults: list.filter((u) => u.is_default), nextId, created };
  },

  dump: (state) => ({ units: state.units as unknown as Json }),

  handlers(ctx, state) {
    let listAnswer: Answer | null = null;
    return {
      listUnits: () =>
        (listAnswer ??= ctx.success(
          "listUnits",
          state.units.map((u) => ({ name: u.name, label: u.label, prefix: u.prefix, is_default: u.is_default })),
        )),

      createUnit: ({ body }): Answer | Change => {
        const input = body as { name: string; label: string; prefix?: string; is_default?: Json };
        // Check and insert in one synchronous step, so simultaneous creates cannot both win.
        if (state.byName.has(input.name)) return ctx.error("UnitAlreadyExists");
        const isDefault = toBoolean(input.is_default);
        const now = timestamp();
        // Keys in the order Leat sends them (the createdUnit example, as captured).
        const unit: StoredUnit = {
          loyalty_program_id: state.created.loyalty_program_id,
          name: input.name,
          label: input.label,
          is_default: isDefault,
          prefix: input.prefix ?? firstCharacter(input.name),
          format: state.created.format,
          updated_at: now,
          created_at: now,
          id: state.nextId++,
        };
        const previous = state.defaults;
        const previousUpdatedAt = previous.map((u) => u.updated_at);
        if (isDefault) {
          for (const old of previous) {
            old.is_default = false;
            old.updated_at = now;
          }
          state.defaults = [unit];
        }
        state.units.push(unit);
        state.byName.set(unit.name, unit);
        listAnswer = null;
        // Serialized now: the unit as created, even if a later create demotes it while this one is saved.
        return {
          ...ctx.success("createUnit", unit as unknown as Json),
          undo() {
            if (state.byName.get(unit.name) !== unit) return;
            state.units = state.units.filter((u) => u !== unit);
            state.byName.delete(unit.name);
            // Give the default back only if it is still ours to give: a later create may have taken it.
            if (unit.is_default) {
              previous.forEach((old, index) => {
                old.is_default = true;
                old.updated_at = previousUpdatedAt[index]!;
              });
              state.defaults = previous;
            }
            listAnswer = null;
          },
        };
      },
    };
  },
});
