// Public names for the spec's types. The named schema types are generated from the spec's
// component schemas (src/generated/schemas.ts), so the spec stays the only place a shape is
// written down; `paths`, `operations` and `components` are @leat-openapi/spec's own.
import type { components, operations, paths } from "@leat-openapi/spec/schema";

export type * from "./generated/schemas.js";
export type { components, operations, paths };
