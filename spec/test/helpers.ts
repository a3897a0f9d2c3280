import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSpec, type JsonObject, type SpecReader } from "@leat-openapi/spec-reader";

export type { Json, JsonObject } from "@leat-openapi/spec-reader";

export const specDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = join(specDir, "..");
export const bundleFile = join(specDir, "dist", "openapi.json");
export const sourceFile = join(specDir, "openapi.yaml");

/** The built bundle, read by the spec reader; it is shared, so clone it before changing it. */
export function bundleReader(): SpecReader {
  if (!existsSync(bundleFile)) {
    throw new Error(`${bundleFile} is missing: run the spec build first (pnpm --filter @leat-openapi/spec run build)`);
  }
  return readSpec(bundleFile);
}

export function loadBundle(): JsonObject {
  return bundleReader().document;
}

/** The value at a JSON pointer such as `#/components/schemas/Tier` (throws naming the missing key). */
export function atPointer(document: JsonObject, pointer: string) {
  return readSpec(document).get(pointer);
}

export { HTTP_METHODS } from "@leat-openapi/spec-reader";

/** A node with its `$ref` chain followed, by the spec reader. */
export function deref(document: JsonObject, node: unknown) {
  return readSpec(document).resolve(node as JsonObject).value;
}
