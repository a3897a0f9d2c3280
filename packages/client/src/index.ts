export { createLeatClient, DEFAULT_BASE_URL } from "./client.js";
export type { LeatApi, LeatClient, LeatClientOptions, LeatRequestOptions } from "./client.js";
export { LeatApiError, LeatConnectionError, LeatTimeoutError, isLeatApiError } from "./errors.js";
export type { LeatApiErrorInit } from "./errors.js";
export * from "./webhooks.js";
export { LeatErrorCode } from "./generated/error-codes.js";
export type { CreatedUnit, CreateUnitBody, ErrorEnvelope, NoTier, Tier, Unit, components, operations, paths } from "./types.js";
