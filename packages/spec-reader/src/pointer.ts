import { SpecReferenceError } from "./errors.js";
import type { Json } from "./json.js";

/** `a/b~c` -> `a~1b~0c`: one key made safe to sit between the slashes of a JSON pointer. */
export function escapePointerSegment(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** `["paths", "/units", "get"]` -> `#/paths/~1units/get` */
export function formatPointer(segments: readonly (string | number)[]): string {
  return segments.length === 0 ? "#" : `#/${segments.map(escapePointerSegment).join("/")}`;
}

/** Appends keys to a pointer: `childPointer("#/paths", "/units")` -> `#/paths/~1units`. */
export function childPointer(pointer: string, ...keys: (string | number)[]): string {
  const base = pointer === "#" || pointer === "" ? "#" : pointer;
  return keys.length === 0 ? base : `${base}/${keys.map(escapePointerSegment).join("/")}`;
}

/**
 * `#/paths/~1units/get` (URI fragment form, percent-decoded) or `/paths/~1units/get` (plain
 * JSON pointer) -> `["paths", "/units", "get"]`.
 */
export function parsePointer(pointer: string): string[] {
  let body = pointer;
  if (body.startsWith("#")) {
    try {
      body = decodeURIComponent(body.slice(1));
    } catch {
      throw new SpecReferenceError(`Malformed JSON pointer "${pointer}": bad percent-encoding.`, pointer);
    }
  }
  if (body === "") return [];
  if (!body.startsWith("/")) {
    throw new SpecReferenceError(`Malformed JSON pointer "${pointer}": it must start with "#/" or "/".`, pointer);
  }
  return body.slice(1).split("/").map(unescapePointerSegment);
}

/** The value at a pointer, or undefined when some key on the way is missing. */
export function findAtPointer(document: Json, pointer: string): Json | undefined {
  let node: Json | undefined = document;
  for (const key of parsePointer(pointer)) {
    if (Array.isArray(node)) node = /^(0|[1-9]\d*)$/.test(key) ? node[Number(key)] : undefined;
    else if (node !== null && typeof node === "object") node = Object.hasOwn(node, key) ? node[key] : undefined;
    else node = undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** The value at a pointer; throws a SpecReferenceError naming the first key that is missing. */
export function getAtPointer(document: Json, pointer: string, where = "the document"): Json {
  let node: Json | undefined = document;
  const keys = parsePointer(pointer);
  keys.forEach((key, index) => {
    const next = Array.isArray(node)
      ? /^(0|[1-9]\d*)$/.test(key)
        ? node[Number(key)]
        : undefined
      : node !== null && typeof node === "object" && Object.hasOwn(node, key)
        ? (node as Record<string, Json>)[key]
        : undefined;
    if (next === undefined) {
      throw new SpecReferenceError(
        `${pointer} does not exist in ${where}: ${formatPointer(keys.slice(0, index))} has no "${key}".`,
        pointer,
      );
    }
    node = next;
  });
  return node as Json;
}
