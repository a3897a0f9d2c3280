import type { ErrorObject } from "ajv";
import type { OperationInfo, SpecModel } from "./model.js";
import { componentRef } from "./schemas.js";
import { isObject, type Json, type JsonObject } from "./spec.js";
import type { components } from "./generated/schema.js";

/**
 * The contacts the default state holds. The spec has no contact list, so these UUIDs are
 * fixed here; `withTier` is the spec's own example UUID for `contact_uuid`, so the docs'
 * examples work against the mock as written.
 */
export const seedContacts = {
  withTier: "4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1",
  withoutTier: "0c3b7e52-9d4f-4a61-8e2a-5b9f1d7c6a30",
} as const;

/** A unit as the mock stores it: exactly what createUnit answers with. */
export type StoredUnit = components["schemas"]["CreatedUnit"];

export interface StoredContact {
  uuid: string;
  /** The uuid of one of the state's tiers, or null for a contact without a tier. */
  tier_uuid: string | null;
}

/** What `--seed` files and `--data` files hold. */
export interface StateSnapshot {
  tiers: JsonObject[];
  contacts: StoredContact[];
  units: StoredUnit[];
}

export function operation(model: SpecModel, operationId: string): OperationInfo {
  const op = model.operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`The spec has no operation ${operationId}; the mock cannot serve it`);
  return op;
}

/** The examples of an operation's success responses, lowest status first. */
export function successExamples(op: OperationInfo): JsonObject[] {
  return [...op.responses.values()]
    .filter((r) => r.status >= 200 && r.status < 300)
    .sort((a, b) => a.status - b.status)
    .flatMap((r) => r.examples.map((e) => e.value))
    .filter(isObject);
}

/** Creation defaults Leat assigns, read from the createUnit success example. */
export function unitDefaults(model: SpecModel): { loyalty_program_id: number; format: string } {
  const data = successExamples(operation(model, "createUnit"))[0]?.data;
  const example = isObject(data) ? data : {};
  return {
    loyalty_program_id: typeof example.loyalty_program_id === "number" ? example.loyalty_program_id : 1,
    format: typeof example.format === "string" ? example.format : "int",
  };
}

let stampedAt = Number.NaN;
let stamp = "";

/**
 * Leat's timestamps: ISO 8601 in UTC with microseconds. Formatting a date costs more than
 * the rest of a create, and creates under load come many per millisecond, so the last
 * millisecond's text is kept.
 */
export function timestamp(epochMs = Date.now()): string {
  if (epochMs !== stampedAt) {
    stampedAt = epochMs;
    // toISOString always ends in `.sssZ`; Leat writes microseconds, of which we know none.
    stamp = `${new Date(epochMs).toISOString().slice(0, -1)}000Z`;
  }
  return stamp;
}

/** The state the mock starts with when no seed is given, built from the spec's examples. */
export function defaultSnapshot(model: SpecModel): StateSnapshot {
  const tierList = successExamples(operation(model, "listTiers"))[0]?.data;
  const contactTier = successExamples(operation(model, "getContactTier"))
    .map((e) => e.data)
    .find((d) => isObject(d) && typeof d.name === "string" && d.name !== "");
  const unitList = successExamples(operation(model, "listUnits"))[0]?.data;
  if (!Array.isArray(tierList) || !Array.isArray(unitList) || !isObject(contactTier)) {
    throw new Error("The spec lacks the listTiers, getContactTier or listUnits examples the default state is built from");
  }
  const tiers = tierList.filter(isObject);
  const tier = tiers.find((t) => t.uuid === contactTier.uuid) ?? contactTier;
  if (!tiers.includes(tier)) tiers.push(tier);
  const defaults = unitDefaults(model);
  const now = timestamp();
  return {
    tiers,
    contacts: [
      { uuid: seedContacts.withTier, tier_uuid: typeof tier.uuid === "string" ? tier.uuid : null },
      { uuid: seedContacts.withoutTier, tier_uuid: null },
    ],
    units: unitList.filter(isObject).map((u, index) => ({
      id: index + 1,
      ...defaults,
      name: String(u.name),
      label: String(u.label),
      prefix: String(u.prefix ?? ""),
      is_default: u.is_default === true,
      created_at: now,
      updated_at: now,
    })),
  };
}

function seedSchema(): object {
  const createdField = (name: string) => ({ $ref: `${componentRef("CreatedUnit").$ref}/properties/${name}` });
  return {
    type: "object",
    required: ["tiers", "contacts", "units"],
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      tiers: { type: "array", items: componentRef("Tier") },
      contacts: {
        type: "array",
        items: {
          type: "object",
          required: ["uuid", "tier_uuid"],
          additionalProperties: false,
          properties: {
            uuid: { type: "string", format: "uuid" },
            tier_uuid: { type: ["string", "null"] },
          },
        },
      },
      units: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          allOf: [componentRef("Unit")],
          properties: Object.fromEntries(
            ["id", "loyalty_program_id", "format", "created_at", "updated_at"].map((n) => [n, createdField(n)]),
          ),
        },
      },
    },
  };
}

function where(error: ErrorObject): string {
  let path = "";
  for (const segment of error.instancePath.split("/").slice(1)) {
    path += /^\d+$/.test(segment) ? `[${segment}]` : `${path ? "." : ""}${segment.replace(/~1/g, "/").replace(/~0/g, "~")}`;
  }
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") return `${path ? `${path}.` : ""}${String(params.missingProperty)} is required`;
  if (error.keyword === "additionalProperties") {
    return `${path ? `${path}.` : ""}${String(params.additionalProperty)} is not a known field`;
  }
  return `${path || "the document"} ${error.message ?? "is invalid"}`;
}

const validators = new WeakMap<SpecModel, ReturnType<SpecModel["schemas"]["own"]>>();

/**
 * Checks a seed or data file's content and returns it as a complete snapshot. Throws an
 * Error whose message names the first offending field.
 */
export function parseSnapshot(model: SpecModel, input: unknown): StateSnapshot {
  let validate = validators.get(model);
  if (!validate) {
    validate = model.schemas.own(seedSchema());
    validators.set(model, validate);
  }
  if (!validate(input)) {
    // Report the most specific error: branch summaries (allOf/oneOf) come last from Ajv.
    const errors = validate.errors ?? [];
    const first = errors.find((e) => !["allOf", "oneOf", "anyOf"].includes(e.keyword)) ?? errors[0]!;
    throw new Error(where(first));
  }
  const raw = input as { tiers: JsonObject[]; contacts: StoredContact[]; units: JsonObject[] };

  const tierUuids = new Set<string>();
  raw.tiers.forEach((tier, index) => {
    if (typeof tier.uuid !== "string") return;
    const uuid = tier.uuid.toLowerCase();
    if (tierUuids.has(uuid)) throw new Error(`tiers[${index}].uuid repeats ${tier.uuid}`);
    tierUuids.add(uuid);
  });
  const contactUuids = new Set<string>();
  raw.contacts.forEach((contact, index) => {
    const uuid = contact.uuid.toLowerCase();
    if (contactUuids.has(uuid)) throw new Error(`contacts[${index}].uuid repeats ${contact.uuid}`);
    contactUuids.add(uuid);
    if (contact.tier_uuid !== null && !tierUuids.has(contact.tier_uuid.toLowerCase())) {
      throw new Error(`contacts[${index}].tier_uuid ${contact.tier_uuid} matches no tier's uuid`);
    }
  });
  // Any number of defaults: Leat means one, but captured traffic shows two, and the spec allows it.
  const names = new Set<string>();
  raw.units.forEach((unit, index) => {
    const name = unit.name as string;
    if (names.has(name)) throw new Error(`units[${index}].name repeats ${name}`);
    names.add(name);
  });

  const fallback = unitDefaults(model);
  const now = timestamp();
  let nextId = highestId(raw.units) + 1;
  const ids = new Set<number>();
  const units = raw.units.map((u, index): StoredUnit => {
    const id = typeof u.id === "number" ? u.id : nextId++;
    if (ids.has(id)) throw new Error(`units[${index}].id repeats ${id}`);
    ids.add(id);
    return {
      id,
      loyalty_program_id: typeof u.loyalty_program_id === "number" ? u.loyalty_program_id : fallback.loyalty_program_id,
      name: u.name as string,
      label: u.label as string,
      prefix: u.prefix as string,
      is_default: u.is_default === true,
      format: typeof u.format === "string" ? u.format : fallback.format,
      created_at: typeof u.created_at === "string" ? u.created_at : now,
      updated_at: typeof u.updated_at === "string" ? u.updated_at : now,
    };
  });
  return { tiers: raw.tiers, contacts: raw.contacts, units };
}

/** The highest numeric `id` among units, 0 for none. A loop: spreading 150k+ ids into Math.max overflows the stack. */
function highestId(units: readonly { id?: Json }[]): number {
  let highest = 0;
  for (const unit of units) {
    if (typeof unit.id === "number" && unit.id > highest) highest = unit.id;
  }
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

/** `undo` takes the unit back out, for when the change could not be saved. */
export type CreateResult = { unit: StoredUnit; undo: () => void } | { duplicate: true };

/** The mock's state. Every method is synchronous, so no request can interleave inside one. */
export class MockState {
  private tiers: JsonObject[];
  private contacts = new Map<string, StoredContact>();
  private tiersByUuid = new Map<string, JsonObject>();
  private units: StoredUnit[];
  private unitsByName = new Map<string, StoredUnit>();
  /** The units marked default (one, as Leat means it, but a seed may hold several or none), so a new default demotes them without scanning every unit. */
  private defaultUnits: StoredUnit[];
  private nextId: number;
  private readonly defaults: { loyalty_program_id: number; format: string };
  private unitListCache: Json[] | null = null;

  constructor(model: SpecModel, snapshot: StateSnapshot) {
    this.defaults = unitDefaults(model);
    // Stable sort: tiers that share a position keep the seed's order.
    this.tiers = [...snapshot.tiers].sort((a, b) => (a.position as number) - (b.position as number));
    for (const tier of this.tiers) {
      if (typeof tier.uuid === "string") this.tiersByUuid.set(tier.uuid.toLowerCase(), tier);
    }
    for (const contact of snapshot.contacts) this.contacts.set(contact.uuid.toLowerCase(), contact);
    this.units = snapshot.units.map((u) => ({ ...u }));
    for (const unit of this.units) this.unitsByName.set(unit.name, unit);
    this.defaultUnits = this.units.filter((u) => u.is_default);
    this.nextId = highestId(this.units) + 1;
  }

  listTiers(): Json[] {
    return this.tiers;
  }

  /** undefined: no such contact; null: the contact has no tier. */
  contactTier(uuid: string): JsonObject | null | undefined {
    const contact = this.contacts.get(uuid.toLowerCase());
    if (!contact) return undefined;
    if (contact.tier_uuid === null) return null;
    return this.tiersByUuid.get(contact.tier_uuid.toLowerCase()) ?? null;
  }

  listUnits(): Json[] {
    return (this.unitListCache ??= this.units.map((u) => ({
      name: u.name,
      label: u.label,
      prefix: u.prefix,
      is_default: u.is_default,
    })));
  }

  createUnit(input: { name: string; label: string; prefix?: string; is_default?: Json }): CreateResult {
    if (this.unitsByName.has(input.name)) return { duplicate: true };
    const isDefault = toBoolean(input.is_default);
    const now = timestamp();
    const unit: StoredUnit = {
      id: this.nextId++,
      loyalty_program_id: this.defaults.loyalty_program_id,
      name: input.name,
      label: input.label,
      prefix: input.prefix ?? firstCharacter(input.name),
      is_default: isDefault,
      format: this.defaults.format,
      created_at: now,
      updated_at: now,
    };
    // The documented rule: a new default demotes every unit that was one.
    const previous = this.defaultUnits;
    const previousUpdatedAt = previous.map((u) => u.updated_at);
    if (isDefault) {
      for (const old of previous) {
        old.is_default = false;
        old.updated_at = now;
      }
      this.defaultUnits = [unit];
    }
    this.units.push(unit);
    this.unitsByName.set(unit.name, unit);
    this.unitListCache = null;
    const undo = () => {
      if (this.unitsByName.get(unit.name) !== unit) return;
      this.units = this.units.filter((u) => u !== unit);
      this.unitsByName.delete(unit.name);
      // Give the default back only if it is still ours to give: a later create may have taken it.
      if (unit.is_default) {
        previous.forEach((old, index) => {
          old.is_default = true;
          old.updated_at = previousUpdatedAt[index]!;
        });
        this.defaultUnits = previous;
      }
      this.unitListCache = null;
    };
    return { unit, undo };
  }

  snapshot(): StateSnapshot {
    return { tiers: this.tiers, contacts: [...this.contacts.values()], units: this.units };
  }
}
