// Turns a verified delivery into the typed event. The check is the envelope every event shares
// ({type, data}); fields inside `data` are the spec's inference and are not enforced.
import type { LeatWebhookEvent } from "./generated/webhooks.js";
import { type LeatWebhookRawBody, rawBytes, verifyWebhook } from "./webhook-signature.js";

/** The signature was right but the body is not a `{ "type": string, "data": object }` JSON object. */
export class LeatWebhookPayloadError extends Error {
  override readonly name = "LeatWebhookPayloadError";
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Verifies the delivery like {@link verifyWebhook}, then parses it. Narrow the result with
 * `event.type`. An event the spec does not describe yet is returned as sent, so keep a default
 * branch.
 */
export async function parseWebhook(
  rawBody: LeatWebhookRawBody,
  signature: string | null | undefined,
  secret: string,
): Promise<LeatWebhookEvent> {
  await verifyWebhook(rawBody, signature, secret);
  let text: string;
  let event: unknown;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(rawBytes(rawBody));
    event = JSON.parse(text);
  } catch (cause) {
    throw new LeatWebhookPayloadError("The webhook body is not UTF-8 JSON.", { cause });
  }
  if (!isObject(event) || typeof event.type !== "string" || !isObject(event.data)) {
    throw new LeatWebhookPayloadError('The webhook body is not a {"type": string, "data": object} event.');
  }
  return event as LeatWebhookEvent;
}
