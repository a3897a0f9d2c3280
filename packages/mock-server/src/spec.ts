import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The bundled OpenAPI document, as published by @leat-openapi/spec. */
export function loadBundledDocument(): JsonObject {
  // tsup's shims give the CommonJS build an import.meta.url too.
  const require = createRequire(import.meta.url);
  let file: string;
  try {
    file = require.resolve("@leat-openapi/spec/openapi.json");
  } catch (cause) {
    throw new Error(
      "Cannot find @leat-openapi/spec/openapi.json. In the monorepo, build the spec first (pnpm --filter @leat-openapi/spec build).",
      { cause },
    );
  }
  return JSON.parse(readFileSync(file, "utf8")) as JsonObject;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
