// Public names for the spec's schemas. They are aliases of the generated types, so the spec stays
// the only place a shape is written down.
import type { components, operations, paths } from "./generated/schema.js";

type Schemas = components["schemas"];

/** A status level contacts of the loyalty program can reach. */
export type Tier = Schemas["Tier"];
/** What the API sends in place of a tier for a contact without one (`name` is `null` or `""`). */
export type NoTier = Schemas["NoTier"];
/** A unit as listed for the account. */
export type Unit = Schemas["Unit"];
/** A unit as returned right after it was created. */
export type CreatedUnit = Schemas["CreatedUnit"];
/** The fields of a new unit. */
export type CreateUnitBody = Schemas["CreateUnitBody"];
/** The body of a failed request. */
export type ErrorEnvelope = Schemas["ErrorEnvelope"];

export type { components, operations, paths };
