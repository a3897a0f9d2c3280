// Every resource with rules of its own. An operation no module names answers its documented
// examples (see engine.ts); adding a resource's rules is one file here and one line below.
import type { AnyModule } from "../module.js";
import { contactTiers } from "./contact-tiers.js";
import { units } from "./units.js";

export const modules: readonly AnyModule[] = [contactTiers, units];
