import type { SpecModel } from "./model.js";
import type { Json, JsonObject } from "./spec.js";

/** Every operation's documented statuses and their example names: what `Prefer` accepts. */
export function exampleIndex(model: SpecModel): Json {
  const index: JsonObject = {};
  for (const op of model.operations) {
    const statuses: JsonObject = {};
    for (const [status, response] of [...op.responses].sort((a, b) => a[0] - b[0])) statuses[status] = response.examples.map((e) => e.name);
    index[op.operationId] = { method: op.method, path: op.path, statuses };
  }
  return index;
}
