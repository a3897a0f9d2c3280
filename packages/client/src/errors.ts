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

// An app can hold two copies of this package (its ESM build and, through a dependency, its
// CommonJS one), each with its own classes; `instanceof` alone would then miss the other's
// errors. Every error carries this registry-wide symbol with its class name, and the checks read it.
const BRAND = Symbol.for("@leat-openapi/client.error");

function brandOf(value: unknown): string | undefined {
  const brand = typeof value === "object" && value !== null ? (value as Record<symbol, unknown>)[BRAND] : undefined;
  return typeof brand === "string" ? brand : undefined;
}

/**
 * What every error of this client shares: the failed request, and a JSON form that keeps the
 * message. `instanceof` works across copies of the package too, through the brand.
 */
export abstract class LeatError extends Error {
  declare readonly method: string;
  declare readonly url: string;

  constructor(message: string, fields: RequestInfo & Record<string, unknown>, options?: ErrorOptions) {
    super(message, options);
    Object.assign(this, fields);
    // Not enumerable, so JSON and inspect output stay as they were.
    Object.defineProperty(this, BRAND, { value: new.target.brand });
  }

  /** The class name the brand records; subclasses of the client's own classes keep their parent's. */
  static readonly brand: string = "LeatError";

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // A caller's own subclass: only its prototype chain can say.
    if (!Object.hasOwn(this, "brand")) return false;
    const brand = brandOf(value);
    return brand !== undefined && (this.brand === "LeatError" || brand === this.brand);
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
  static override readonly brand: string = "LeatApiError";
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
  /** From X-RateLimit-Limit / X-RateLimit-Remaining; `undefined` when either is missing. */
  declare readonly rateLimit: LeatRateLimit | undefined;

  constructor(init: LeatApiErrorInit) {
    const { headers } = init;
    super(init.message, {
      ...init,
      errors: init.errors ?? {},
      requestId: requestIdOf(headers),
      retryAfter: parseRetryAfter(headers.get("retry-after"), Date.now()),
      rateLimit: rateLimitOf(headers),
    });
  }
}

/** The request never got an answer: DNS failure, refused or reset connection, cut-off body. */
export class LeatConnectionError extends LeatError {
  static override readonly brand: string = "LeatConnectionError";
  override readonly name = "LeatConnectionError";

  constructor(message: string, { cause, ...request }: RequestInfo & { cause: Error }) {
    super(message, request, { cause });
  }
}

/** No complete answer arrived within `timeoutMs`, or the call's `totalTimeoutMs` ran out first. */
export class LeatTimeoutError extends LeatError {
  static override readonly brand: string = "LeatTimeoutError";
  override readonly name = "LeatTimeoutError";
  /** The limit that ran out, in milliseconds: the attempt's `timeoutMs` or the call's `totalTimeoutMs`. */
  declare readonly timeoutMs: number;
  /** True when it was the whole call's budget (`totalTimeoutMs`) that ran out. */
  declare readonly budget: boolean;

  constructor({ budget = false, ...init }: RequestInfo & { timeoutMs: number; budget?: boolean }) {
    super(
      `${init.method} ${init.url} got no complete response within ${budget ? `the call's budget of ${init.timeoutMs} ms (totalTimeoutMs)` : `${init.timeoutMs} ms`}`,
      { ...init, budget },
    );
  }
}

/** True for any error this client throws (from any copy of the package). */
export function isLeatError(error: unknown): error is LeatError {
  return brandOf(error) !== undefined;
}

/**
 * True when `error` is a `LeatApiError` (from any copy of the package), and, given a code, one
 * carrying that code: `if (isLeatApiError(err, LeatErrorCode.ContactNotFound)) ...`. Codes the
 * spec does not list are accepted too, as plain numbers.
 */
export function isLeatApiError(error: unknown): error is LeatApiError;
export function isLeatApiError<C extends LeatErrorCode | (number & {})>(error: unknown, code: C): error is LeatApiError & { readonly code: C };
export function isLeatApiError(error: unknown, code?: number): boolean {
  return brandOf(error) === "LeatApiError" && (code === undefined || (error as LeatApiError).code === code);
}

/** X-RateLimit-Limit and X-RateLimit-Remaining of one response. */
export interface LeatRateLimit {
  limit: number;
  remaining: number;
}

/** The response's rate limit headers; `undefined` when either is missing or not a number. */
export function rateLimitOf(headers: Headers): LeatRateLimit | undefined {
  const limit = headers.get("x-ratelimit-limit");
  const remaining = headers.get("x-ratelimit-remaining");
  if (limit === null || remaining === null) return undefined;
  const parsed = { limit: Number(limit), remaining: Number(remaining) };
  return Number.isFinite(parsed.limit) && Number.isFinite(parsed.remaining) ? parsed : undefined;
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
