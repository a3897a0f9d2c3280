export { createLeatClient, DEFAULT_BASE_URL } from "./client.js";
export type { LeatApi, LeatClient, LeatClientOptions, LeatRequestOptions } from "./client.js";
export { LeatApiError, LeatConnectionError, LeatTimeoutError, isLeatApiError } from "./errors.js";
export type { LeatApiErrorInit } from "./errors.js";
export { LeatErrorCode } from "./generated/error-codes.js";
export type * from "./generated/resources.js";
export type { LeatPage, LeatPagePromise, LeatPromise, LeatRateLimit, LeatResponse } from "./resources/promise.js";
export type * from "./types.js";
