// Checks the payloads the mock sends against the spec's `webhooks` (the request body each one
// describes), as the mock checks its own answers: the mock's tests fail on a payload that
// drifts from the spec, or on an event the spec does not list.
import type { ValidateFunction } from "ajv";
import type { SpecModel } from "./model.js";
import type { JsonObject } from "./spec.js";

export interface WebhookPayloadCheck {
  (event: string, payload: JsonObject): string[];
  /** The spec's operationId for the event's webhook, or null when it has none. */
  operationId(event: string): string | null;
}

export function webhookPayloadCheck(model: SpecModel): WebhookPayloadCheck {
  const compiled = new Map<string, ValidateFunction | null>();
  const hook = (event: string) => model.reader.webhooks().find((w) => w.event === event && w.method.toLowerCase() === "post");
  const check = ((event, payload) => {
    const found = hook(event);
    if (!found) return [`the spec's webhooks have no POST ${event}`];
    let validate = compiled.get(event);
    if (validate === undefined) {
      const at = found.requestBody?.content["application/json"]?.schemaAt;
      validate = at ? model.schemas.at(at.pointer) : null;
      compiled.set(event, validate);
    }
    if (!validate || validate(payload)) return [];
    return (validate.errors ?? []).map((e) => `payload${e.instancePath} ${e.message ?? "is invalid"}`);
  }) as WebhookPayloadCheck;
  check.operationId = (event) => hook(event)?.operationId ?? null;
  return check;
}
