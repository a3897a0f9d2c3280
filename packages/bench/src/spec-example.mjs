// Response and request bodies come from the bundled spec's own examples, so the bench never
// carries a copy of a schema or payload that could drift from it.
import { readSpec } from "@leat-openapi/spec-reader";
import { specJsonPath } from "./paths.mjs";

/**
 * @param {import("@leat-openapi/spec-reader").MediaType | undefined} media
 * @param {string} where
 */
function firstExample(media, where) {
  if (!media) throw new Error(`spec: ${where} has no application/json body`);
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples)[0];
  if (first?.value === undefined) throw new Error(`spec: ${where} has no example`);
  return first.value;
}

/** @param {"get" | "post"} method @param {string} path */
function operation(method, path) {
  const op = readSpec(specJsonPath()).findOperation(method, path);
  if (!op) throw new Error(`spec: no ${method.toUpperCase()} ${path} operation`);
  return op;
}

/** The JSON text of the first 200 example of GET /tiers. */
export function tiersResponseText() {
  return JSON.stringify(firstExample(operation("get", "/tiers").responses["200"]?.content["application/json"], "GET /tiers 200"));
}

/** The first JSON request example of POST /units. */
export function createUnitExample() {
  const media = operation("post", "/units").requestBody?.content["application/json"];
  return /** @type {Record<string, unknown>} */ (firstExample(media, "POST /units request"));
}
