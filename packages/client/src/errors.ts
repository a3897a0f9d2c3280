import type { LeatErrorCode } from "./generated/error-codes.js";

/** What the client knows about the request that failed; never its headers, which hold the key. */
type RequestInfo = {
  method: string;
  url: string;
};

export interface LeatApiErrorInit extends RequestInfo {
  status: number;
  message: string;
  code?: number | undefined;
  errors?: Record<string, string[]> | undefined;
  headers: Headers;
}

/** What the three error classes share: the failed request, and a JSON form that keeps the message. */
abstract class LeatError extends Error {
  declare readonly method: string;
  declare readonly url: string;

  constructor(message: string, fields: RequestInfo & Record<string, unknown>, options?: ErrorOptions) {
    super(message, options);
    Object.assign(this, fields);
  }

  // Error's own `message` is not enumerable, so JSON.stringify would drop it; `name` is an own
  // field of each subclass. The headers stay out (a Headers object serializes to `{}` anyway).
  toJSON(): Record<string, unknown> {
    const { headers: _headers, ...fields } = this as unknown as Record<string, unknown>;
    return { message: this.message, ...fields };
  }
}

/**
 * The API answered, but not with success: an error envelope (`code`, `message`, `errors`), or a
 * body that is not what the spec describes (an HTML error page, broken JSON, a missing `data`).
 */
export class LeatApiError extends LeatError {
  override readonly name = "LeatApiError";
  /** The HTTP status. Leat sends its documented errors with 400, so branch on `code`. */
  declare readonly status: number;
  /** Leat's error code, such as 1003 or 55031; `undefined` when the body carried none. */
  declare readonly code: LeatErrorCode | (number & {}) | undefined;
  /** Offending input fields, each with its messages. Empty when the API named none. */
  declare readonly errors: Readonly<Record<string, readonly string[]>>;
  /** The value of the response's request-id header, when it has one. */
  declare readonly requestId: string | undefined;
  /** The response headers. */
  declare readonly headers: Headers;
  /** Seconds the server asked to wait before trying again (`Retry-After`), when it said so. */
  declare readonly retryAfter: number | undefined;

  constructor(init: LeatApiErrorInit) {
    const { headers } = init;
    super(init.message, {
      ...init,
      errors: init.errors ?? {},
      requestId: requestIdOf(headers),
      retryAfter: parseRetryAfter(headers.get("retry-after"), Date.now()),
    });
  }
}

/** The request never got an answer: DNS failure, refused or reset connection, cut-off body. */
export class LeatConnectionError extends LeatError {
  override readonly name = "LeatConnectionError";

  constructor(message: string, { cause, ...request }: RequestInfo & { cause: Error }) {
    super(message, request, { cause });
  }
}

/** No complete answer arrived within `timeoutMs`. */
export class LeatTimeoutError extends LeatError {
  override readonly name = "LeatTimeoutError";
  declare readonly timeoutMs: number;

  constructor(init: RequestInfo & { timeoutMs: number }) {
    super(`${init.method} ${init.url} got no complete response within ${init.timeoutMs} ms`, init);
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

/** The response's request id, from the first of the headers servers commonly use for it. */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("request-id") ?? headers.get("x-correlation-id") ?? undefined;
}

/** `Retry-After` in seconds (from seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
