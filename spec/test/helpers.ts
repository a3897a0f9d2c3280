import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const specDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = join(specDir, "..");

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export function loadBundle(): JsonObject {
  try {
    return JSON.parse(readFileSync(join(specDir, "dist", "openapi.json"), "utf8")) as JsonObject;
  } catch (error) {
    throw new Error(`spec/dist/openapi.json is missing or unreadable: run the spec build first (${String(error)})`);
  }
}

/** Reads the value at a JSON pointer such as `#/components/schemas/Tier`. */
export function atPointer(document: Json, pointer: string): Json {
  const parts = pointer.replace(/^#\/?/, "").split("/").filter(Boolean);
  let node: Json = document;
  for (const raw of parts) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node)) {
      throw new Error(`No node at ${pointer} (stopped at "${key}")`);
    }
    node = (node as Record<string, Json>)[key];
  }
  return node;
}

/** Follows internal `$ref`s until it reaches a node that is not a reference. */
export function deref(document: Json, node: Json): Json {
  let current = node;
  for (let i = 0; i < 20; i++) {
    if (current && typeof current === "object" && !Array.isArray(current) && typeof current.$ref === "string") {
      current = atPointer(document, current.$ref);
    } else {
      return current;
    }
  }
  throw new Error("Reference chain too long");
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
