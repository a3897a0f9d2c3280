// Response and request bodies come from the bundled spec's own examples, so the bench never
// carries a copy of a schema or payload that could drift from it.
import { readFileSync } from "node:fs";
import { specJsonPath } from "./paths.mjs";

/** @type {any} */
let cached;
function spec() {
  cached ??= JSON.parse(readFileSync(specJsonPath(), "utf8"));
  return cached;
}

/**
 * @param {any} node
 * @returns {any}
 */
function deref(node) {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`spec: $ref loop at ${node.$ref}`);
    const ref = /** @type {string} */ (current.$ref);
    if (!ref.startsWith("#/")) throw new Error(`spec: external $ref ${ref} in the bundled spec`);
    current = ref
      .slice(2)
      .split("/")
      .reduce((acc, key) => acc?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec());
    if (current === undefined) throw new Error(`spec: $ref ${ref} does not resolve`);
  }
  return current;
}

/**
 * @param {{ examples?: Record<string, unknown>, example?: unknown }} media
 * @param {string} where
 */
function firstExample(media, where) {
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  if (first === undefined) throw new Error(`spec: ${where} has no example`);
  return deref(first).value;
}

/** The JSON text of the first 200 example of GET /tiers. */
export function tiersResponseText() {
  const response = deref(spec().paths?.["/tiers"]?.get?.responses?.["200"]);
  const media = response?.content?.["application/json"];
  if (!media) throw new Error("spec: GET /tiers has no 200 application/json response");
  return JSON.stringify(firstExample(media, "GET /tiers 200"));
}

/** The first JSON request example of POST /units. */
export function createUnitExample() {
  const body = deref(spec().paths?.["/units"]?.post?.requestBody);
  const media = body?.content?.["application/json"];
  if (!media) throw new Error("spec: POST /units has no application/json request body");
  return /** @type {Record<string, unknown>} */ (firstExample(media, "POST /units request"));
}
