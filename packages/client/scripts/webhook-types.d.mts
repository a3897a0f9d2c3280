// Types for webhook-types.mjs, so tests can call the generator in-process.
import type { SpecReader } from "@leat-openapi/spec-reader";

export class WebhookTypesError extends Error {}

/** The text of src/generated/webhooks.ts for a spec; `fail` (default: throw WebhookTypesError) gets each refusal. */
export function webhookTypes(spec: SpecReader, options: { header: string; fail?: (message: string) => never }): string;
