// The only hand-written behaviour of the generated methods: results that differ from the spec's
// `data`. `Overrides` gives each overridden method's result type (the generator reads its keys),
// `overrides` the function that turns `data` into it.
import type { NoTier, Tier } from "../generated/schemas.js";

export interface Overrides {
  "contacts.getTier": Tier | null;
}

export const overrides: { [Method in keyof Overrides]: (data: never) => Overrides[Method] } = {
  // A contact without a tier gets `data: null` (as captured) or a NoTier, whose name is null or "".
  "contacts.getTier": (data: Tier | NoTier | null) => (data?.name ? (data as Tier) : null),
};
