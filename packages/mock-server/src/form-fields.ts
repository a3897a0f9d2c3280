// PHP's reading of form and query fields, which Leat's PHP SDK relies on:
// `attributes[firstname]=Ada` is `{ attributes: { firstname: "Ada" } }`, `tags[]=a&tags[]=b` is
// `{ tags: ["a", "b"] }`, and a repeated plain field keeps its last value.
import type { Json, JsonObject } from "./spec.js";

type Node = { [key: string]: Node | string };

/** `a[b][]` -> ["a", "b", ""]; a name without brackets is one key. Unbalanced brackets stay in the key, as PHP does. */
function keysOf(name: string): string[] {
  const open = name.indexOf("[");
  if (open <= 0) return [name];
  const keys = [name.slice(0, open)];
  let rest = name.slice(open);
  while (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close < 0) return [name];
    keys.push(rest.slice(1, close));
    rest = rest.slice(close + 1);
  }
  return rest === "" ? keys : [name];
}

/** Objects whose keys are 0..n-1 become arrays, as `json_encode` writes PHP lists. */
function toJson(node: Node | string): Json {
  if (typeof node === "string") return node;
  const keys = Object.keys(node);
  const values = keys.map((k) => toJson(node[k]!));
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return values;
  const object: JsonObject = {};
  // defineProperty: a field named `__proto__` stays a field instead of replacing the prototype.
  keys.forEach((k, i) => Object.defineProperty(object, k, { value: values[i]!, enumerable: true, writable: true, configurable: true }));
  return object;
}

/** Fields (in order) to the nested object PHP would give the API. */
export function formFieldsToObject(fields: Iterable<[string, string]>): JsonObject {
  const root: Node = Object.create(null) as Node;
  for (const [name, value] of fields) {
    const keys = keysOf(name);
    let node = root;
    for (let i = 0; i < keys.length; i++) {
      let key = keys[i]!;
      if (key === "") key = String(Object.keys(node).length); // `[]` appends
      if (i === keys.length - 1) {
        node[key] = value;
      } else {
        const next = node[key];
        node = node[key] = typeof next === "object" ? next : (Object.create(null) as Node);
      }
    }
  }
  return toJson(root) as JsonObject;
}
