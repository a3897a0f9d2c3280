// Receiving Leat webhooks: signature check, typed parsing, and the generated event types.
export { LeatWebhookSignatureError, verifyWebhook } from "./webhook-signature.js";
export type { LeatWebhookRawBody, LeatWebhookSignatureErrorReason } from "./webhook-signature.js";
export { LeatWebhookPayloadError, parseWebhook } from "./webhook-payload.js";
export type * from "./generated/webhooks.js";
