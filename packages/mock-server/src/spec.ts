import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The bundled OpenAPI document, as published by @leat-openapi/spec. */
export function loadBundledDocument(): JsonObject {
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

/** Reads a local JSON pointer such as `#/components/responses/Unauthorized`. */
export function pointer(document: JsonObject, ref: string): Json {
  if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, got ${ref}`);
  let node: Json = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) && !Array.isArray(node)) throw new Error(`Broken $ref ${ref}`);
    const next: Json | undefined = Array.isArray(node) ? node[Number(key)] : node[key];
    if (next === undefined) throw new Error(`Broken $ref ${ref}`);
    node = next;
  }
  return node;
}

/** Escapes a key for use inside a JSON pointer. */
export function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
