import type { LeatErrorCode } from "./generated/error-codes.js";

/** What the client knows about the request that failed; never its headers, which hold the key. */
interface RequestInfo {
  method: string;
  url: string;
}

export interface LeatApiErrorInit extends RequestInfo {
  status: number;
  message: string;
  code?: number | undefined;
  errors?: Record<string, string[]> | undefined;
  headers: Headers;
}

/**
 * The API answered, but not with success: an error envelope (`code`, `message`, `errors`), or a
 * body that is not what the spec describes (an HTML error page, broken JSON, a missing `data`).
 */
export class LeatApiError extends Error {
  override readonly name = "LeatApiError";
  /** The HTTP status. Leat sends its documented errors with 400, so branch on `code`. */
  readonly status: number;
  /** Leat's error code, such as 1003 or 55031; `undefined` when the body carried none. */
  readonly code: LeatErrorCode | (number & {}) | undefined;
  /** Offending input fields, each with its messages. Empty when the API named none. */
  readonly errors: Readonly<Record<string, readonly string[]>>;
  /** The value of the response's request-id header, when it has one. */
  readonly requestId: string | undefined;
  /** The response headers. */
  readonly headers: Headers;
  /** Seconds the server asked to wait before trying again (`Retry-After`), when it said so. */
  readonly retryAfter: number | undefined;
  readonly method: string;
  readonly url: string;

  constructor(init: LeatApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.errors = init.errors ?? {};
    this.headers = init.headers;
    this.requestId =
      init.headers.get("x-request-id") ?? init.headers.get("request-id") ?? init.headers.get("x-correlation-id") ?? undefined;
    this.retryAfter = parseRetryAfter(init.headers.get("retry-after"), Date.now());
    this.method = init.method;
    this.url = init.url;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      errors: this.errors,
      requestId: this.requestId,
      retryAfter: this.retryAfter,
      method: this.method,
      url: this.url,
    };
  }
}

/** The request never got an answer: DNS failure, refused or reset connection, cut-off body. */
export class LeatConnectionError extends Error {
  override readonly name = "LeatConnectionError";
  readonly method: string;
  readonly url: string;

  constructor(message: string, init: RequestInfo & { cause: Error }) {
    super(message, { cause: init.cause });
    this.method = init.method;
    this.url = init.url;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, method: this.method, url: this.url };
  }
}

/** No complete answer arrived within `timeoutMs`. */
export class LeatTimeoutError extends Error {
  override readonly name = "LeatTimeoutError";
  readonly timeoutMs: number;
  readonly method: string;
  readonly url: string;

  constructor(init: RequestInfo & { timeoutMs: number }) {
    super(`${init.method} ${init.url} got no complete response within ${init.timeoutMs} ms`);
    this.timeoutMs = init.timeoutMs;
    this.method = init.method;
    this.url = init.url;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, timeoutMs: this.timeoutMs, method: this.method, url: this.url };
  }
}

/**
 * True when `error` is a `LeatApiError`, and, given a code, one carrying that code:
 * `if (isLeatApiError(err, LeatErrorCode.ContactNotFound)) ...`
 */
export function isLeatApiError(error: unknown): error is LeatApiError;
export function isLeatApiError<C extends LeatErrorCode>(error: unknown, code: C): error is LeatApiError & { readonly code: C };
export function isLeatApiError(error: unknown, code?: number): boolean {
  return error instanceof LeatApiError && (code === undefined || error.code === code);
}

/** `Retry-After` in seconds (from seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
