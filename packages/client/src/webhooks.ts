// Entry point `@leat-openapi/client/webhooks`: receiving Leat webhooks (signature check, typed
// parsing, the generated event types). Its own entry because a receiver rarely makes API calls in
// the same process, and an app that only calls the API should not ship the receiver.
export { LeatWebhookSignatureError, verifyWebhook } from "./webhook-signature.js";
export type { LeatWebhookRawBody, LeatWebhookSignatureErrorReason } from "./webhook-signature.js";
export { LeatWebhookPayloadError, parseWebhook } from "./webhook-payload.js";
export type * from "./generated/webhooks.js";
